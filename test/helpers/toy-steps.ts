// Tiny steps that exercise the executor without depending on any real stage.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PipelineConfig } from '../../src/core/config.js';
import type { Document } from '../../src/core/document.js';
import { perDocument, type CorpusStep, type Step, type StreamStep } from '../../src/core/step.js';

/** Removes documents whose text length is a multiple of 5. */
export function dropLengthMultipleOf5(): StreamStep {
  return perDocument('drop-len5', (doc) => {
    const length = [...doc.text].length;
    return length % 5 === 0 ? { remove: { rule: 'length_multiple_of_5', value: length, threshold: 5 } } : doc;
  });
}

/** Appends a marker line to every document, so tests can see which steps a document went through. */
export function appendMarker(name: string): StreamStep {
  return perDocument(name, (doc) => {
    doc.text = `${doc.text}\n[${name}]`;
    return doc;
  });
}

interface FirstSeen {
  shard: number;
  position: number;
  id: string;
}

function earlier(a: FirstSeen, b: FirstSeen): boolean {
  return a.shard < b.shard || (a.shard === b.shard && a.position < b.position);
}

/**
 * Keeps the first document (by shard index, then position) of every text length. Stage `scan` writes
 * one file per task with the first document per length it saw; `run` merges those files.
 */
export function firstByLength(name = 'first-by-length', scanTasks = 2): CorpusStep {
  let winners: Map<number, FirstSeen> | undefined;
  async function loadWinners(workDir: string): Promise<Map<number, FirstSeen>> {
    const merged = new Map<number, FirstSeen>();
    for (const file of (await readdir(workDir)).filter((f) => f.startsWith('scan-')).sort()) {
      const entries = JSON.parse(await readFile(path.join(workDir, file), 'utf8')) as Array<[number, FirstSeen]>;
      for (const [length, seen] of entries) {
        const current = merged.get(length);
        if (!current || earlier(seen, current)) merged.set(length, seen);
      }
    }
    return merged;
  }
  return {
    kind: 'corpus',
    name,
    stages: [
      {
        name: 'scan',
        taskCount: (ctx) => Math.max(1, Math.min(scanTasks, ctx.shards.length)),
        async runTask(task, ctx) {
          const count = Math.max(1, Math.min(scanTasks, ctx.shards.length));
          const firsts = new Map<number, FirstSeen>();
          for (const shard of ctx.shards.filter((s) => s.index % count === task)) {
            let position = 0;
            for await (const doc of ctx.readShard(shard)) {
              const length = [...doc.text].length;
              if (!firsts.has(length)) firsts.set(length, { shard: shard.index, position, id: doc.id });
              position += 1;
              ctx.counters.add('scanned');
            }
          }
          await writeFile(path.join(ctx.workDir, `scan-${task}.json`), JSON.stringify([...firsts]));
        },
      },
    ],
    async *run(docs: AsyncIterable<Document>, ctx) {
      winners ??= await loadWinners(ctx.workDir);
      let position = 0;
      for await (const doc of docs) {
        const winner = winners.get([...doc.text].length);
        if (winner && winner.shard === ctx.shard.index && winner.position === position) yield doc;
        else ctx.remove(doc, { rule: 'not_first_of_length', value: [...doc.text].length, threshold: null, detail: { first: winner?.id } });
        position += 1;
      }
    },
  };
}

/** Step factories by toy pipeline name; the pipeline config itself is a placeholder. */
export const TOY_PIPELINES: Record<string, () => Step[]> = {
  filter: () => [dropLengthMultipleOf5()],
  'filter-corpus-mark': () => [dropLengthMultipleOf5(), firstByLength(), appendMarker('mark')],
  'corpus-first': () => [firstByLength(), appendMarker('mark')],
  'two-corpus': () => [firstByLength('first-a'), firstByLength('first-b', 3)],
};

export function toyStepFactory(pipeline: string): (config: PipelineConfig) => Promise<Step[]> {
  const make = TOY_PIPELINES[pipeline];
  if (!make) throw new Error(`unknown toy pipeline ${pipeline}`);
  return async () => make();
}
