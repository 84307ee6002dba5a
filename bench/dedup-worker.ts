/**
 * Worker of bench/dedup.ts: generates input shards, runs tasks of a dedup stage, or filters shards through a
 * step's `run`, on JSONL files. One worker per core; the main thread hands out tasks one at a time.
 */
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parentPort } from 'node:worker_threads';
import type { Document, DocRemoval } from '../src/core/document.js';
import { emptyStepStats, StepCounters } from '../src/core/stats.js';
import type { CorpusStageContext, CorpusStep, ShardRef } from '../src/core/step.js';
import { createExactDedup, exactOptions } from '../src/dedup/exact.js';
import { createMinhashDedup, minhashOptions } from '../src/dedup/minhash.js';
import { editCharacters, generatedText, seededRandom, TEST_BOILERPLATE } from '../src/dedup/testing.js';

export type Job =
  | { kind: 'generate'; shard: number; docs: number; dir: string; duplicateRate: number }
  | { kind: 'stage'; step: 'exact' | 'minhash'; stage: number; task: number; shards: ShardRef[]; workDir: string; options: Record<string, unknown> }
  | { kind: 'run'; step: 'exact' | 'minhash'; shard: ShardRef; workDir: string; outDir: string; options: Record<string, unknown> };

export interface JobResult {
  counters: Record<string, number>;
  removed: Record<string, number>;
  docs: number;
  injected?: Record<string, number>;
}

export function shardPath(dir: string, shard: number): string {
  return path.join(dir, `shard-${String(shard).padStart(5, '0')}.jsonl`);
}

async function* readJsonl(file: string): AsyncIterable<Document> {
  const lines = createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (!text) continue;
    const record = JSON.parse(text) as { id: string; text: string };
    yield { id: record.id, text: record.text, fields: {}, taomi: {}, source: { file, line } };
  }
}

/** Buffered JSONL writer. */
class JsonlWriter {
  private readonly fd: number;
  private pending: string[] = [];

  constructor(file: string) {
    this.fd = openSync(file, 'w');
  }

  write(record: unknown): void {
    this.pending.push(JSON.stringify(record));
    if (this.pending.length >= 2000) this.flush();
  }

  private flush(): void {
    if (this.pending.length) writeSync(this.fd, this.pending.join('\n') + '\n');
    this.pending = [];
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/**
 * ~1,000-character documents; `duplicateRate` of them are near-duplicates of a recent original of the same
 * shard: exact copies, 2% character edits, 10% tail cuts and appended boilerplate in equal shares.
 */
function generate(job: Extract<Job, { kind: 'generate' }>): JobResult {
  const random = seededRandom(1000 + job.shard);
  const writer = new JsonlWriter(shardPath(job.dir, job.shard));
  const recent: string[] = [];
  const injected: Record<string, number> = { exact: 0, edit: 0, tail: 0, boilerplate: 0 };
  for (let i = 0; i < job.docs; i++) {
    let text: string;
    if (recent.length > 0 && random() < job.duplicateRate) {
      const original = recent[Math.floor(random() * recent.length)];
      const kind = (['exact', 'edit', 'tail', 'boilerplate'] as const)[Math.floor(random() * 4)];
      injected[kind]++;
      if (kind === 'exact') text = original;
      else if (kind === 'edit') text = editCharacters(original, 0.02, random);
      else if (kind === 'tail') text = original.slice(0, Math.floor(original.length * 0.9));
      else text = original + TEST_BOILERPLATE;
    } else {
      text = generatedText(random, 900 + Math.floor(random() * 200));
      if (recent.length >= 500) recent[Math.floor(random() * 500)] = text;
      else recent.push(text);
    }
    writer.write({ id: `s${job.shard}-${i}`, text });
  }
  writer.close();
  return { counters: {}, removed: {}, docs: job.docs, injected };
}

function createStep(step: 'exact' | 'minhash', options: Record<string, unknown>): CorpusStep {
  return step === 'exact' ? createExactDedup(exactOptions.parse(options), 'exact_dedup') : createMinhashDedup(minhashOptions.parse(options), 'minhash_dedup');
}

function stageContext(workDir: string, shards: ShardRef[], counters: StepCounters): CorpusStageContext {
  return { step: 'bench', workDir, shards, counters, readShard: (shard) => readJsonl(shard.path), log() {} };
}

async function runJob(job: Job): Promise<JobResult> {
  if (job.kind === 'generate') return generate(job);
  const stats = emptyStepStats(job.step);
  const counters = new StepCounters(stats);
  const step = createStep(job.step, job.options);
  if (job.kind === 'stage') {
    await step.stages[job.stage].runTask(job.task, stageContext(job.workDir, job.shards, counters));
    return { counters: stats.counters, removed: {}, docs: 0 };
  }
  const writer = new JsonlWriter(shardPath(job.outDir, job.shard.index));
  const removed: Record<string, number> = {};
  const ctx = {
    step: step.name,
    task: { index: 0, count: 1 },
    counters,
    workDir: job.workDir,
    shard: job.shard,
    remove(_doc: Document, removal: Omit<DocRemoval, 'step'>) {
      removed[removal.rule] = (removed[removal.rule] ?? 0) + 1;
    },
    log() {},
  };
  let docs = 0;
  for await (const doc of step.run(readJsonl(job.shard.path), ctx)) {
    writer.write({ id: doc.id, text: doc.text, taomi: doc.taomi });
    docs++;
  }
  writer.close();
  return { counters: stats.counters, removed, docs };
}

parentPort?.on('message', (job: Job) => {
  runJob(job).then(
    (result) => parentPort!.postMessage({ ok: true, result }),
    (error: Error) => parentPort!.postMessage({ ok: false, error: error.stack ?? String(error) }),
  );
});
