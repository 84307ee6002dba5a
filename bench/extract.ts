/**
 * `extract` step speed on one core: the shared dev pages (../shared/data/extract-zh/html) when
 * present, else generated news/forum/Q&A pages, fed as raw bytes (as from a WARC) through the step
 * several rounds. Rates are per CPU-second of this process (user + system), which a busy shared
 * machine distorts far less than wall time; wall time and peak RSS are shown too.
 * Usage: npm run bench:extract -- [--dir HTML_DIR] [--rounds N]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Document } from '../src/core/document.js';
import { collect, fromArray, sharedPath, testContext } from '../src/core/testing.js';
import { forumPage, newsPage, qaPage } from '../src/extract/fixtures.js';
import { extractStep } from '../src/extract/step.js';
import { sampleMemory } from './lib/rss.js';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: sharedPath('data/extract-zh/html') ?? '../shared/data/extract-zh/html' },
    rounds: { type: 'string', default: '5' },
  },
});

function loadPages(): { pages: Buffer[]; origin: string } {
  const dir = values.dir!;
  if (existsSync(dir)) {
    const files = readdirSync(dir).filter((file) => file.endsWith('.html')).sort();
    if (files.length > 0) return { pages: files.map((file) => readFileSync(path.join(dir, file))), origin: `${files.length} pages from ${dir}` };
  }
  const pages = Array.from({ length: 60 }, (_, i) => Buffer.from([newsPage, forumPage, qaPage][i % 3]().replace('<body>', `<body><!-- ${i} -->`)));
  return { pages, origin: `${pages.length} generated pages (no ${dir})` };
}

const { pages, origin } = loadPages();
const rounds = Number(values.rounds);
const bytes = pages.reduce((sum, page) => sum + page.length, 0);
const step = await extractStep.create(extractStep.options.parse({}), 'extract');
if (step.kind !== 'stream') throw new Error('extract is a stream step');

const asDocs = (round: number): Document[] =>
  pages.map((page, i) => ({ id: `${round}-${i}`, text: '', fields: {}, taomi: {}, source: { file: 'bench' }, raw: { bytes: page, contentType: 'text/html', httpStatus: 200 } }));

// One warm-up round so the JIT and decoder caches are hot.
await collect(step.run(fromArray(asDocs(-1)), testContext('extract')));
const sampler = sampleMemory(20);
const cpuSecondsOf = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;
const cpuBefore = process.cpuUsage();
const started = performance.now();
const roundRates: number[] = [];
let kept = 0;
for (let round = 0; round < rounds; round++) {
  const roundCpu = process.cpuUsage();
  kept += (await collect(step.run(fromArray(asDocs(round)), testContext('extract')))).length;
  roundRates.push(pages.length / cpuSecondsOf(process.cpuUsage(roundCpu)));
}
const wallSeconds = (performance.now() - started) / 1000;
const cpuSeconds = cpuSecondsOf(process.cpuUsage(cpuBefore));
const peakRssMb = sampler.stop();
const total = pages.length * rounds;
const sortedRates = [...roundRates].sort((a, b) => a - b);
const median = sortedRates[Math.floor(sortedRates.length / 2)];
console.log(`extract: ${origin}, ${(bytes / pages.length / 1024).toFixed(0)} KB/page average, ${rounds} rounds, ${kept}/${total} kept`);
console.log(`  ${(total / cpuSeconds).toFixed(0)} pages per CPU-second (${((bytes * rounds) / cpuSeconds / 1e6).toFixed(1)} MB/s), wall ${(total / wallSeconds).toFixed(0)} pages/s`);
// A shared host makes single rounds vary by ±30%; the best round shows what an undisturbed core does.
console.log(`  per round: median ${median.toFixed(0)}, best ${sortedRates.at(-1)!.toFixed(0)} pages per CPU-second`);
console.log(`  peak RSS ${peakRssMb.toFixed(0)} MB`);
