import { InvalidArgumentError } from 'commander';
import { ConfigError, loadPipelineFile, loadPreset, type PipelineConfig } from '../core/config.js';
import type { ReadOptions } from '../io/types.js';
import { UsageError } from '../exec/runtime.js';

/** Options of `taomi run` as commander parses them. */
export interface RunFlags {
  preset?: string;
  config?: string;
  input: string[];
  output: string;
  compression?: 'none' | 'gzip' | 'zstd';
  format?: 'jsonl' | 'parquet';
  tasks?: number;
  taskIndex?: number;
  workers: number;
  textField?: string;
  idField?: string;
  urlField?: string;
  quiet?: boolean;
  stage?: string;
  plan?: boolean;
}

export function parseCount(minimum: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < minimum) throw new InvalidArgumentError(`expected an integer ≥ ${minimum}, got "${value}"`);
    return Number(value);
  };
}

/** Loads the pipeline and applies the flags that override it. */
export async function effectiveConfig(flags: RunFlags): Promise<PipelineConfig> {
  if (Boolean(flags.preset) === Boolean(flags.config)) throw new ConfigError('pass exactly one of --preset NAME or --config FILE');
  const config = flags.preset ? await loadPreset(flags.preset) : await loadPipelineFile(flags.config!);
  return {
    ...config,
    input: {
      text_field: flags.textField ?? config.input.text_field,
      id_field: flags.idField ?? config.input.id_field,
      url_field: flags.urlField ?? config.input.url_field,
    },
    output: {
      format: flags.format ?? config.output.format,
      compression: flags.compression ?? config.output.compression,
    },
  };
}

export function readOptionsOf(config: PipelineConfig): ReadOptions {
  return { textField: config.input.text_field, idField: config.input.id_field, urlField: config.input.url_field };
}

function environmentCount(name: string, env: NodeJS.ProcessEnv): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${name} must be an integer, got "${value}"`);
  return Number(value);
}

/**
 * `--tasks`/`--task-index`, falling back to a Slurm job array: the index is counted from the array's
 * first id, so `--array=1-8` gives tasks 0..7.
 */
export function taskSelection(flags: RunFlags, env: NodeJS.ProcessEnv): { tasks?: number; taskIndex?: number } {
  const slurmId = environmentCount('SLURM_ARRAY_TASK_ID', env);
  const slurmMin = environmentCount('SLURM_ARRAY_TASK_MIN', env) ?? 0;
  const tasks = flags.tasks ?? environmentCount('SLURM_ARRAY_TASK_COUNT', env);
  const taskIndex = flags.taskIndex ?? (slurmId === undefined ? undefined : slurmId - slurmMin);
  if (tasks !== undefined && taskIndex !== undefined && taskIndex >= tasks) {
    throw new UsageError(`--task-index ${taskIndex} must be below --tasks ${tasks}`);
  }
  return { tasks, taskIndex };
}
