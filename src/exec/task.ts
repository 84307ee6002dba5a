import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { codePointLength, toRecord, type DocRemoval, type Document } from '../core/document.js';
import { emptyStepStats, emptyTaskStats, StepCounters, type StepStats, type TaskStats } from '../core/stats.js';
import type { StepContext } from '../core/step.js';
import { readShard } from '../io/read.js';
import { ShardError, type ReadProblem, type RecordWriter } from '../io/types.js';
import { openRecordWriter } from '../io/write.js';
import { exists, readJsonFile, writeFileAtomic } from './files.js';
import { readAhead } from './read-ahead.js';
import { corpusStepOf, shardsOfTask, type CorpusStagePlan, type ShardStage } from './plan.js';
import {
  corpusStageContext,
  documentJson,
  findStage,
  readMaterialised,
  shardRef,
  stageTaskCount,
  UsageError,
  type Runtime,
} from './runtime.js';

/** Called as documents are read: counts since the previous call. */
export type ProgressSink = (docs: number, bytes: number) => void;

/** What DIR/stats/<stage>/task-XXXXX.json holds. */
export interface TaskRecord {
  stage: string;
  task: number;
  tasks: number;
  status: 'done' | 'failed';
  /** One line per problem that failed the task. */
  messages: string[];
  /** Documents passed on to the next stage (materialised for a corpus step). */
  handed_on: number;
  stats: TaskStats;
}

export interface TaskOutcome {
  stage: string;
  task: number;
  status: 'done' | 'skipped' | 'failed';
  messages: string[];
  /** Stats of the task (read back from disk when skipped; absent when the task crashed). */
  stats?: TaskStats;
}

function countKind(into: Record<string, number>, kind: string): void {
  into[kind] = (into[kind] ?? 0) + 1;
}

function problemRecord(problem: ReadProblem, severity: 'error' | 'warning'): Record<string, unknown> {
  return { ...problem, severity };
}

/** Removed records wait here until the pipeline yields control, then go to the writer in order. */
class RemovalQueue {
  private pending: Record<string, unknown>[] = [];
  /** Time spent writing, subtracted from the step timings that contain it. */
  flushMs = 0;

  constructor(private readonly writer: RecordWriter) {}

  push(record: Record<string, unknown>): void {
    this.pending.push(record);
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const started = performance.now();
    const batch = this.pending;
    this.pending = [];
    for (const record of batch) await this.writer.write(record);
    this.flushMs += performance.now() - started;
  }
}

interface Meter {
  count: number;
  /** Time spent producing documents, including everything upstream. */
  inclusiveMs: number;
}

/** Counts what an iterable yields and the time spent waiting for it; flushes removals between documents. */
async function* metered(source: AsyncIterable<Document>, meter: Meter, removals: RemovalQueue): AsyncIterable<Document> {
  const iterator = source[Symbol.asyncIterator]();
  try {
    for (;;) {
      await removals.flush();
      const flushedBefore = removals.flushMs;
      const started = performance.now();
      const next = await iterator.next();
      meter.inclusiveMs += performance.now() - started - (removals.flushMs - flushedBefore);
      if (next.done) return;
      meter.count += 1;
      yield next.value;
    }
  } finally {
    await iterator.return?.();
  }
}

function removedRecord(doc: Document, removal: DocRemoval): Record<string, unknown> {
  const record = toRecord(doc);
  record.taomi = { ...doc.taomi, removed: removal };
  return record;
}

interface TaskWriters {
  removed: RecordWriter;
  errors: RecordWriter;
  kept?: RecordWriter;
}

async function openTaskWriters(runtime: Runtime, stage: ShardStage, task: number): Promise<TaskWriters> {
  const { layout } = runtime;
  const final = stage.sink.kind === 'kept';
  await Promise.all([layout.keptDir, layout.removedDir, layout.errorsDir].map((dir) => mkdir(dir, { recursive: true })));
  const { format, compression } = runtime.spec.config.output;
  return {
    removed: await openRecordWriter(layout.partBase(layout.removedDir, stage.name, task, final), 'jsonl', 'gzip'),
    errors: await openRecordWriter(layout.partBase(layout.errorsDir, stage.name, task, final), 'jsonl', 'none'),
    kept: final ? await openRecordWriter(layout.partBase(layout.keptDir, stage.name, task, final), format, compression) : undefined,
  };
}

