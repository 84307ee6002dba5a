/**
 * Runs the `clean` preset on a labelled line file and writes `{id, text}` predictions for
 * /work/shared/eval/score-lines.mjs-style scoring.
 * usage: node --import tsx scripts/eval-lines.ts LABELED.jsonl OUT.jsonl [--preset NAME] [--repeat N]
 * --repeat N runs every document N times (predictions are written once) for a steadier speed figure;
 * per-step CPU time (user + system, steadier than wall time on a shared machine), docs/s and MB/s
 * go to stderr.
 * --held-out SITE,SITE,... also scores the predictions (score-lines.mjs's metric) and prints macro F1
 * per site, over the listed held-out sites and over the rest, so a rule change is judged on sites it
 * was not tuned on (needs the `site` field of the labelled rows).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createSteps, loadPreset } from '../src/core/config.js';
import type { Document } from '../src/core/document.js';
import type { StreamStep } from '../src/core/step.js';
import { collect, fromArray, testContext } from '../src/core/testing.js';

interface LabeledDoc {
  id: string;
  site?: string;
  lines: Array<{ text: string; keep: boolean }>;
}

const [labeledPath, outPath, ...rest] = process.argv.slice(2);
if (!labeledPath || !outPath) {
  console.error('usage: node --import tsx scripts/eval-lines.ts LABELED.jsonl OUT.jsonl [--preset NAME]');
  process.exit(2);
}
function flag(name: string, fallback: string): string {
  const at = rest.indexOf(name);
  return at >= 0 && rest[at + 1] ? rest[at + 1] : fallback;
}
const preset = flag('--preset', 'clean');
const repeat = Math.max(1, Number(flag('--repeat', '1')));
const heldOut = new Set(flag('--held-out', '').split(',').filter(Boolean));

const labeled: LabeledDoc[] = readFileSync(labeledPath, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as LabeledDoc);

function buildDocs(): Document[] {
  return labeled.map((row, i) => ({
    id: String(row.id),
    text: row.lines.map((line) => line.text).join('\n'),
    fields: {},
    taomi: {},
    source: { file: labeledPath, line: i + 1 },
  }));
}

const steps = await createSteps(await loadPreset(preset));
const stepMs = new Map<string, number>();
let output: Document[] = [];
let inputBytes = 0;
for (let round = 0; round < repeat; round++) {
  let docs = buildDocs();
  for (const doc of docs) inputBytes += Buffer.byteLength(doc.text);
  for (const step of steps) {
    if (step.kind !== 'stream') throw new Error(`eval-lines runs streaming steps only; ${step.name} is a corpus step`);
    const started = process.cpuUsage();
    docs = await collect((step as StreamStep).run(fromArray(docs), testContext(step.name)));
    const used = process.cpuUsage(started);
    stepMs.set(step.name, (stepMs.get(step.name) ?? 0) + (used.user + used.system) / 1000);
  }
  output = docs;
}
writeFileSync(outPath, output.map((doc) => JSON.stringify({ id: doc.id, text: doc.text })).join('\n') + '\n');
const totalDocs = labeled.length * repeat;
const megabytes = inputBytes / 1e6;
for (const [name, ms] of stepMs) {
  console.error(`${name.padEnd(14)} ${ms.toFixed(0).padStart(7)} ms CPU  ${(totalDocs / (ms / 1000)).toFixed(0).padStart(7)} docs/s  ${(megabytes / (ms / 1000)).toFixed(1).padStart(6)} MB/s`);
}
const totalMs = [...stepMs.values()].reduce((a, b) => a + b, 0);
console.error(`${output.length}/${labeled.length} docs through preset ${preset} (${totalDocs} runs, ${megabytes.toFixed(1)} MB) in ${totalMs.toFixed(0)} ms -> ${outPath}`);

const normaliseForScore = (text: string) => text.normalize('NFKC').replace(/\s+/gu, '');

function f1(tp: number, fp: number, fn: number): number {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
}

/** Character-weighted F1 of one page: a labelled line counts as kept when its text occurs in the output. */
function pageF1(row: LabeledDoc, output: string): number {
  const whole = normaliseForScore(output);
  let tp = 0, fp = 0, fn = 0;
  for (const line of row.lines) {
    const text = normaliseForScore(line.text);
    if (!text) continue;
    const kept = whole.includes(text);
    if (kept && line.keep) tp += text.length;
    else if (kept) fp += text.length;
    else if (line.keep) fn += text.length;
  }
  return f1(tp, fp, fn);
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / (values.length || 1);

if (heldOut.size > 0) {
  const outputs = new Map(output.map((doc) => [doc.id, doc.text]));
  const bySite = new Map<string, number[]>();
  for (const row of labeled) {
    const site = row.site ?? '?';
    bySite.set(site, [...(bySite.get(site) ?? []), pageF1(row, outputs.get(String(row.id)) ?? '')]);
  }
  const pages = (held: boolean) => [...bySite].filter(([site]) => heldOut.has(site) === held).flatMap(([, scores]) => scores);
  for (const [site, scores] of [...bySite].sort((a, b) => mean(a[1]) - mean(b[1]))) {
    console.log(`${heldOut.has(site) ? 'held' : 'design'}\t${site.padEnd(22)} pages=${scores.length} macro_f1=${mean(scores).toFixed(4)}`);
  }
  console.log(`macro_f1 all=${mean([...bySite.values()].flat()).toFixed(4)} design=${mean(pages(false)).toFixed(4)} held_out=${mean(pages(true)).toFixed(4)} site_mean=${mean([...bySite.values()].map(mean)).toFixed(4)}`);
}
