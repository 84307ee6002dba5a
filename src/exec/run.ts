import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { readJsonFile } from './files.js';
import { buildManifest, claimOutputDir, type RunManifest } from './manifest.js';
import { mergeRunStats, writeRunStats, type RunStats } from './merge.js';
import { shardsOfTask, type PlannedStage } from './plan.js';
import { WorkerPool } from './pool.js';
import { closeRuntime, createRuntime, findStage, stageTaskCount, UsageError, type RunSpec, type Runtime, type StepFactory } from './runtime.js';
import { runTask, type ProgressSink, type TaskOutcome } from './task.js';

export interface StageStart {
  name: string;
  tasks: number;
  /** Tasks without a completion marker, which this run will do. */
  pending: number;
  /** Input bytes the pending tasks will read, when the stage reads the input files and sizes are known. */
  bytes?: number;
}

/** What the executor tells the user interface. */
export interface RunObserver {
  stageStarted(stage: StageStart): void;
  progress: ProgressSink;
  taskFinished(outcome: TaskOutcome): void;
  log(message: string): void;
}

export interface RunOptions {
  /** Worker threads; 1 runs tasks in this thread. */
  workers: number;
  observer: RunObserver;
  /** Replaces the registry's step construction (tests); only with workers = 1. */
  makeSteps?: StepFactory;
}

export interface RunResult {
  /** Merged stats; a single task leaves them to whichever task completes the run. */
  stats?: RunStats;
  /** One line per failed task. */
  failures: string[];
  /** Stage after which the run stopped because a task failed (later stages need every task). */
  stoppedAfter?: string;
}

function manifestOf(runtime: Runtime): RunManifest {
  const { spec } = runtime;
  return buildManifest(
    spec.config,
    spec.readOptions,
    spec.inputs.map((input) => input.path),
    spec.shardTasks,
    runtime.plan.map((stage) => stage.name),
  );
}

async function openRuntime(spec: RunSpec, options: RunOptions): Promise<Runtime> {
  if (options.makeSteps && options.workers > 1) throw new UsageError('custom step factories run with one worker only');
  return createRuntime(spec, options.observer.log, options.makeSteps);
}

/** Tasks of a stage without a completion marker; one directory listing, so it stays cheap for 100k tasks. */
async function pendingTasks(runtime: Runtime, stage: PlannedStage, tasks: number): Promise<number[]> {
  let names: Set<string>;
  try {
    names = new Set(await readdir(runtime.layout.stageStatsDir(stage.name)));
  } catch {
    names = new Set();
  }
  const pending: number[] = [];
  for (let task = 0; task < tasks; task++) {
    if (!names.has(path.basename(runtime.layout.taskMarker(stage.name, task)))) pending.push(task);
  }
  return pending;
}

function pendingBytes(runtime: Runtime, stage: PlannedStage, tasks: number, pending: number[]): number | undefined {
  if (stage.kind !== 'shards' || stage.source.kind !== 'input') return undefined;
  let total = 0;
  for (const task of pending) {
    for (const shard of shardsOfTask(task, tasks, runtime.spec.inputs.length)) {
      total += runtime.spec.inputs[shard].size ?? 0;
    }
  }
  return total;
}

async function finishRun(runtime: Runtime): Promise<RunStats> {
  const stats = await mergeRunStats(runtime.layout);
  await writeRunStats(runtime.layout, stats);
  return stats;
}

async function inSequence<T, R>(items: T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await run(item));
  return results;
}

