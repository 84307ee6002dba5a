import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { Document } from '../core/document.js';
import { createExactDedup, exactOptions } from './exact.js';
import { generatedText, inOrder, reversed, runCorpusStep, seededRandom, splitShards, type TaskOrder } from './testing.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'taomi-exact-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let runs = 0;

const doc = (id: string, text: string): Document => ({ id, text, fields: {}, taomi: {}, source: { file: 'x' } });

function dedup(docs: Document[], shards: number, buckets = 16, order: TaskOrder = inOrder) {
  return runCorpusStep(createExactDedup(exactOptions.parse({ buckets }), 'exact_dedup'), splitShards(docs, shards), path.join(scratch, String(runs++)), order);
}

test('copies that differ only in width, case and whitespace go; the first occurrence stays', async () => {
  const docs = [
    doc('first', '淘米 TaoMi：中文语料清洗。\n第二段。'),
    doc('other', '淘米 TaoMi：中文语料清洗！\n第二段。'),
    doc('wide', '淘米 ＴａｏＭｉ：中文语料清洗。 第二段。'),
    doc('spaced', '  淘米taomi：中文 语料 清洗。\n\n第二段。  '),
  ];
  const result = await dedup(docs, 2);
  assert.deepEqual(result.kept.flat().map((d) => d.id), ['first', 'other']);
  assert.deepEqual(
    result.removed.map(({ doc: d, removal }) => [d.id, removal.rule, removal.detail?.twin]),
    [['wide', 'exact_duplicate', 'first'], ['spaced', 'exact_duplicate', 'first']],
  );
  assert.equal(result.stats.removed.exact_duplicate.docs, 2);
});

test('the kept twin is the earliest by (shard, position) for any shard split, bucket count and task order', async () => {
  const random = seededRandom(5);
  const originals = Array.from({ length: 60 }, () => generatedText(random, 200));
  const docs = Array.from({ length: 300 }, (_, i) => doc(`d${i}`, originals[Math.floor(random() * originals.length)]));
  const firstOf = new Map<string, string>();
  for (const d of docs) if (!firstOf.has(d.text)) firstOf.set(d.text, d.id);
  const expected = [...firstOf.values()].sort();
  for (const [shards, buckets, order] of [[1, 16, inOrder], [4, 3, reversed], [9, 1, reversed]] as const) {
    const result = await dedup(docs, shards, buckets, order);
    assert.deepEqual(result.kept.flat().map((d) => d.id).sort(), expected);
    for (const { doc: d, removal } of result.removed) assert.equal(removal.detail?.twin, firstOf.get(d.text));
  }
});

test('empty shards and empty documents are handled', async () => {
  const result = await dedup([doc('a', ''), doc('b', ''), doc('c', ' ')], 5);
  assert.deepEqual(result.kept.flat().map((d) => d.id), ['a']);
});
