import type { Writable } from 'node:stream';
import { expandInputs } from '../io/inputs.js';
import type { InputFile } from '../io/types.js';
import { describePlan, runLocal, runSingleTask, type RunResult } from '../exec/run.js';
import { UsageError, type RunSpec, type StepFactory } from '../exec/runtime.js';
import { ProgressReporter } from '../report/progress.js';
import { summaryLines } from '../report/summary.js';
import { effectiveConfig, readOptionsOf, taskSelection, type RunFlags } from './options.js';

export interface CommandIo {
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Test hook: builds steps without the registry (single worker only). */
  makeSteps?: StepFactory;
}

async function inputFiles(patterns: string[]): Promise<InputFile[]> {
  try {
    return await expandInputs(patterns);
  } catch (error) {
    throw new UsageError(`--input: ${(error as Error).message}`);
  }
}

function printPlan(io: CommandIo, plan: Array<{ name: string; tasks: number; kind: string }>): void {
  for (const stage of plan) {
    const tasks = `${stage.tasks} task${stage.tasks === 1 ? '' : 's'}`;
    io.stdout.write(`${stage.name}\t${tasks}\t${stage.kind === 'shards' ? 'per input shard' : 'corpus stage'}\n`);
  }
}

function reportFailures(io: CommandIo, result: RunResult): void {
  for (const failure of result.failures) io.stderr.write(`taomi: ${failure}\n`);
  if (result.stoppedAfter) {
    io.stderr.write(
      `taomi: stopped after stage ${result.stoppedAfter}: later stages need all of its tasks; fix the problem and rerun the same command (completed tasks are kept)\n`,
    );
  }
}

function printOutcome(io: CommandIo, flags: RunFlags, taskIndex: number | undefined, result: RunResult, wallMs: number): void {
  if (flags.quiet && result.failures.length === 0) return;
  if (!result.stats) {
    io.stdout.write(`task ${taskIndex} of stage ${flags.stage ?? 'process'}: ${result.failures.length ? 'failed' : 'done'}\n`);
    return;
  }
  for (const line of summaryLines(result.stats, wallMs, flags.output)) io.stdout.write(`${line}\n`);
}

/** `taomi run`; returns the exit code. */
export async function runCommand(flags: RunFlags, io: CommandIo): Promise<number> {
  const started = performance.now();
  const config = await effectiveConfig(flags);
  const inputs = await inputFiles(flags.input);
  if (inputs.length === 0) throw new UsageError('--input: no input files found');
  const { tasks, taskIndex } = taskSelection(flags, io.env);
  if (taskIndex !== undefined && tasks === undefined && flags.stage === undefined) {
    throw new UsageError('--task-index needs --tasks (or SLURM_ARRAY_TASK_COUNT)');
  }
  if (flags.stage !== undefined && taskIndex === undefined && !flags.plan) {
    throw new UsageError('--stage needs --task-index (or SLURM_ARRAY_TASK_ID)');
  }
  const spec: RunSpec = {
    config,
    inputs,
    outputDir: flags.output,
    shardTasks: tasks ?? inputs.length,
    readOptions: readOptionsOf(config),
  };
  if (flags.plan) {
    printPlan(io, await describePlan(spec, io.makeSteps));
    return 0;
  }
  const mode = flags.quiet ? 'quiet' : io.stderr.isTTY ? 'bar' : 'lines';
  const reporter = new ProgressReporter(mode, io.stderr);
  const options = { workers: flags.workers, observer: reporter, makeSteps: io.makeSteps };
  let result: RunResult;
  try {
    result =
      taskIndex === undefined
        ? await runLocal(spec, options)
        : await runSingleTask(spec, { stage: flags.stage, task: taskIndex, tasks }, options);
  } finally {
    reporter.stop();
  }
  reportFailures(io, result);
  printOutcome(io, flags, taskIndex, result, performance.now() - started);
  const healthy = result.failures.length === 0 && (!result.stats?.complete || result.stats.balanced);
  return healthy ? 0 : 1;
}