async function* countProgress(docs: AsyncIterable<Document>, progress: ProgressSink): AsyncIterable<Document> {
  for await (const doc of docs) {
    progress(1, 0);
    yield doc;
  }
}

async function openMaterialiser(runtime: Runtime, step: string, shardIndex: number): Promise<RecordWriter> {
  const base = runtime.layout.materialisedBase(step, shardIndex);
  await mkdir(path.dirname(base), { recursive: true });
  return openRecordWriter(base, 'jsonl', 'zstd');
}

/** Reads one input file, counting every record and reporting errors; an unreadable file fails the task. */
async function* readInput(
  path: string,
  runtime: Runtime,
  stats: TaskStats,
  errors: RecordWriter,
  failures: string[],
  progress: ProgressSink,
): AsyncIterable<Document> {
  try {
    for await (const item of readShard(path, runtime.spec.readOptions)) {
      stats.read += 1;
      stats.bytes_read += item.bytes;
      progress(1, item.bytes);
      if (item.kind === 'error') {
        stats.errored += 1;
        countKind(stats.errors, item.error.kind);
        await errors.write(problemRecord(item.error, 'error'));
        continue;
      }
      for (const warning of item.warnings ?? []) {
        countKind(stats.warnings, warning.kind);
        await errors.write(problemRecord(warning, 'warning'));
      }
      yield item.doc;
    }
  } catch (error) {
    if (!(error instanceof ShardError)) throw error;
    stats.read += 1;
    stats.errored += 1;
    countKind(stats.errors, 'unreadable_shard');
    stats.failed_shards.push(path);
    await errors.write({ file: path, kind: 'unreadable_shard', message: error.message, severity: 'error' });
    failures.push(`unreadable input: ${error.message}`);
  }
}

function stepContext(
  runtime: Runtime,
  stepIndex: number,
  task: { index: number; count: number },
  stepStats: StepStats,
  taskStats: TaskStats,
  removals: RemovalQueue,
): StepContext {
  const name = runtime.steps[stepIndex].name;
  const counters = new StepCounters(stepStats);
  return {
    step: name,
    task,
    counters,
    remove(doc, removal) {
      counters.removedDoc(removal.rule, codePointLength(doc.text));
      taskStats.removed += 1;
      removals.push(removedRecord(doc, { step: name, ...removal }));
    },
    log: (message) => runtime.log(`[${name}] ${message}`),
  };
}

async function runShardTask(runtime: Runtime, stage: ShardStage, task: number, tasks: number, progress: ProgressSink): Promise<TaskRecord> {
  const stats = emptyTaskStats();
  const writers = await openTaskWriters(runtime, stage, task);
  const removals = new RemovalQueue(writers.removed);
  const failures: string[] = [];
  const stepIndices = [...(stage.leadingCorpusStep === undefined ? [] : [stage.leadingCorpusStep]), ...stage.streamSteps];
  const contexts = stepIndices.map((index) => {
    const stepStats = emptyStepStats(runtime.stepTypes[index]);
    stats.steps[runtime.steps[index].name] = stepStats;
    return { index, stepStats, ctx: stepContext(runtime, index, { index: task, count: tasks }, stepStats, stats, removals) };
  });
  try {
    const handedOn = await runShards(runtime, stage, task, tasks, { stats, writers, removals, failures, contexts, progress });
    await removals.flush();
    await writers.removed.close();
    await writers.errors.close();
    await writers.kept?.close();
    return { stage: stage.name, task, tasks, status: failures.length ? 'failed' : 'done', messages: failures, handed_on: handedOn, stats };
  } catch (error) {
    await Promise.allSettled([writers.removed.close(), writers.errors.close(), writers.kept?.close()]);
    throw error;
  }
}

interface ShardLoopState {
  stats: TaskStats;
  writers: TaskWriters;
  removals: RemovalQueue;
  failures: string[];
  contexts: Array<{ index: number; stepStats: StepStats; ctx: StepContext }>;
  progress: ProgressSink;
}

