import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { defineStep, type CorpusStageContext, type CorpusStep } from '../core/step.js';
import { identityForm } from './normalize.js';
import { BucketSink, readBucket, shardFileName } from './records.js';
import { IdReader, IdWriter } from './store.js';

export const exactOptions = z
  .object({
    /** Number of bucket files (= tasks of the `resolve` stage); each holds 24 bytes per document / buckets. */
    buckets: z.number().int().min(1).max(65536).default(16),
  })
  .strict();

export type ExactOptions = z.output<typeof exactOptions>;

const RULE = 'exact_duplicate';
/** hash (4 words of SHA-1) + shard + position. */
const RECORD_WORDS = 6;

function hashDir(ctx: CorpusStageContext): string {
  return path.join(ctx.workDir, 'hashes');
}
function idDir(workDir: string): string {
  return path.join(workDir, 'ids');
}
function loserDir(workDir: string, shard: number): string {
  return path.join(workDir, 'losers', String(shard));
}

/** First 128 bits of SHA-1 of the identity form, as four int32 words. */
export function identityHash(text: string): Int32Array {
  const digest = createHash('sha1').update(identityForm(text)).digest();
  return new Int32Array(digest.buffer.slice(digest.byteOffset, digest.byteOffset + 16));
}

async function hashShard(shardIndex: number, ctx: CorpusStageContext, options: ExactOptions): Promise<void> {
  const shard = ctx.shards[shardIndex];
  const sink = new BucketSink(hashDir(ctx), shardFileName(shard.index, 'bin'), options.buckets, RECORD_WORDS);
  const ids = new IdWriter(idDir(ctx.workDir), shard.index);
  const record = new Int32Array(RECORD_WORDS);
  let position = 0;
  for await (const doc of ctx.readShard(shard)) {
    record.set(identityHash(doc.text));
    record[4] = shard.index;
    record[5] = position++;
    sink.write((record[0] >>> 0) % options.buckets, record);
    ids.add(doc.id);
  }
  sink.close();
  ids.close();
  ctx.counters.add('exact.hashed', position);
}

function hashKey(records: Int32Array, at: number): string {
  let key = '';
  for (let i = 0; i < 4; i++) {
    const word = records[at + i];
    key += String.fromCharCode(word & 0xffff, word >>> 16);
  }
  return key;
}

/** Earlier (shard, position) wins: the first occurrence in corpus order, whatever the task layout. */
function isEarlier(records: Int32Array, a: number, b: number): boolean {
  return records[a + 4] < records[b + 4] || (records[a + 4] === records[b + 4] && records[a + 5] < records[b + 5]);
}

function resolveBucket(bucket: number, ctx: CorpusStageContext): void {
  const records = readBucket(hashDir(ctx), bucket);
  const winners = new Map<string, number>();
  for (let at = 0; at < records.length; at += RECORD_WORDS) {
    const key = hashKey(records, at);
    const current = winners.get(key);
    if (current === undefined || isEarlier(records, at, current)) winners.set(key, at);
  }
  const ids = new IdReader(idDir(ctx.workDir));
  const losersByShard = new Map<number, Array<[number, string]>>();
  try {
    for (let at = 0; at < records.length; at += RECORD_WORDS) {
      const winner = winners.get(hashKey(records, at))!;
      if (winner === at) continue;
      const shard = records[at + 4];
      let list = losersByShard.get(shard);
      if (!list) losersByShard.set(shard, (list = []));
      list.push([records[at + 5], ids.get(records[winner + 4], records[winner + 5])]);
    }
  } finally {
    ids.close();
  }
  for (const [shard, losers] of losersByShard) {
    const dir = loserDir(ctx.workDir, shard);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${bucket}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(losers));
    renameSync(`${file}.tmp`, file);
  }
  ctx.counters.add('exact.groups', winners.size);
}

/** Loser position → kept twin id, for one shard. */
function loadLosers(workDir: string, shard: number): Map<number, string> {
  const dir = loserDir(workDir, shard);
  const losers = new Map<number, string>();
  if (!existsSync(dir)) return losers;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    for (const [position, twin] of JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Array<[number, string]>) {
      losers.set(position, twin);
    }
  }
  return losers;
}

export function createExactDedup(options: ExactOptions, name: string): CorpusStep {
  return {
    kind: 'corpus',
    name,
    stages: [
      { name: 'hash', taskCount: (ctx) => ctx.shards.length, runTask: (task, ctx) => hashShard(task, ctx, options) },
      { name: 'resolve', taskCount: () => options.buckets, runTask: async (task, ctx) => resolveBucket(task, ctx) },
    ],
    async *run(docs, ctx) {
      const losers = loadLosers(ctx.workDir, ctx.shard.index);
      let position = 0;
      for await (const doc of docs) {
        const twin = losers.get(position++);
        if (twin === undefined) yield doc;
        else ctx.remove(doc, { rule: RULE, value: 1, threshold: 1, detail: { twin } });
      }
    },
  };
}

export const exactDedup = defineStep({
  type: 'exact_dedup',
  summary: 'Removes documents whose normalised text (NFKC, lowercase, no whitespace) repeats an earlier one.',
  options: exactOptions,
  create: createExactDedup,
});
