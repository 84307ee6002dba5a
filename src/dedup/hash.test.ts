import assert from 'node:assert/strict';
import { test } from 'node:test';
import { murmurWindow, permutations } from './hash.js';
import { candidateProbability, optimalBands } from './lsh.js';
import { contentForm, identityForm } from './normalize.js';
import { estimatedJaccard, minhash } from './signature.js';

/** Byte-oriented murmur3_32 straight from the reference algorithm, to cross-check the code-unit version. */
function referenceMurmur3(bytes: Uint8Array, seed: number): number {
  let h = seed >>> 0;
  const blocks = bytes.length >> 2;
  const mix = (k: number) => {
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    return Math.imul(k, 0x1b873593);
  };
  for (let i = 0; i < blocks; i++) {
    const k = bytes[4 * i] | (bytes[4 * i + 1] << 8) | (bytes[4 * i + 2] << 16) | (bytes[4 * i + 3] << 24);
    h ^= mix(k);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let tail = 0;
  const rest = bytes.length & 3;
  for (let i = rest - 1; i >= 0; i--) tail = (tail << 8) | bytes[4 * blocks + i];
  if (rest) h ^= mix(tail);
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

test('murmurWindow is murmur3_32 of the UTF-16LE bytes of the window', () => {
  // "test" as bytes 74 65 73 74 → UTF-16 units 0x6574 0x7473; published murmur3_32("test", 0) = 0xba6bd213.
  assert.equal(murmurWindow(String.fromCharCode(0x6574, 0x7473), 0, 2, 0) >>> 0, 0xba6bd213);
  const text = '淘米是一个面向中文网页语料的清洗工具，支持去重。𠀀';
  for (let start = 0; start < 8; start++) {
    for (const length of [1, 2, 3, 5, 8]) {
      const window = text.slice(start, start + length);
      const expected = referenceMurmur3(new Uint8Array(Buffer.from(window, 'utf16le')), 42);
      assert.equal(murmurWindow(text, start, start + length, 42), expected, `${start}+${length}`);
    }
  }
});

test('permutations are fixed across runs and multipliers are odd (bijective)', () => {
  const a = permutations(64);
  const b = permutations(64);
  assert.deepEqual(a, b);
  for (const multiplier of a.multipliers) assert.equal(multiplier & 1, 1);
});

test('estimated Jaccard tracks the true Jaccard within sampling error', () => {
  const perms = permutations(256);
  const shared = Int32Array.from({ length: 700 }, (_, i) => Math.imul(i + 1, 0x9e3779b1));
  const onlyA = Int32Array.from({ length: 150 }, (_, i) => Math.imul(i + 5000, 0x85ebca6b));
  const onlyB = Int32Array.from({ length: 150 }, (_, i) => Math.imul(i + 9000, 0xc2b2ae35));
  const a = Int32Array.from([...shared, ...onlyA]);
  const b = Int32Array.from([...shared, ...onlyB]);
  const estimate = estimatedJaccard(minhash(a, a.length, perms, new Int32Array(256)), minhash(b, b.length, perms, new Int32Array(256)));
  // True Jaccard 0.7; three standard errors of a 256-permutation estimate is about 0.086.
  assert.ok(Math.abs(estimate - 0.7) < 0.086, `estimate ${estimate}`);
});

test('LSH layout matches the datasketch optimum and the S-curve formula', () => {
  assert.deepEqual(optimalBands(0.8, 128), { bands: 9, rows: 13 });
  assert.deepEqual(optimalBands(0.7, 128, 0.2, 0.8), { bands: 18, rows: 7 });
  assert.equal(candidateProbability(1, { bands: 18, rows: 7 }), 1);
  assert.ok(Math.abs(candidateProbability(0.5, { bands: 2, rows: 1 }) - 0.75) < 1e-12);
});

test('normal forms fold width, case, whitespace, punctuation and digits', () => {
  assert.equal(identityForm(' Ｔａｏ Mi\n淘米 '), 'taomi淘米');
  assert.equal(contentForm('２０２４年，淘米（TaoMi）上线！\t第3版'), '0000年淘米taomi上线第0版');
});

test('normal forms stay linear on adversarial 1 MB inputs', () => {
  const inputs = ['，'.repeat(1 << 20), ' \t'.repeat(1 << 19), '9，'.repeat(1 << 19), '淘'.repeat(1 << 20)];
  // CPU time, not wall time: the bound must hold on a busy CI machine too.
  const before = process.cpuUsage();
  for (const input of inputs) {
    contentForm(input);
    identityForm(input);
  }
  const used = process.cpuUsage(before);
  assert.ok((used.user + used.system) / 1000 < 3000);
});

test('minhash gives the same value per permutation whatever the permutation count (unrolled and tail paths)', () => {
  const hashes = Int32Array.from({ length: 300 }, (_, i) => Math.imul(i + 11, 0x9e3779b1));
  const wide = minhash(hashes, hashes.length, permutations(10), new Int32Array(10));
  const narrow = minhash(hashes, hashes.length, permutations(3), new Int32Array(3));
  assert.deepEqual([...narrow], [...wide.subarray(0, 3)]);
  const single = permutations(1);
  let expected = 0x7fffffff;
  for (const h of hashes) {
    let v = Math.imul(h ^ single.masks[0], single.multipliers[0]);
    v ^= v >>> 15;
    expected = Math.min(expected, v);
  }
  assert.equal(minhash(hashes, hashes.length, single, new Int32Array(1))[0], expected);
});
