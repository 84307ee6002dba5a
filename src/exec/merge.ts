import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { isBalanced, mergeTaskStats, type TaskStats } from '../core/stats.js';
import { readJsonFile, writeFileAtomic } from './files.js';
import type { OutputLayout } from './layout.js';
import type { RunManifest } from './manifest.js';
import { UsageError } from './runtime.js';
import type { TaskRecord } from './task.js';

export interface StageProgress {
  /** Task count, once any task of the stage has run. */
  tasks: number | null;
  done: number;
  failed: number;
}

/** DIR/stats.json: the summed task stats plus where the run stands. */
export interface RunStats extends TaskStats {
  pipeline: string;
  /** Every task of every stage has its completion marker. */
  complete: boolean;
  /** read = kept + removed + errored. */
  balanced: boolean;
  stages: Record<string, StageProgress>;
}

async function taskRecords(layout: OutputLayout): Promise<TaskRecord[]> {
  let folders: string[];
  try {
    folders = await readdir(layout.statsDir);
  } catch {
    return [];
  }
  const records: TaskRecord[] = [];
  for (const folder of folders.sort()) {
    const files = (await readdir(path.join(layout.statsDir, folder))).filter((file) => /^task-\d+\.json$/.test(file)).sort();
    for (const file of files) {
      const record = await readJsonFile<TaskRecord>(path.join(layout.statsDir, folder, file));
      if (record) records.push(record);
    }
  }
  return records;
}

/** Merges every task's stats of the run in `layout` (per-task files under DIR/stats/). */
export async function mergeRunStats(layout: OutputLayout): Promise<RunStats> {
  const manifest = await readJsonFile<RunManifest>(layout.manifest);
  if (!manifest) throw new UsageError(`${layout.root} is not a taomi output directory (no manifest.json)`);
  const records = await taskRecords(layout);
  const stages: Record<string, StageProgress> = {};
  for (const name of manifest.stages) stages[name] = { tasks: null, done: 0, failed: 0 };
  for (const record of records) {
    const stage = (stages[record.stage] ??= { tasks: null, done: 0, failed: 0 });
    stage.tasks = record.tasks;
    if (record.status === 'done') stage.done += 1;
    else stage.failed += 1;
  }
  const merged = mergeTaskStats(records.map((record) => record.stats));
  merged.shards = manifest.input_count;
  const complete = Object.values(stages).every((stage) => stage.tasks !== null && stage.done === stage.tasks);
  return { pipeline: manifest.pipeline, ...merged, complete, balanced: isBalanced(merged), stages };
}

export async function writeRunStats(layout: OutputLayout, stats: RunStats): Promise<void> {
  await writeFileAtomic(layout.statsFile, `${JSON.stringify(stats, null, 2)}\n`);
}
