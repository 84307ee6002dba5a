import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import type { PipelineConfig } from '../core/config.js';
import type { ReadOptions } from '../io/types.js';
import { writeFileAtomic } from './files.js';
import type { OutputLayout } from './layout.js';

/** What makes two invocations the same run; an output directory belongs to exactly one. */
export interface RunManifest {
  pipeline: string;
  config_hash: string;
  inputs_hash: string;
  input_count: number;
  shard_tasks: number;
  /** Stage names in run order (derived from the configuration). */
  stages: string[];
}

export class ManifestMismatchError extends Error {
  override name = 'ManifestMismatchError';
}

function sha256(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export function buildManifest(
  config: PipelineConfig,
  readOptions: ReadOptions,
  inputs: readonly string[],
  shardTasks: number,
  stages: string[],
): RunManifest {
  return {
    pipeline: config.name,
    config_hash: sha256({ config, readOptions }),
    inputs_hash: sha256(inputs),
    input_count: inputs.length,
    shard_tasks: shardTasks,
    stages,
  };
}

function difference(existing: RunManifest, wanted: RunManifest): string | undefined {
  if (existing.config_hash !== wanted.config_hash) return `a different pipeline configuration ("${existing.pipeline}")`;
  if (existing.inputs_hash !== wanted.inputs_hash) return `different inputs (${existing.input_count} files)`;
  if (existing.shard_tasks !== wanted.shard_tasks) return `--tasks ${existing.shard_tasks}`;
  return undefined;
}

/** Records the run in DIR/manifest.json, or refuses a directory that belongs to another run. */
export async function claimOutputDir(layout: OutputLayout, wanted: RunManifest): Promise<void> {
  await mkdir(layout.root, { recursive: true });
  let existing: RunManifest | undefined;
  try {
    existing = JSON.parse(await readFile(layout.manifest, 'utf8')) as RunManifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (existing) {
    const reason = difference(existing, wanted);
    if (reason) {
      throw new ManifestMismatchError(
        `output directory ${layout.root} was made by a run with ${reason}; use a new --output or delete it`,
      );
    }
    return;
  }
  await writeFileAtomic(layout.manifest, `${JSON.stringify(wanted, null, 2)}\n`);
}
