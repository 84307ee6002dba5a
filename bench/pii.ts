/**
 * Throughput of the `pii` step with the default detectors on generated Chinese prose with ordinary
 * numbers (dates, amounts, percentages) and a planted identifier every 40 sentences.
 * Run: npm run bench:pii [-- MEGABYTES]
 */
import { testContext, testDoc } from '../src/core/testing.js';
import { piiOptions, scrubDocument, DEFAULT_PLACEHOLDERS, allowMatcher } from '../src/pii/step.js';
import { chineseProse, seededRandom } from '../src/pii/synthetic.js';
import { todayNumber } from '../src/pii/validators.js';

const megabytes = Number(process.argv[2] ?? 64);
const random = seededRandom(2024);
const texts: string[] = [];
let bytes = 0;
while (bytes < megabytes * 1024 * 1024) {
  const text = chineseProse(random, 300 + Math.floor(random() * 4000));
  texts.push(text);
  bytes += Buffer.byteLength(text, 'utf8');
}

const options = piiOptions.parse({});
const scan = {
  detectors: new Set(options.detectors),
  keepReservedIps: options.keep_reserved_ips,
  today: todayNumber(),
  isAllowed: allowMatcher(options.allow),
};
/** One pass over every document; returns wall and CPU seconds (the machine may be shared). */
function runOnce(ctx = testContext('pii')): { wall: number; cpu: number } {
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < texts.length; i++) scrubDocument(testDoc(texts[i], String(i)), ctx, options, scan, DEFAULT_PLACEHOLDERS);
  const cpu = process.cpuUsage(cpuBefore);
  return { wall: Number(process.hrtime.bigint() - started) / 1e9, cpu: (cpu.user + cpu.system) / 1e6 };
}

const warmup = testContext('pii');
runOnce(warmup);
const runs = [runOnce(), runOnce(), runOnce()];
const wall = Math.min(...runs.map((run) => run.wall));
const cpu = Math.min(...runs.map((run) => run.cpu));
const mb = bytes / 1024 / 1024;
console.log(
  JSON.stringify(
    {
      documents: texts.length,
      input_mb: Number(mb.toFixed(1)),
      best_wall_seconds: Number(wall.toFixed(3)),
      best_cpu_seconds: Number(cpu.toFixed(3)),
      mb_per_second_wall: Number((mb / wall).toFixed(1)),
      mb_per_cpu_second: Number((mb / cpu).toFixed(1)),
      hits_per_mb: Math.round(Object.entries(warmup.stats.counters).filter(([k]) => k !== 'pii.documents').reduce((sum, [, v]) => sum + v, 0) / mb),
      documents_with_hits: warmup.stats.counters['pii.documents'],
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    },
    null,
    2,
  ),
);
