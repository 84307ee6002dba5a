// Shared helpers for the end-to-end tests: temp dirs, in-process CLI calls, reading outputs back.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { StepFactory } from '../../src/exec/runtime.js';
import { readJsonLines } from '../../src/io/write.js';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const CLI_ENTRY = path.join(REPO, 'test/helpers/cli-entry.ts');
export const TOY_CLI_ENTRY = path.join(REPO, 'test/helpers/toy-cli-entry.ts');

export async function tempDir(prefix = 'taomi-test-'): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function capture(): { stream: PassThrough; text(): string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Runs the CLI in this process. */
export async function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; makeSteps?: StepFactory } = {}): Promise<CliResult> {
  const stdout = capture();
  const stderr = capture();
  const code = await main(args, { stdout: stdout.stream, stderr: stderr.stream, env: options.env ?? {}, makeSteps: options.makeSteps });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Runs the CLI in a child process (from source through tsx). */
export function spawnCli(entry: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export async function spawnCliToEnd(entry: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const child = spawnCli(entry, args, env);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number>((resolve) => child.on('close', (exitCode) => resolve(exitCode ?? -1)));
  return { code, stdout, stderr };
}

/** Every JSON record in the files of `dir` (any of .jsonl, .jsonl.gz, .jsonl.zst). */
export async function readRecords(dir: string): Promise<Record<string, unknown>[]> {
  const records: Record<string, unknown>[] = [];
  let files: string[];
  try {
    files = (await readdir(dir)).filter((file) => /\.jsonl(\.gz|\.zst)?$/.test(file)).sort();
  } catch {
    return records;
  }
  for (const file of files) {
    for await (const entry of readJsonLines(path.join(dir, file))) {
      if ('error' in entry) throw new Error(`${file}:${entry.line}: ${entry.error}`);
      records.push(entry.value as Record<string, unknown>);
    }
  }
  return records;
}

export async function idsIn(dir: string): Promise<string[]> {
  return (await readRecords(dir)).map((record) => String(record.id)).sort();
}

/** Writes `count` JSONL shards of `perShard` short documents with varied lengths. */
export async function writeShards(dir: string, count: number, perShard: number, textOf = defaultText): Promise<string[]> {
  const files: string[] = [];
  for (let shard = 0; shard < count; shard++) {
    const lines: string[] = [];
    for (let i = 0; i < perShard; i++) lines.push(JSON.stringify({ id: `s${shard}-d${i}`, text: textOf(shard, i), extra: i }));
    const file = path.join(dir, `shard-${String(shard).padStart(3, '0')}.jsonl`);
    await writeFile(file, `${lines.join('\n')}\n`);
    files.push(file);
  }
  return files;
}

function defaultText(shard: number, i: number): string {
  const length = 3 + ((shard * 7 + i * 13) % 40);
  return '测试文本内容'.repeat(8).slice(0, length);
}
