/**
 * Dedup benchmark: generates N ~1,000-character Chinese-like documents (5% near-duplicates) as JSONL shards,
 * then runs the `dedup` preset's steps (exact_dedup, minhash_dedup) stage by stage on a pool of worker
 * threads, reporting wall time per stage, peak RSS and docs/s per core.
 *
 *   npm run bench:dedup -- --docs 100000 [--workers 2] [--shards 50] [--dir /tmp/x] [--keep]
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { emptyStepStats, StepCounters } from '../src/core/stats.js';
import type { CorpusStageContext, ShardRef } from '../src/core/step.js';
import { createExactDedup, exactOptions } from '../src/dedup/exact.js';
import { bandLayout, createMinhashDedup, minhashOptions } from '../src/dedup/minhash.js';
import { shardPath, type Job, type JobResult } from './dedup-worker.js';

const { values: args } = parseArgs({
  options: {
    docs: { type: 'string', default: '1000000' },
    workers: { type: 'string', default: '2' },
    shards: { type: 'string', default: '50' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const totalDocs = Number(args.docs);
const workerCount = Number(args.workers);
const shardCount = Math.min(Number(args.shards), totalDocs);
const root = args.dir ?? mkdtempSync(path.join(tmpdir(), 'taomi-bench-dedup-'));
mkdirSync(root, { recursive: true });

/** Peak resident set of this process (all worker threads included), from the kernel's high-water mark. */
function peakRssMb(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : process.memoryUsage().rss / 2 ** 20;
}

class Pool {
  private readonly workers: Worker[];

  constructor(size: number) {
    // Node 20 does not pass --import loaders to workers: register tsx inside the worker, then load the .ts module.
    const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./dedup-worker.ts', import.meta.url).href)}); });`;
    this.workers = Array.from({ length: size }, () => new Worker(boot, { eval: true }));
  }

  /** Runs every job, each worker taking the next one when it finishes the last. */
  async runAll(jobs: Job[]): Promise<JobResult[]> {
    const results: JobResult[] = new Array(jobs.length);
    let next = 0;
    const drive = async (worker: Worker): Promise<void> => {
      while (next < jobs.length) {
        const index = next++;
        results[index] = await new Promise<JobResult>((resolve, reject) => {
          worker.once('message', (message: { ok: boolean; result?: JobResult; error?: string }) =>
            message.ok ? resolve(message.result!) : reject(new Error(message.error)),
          );
          worker.postMessage(jobs[index]);
        });
      }
    };
    await Promise.all(this.workers.map(drive));
    return results;
  }