/** Streams each shard of the task through the stage's steps into its sink; returns documents handed on. */
async function runShards(runtime: Runtime, stage: ShardStage, task: number, tasks: number, state: ShardLoopState): Promise<number> {
  const { stats, writers, removals, failures, contexts, progress } = state;
  let handedOn = 0;
  for (const shardIndex of shardsOfTask(task, tasks, runtime.spec.inputs.length)) {
    const shard = shardRef(runtime, stage.source, shardIndex);
    stats.shards += 1;
    const source =
      stage.source.kind === 'input'
        ? readInput(shard.path, runtime, stats, writers.errors, failures, progress)
        : countProgress(readMaterialised(shard.path), progress);
    const sourceMeter: Meter = { count: 0, inclusiveMs: 0 };
    let docs = metered(source, sourceMeter, removals);
    const meters = contexts.map(({ index, ctx }) => {
      const step = runtime.steps[index];
      const output =
        step.kind === 'corpus' ? step.run(docs, { ...ctx, workDir: runtime.layout.workDir(step.name), shard }) : step.run(docs, ctx);
      const meter: Meter = { count: 0, inclusiveMs: 0 };
      docs = metered(readAhead(output), meter, removals);
      return meter;
    });
    const materialiser = stage.sink.kind === 'materialise' ? await openMaterialiser(runtime, stage.sink.step, shardIndex) : undefined;
    for await (const doc of docs) {
      if (writers.kept) {
        await writers.kept.write(toRecord(doc));
        stats.kept += 1;
        stats.chars_kept += codePointLength(doc.text);
      } else {
        await materialiser!.write(documentJson(doc));
        handedOn += 1;
      }
    }
    await removals.flush();
    await materialiser?.close();
    contexts.forEach(({ stepStats }, i) => {
      const upstream = i === 0 ? sourceMeter : meters[i - 1];
      stepStats.docs_in += upstream.count;
      stepStats.docs_out += meters[i].count;
      stepStats.time_ms += meters[i].inclusiveMs - upstream.inclusiveMs;
    });
  }
  return handedOn;
}

async function runCorpusTask(runtime: Runtime, stage: CorpusStagePlan, task: number, tasks: number): Promise<TaskRecord> {
  const step = corpusStepOf(runtime.steps, stage);
  const stats = emptyTaskStats();
  const stepStats = emptyStepStats(runtime.stepTypes[stage.step]);
  stats.steps[step.name] = stepStats;
  const ctx = corpusStageContext(runtime, stage, new StepCounters(stepStats));
  await mkdir(ctx.workDir, { recursive: true });
  const started = performance.now();
  await step.stages[stage.stage].runTask(task, ctx);
  stepStats.time_ms = performance.now() - started;
  return { stage: stage.name, task, tasks, status: 'done', messages: [], handed_on: 0, stats };
}

function roundTimes(stats: TaskStats): void {
  stats.time_ms = Math.round(stats.time_ms);
  for (const step of Object.values(stats.steps)) step.time_ms = Math.round(step.time_ms);
}

/**
 * Runs one task of one stage: skipped when its completion marker exists, otherwise redone from
 * scratch (its files are overwritten). The stats file is written first and the marker last, so a
 * task killed at any moment has no marker and is redone by the next run.
 */
export async function runTask(runtime: Runtime, stageName: string, task: number, progress: ProgressSink): Promise<TaskOutcome> {
  const stage = findStage(runtime, stageName);
  const tasks = stageTaskCount(runtime, stage);
  if (!Number.isInteger(task) || task < 0 || task >= tasks) {
    throw new UsageError(`task index ${task} is out of range for stage ${stage.name} (${tasks} tasks: 0..${tasks - 1})`);
  }
  const { layout } = runtime;
  const marker = layout.taskMarker(stage.name, task);
  if (await exists(marker)) {
    const record = await readJsonFile<TaskRecord>(layout.taskStats(stage.name, task));
    return { stage: stage.name, task, status: 'skipped', messages: [], stats: record?.stats };
  }
  const started = performance.now();
  let record: TaskRecord;
  try {
    record =
      stage.kind === 'shards'
        ? await runShardTask(runtime, stage, task, tasks, progress)
        : await runCorpusTask(runtime, stage, task, tasks);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (process.env.TAOMI_DEBUG && error instanceof Error) runtime.log(error.stack ?? message);
    return { stage: stage.name, task, status: 'failed', messages: [`${stage.name} task ${task} crashed: ${message}`] };
  }
  record.stats.time_ms = performance.now() - started;
  roundTimes(record.stats);
  await writeFileAtomic(layout.taskStats(stage.name, task), `${JSON.stringify(record)}\n`);
  if (record.status === 'done') {
    await writeFileAtomic(marker, `${JSON.stringify({ stage: stage.name, task, tasks, finished_at: new Date().toISOString() })}\n`);
  }
  return { stage: stage.name, task, status: record.status, messages: record.messages, stats: record.stats };
}
