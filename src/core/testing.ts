import { existsSync } from 'node:fs';
import type { Document, DocRemoval } from './document.js';
import { emptyStepStats, StepCounters } from './stats.js';
import type { StepContext, StepDefinition } from './step.js';

/** A step context that records removals in memory, for unit tests of steps. */
export function testContext(step = 'test'): StepContext & { removed: Array<{ doc: Document; removal: DocRemoval }>; stats: ReturnType<typeof emptyStepStats> } {
  const stats = emptyStepStats(step);
  const removed: Array<{ doc: Document; removal: DocRemoval }> = [];
  return {
    step,
    task: { index: 0, count: 1 },
    counters: new StepCounters(stats),
    stats,
    removed,
    remove(doc, removal) {
      removed.push({ doc, removal: { step, ...removal } });
      stats.removed[removal.rule] ??= { docs: 0, lines: 0, chars: 0 };
      stats.removed[removal.rule].docs += 1;
    },
    log() {},
  };
}

/** A minimal document for tests. */
export function testDoc(text: string, id = 'doc', extra: Partial<Document> = {}): Document {
  return { id, text, fields: {}, taomi: {}, source: { file: 'test.jsonl', line: 1 }, ...extra };
}

/** Runs documents through a streaming step and collects what comes out. */
export async function collect(iterable: AsyncIterable<Document>): Promise<Document[]> {
  const out: Document[] = [];
  for await (const doc of iterable) out.push(doc);
  return out;
}

export async function* fromArray(docs: Document[]): AsyncIterable<Document> {
  yield* docs;
}

const REPO_ROOT = new URL('../../', import.meta.url);

/**
 * Path of a file in the evaluation data kept beside the repository (`../shared/`, as CI lays it out),
 * or undefined when it is absent, so tests on real data skip instead of failing.
 */
export function sharedPath(relative: string): string | undefined {
  const candidates = [new URL(`../shared/${relative}`, REPO_ROOT).pathname, `/work/shared/${relative}`];
  return candidates.find((candidate) => existsSync(candidate));
}

/** Builds a streaming step from its registry definition and runs one text through it. */
export async function runDefinition(definition: StepDefinition, text: string, options: Record<string, unknown> = {}) {
  const step = await definition.create(definition.options.parse(options), definition.type);
  if (step.kind !== 'stream') throw new Error(`${definition.type} is not a streaming step`);
  const ctx = testContext(definition.type);
  const out = await collect(step.run(fromArray([testDoc(text)]), ctx));
  return { out, removal: ctx.removed[0]?.removal };
}