  close(): Promise<number[]> {
    return Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

function sum(results: JobResult[], pick: (r: JobResult) => Record<string, number> | undefined): Record<string, number> {
  const total: Record<string, number> = {};
  for (const result of results) for (const [key, value] of Object.entries(pick(result) ?? {})) total[key] = (total[key] ?? 0) + value;
  return total;
}

const rows: Array<{ stage: string; seconds: number; cpuSeconds: number; tasks: number; note: string }> = [];

async function timed(pool: Pool, stage: string, jobs: Job[], note: (results: JobResult[]) => string = () => ''): Promise<JobResult[]> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const results = await pool.runAll(jobs);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  rows.push({ stage, seconds, cpuSeconds, tasks: jobs.length, note: note(results) });
  console.error(`${stage}: ${seconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU (${jobs.length} tasks) ${rows.at(-1)!.note}`);
  return results;
}

const refs = (dir: string): ShardRef[] => Array.from({ length: shardCount }, (_, index) => ({ index, path: shardPath(dir, index) }));

async function main(): Promise<void> {
  const pool = new Pool(workerCount);
  const inputDir = path.join(root, 'input');
  const exactOut = path.join(root, 'after-exact');
  const keptDir = path.join(root, 'kept');
  for (const dir of [inputDir, exactOut, keptDir]) mkdirSync(dir, { recursive: true });
  const perShard = Math.ceil(totalDocs / shardCount);
  const generateStarted = performance.now();
  const generated = await pool.runAll(
    Array.from({ length: shardCount }, (_, shard) => ({
      kind: 'generate' as const,
      shard,
      docs: Math.max(0, Math.min(perShard, totalDocs - shard * perShard)),
      dir: inputDir,
      duplicateRate: 0.05,
    })),
  );
  const injected = sum(generated, (r) => r.injected);
  console.error(`generated ${totalDocs} docs in ${((performance.now() - generateStarted) / 1000).toFixed(1)} s; injected ${JSON.stringify(injected)}`);
  const rssAfterGenerate = peakRssMb();

  const exact = { options: {}, step: createExactDedup(exactOptions.parse({}), 'exact_dedup'), workDir: path.join(root, 'work', 'exact_dedup') };
  const minhash = { options: {}, step: createMinhashDedup(minhashOptions.parse({}), 'minhash_dedup'), workDir: path.join(root, 'work', 'minhash_dedup') };
  const started = performance.now();
  for (const [name, spec, input, output] of [['exact', exact, inputDir, exactOut], ['minhash', minhash, exactOut, keptDir]] as const) {
    const shards = refs(input);
    // Task counts only look at the shard list and the options.
    const planning: CorpusStageContext = {
      step: spec.step.name,
      workDir: spec.workDir,
      shards,
      readShard: async function* () {},
      counters: new StepCounters(emptyStepStats(spec.step.name)),
      log() {},
    };
    for (const [stageIndex, stage] of spec.step.stages.entries()) {
      const jobs: Job[] = Array.from({ length: stage.taskCount(planning) }, (_, task) => ({
        kind: 'stage',
        step: name,
        stage: stageIndex,
        task,
        shards,
        workDir: spec.workDir,
        options: spec.options,
      }));
      await timed(pool, `${name}.${stage.name}`, jobs, (results) => JSON.stringify(sum(results, (r) => r.counters)));
    }
    await timed(
      pool,
      `${name}.run`,
      shards.map((shard) => ({ kind: 'run', step: name, shard, workDir: spec.workDir, outDir: output, options: spec.options })),
      (results) => `kept ${results.reduce((n, r) => n + r.docs, 0)}, removed ${JSON.stringify(sum(results, (r) => r.removed))}`,
    );
  }
  const totalSeconds = (performance.now() - started) / 1000;
  await pool.close();

  const signatures = rows.find((row) => row.stage === 'minhash.signatures')!;
  const minhashSeconds = rows.filter((row) => row.stage.startsWith('minhash.')).reduce((s, row) => s + row.seconds, 0);
  console.log(`\n## dedup bench: ${totalDocs.toLocaleString('en')} docs, ${shardCount} shards, ${workerCount} workers, layout ${JSON.stringify(bandLayout(minhashOptions.parse({})))}`);
  console.log(`injected near-duplicates: ${JSON.stringify(injected)}\n`);
  const perCore = (seconds: number) => Math.round(totalDocs / seconds).toLocaleString('en');
  console.log('| stage | tasks | wall s | CPU s | docs/s per core (wall × workers) | docs/s per CPU-second | notes |');
  console.log('|---|---:|---:|---:|---:|---:|---|');
  for (const row of rows) {
    console.log(`| ${row.stage} | ${row.tasks} | ${row.seconds.toFixed(1)} | ${row.cpuSeconds.toFixed(1)} | ${perCore(row.seconds * workerCount)} | ${perCore(row.cpuSeconds)} | ${row.note} |`);
  }
  const cpuOf = (prefix: string) => rows.filter((row) => row.stage.startsWith(prefix)).reduce((s, row) => s + row.cpuSeconds, 0);
  console.log(`\ntotal ${totalSeconds.toFixed(1)} s wall; all dedup stages ${perCore(totalSeconds * workerCount)} docs/s per core (wall), ${perCore(cpuOf(''))} docs/s per CPU-second;`);
  console.log(`minhash_dedup (signatures+buckets+clusters+run): ${perCore(minhashSeconds * workerCount)} docs/s per core (wall), ${perCore(cpuOf('minhash.'))} per CPU-second; signatures alone ${perCore(signatures.seconds * workerCount)} (wall), ${perCore(signatures.cpuSeconds)} per CPU-second`);
  console.log(`peak RSS ${Math.round(peakRssMb())} MB (after generation ${Math.round(rssAfterGenerate)} MB)`);
  if (!args.keep && !args.dir) rmSync(root, { recursive: true, force: true });
  else if (existsSync(root)) console.log(`files kept in ${root}`);
}

await main();
