/** One occurrence of a pattern: UTF-16 offsets `[start, end)` into the scanned text. */
export interface PatternMatch {
  pattern: number;
  start: number;
  end: number;
}

function fold(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

/**
 * Aho–Corasick automaton over UTF-16 code units, ASCII case-insensitive: one pass over the text finds
 * every occurrence of every pattern, whatever the lexicon size.
 */
export class AhoCorasick {
  private readonly children: Array<Map<number, number>> = [new Map()];
  /** Transitions out of the root as a flat table: most characters of a text restart there. */
  private readonly rootNext = new Int32Array(0x10000);
  private readonly fail: Int32Array;
  /** Pattern ending at this node (longest), or -1. */
  private readonly output: Int32Array;
  /** Nearest node on the failure chain that ends a pattern, or -1. */
  private readonly outputLink: Int32Array;
  private readonly lengths: Int32Array;

  constructor(patterns: readonly string[]) {
    const outputs: number[] = [-1];
    this.lengths = Int32Array.from(patterns, (pattern) => pattern.length);
    patterns.forEach((pattern, id) => {
      if (pattern.length === 0) throw new Error('empty pattern');
      let node = 0;
      for (let i = 0; i < pattern.length; i++) {
        const code = fold(pattern.charCodeAt(i));
        let next = this.children[node].get(code);
        if (next === undefined) {
          next = this.children.length;
          this.children.push(new Map());
          outputs.push(-1);
          this.children[node].set(code, next);
        }
        node = next;
      }
      if (outputs[node] === -1) outputs[node] = id;
    });
    const size = this.children.length;
    this.output = Int32Array.from(outputs);
    this.fail = new Int32Array(size);
    this.outputLink = new Int32Array(size).fill(-1);
    for (const [code, child] of this.children[0]) this.rootNext[code] = child;
    this.linkFailures();
  }

  private linkFailures(): void {
    const queue: number[] = [...this.children[0].values()];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head];
      for (const [code, child] of this.children[node]) {
        queue.push(child);
        let fallback = this.fail[node];
        while (fallback !== 0 && !this.children[fallback].has(code)) fallback = this.fail[fallback];
        const target = this.children[fallback].get(code);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        const failTo = this.fail[child];
        this.outputLink[child] = this.output[failTo] !== -1 ? failTo : this.outputLink[failTo];
      }
    }
  }

  private step(state: number, code: number): number {
    while (state !== 0) {
      const next = this.children[state].get(code);
      if (next !== undefined) return next;
      state = this.fail[state];
    }
    return this.rootNext[code];
  }

  /** Every occurrence, overlapping ones included, in order of their end offset. */
  findAll(text: string): PatternMatch[] {
    const matches: PatternMatch[] = [];
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      state = this.step(state, fold(text.charCodeAt(i)));
      for (let node = this.output[state] !== -1 ? state : this.outputLink[state]; node !== -1; node = this.outputLink[node]) {
        const pattern = this.output[node];
        matches.push({ pattern, start: i + 1 - this.lengths[pattern], end: i + 1 });
      }
    }
    return matches;
  }

  /** Leftmost-longest occurrences that do not overlap (so `现金网网址` is not also counted as `现金网`). */
  findLongest(text: string): PatternMatch[] {
    const all = this.findAll(text).sort((a, b) => a.start - b.start || b.end - a.end);
    const chosen: PatternMatch[] = [];
    let coveredUntil = 0;
    for (const match of all) {
      if (match.start < coveredUntil) continue;
      chosen.push(match);
      coveredUntil = match.end;
    }
    return chosen;
  }
}
