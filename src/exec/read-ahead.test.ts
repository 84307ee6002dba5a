import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Document } from '../core/document.js';
import { collect, fromArray, testDoc } from '../core/testing.js';
import { readAhead } from './read-ahead.js';

/** Records how many documents the source had handed out each time the consumer received one. */
async function pulledWhenReceived(docs: Document[], limits: { maxDocs: number; maxChars: number }): Promise<number[]> {
  let pulled = 0;
  async function* source(): AsyncIterable<Document> {
    for (const doc of docs) {
      pulled += 1;
      yield doc;
    }
  }
  const seen: number[] = [];
  for await (const _ of readAhead(source(), limits)) seen.push(pulled);
  return seen;
}

test('readAhead keeps every document in order', async () => {
  const docs = Array.from({ length: 10 }, (_, i) => testDoc(`文档${i}`, `d${i}`));
  const out = await collect(readAhead(fromArray(docs), { maxDocs: 3, maxChars: 1_000 }));
  assert.deepEqual(out.map((doc) => doc.id), docs.map((doc) => doc.id));
});

test('readAhead pulls a whole batch before handing the first document on', async () => {
  const docs = Array.from({ length: 7 }, (_, i) => testDoc('短文', `d${i}`));
  assert.deepEqual(await pulledWhenReceived(docs, { maxDocs: 3, maxChars: 1_000 }), [3, 3, 3, 6, 6, 6, 7]);
});

test('readAhead ends a batch early when its text grows past the character limit', async () => {
  const docs = [testDoc('长'.repeat(600), 'big'), testDoc('短', 'a'), testDoc('短', 'b')];
  assert.deepEqual(await pulledWhenReceived(docs, { maxDocs: 64, maxChars: 500 }), [1, 3, 3]);
});
