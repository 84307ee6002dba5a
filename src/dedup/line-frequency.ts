import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Document } from '../core/document.js';
import { applyLineRemovals, type LineRemoval } from '../core/lines.js';
import { defineStep, type CorpusStageContext, type CorpusStep } from '../core/step.js';
import { murmurWindow } from './hash.js';
import { contentForm } from './normalize.js';
import { BucketSink, readBucket, readInt32File, shardFileName } from './records.js';

export const lineFrequencyOptions = z
  .object({
    /** Remove a line once its normalised form occurs in more than this many documents. */
    max_docs: z.number().int().min(1).default(3),
    /** `corpus`: count across all documents; `host`: count per site (URL host), so only a site's own chrome goes. */
    scope: z.enum(['corpus', 'host']).default('corpus'),
    /** Lines shorter than this (normalised characters) are neither counted nor removed. */
    min_chars: z.number().int().min(1).default(10),
    /** Bucket files (= tasks of the `merge` stage). */
    buckets: z.number().int().min(1).max(65536).default(16),
    /** Distinct lines a `count` task aggregates in memory before spilling partial counts to disk. */
    spill_lines: z.number().int().min(1000).default(1_000_000),
  })
  .strict();

export type LineFrequencyOptions = z.output<typeof lineFrequencyOptions>;

const RULE = 'cross_doc_line';
/** key high word, key low word, count. */
const COUNT_WORDS = 3;
const SEED_HIGH = 0x6c696e65;
const SEED_LOW = 0x66726571;

const countDir = (workDir: string) => path.join(workDir, 'counts');
const frequentDir = (workDir: string) => path.join(workDir, 'frequent');

function hostOf(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return '';
  }
}

/**
 * 53-bit key of each line of a document (or -1 when the line is too short to count), from the CCNet-style
 * normal form; in `host` scope the host is part of the key. Documents without a URL count in a shared ''-host.
 */
export function lineKeys(doc: Document, options: LineFrequencyOptions): number[] {
  const prefix = options.scope === 'host' ? `${hostOf(doc.url)}\n` : '';
  return doc.text.split('\n').map((line) => {
    const content = contentForm(line);
    if (content.length < options.min_chars) return -1;
    const keyed = prefix + content;
    const high = murmurWindow(keyed, 0, keyed.length, SEED_HIGH) >>> 0;
    const low = murmurWindow(keyed, 0, keyed.length, SEED_LOW) >>> 11;
    return high * 2 ** 21 + low;
  });
}

function spill(counts: Map<number, number>, sink: BucketSink, record: Int32Array): void {
  for (const [key, count] of counts) {
    record[0] = Math.floor(key / 2 ** 32);
    record[1] = key % 2 ** 32;
    record[2] = count;
    sink.write(key % sink.buckets, record);
  }
  counts.clear();
}

async function countShard(shardIndex: number, ctx: CorpusStageContext, options: LineFrequencyOptions): Promise<void> {
  const shard = ctx.shards[shardIndex];
  const sink = new BucketSink(countDir(ctx.workDir), shardFileName(shard.index, 'bin'), options.buckets, COUNT_WORDS);
  const counts = new Map<number, number>();
  const record = new Int32Array(COUNT_WORDS);
  let spills = 0;
  for await (const doc of ctx.readShard(shard)) {
    for (const key of new Set(lineKeys(doc, options))) {
      if (key >= 0) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    if (counts.size >= options.spill_lines) {
      spill(counts, sink, record);
      spills++;
    }
  }
  spill(counts, sink, record);
  sink.close();
  ctx.counters.add('lines.spills', spills);
}

function mergeBucket(bucket: number, ctx: CorpusStageContext, options: LineFrequencyOptions): void {
  const records = readBucket(countDir(ctx.workDir), bucket);
  const totals = new Map<number, number>();
  for (let at = 0; at < records.length; at += COUNT_WORDS) {
    const key = records[at] * 2 ** 32 + (records[at + 1] >>> 0);
    totals.set(key, (totals.get(key) ?? 0) + records[at + 2]);
  }
  const frequent: number[] = [];
  for (const [key, count] of totals) if (count > options.max_docs) frequent.push(Math.floor(key / 2 ** 32), key % 2 ** 32, count);
  const dir = frequentDir(ctx.workDir);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${String(bucket).padStart(6, '0')}.bin`);
  writeFileSync(`${file}.tmp`, new Uint8Array(Int32Array.from(frequent).buffer));
  renameSync(`${file}.tmp`, file);
  ctx.counters.add('lines.distinct', totals.size);
  ctx.counters.add('lines.frequent', frequent.length / COUNT_WORDS);
}

/** Key → document frequency of every line that recurs too often (small: site chrome and teasers). */
function loadFrequent(workDir: string): Map<number, number> {
  const frequent = new Map<number, number>();
  const dir = frequentDir(workDir);
  if (!existsSync(dir)) return frequent;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.bin'))) {
    const records = readInt32File(path.join(dir, name));
    for (let at = 0; at < records.length; at += COUNT_WORDS) {
      frequent.set(records[at] * 2 ** 32 + (records[at + 1] >>> 0), records[at + 2]);
    }
  }
  return frequent;
}

export function createLineFrequency(options: LineFrequencyOptions, name: string): CorpusStep {
  const frequentByWorkDir = new Map<string, Map<number, number>>();
  return {
    kind: 'corpus',
    name,
    stages: [
      { name: 'count', taskCount: (ctx) => ctx.shards.length, runTask: (task, ctx) => countShard(task, ctx, options) },
      { name: 'merge', taskCount: () => options.buckets, runTask: async (task, ctx) => mergeBucket(task, ctx, options) },
    ],
    async *run(docs, ctx) {
      let frequent = frequentByWorkDir.get(ctx.workDir);
      if (!frequent) frequentByWorkDir.set(ctx.workDir, (frequent = loadFrequent(ctx.workDir)));
      for await (const doc of docs) {
        const removals: LineRemoval[] = [];
        lineKeys(doc, options).forEach((key, index) => {
          const documents = key >= 0 ? frequent.get(key) : undefined;
          if (documents !== undefined) removals.push({ index, rule: RULE, value: documents, threshold: options.max_docs });
        });
        yield applyLineRemovals(doc, ctx, removals);
      }
    },
  };
}

export const lineDedup = defineStep({
  type: 'line_dedup',
  summary: 'CCNet-style cross-document line frequency: strips lines that recur in more than max_docs documents.',
  options: lineFrequencyOptions,
  create: createLineFrequency,
});
