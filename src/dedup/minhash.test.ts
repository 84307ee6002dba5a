import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { Converter } from 'opencc-js/cn2t';
import type { Document } from '../core/document.js';
import { createMinhashDedup, exactJaccard, minhashOptions, type MinhashOptions } from './minhash.js';
import { clustersFromRun, generatedText, inOrder, labelledCorpus, pairScores, reversed, runCorpusStep, seededRandom, splitShards, type TaskOrder } from './testing.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'taomi-minhash-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let runs = 0;

function options(overrides: Partial<MinhashOptions> = {}): MinhashOptions {
  return { ...minhashOptions.parse({}), ...overrides };
}

function dedup(docs: Document[], shardCount: number, overrides: Partial<MinhashOptions> = {}, order: TaskOrder = inOrder) {
  return runCorpusStep(createMinhashDedup(options(overrides), 'minhash_dedup'), splitShards(docs, shardCount), path.join(scratch, String(runs++)), order);
}

const keptIds = (result: Awaited<ReturnType<typeof dedup>>) => result.kept.flat().map((doc) => doc.id).sort();

test('near-duplicate groups: pair precision and recall >= 0.95, every group keeps a member', async () => {
  const corpus = labelledCorpus();
  const result = await dedup(corpus.docs, 4);
  const scores = pairScores(corpus.groups, clustersFromRun(result, 'cluster'));
  assert.ok(scores.precision >= 0.95, `precision ${scores.precision}`);
  assert.ok(scores.recall >= 0.95, `recall ${scores.recall}`);
  const keptGroups = new Set(result.kept.flat().map((doc) => corpus.groups.get(doc.id)));
  assert.equal(keptGroups.size, new Set(corpus.groups.values()).size, 'a group lost all its members');
  for (const id of corpus.groups.keys()) {
    if (id.startsWith('short') || id.startsWith('single')) assert.ok(keptIds(result).includes(id), `${id} must survive`);
  }
  assert.equal(result.stats.counters['minhash.too_short'], 30);
});

test('removals name the survivor and the Jaccard estimate; survivors carry the cluster size', async () => {
  const corpus = labelledCorpus({ groups: 6, singles: 3 });
  const result = await dedup(corpus.docs, 2);
  const kept = new Map(result.kept.flat().map((doc) => [doc.id, doc]));
  assert.ok(result.removed.length > 0);
  for (const { doc, removal } of result.removed) {
    assert.equal(removal.rule, 'near_duplicate');
    assert.equal(removal.threshold, 0.7);
    const survivor = kept.get(String(removal.detail?.cluster));
    assert.ok(survivor, `survivor of ${doc.id} is kept`);
    assert.equal(corpus.groups.get(survivor.id), corpus.groups.get(doc.id));
    // The value is the strongest verified link; the Jaccard with the survivor can be lower (joined via others).
    assert.ok(typeof removal.value === 'number' && removal.value >= 0.7 && removal.value <= 1);
    assert.ok(typeof removal.detail?.jaccard === 'number' && removal.detail.jaccard > 0.4);
    assert.equal(corpus.groups.get(String(removal.detail?.linked_to)), corpus.groups.get(doc.id));
  }
  for (const doc of kept.values()) {
    const members = result.removed.filter((r) => r.removal.detail?.cluster === doc.id).length;
    assert.equal(doc.taomi.dup_cluster_size, members + 1, doc.id);
  }
});

test('the survivor is the earliest member in corpus order', async () => {
  const random = seededRandom(3);
  const base = generatedText(random, 800);
  const docs: Document[] = ['a', 'b', 'c'].map((id, i) => ({ id, text: base + '。'.repeat(i), fields: {}, taomi: {}, source: { file: 'x' } }));
  const result = await dedup(docs, 3);
  assert.deepEqual(keptIds(result), ['a']);
});

test('same kept set for any shard split, bucket count and task order', async () => {
  const corpus = labelledCorpus({ groups: 15, singles: 10 });
  const reference = keptIds(await dedup(corpus.docs, 1));
  for (const [shards, buckets, order] of [[3, 5, reversed], [7, 1, inOrder], [5, 16, reversed]] as const) {
    assert.deepEqual(keptIds(await dedup(corpus.docs, shards, { buckets }, order)), reference, `${shards} shards, ${buckets} buckets`);
  }
});

test('short and template-sharing documents do not collapse into one cluster', async () => {
  const random = seededRandom(11);
  // Half the shingles shared (Jaccard ~0.5): LSH makes many of these pairs candidates, verification must drop them.
  const prefix = '欢迎访问本站，以下是今日为您精心推荐的热门内容和最新资讯，希望您在这里度过愉快的时光：';
  const docs: Document[] = [];
  for (let i = 0; i < 200; i++) {
    const text = i % 2 === 0 ? `第${i}条：好` : prefix + generatedText(random, 22);
    docs.push({ id: `d${i}`, text, fields: {}, taomi: {}, source: { file: 'x' } });
  }
  const result = await dedup(docs, 3);
  assert.equal(result.removed.length, 0);
  assert.equal(result.stats.counters['minhash.too_short'], 100);
  assert.ok(result.stats.counters['minhash.candidates'] > 100, 'the test must exercise verification');
});

test('Traditional copies join their group only with merge_scripts', async () => {
  const toTraditional = Converter({ from: 'cn', to: 'tw' });
  for (const merge of [false, true]) {
    const corpus = labelledCorpus({ groups: 10, singles: 5, toTraditional, scriptsAreDuplicates: merge });
    const scores = pairScores(corpus.groups, clustersFromRun(await dedup(corpus.docs, 2, { merge_scripts: merge }), 'cluster'));
    assert.ok(scores.precision >= 0.95 && scores.recall >= 0.95, `merge_scripts ${merge}: ${JSON.stringify(scores)}`);
  }
});

test('word shingles (jieba 5-grams) reach the same precision and recall', async () => {
  const corpus = labelledCorpus({ groups: 15, singles: 10 });
  const scores = pairScores(corpus.groups, clustersFromRun(await dedup(corpus.docs, 2, { shingle: 'word' }), 'cluster'));
  assert.ok(scores.precision >= 0.95 && scores.recall >= 0.95, JSON.stringify(scores));
});

test('options reject a band layout that needs more permutations than the signature has', () => {
  assert.throws(() => minhashOptions.parse({ num_perm: 64, bands: 10, rows: 8 }));
  assert.throws(() => minhashOptions.parse({ bands: 10 }));
});

test('verify: exact checks candidates on the shingle sets and reports the exact Jaccard', async () => {
  const corpus = labelledCorpus({ groups: 12, singles: 8 });
  const result = await dedup(corpus.docs, 3, { verify: 'exact' });
  const scores = pairScores(corpus.groups, clustersFromRun(result, 'cluster'));
  assert.ok(scores.precision >= 0.95 && scores.recall >= 0.95, JSON.stringify(scores));
  const twin = (id: string) => (id.endsWith('-copy') ? id.replace(/-copy$/, '-base') : id.replace(/-base$/, '-copy'));
  const copies = result.removed.filter(({ doc, removal }) => removal.detail?.cluster === twin(doc.id));
  assert.ok(copies.length > 0);
  for (const { removal } of copies) assert.deepEqual([removal.value, removal.detail?.jaccard], [1, 1]);
});

test('exactJaccard of sorted sets', () => {
  assert.equal(exactJaccard(Int32Array.from([1, 2, 3, 4]), Int32Array.from([3, 4, 5])), 2 / 5);
  assert.equal(exactJaccard(new Int32Array(0), new Int32Array(0)), 0);
});
