/**
 * Hand-written 32-bit hashes for the hot loops (an FFI call per shingle costs more than the hash).
 * Every function returns a signed int32; MinHash only needs a fixed total order, so signed compare is fine
 * and keeps V8 on its fast small-integer path.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** murmur3 finaliser: spreads every input bit over the whole word. */
export function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

function mixBlock(h: number, block: number): number {
  let k = Math.imul(block, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** murmur3-32 over the UTF-16 code units text[start, end), two units per 32-bit block, no substring. */
export function murmurWindow(text: string, start: number, end: number, seed: number): number {
  let h = seed | 0;
  let i = start;
  for (; i + 1 < end; i += 2) h = mixBlock(h, text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16));
  if (i < end) {
    let k = Math.imul(text.charCodeAt(i), C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  return fmix32(h ^ ((end - start) * 2));
}

/** murmur3-32 over int32 words values[start, end) (band hashes, word n-grams). */
export function murmurInts(values: ArrayLike<number>, start: number, end: number, seed: number): number {
  let h = seed | 0;
  for (let i = start; i < end; i++) h = mixBlock(h, values[i]);
  return fmix32(h ^ ((end - start) * 4));
}

/** Small deterministic PRNG (splitmix32) for permutation parameters. */
export function splitmix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return z ^ (z >>> 15);
  };
}

/**
 * `count` hash permutations of the xor-multiply family: p_k(h) = xorshift(imul(h ^ b_k, a_k)) with a_k odd.
 * Each p_k is a bijection on 32-bit words; the fixed seed makes signatures comparable across runs and machines.
 */
export interface Permutations {
  readonly multipliers: Int32Array;
  readonly masks: Int32Array;
}

export function permutations(count: number, seed = 0x7a6f6d69): Permutations {
  const next = splitmix32(seed);
  const multipliers = new Int32Array(count);
  const masks = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    multipliers[k] = next() | 1;
    masks[k] = next();
  }
  return { multipliers, masks };
}
