import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, loadPreset, PRESETS_DIR } from '../core/config.js';
import { registry } from '../core/registry.js';
import { OutputLayout } from '../exec/layout.js';
import { ManifestMismatchError } from '../exec/manifest.js';
import { mergeRunStats, writeRunStats } from '../exec/merge.js';
import { UsageError } from '../exec/runtime.js';
import { identityLine } from '../report/summary.js';
import { parseCount, type RunFlags } from './options.js';
import { runCommand, type CommandIo } from './run-command.js';

/** Same relative path from src/cli (tsx) and dist/cli (built package). */
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Exit codes: 0 success, 1 the run had failures (failed tasks, accounting mismatch), 2 bad usage or configuration. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

async function listPresets(io: CommandIo): Promise<number> {
  const files = (await readdir(PRESETS_DIR)).filter((file) => file.endsWith('.yaml')).sort();
  for (const file of files) {
    const name = path.basename(file, '.yaml');
    try {
      const preset = await loadPreset(name);
      io.stdout.write(`${name.padEnd(14)} ${preset.description ?? ''}\n`);
    } catch (error) {
      io.stdout.write(`${name.padEnd(14)} (invalid: ${(error as Error).message})\n`);
    }
  }
  return EXIT_OK;
}

function listSteps(io: CommandIo): number {
  for (const definition of [...registry.values()].sort((a, b) => a.type.localeCompare(b.type))) {
    io.stdout.write(`${definition.type.padEnd(24)} ${definition.summary}\n`);
  }
  return EXIT_OK;
}

async function mergeStats(dir: string, io: CommandIo): Promise<number> {
  const layout = new OutputLayout(dir);
  const stats = await mergeRunStats(layout);
  await writeRunStats(layout, stats);
  io.stdout.write(`${identityLine(stats)}\n`);
  for (const [name, stage] of Object.entries(stats.stages)) {
    io.stdout.write(`${name}: ${stage.done}/${stage.tasks ?? '?'} tasks done${stage.failed ? `, ${stage.failed} failed` : ''}\n`);
  }
  io.stdout.write(`wrote ${layout.statsFile}\n`);
  return stats.complete && stats.balanced ? EXIT_OK : EXIT_FAILED;
}

function buildProgram(io: CommandIo, setExit: (code: number) => void): Command {
  const program = new Command('taomi')
    .description('Chinese-first web-corpus refinery')
    .version(VERSION)
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  program
    .command('run')
    .description('run a pipeline over input files into an output directory')
    .option('--preset <name>', 'pipeline preset shipped in presets/ (see `taomi presets`)')
    .option('--config <file>', 'pipeline YAML file')
    .requiredOption('--input <paths...>', 'input files, directories or globs (local or s3://)')
    .requiredOption('--output <dir>', 'output directory')
    .addOption(new Option('--compression <codec>', 'kept JSONL compression (default from the pipeline: gzip)').choices(['none', 'gzip', 'zstd']))
    .addOption(new Option('--format <format>', 'kept output format (default from the pipeline: jsonl)').choices(['jsonl', 'parquet']))
    .option('--tasks <n>', 'number of tasks per input-shard stage (default: one per input file)', parseCount(1))
    .option('--task-index <i>', 'run only this task (with --tasks, or --stage for multi-stage pipelines)', parseCount(0))
    .option('--stage <name>', 'stage of the task to run (see --plan)')
    .option('--plan', 'print the stages and their task counts, run nothing')
    .option('--workers <k>', 'worker threads on this machine', parseCount(1), 1)
    .option('--text-field <field>', 'input field holding the text')
    .option('--id-field <field>', 'input field holding the document id')
    .option('--url-field <field>', 'input field holding the URL')
    .option('--quiet', 'no progress output')
    .action(async (flags: RunFlags) => setExit(await runCommand(flags, io)));
  program
    .command('merge-stats')
    .description('merge the per-task stats of an output directory into DIR/stats.json')
    .argument('<dir>', 'output directory of a run')
    .action(async (dir: string) => setExit(await mergeStats(dir, io)));
  program
    .command('presets')
    .description('list the shipped pipeline presets')
    .action(async () => setExit(await listPresets(io)));
  program
    .command('steps')
    .description('list the registered step types')
    .action(() => setExit(listSteps(io)));
  return program;
}

const USER_ERRORS = [ConfigError, UsageError, ManifestMismatchError];

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], io: CommandIo = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (USER_ERRORS.some((kind) => error instanceof kind)) {
      io.stderr.write(`taomi: error: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? (io.env.TAOMI_DEBUG ? (error.stack ?? error.message) : error.message) : String(error);
    io.stderr.write(`taomi: error: ${message}\n`);
    return EXIT_FAILED;
  }
}
