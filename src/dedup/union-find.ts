/**
 * Union-find over numeric keys that only holds the documents that appear in edges.
 * The root of every set is its smallest key, so the survivor does not depend on edge order.
 */
export class UnionFind {
  private readonly parent = new Map<number, number>();

  find(key: number): number {
    let node = key;
    let parent = this.parent.get(node);
    if (parent === undefined) {
      this.parent.set(node, node);
      return node;
    }
    while (parent !== node) {
      const grandparent: number = this.parent.get(parent)!;
      this.parent.set(node, grandparent);
      node = parent;
      parent = grandparent;
    }
    return node;
  }

  union(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA === rootB) return;
    if (rootA < rootB) this.parent.set(rootB, rootA);
    else this.parent.set(rootA, rootB);
  }

  nodes(): IterableIterator<number> {
    return this.parent.keys();
  }

  /** Root → number of members, for every set. */
  componentSizes(): Map<number, number> {
    const sizes = new Map<number, number>();
    for (const node of this.parent.keys()) {
      const root = this.find(node);
      sizes.set(root, (sizes.get(root) ?? 0) + 1);
    }
    return sizes;
  }
}
