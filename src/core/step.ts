import type { z } from 'zod';
import type { Document, DocRemoval, Measure } from './document.js';
import type { StepCounters } from './stats.js';

/** What the executor hands a step while it runs one task. */
export interface StepContext {
  /** Instance name of the step in this pipeline (unique). */
  readonly step: string;
  readonly task: { readonly index: number; readonly count: number };
  readonly counters: StepCounters;
  /** Sends the document to DIR/removed/ with its reason and counts it. Do not yield it afterwards. */
  remove(doc: Document, removal: Omit<DocRemoval, 'step'>): void;
  log(message: string): void;
}

/** A streaming step: documents in, documents out; removed documents go through ctx.remove. */
export interface StreamStep {
  readonly kind: 'stream';
  readonly name: string;
  run(docs: AsyncIterable<Document>, ctx: StepContext): AsyncIterable<Document>;
  /** Releases resources (worker pools, native handles) at the end of a task. */
  close?(): Promise<void>;
}

/** A shard of a corpus step's input, as the executor lays it out. */
export interface ShardRef {
  /** Stable index of the shard among all input shards (same for any task count). */
  index: number;
  path: string;
}

/** Context for one task of one stage of a corpus step. */
export interface CorpusStageContext {
  readonly step: string;
  /** Private, persistent scratch folder of this step in this run (DIR/work/<step>/). */
  readonly workDir: string;
  /** All input shards of the corpus step, in stable order. */
  readonly shards: readonly ShardRef[];
  /** Reads one input shard as the step sees it (after the steps that precede it). */
  readShard(shard: ShardRef): AsyncIterable<Document>;
  readonly counters: StepCounters;
  log(message: string): void;
}

/** One stage of a corpus step: `taskCount` independent tasks that can run on different machines. */
export interface CorpusStage {
  readonly name: string;
  taskCount(ctx: CorpusStageContext): number;
  runTask(taskIndex: number, ctx: CorpusStageContext): Promise<void>;
}

/**
 * A step that needs the whole corpus before deciding (dedup, cross-document line frequency).
 * The executor materialises the step's input, runs each stage to completion (tasks in parallel,
 * each with a completion marker), then streams every shard through `run`, which may read what the
 * stages left in ctx.workDir.
 */
export interface CorpusStep {
  readonly kind: 'corpus';
  readonly name: string;
  readonly stages: readonly CorpusStage[];
  run(docs: AsyncIterable<Document>, ctx: StepContext & { readonly workDir: string; readonly shard: ShardRef }): AsyncIterable<Document>;
  close?(): Promise<void>;
}

export type Step = StreamStep | CorpusStep;

/** Registry entry: one per step type. `options` is the zod schema of the step's YAML options. */
export interface StepDefinition<Options extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly summary: string;
  readonly options: Options;
  create(options: z.output<Options>, name: string): Step | Promise<Step>;
}

/** Helper so each definition keeps its option type. */
export function defineStep<Options extends z.ZodType>(definition: StepDefinition<Options>): StepDefinition {
  return definition as unknown as StepDefinition;
}

export interface Removal {
  rule: string;
  value: Measure;
  threshold: Measure;
  detail?: Record<string, unknown>;
}

/** Result of a per-document function: the (possibly changed) document, or why it goes. */
export type DocDecision = Document | { remove: Removal };

/** Builds a streaming step from a per-document function. */
export function perDocument(
  name: string,
  decide: (doc: Document, ctx: StepContext) => DocDecision | Promise<DocDecision>,
  close?: () => Promise<void>,
): StreamStep {
  return {
    kind: 'stream',
    name,
    close,
    async *run(docs, ctx) {
      for await (const doc of docs) {
        const decision = await decide(doc, ctx);
        if ('remove' in decision) ctx.remove(doc, decision.remove);
        else yield decision;
      }
    },
  };
}
