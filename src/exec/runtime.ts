import { createSteps, type PipelineConfig } from '../core/config.js';
import type { Document } from '../core/document.js';
import type { CorpusStageContext, ShardRef, Step } from '../core/step.js';
import { emptyStepStats, StepCounters } from '../core/stats.js';
import { readShard } from '../io/read.js';
import { ShardError, type InputFile, type ReadOptions } from '../io/types.js';
import { readJsonLines } from '../io/write.js';
import { OutputLayout } from './layout.js';
import { corpusStepOf, planStages, type CorpusStagePlan, type PlannedStage, type StageSource } from './plan.js';

/** Everything a process (or worker thread) needs to run any task of a run; plain data, sent to workers. */
export interface RunSpec {
  config: PipelineConfig;
  /** Input files in their stable, sorted order: shard `i` is `inputs[i]`. */
  inputs: InputFile[];
  outputDir: string;
  /** Task count of every per-shard stage. */
  shardTasks: number;
  readOptions: ReadOptions;
}

export type StepFactory = (config: PipelineConfig) => Promise<Step[]>;

export interface Runtime {
  readonly spec: RunSpec;
  readonly layout: OutputLayout;
  readonly steps: Step[];
  /** Registry type of each step, for its stats. */
  readonly stepTypes: string[];
  readonly plan: PlannedStage[];
  log(message: string): void;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export async function createRuntime(spec: RunSpec, log: (message: string) => void, makeSteps: StepFactory = createSteps): Promise<Runtime> {
  const steps = await makeSteps(spec.config);
  return {
    spec,
    layout: new OutputLayout(spec.outputDir),
    steps,
    stepTypes: spec.config.steps.map((entry) => entry.type),
    plan: planStages(steps),
    log,
  };
}

export async function closeRuntime(runtime: Runtime): Promise<void> {
  for (const step of runtime.steps) await step.close?.();
}

export function findStage(runtime: Runtime, name: string): PlannedStage {
  const stage = runtime.plan.find((candidate) => candidate.name === name);
  if (!stage) {
    const names = runtime.plan.map((candidate) => candidate.name).join(', ');
    throw new UsageError(`unknown stage "${name}" (this pipeline has: ${names})`);
  }
  return stage;
}

const MATERIALISED_EXTENSION = '.jsonl.zst';

/** The shard a stage reads for input shard `index`: the input file or the corpus step's materialised copy. */
export function shardRef(runtime: Runtime, source: StageSource, index: number): ShardRef {
  if (source.kind === 'input') return { index, path: runtime.spec.inputs[index].path };
  return { index, path: runtime.layout.materialisedBase(source.step, index) + MATERIALISED_EXTENSION };
}

/** Full document as stored between stages (the raw payload is not kept). */
export function documentJson(doc: Document): Record<string, unknown> {
  return { id: doc.id, text: doc.text, url: doc.url, fields: doc.fields, taomi: doc.taomi, source: doc.source };
}

export async function* readMaterialised(path: string): AsyncIterable<Document> {
  for await (const entry of readJsonLines(path)) {
    if ('error' in entry) throw new Error(`${path}:${entry.line}: corrupt intermediate file: ${entry.error}`);
    yield entry.value as Document;
  }
}

/**
 * Reads an input file for a corpus stage: documents only. Errors and unreadable files are counted and
 * reported by the per-shard stage that reads the same file, so they are not counted twice.
 */
async function* readInputDocuments(runtime: Runtime, path: string): AsyncIterable<Document> {
  try {
    for await (const item of readShard(path, runtime.spec.readOptions)) if (item.kind === 'doc') yield item.doc;
  } catch (error) {
    if (!(error instanceof ShardError)) throw error;
    runtime.log(`skipping unreadable shard (reported by the write stage): ${error.message}`);
  }
}

export function corpusStageContext(runtime: Runtime, stage: CorpusStagePlan, counters: StepCounters): CorpusStageContext {
  const step = corpusStepOf(runtime.steps, stage);
  const shards = runtime.spec.inputs.map((_, index) => shardRef(runtime, stage.source, index));
  return {
    step: step.name,
    workDir: runtime.layout.workDir(step.name),
    shards,
    readShard: (shard) => (stage.source.kind === 'input' ? readInputDocuments(runtime, shard.path) : readMaterialised(shard.path)),
    counters,
    log: (message) => runtime.log(`[${stage.name}] ${message}`),
  };
}

/** Number of tasks of a stage (a corpus stage decides its own, possibly from earlier stages' output). */
export function stageTaskCount(runtime: Runtime, stage: PlannedStage): number {
  if (stage.kind === 'shards') return runtime.spec.shardTasks;
  const step = corpusStepOf(runtime.steps, stage);
  const counters = new StepCounters(emptyStepStats(runtime.stepTypes[stage.step]));
  return step.stages[stage.stage].taskCount(corpusStageContext(runtime, stage, counters));
}
