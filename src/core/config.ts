import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { registry } from './registry.js';
import type { Step } from './step.js';

/** Folder of the presets shipped with the package. */
export const PRESETS_DIR = fileURLToPath(new URL('../../presets/', import.meta.url));

const stepEntry = z
  .object({
    type: z.string().min(1),
    name: z.string().min(1).optional(),
  })
  .passthrough();

export const pipelineSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    input: z
      .object({
        text_field: z.string().default('text'),
        id_field: z.string().default('id'),
        url_field: z.string().default('url'),
      })
      .strict()
      .default({ text_field: 'text', id_field: 'id', url_field: 'url' }),
    output: z
      .object({
        format: z.enum(['jsonl', 'parquet']).default('jsonl'),
        compression: z.enum(['none', 'gzip', 'zstd']).default('gzip'),
      })
      .strict()
      .default({ format: 'jsonl', compression: 'gzip' }),
    steps: z.array(stepEntry).default([]),
  })
  .strict();

export type PipelineConfig = z.output<typeof pipelineSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function describeIssues(where: string, error: z.ZodError): string {
  const first = error.issues[0];
  const key = first.path.length ? first.path.join('.') : '(root)';
  return `${where}: ${key}: ${first.message}`;
}

/** Validates a parsed YAML/JSON object; errors name the offending key. */
export function parsePipeline(raw: unknown, where: string): PipelineConfig {
  const parsed = pipelineSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(describeIssues(where, parsed.error));
  const seen = new Set<string>();
  parsed.data.steps.forEach((entry, i) => {
    const definition = registry.get(entry.type);
    if (!definition) {
      const known = [...registry.keys()].sort().join(', ');
      throw new ConfigError(`${where}: steps.${i}.type: unknown step type "${entry.type}" (known: ${known})`);
    }
    const name = entry.name ?? entry.type;
    if (seen.has(name)) throw new ConfigError(`${where}: steps.${i}.name: duplicate step name "${name}"`);
    seen.add(name);
    const { type: _type, name: _name, ...options } = entry;
    const checked = definition.options.safeParse(options);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new ConfigError(`${where}: steps.${i} (${entry.type}).${issue.path.join('.') || '(options)'}: ${issue.message}`);
    }
  });
  return parsed.data;
}

export async function loadPipelineFile(file: string): Promise<PipelineConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config ${file}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`${file}: invalid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  return parsePipeline(raw, file);
}

export async function loadPreset(name: string): Promise<PipelineConfig> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new ConfigError(`invalid preset name "${name}"`);
  const file = path.join(PRESETS_DIR, `${name}.yaml`);
  try {
    return await loadPipelineFile(file);
  } catch (error) {
    if ((error as Error).message.startsWith('cannot read config')) {
      throw new ConfigError(`unknown preset "${name}" (see ${PRESETS_DIR})`);
    }
    throw error;
  }
}

/** Instantiates the steps of a validated pipeline. */
export async function createSteps(config: PipelineConfig): Promise<Step[]> {
  const steps: Step[] = [];
  for (const entry of config.steps) {
    const definition = registry.get(entry.type)!;
    const { type: _type, name, ...options } = entry;
    steps.push(await definition.create(definition.options.parse(options), name ?? entry.type));
  }
  return steps;
}
