import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { Document } from '../core/document.js';
import { createLineFrequency, lineFrequencyOptions, type LineFrequencyOptions } from './line-frequency.js';
import { generatedText, inOrder, reversed, runCorpusStep, seededRandom, splitShards, type TaskOrder } from './testing.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'taomi-lines-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let runs = 0;

function strip(docs: Document[], shards: number, overrides: Partial<LineFrequencyOptions> = {}, order: TaskOrder = inOrder) {
  const options = { ...lineFrequencyOptions.parse({}), ...overrides };
  return runCorpusStep(createLineFrequency(options, 'line_dedup'), splitShards(docs, shards), path.join(scratch, String(runs++)), order);
}

const CHROME = '版权所有 © 2024 示例资讯网 保留所有权利';
const TEASER = '相关阅读：三个方法教你轻松整理房间（图）';
const QUOTE = '业精于勤荒于嬉，行成于思毁于随。';

function site(host: string, pages: number, random: () => number): Document[] {
  return Array.from({ length: pages }, (_, i) => ({
    id: `${host}-${i}`,
    url: `https://www.${host}/news/${i}.html`,
    text: [generatedText(random, 80), i < 2 ? QUOTE : generatedText(random, 30), TEASER, '返回顶部', CHROME, CHROME].join('\n'),
    fields: {},
    taomi: {},
    source: { file: 'x' },
  }));
}

test('lines recurring in more than max_docs documents are removed with spans; rarer and short lines stay', async () => {
  const docs = site('example.cn', 6, seededRandom(1));
  const result = await strip(docs, 2);
  const first = result.kept.flat()[0];
  const lines = first.text.split('\n');
  assert.ok(lines.includes(QUOTE), 'a line in only 2 documents stays');
  assert.ok(lines.includes('返回顶部'), 'lines shorter than min_chars are never counted');
  assert.ok(!lines.includes(TEASER) && !lines.includes(CHROME));
  const spans = first.taomi.removed_spans!;
  assert.equal(spans.length, 3, 'teaser + both chrome lines (a line repeated inside one document counts once)');
  for (const span of spans) {
    assert.equal(span.rule, 'cross_doc_line');
    assert.equal(span.value, 6);
    assert.equal(span.threshold, 3);
    assert.ok(span.end > span.start);
  }
  assert.equal(result.stats.removed.cross_doc_line.lines, 18);
});

test('host scope counts each site separately', async () => {
  const random = seededRandom(2);
  const docs = [...site('a.example', 3, random), ...site('b.example', 3, random)];
  const corpus = await strip(docs, 3, { scope: 'corpus' });
  const host = await strip(docs, 3, { scope: 'host' });
  // Teaser and both chrome lines on six pages, plus the quote that the first two pages of each site share.
  assert.equal(corpus.stats.removed.cross_doc_line.lines, 22);
  assert.equal(host.stats.removed.cross_doc_line, undefined, 'three pages per site is not more than max_docs');
});

test('results do not depend on shard split, buckets, task order or spilling', async () => {
  const random = seededRandom(9);
  const docs = [...site('c.example', 12, random), ...site('d.example', 4, random)];
  for (const d of docs) d.text += '\n' + Array.from({ length: 400 }, () => generatedText(random, 15)).join('\n');
  const texts = (r: Awaited<ReturnType<typeof strip>>) => r.kept.flat().map((d) => d.text);
  const reference = texts(await strip(docs, 1));
  const spilled = await strip(docs, 4, { buckets: 3, spill_lines: 1000 }, reversed);
  assert.ok(spilled.stats.counters['lines.spills'] > 0);
  assert.deepEqual(texts(spilled), reference);
});
