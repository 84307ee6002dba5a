// Throughput and memory of read → passthrough → write on a generated Chinese-like corpus.
//   npm run bench:passthrough -- [--sizes 200] [--shards 8] [--workers 1] [--compression gzip]
// --sizes 50,500 shows that peak RSS does not grow with corpus size. Speed is reported per wall second
// and per CPU second (all threads), the per-core figure that stays meaningful on a busy machine.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus } from './lib/corpus.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '200' },
    shards: { type: 'string', default: '8' },
    workers: { type: 'string', default: '1' },
    compression: { type: 'string', default: 'gzip' },
  },
});

const REPO = path.resolve(import.meta.dirname, '..');
const sizes = values.sizes.split(',').map(Number);
const shards = Number(values.shards);
const workers = Number(values.workers);

interface Measured {
  code: number;
  wallMs: number;
  /** User + system CPU time of all threads: a fair speed measure on a shared machine. */
  cpuMs: number;
  peakRssMb: number;
}

function measuredRun(args: string[]): Promise<Measured> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'bench/lib/measured-run.ts'), ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  return new Promise((resolve, reject) =>
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0) reject(new Error(`run failed with code ${code}: ${stdout}`));
      else resolve(JSON.parse(last) as Measured);
    }),
  );
}

const rows: Array<Record<string, string | number>> = [];
for (const megabytes of sizes) {
  const dir = await mkdtemp(path.join(tmpdir(), 'taomi-bench-'));
  try {
    const corpus = await generateCorpus(path.join(dir, 'corpus'), { bytes: megabytes * 1e6, shards });
    const out = path.join(dir, 'out');
    const measured = await measuredRun([
      'run', '--preset', 'passthrough', '--input', path.join(dir, 'corpus'), '--output', out,
      '--workers', String(workers), '--compression', values.compression, '--quiet',
    ]);
    const stats = JSON.parse(await readFile(path.join(out, 'stats.json'), 'utf8'));
    const seconds = measured.wallMs / 1000;
    const cpuSeconds = measured.cpuMs / 1000;
    const row = {
      bench: 'passthrough',
      input_mb: Math.round(corpus.bytes / 1e6),
      docs: stats.read,
      shards,
      workers,
      compression: values.compression,
      seconds: Number(seconds.toFixed(2)),
      docs_per_s: Math.round(stats.read / seconds),
      mb_per_s: Number((corpus.bytes / 1e6 / seconds).toFixed(1)),
      cpu_seconds: Number(cpuSeconds.toFixed(2)),
      docs_per_cpu_s: Math.round(stats.read / cpuSeconds),
      mb_per_cpu_s: Number((corpus.bytes / 1e6 / cpuSeconds).toFixed(1)),
      peak_rss_mb: Math.round(measured.peakRssMb),
      balanced: String(stats.read === stats.kept + stats.removed + stats.errored && stats.read === corpus.docs),
    };
    console.log(JSON.stringify(row));
    rows.push(row);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
console.table(rows);
