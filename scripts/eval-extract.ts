/**
 * Builds `{id,url,html}` rows from a gold set (gold.jsonl + html/), extracts them with the
 * `extract` preset's steps (or @mozilla/readability on linkedom with `--baseline readability`),
 * writes `{id,text}` predictions, and scores them with the shared scorer when it is present.
 *
 * usage: node --import tsx scripts/eval-extract.ts [--gold DIR/gold.jsonl] [--out PRED.jsonl]
 *          [--baseline readability] [--sites a.com,b.com | --exclude-sites a.com,b.com]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createSteps, loadPreset } from '../src/core/config.js';
import type { Document } from '../src/core/document.js';
import { emptyStepStats, StepCounters } from '../src/core/stats.js';
import type { StepContext } from '../src/core/step.js';
import { sharedPath } from '../src/core/testing.js';

interface GoldRow {
  id: string;
  url?: string;
  site?: string;
  html: string;
  gold: string;
}

const { values } = parseArgs({
  options: {
    gold: { type: 'string', default: sharedPath('data/extract-zh/gold.jsonl') ?? '../shared/data/extract-zh/gold.jsonl' },
    out: { type: 'string', default: '/tmp/taomi-extract-pred.jsonl' },
    baseline: { type: 'string' },
    sites: { type: 'string' },
    'exclude-sites': { type: 'string' },
    scorer: { type: 'string', default: sharedPath('eval/score-extract.mjs') ?? '../shared/eval/score-extract.mjs' },
  },
});

function readGold(goldPath: string): GoldRow[] {
  const rows = readFileSync(goldPath, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as GoldRow);
  const only = values.sites?.split(',');
  const except = values['exclude-sites']?.split(',');
  return rows.filter((row) => (!only || only.includes(row.site ?? '')) && !except?.includes(row.site ?? ''));
}

async function* asDocuments(rows: GoldRow[], dir: string): AsyncIterable<Document> {
  for (const [i, row] of rows.entries()) {
    const html = readFileSync(path.join(dir, row.html), 'utf8');
    yield { id: row.id, text: '', url: row.url, fields: { html }, taomi: {}, source: { file: 'gold.jsonl', line: i + 1 } };
  }
}

async function extractWithPreset(rows: GoldRow[], dir: string): Promise<Map<string, string>> {
  const steps = await createSteps(await loadPreset('extract'));
  let stream = asDocuments(rows, dir);
  for (const step of steps) {
    if (step.kind !== 'stream') throw new Error(`the extract preset has a non-streaming step ${step.name}`);
    const stats = emptyStepStats(step.name);
    const ctx: StepContext = {
      step: step.name,
      task: { index: 0, count: 1 },
      counters: new StepCounters(stats),
      remove(doc, removal) {
        console.error(`removed ${doc.id}: ${removal.rule} (${String(removal.value)})`);
      },
      log: (message) => console.error(message),
    };
    stream = step.run(stream, ctx);
  }
  const out = new Map<string, string>();
  for await (const doc of stream) out.set(doc.id, doc.text);
  return out;
}

async function extractWithReadability(rows: GoldRow[], dir: string): Promise<Map<string, string>> {
  const { Readability } = await import('@mozilla/readability');
  const { parseHTML } = await import('linkedom');
  const out = new Map<string, string>();
  for (const row of rows) {
    const { document } = parseHTML(readFileSync(path.join(dir, row.html), 'utf8'));
    const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
    out.set(row.id, (article?.textContent ?? '').split('\n').map((line) => line.trim()).filter(Boolean).join('\n'));
  }
  return out;
}

const goldPath = path.resolve(values.gold!);
const rows = readGold(goldPath);
const dir = path.dirname(goldPath);
const started = performance.now();
const predictions = values.baseline === 'readability' ? await extractWithReadability(rows, dir) : await extractWithPreset(rows, dir);
const seconds = (performance.now() - started) / 1000;
writeFileSync(values.out!, rows.map((row) => JSON.stringify({ id: row.id, text: predictions.get(row.id) ?? '' })).join('\n') + '\n');
const subsetGold = `${values.out}.gold.jsonl`;
writeFileSync(subsetGold, rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
console.log(`${values.baseline ?? 'taomi extract'}: ${rows.length} pages in ${seconds.toFixed(2)} s → ${values.out}`);
if (existsSync(values.scorer!)) {
  process.stdout.write(execFileSync('node', [values.scorer!, subsetGold, values.out!], { encoding: 'utf8' }));
}