/** Runs every stage in order on this machine, the tasks of a stage in parallel over the workers. */
export async function runLocal(spec: RunSpec, options: RunOptions): Promise<RunResult> {
  const runtime = await openRuntime(spec, options);
  const { observer } = options;
  try {
    await claimOutputDir(runtime.layout, manifestOf(runtime));
  } catch (error) {
    await closeRuntime(runtime);
    throw error;
  }
  const pool = options.workers > 1 ? new WorkerPool(spec, options.workers, observer.log, observer.progress) : undefined;
  const failures: string[] = [];
  let stoppedAfter: string | undefined;
  try {
    for (const [index, stage] of runtime.plan.entries()) {
      const tasks = stageTaskCount(runtime, stage);
      const pending = await pendingTasks(runtime, stage, tasks);
      observer.stageStarted({ name: stage.name, tasks, pending: pending.length, bytes: pendingBytes(runtime, stage, tasks, pending) });
      const execute = async (task: number): Promise<TaskOutcome> => {
        const outcome = await (pool ? pool.run(stage.name, task) : runTask(runtime, stage.name, task, observer.progress));
        observer.taskFinished(outcome);
        return outcome;
      };
      const outcomes = pool ? await Promise.all(pending.map(execute)) : await inSequence(pending, execute);
      const failed = outcomes.filter((outcome) => outcome.status === 'failed');
      failures.push(...failed.flatMap((outcome) => outcome.messages));
      if (failed.length && index < runtime.plan.length - 1) {
        stoppedAfter = stage.name;
        break;
      }
    }
  } finally {
    await pool?.close();
    await closeRuntime(runtime);
  }
  return { stats: await finishRun(runtime), failures, stoppedAfter };
}

export interface SingleTask {
  /** Stage to run; may be omitted when the pipeline has one stage. */
  stage?: string;
  task: number;
  /** Task count the caller expects (checked against a corpus stage's own count). */
  tasks?: number;
}

/**
 * A corpus stage decides its own task count, so the per-shard task count of the run comes from the
 * output directory (or defaults to one task per input file when the run starts with a corpus stage).
 */
async function adoptShardTasks(runtime: Runtime): Promise<Runtime> {
  const manifest = await readJsonFile<RunManifest>(runtime.layout.manifest);
  const shardTasks = manifest?.shard_tasks ?? runtime.spec.inputs.length;
  return { ...runtime, spec: { ...runtime.spec, shardTasks } };
}

/**
 * Runs one task of one stage (one Slurm array element). Earlier stages must be complete. When this
 * was the run's last missing task, the stats are merged into DIR/stats.json.
 */
export async function runSingleTask(spec: RunSpec, which: SingleTask, options: RunOptions): Promise<RunResult> {
  const created = await openRuntime(spec, options);
  try {
    if (which.stage === undefined && created.plan.length > 1) {
      const names = created.plan.map((stage) => stage.name).join(', ');
      throw new UsageError(`this pipeline runs in stages (${names}); pass --stage NAME with --task-index`);
    }
    const stage = which.stage === undefined ? created.plan[0] : findStage(created, which.stage);
    const runtime = stage.kind === 'corpus' ? await adoptShardTasks(created) : created;
    const tasks = stageTaskCount(runtime, stage);
    if (which.tasks !== undefined && which.tasks !== tasks) {
      throw new UsageError(`stage ${stage.name} has ${tasks} tasks, not ${which.tasks} (see --plan)`);
    }
    await claimOutputDir(runtime.layout, manifestOf(runtime));
    for (const earlier of runtime.plan.slice(0, runtime.plan.indexOf(stage))) {
      const earlierTasks = stageTaskCount(runtime, earlier);
      const missing = (await pendingTasks(runtime, earlier, earlierTasks)).length;
      if (missing) throw new UsageError(`stage ${earlier.name} is not complete (${missing} of ${earlierTasks} tasks missing); run it first`);
    }
    const outcome = await runTask(runtime, stage.name, which.task, options.observer.progress);
    options.observer.taskFinished(outcome);
    const failures = outcome.status === 'failed' ? outcome.messages : [];
    const last = runtime.plan.at(-1)!;
    const runComplete = stage === last && (await pendingTasks(runtime, last, tasks)).length === 0;
    if (!runComplete) return { failures };
    return { stats: await finishRun(runtime), failures };
  } finally {
    await closeRuntime(created);
  }
}

/** Stage names and task counts, for `--plan`. */
export async function describePlan(spec: RunSpec, makeSteps?: StepFactory): Promise<Array<{ name: string; tasks: number; kind: string }>> {
  const runtime = await createRuntime(spec, () => {}, makeSteps);
  try {
    return runtime.plan.map((stage) => ({ name: stage.name, tasks: stageTaskCount(runtime, stage), kind: stage.kind }));
  } finally {
    await closeRuntime(runtime);
  }
}
