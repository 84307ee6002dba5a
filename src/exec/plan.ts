import type { CorpusStep, Step } from '../core/step.js';

/** Where a per-shard stage reads its documents. */
export type StageSource = { kind: 'input' } | { kind: 'materialised'; step: string };

/** Where a per-shard stage sends the documents that come out of its last step. */
export type StageSink = { kind: 'kept' } | { kind: 'materialise'; step: string };

/** A stage whose tasks each take the input shards `i` with `i mod tasks = task`. */
export interface ShardStage {
  kind: 'shards';
  name: string;
  source: StageSource;
  /** Index (into the pipeline's steps) of the corpus step whose `run` opens this segment. */
  leadingCorpusStep?: number;
  /** Indices of the stream steps, in order. */
  streamSteps: number[];
  sink: StageSink;
}

/** One stage of a corpus step; its task count comes from the step. */
export interface CorpusStagePlan {
  kind: 'corpus';
  name: string;
  /** Index of the corpus step in the pipeline. */
  step: number;
  /** Index into the step's `stages`. */
  stage: number;
  /** What `readShard` reads for this corpus step. */
  source: StageSource;
}

export type PlannedStage = ShardStage | CorpusStagePlan;

interface Segment {
  source: StageSource;
  leadingCorpusStep?: number;
  streamSteps: number[];
}

function isEmpty(segment: Segment): boolean {
  return segment.leadingCorpusStep === undefined && segment.streamSteps.length === 0;
}

/**
 * Splits the pipeline at its corpus steps. Without corpus steps there is one stage, `process`.
 * Each corpus step gets a `prepare-<step>` stage that materialises its input (skipped when the
 * corpus step comes first and can read the input files directly), then one stage per corpus-step
 * stage (`<step>:<stage>`); the final `write` stage runs the corpus step's `run` and the rest.
 */
export function planStages(steps: readonly Step[]): PlannedStage[] {
  const stages: PlannedStage[] = [];
  let segment: Segment = { source: { kind: 'input' }, streamSteps: [] };
  steps.forEach((step, index) => {
    if (step.kind === 'stream') {
      segment.streamSteps.push(index);
      return;
    }
    const source: StageSource =
      isEmpty(segment) && segment.source.kind === 'input' ? segment.source : { kind: 'materialised', step: step.name };
    if (source.kind === 'materialised') {
      stages.push({ kind: 'shards', name: `prepare-${step.name}`, ...segment, sink: { kind: 'materialise', step: step.name } });
    }
    step.stages.forEach((stage, stageIndex) => {
      stages.push({ kind: 'corpus', name: `${step.name}:${stage.name}`, step: index, stage: stageIndex, source });
    });
    segment = { source, leadingCorpusStep: index, streamSteps: [] };
  });
  const hasCorpusSteps = steps.some((step) => step.kind === 'corpus');
  stages.push({ kind: 'shards', name: hasCorpusSteps ? 'write' : 'process', ...segment, sink: { kind: 'kept' } });
  return stages;
}

export function corpusStepOf(steps: readonly Step[], stage: CorpusStagePlan): CorpusStep {
  return steps[stage.step] as CorpusStep;
}

/** Input shard indices handled by one task of a per-shard stage. */
export function shardsOfTask(task: number, tasks: number, shardCount: number): number[] {
  const shards: number[] = [];
  for (let shard = task; shard < shardCount; shard += tasks) shards.push(shard);
  return shards;
}
