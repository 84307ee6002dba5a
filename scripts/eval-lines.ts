/**
 * Runs the `clean` preset on a labelled line file and writes `{id, text}` predictions for
 * /work/shared/eval/score-lines.mjs-style scoring.
 * usage: node --import tsx scripts/eval-lines.ts LABELED.jsonl OUT.jsonl [--preset NAME]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createSteps, loadPreset } from '../src/core/config.js';
import type { Document } from '../src/core/document.js';
import type { StreamStep } from '../src/core/step.js';
import { collect, fromArray, testContext } from '../src/core/testing.js';

interface LabeledDoc {
  id: string;
  lines: Array<{ text: string; keep: boolean }>;
}

const [labeledPath, outPath, ...rest] = process.argv.slice(2);
if (!labeledPath || !outPath) {
  console.error('usage: node --import tsx scripts/eval-lines.ts LABELED.jsonl OUT.jsonl [--preset NAME]');
  process.exit(2);
}
const presetFlag = rest.indexOf('--preset');
const preset = presetFlag >= 0 ? rest[presetFlag + 1] : 'clean';

const labeled: LabeledDoc[] = readFileSync(labeledPath, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as LabeledDoc);

let docs: Document[] = labeled.map((row, i) => ({
  id: String(row.id),
  text: row.lines.map((line) => line.text).join('\n'),
  fields: {},
  taomi: {},
  source: { file: labeledPath, line: i + 1 },
}));

const steps = await createSteps(await loadPreset(preset));
const started = performance.now();
for (const step of steps) {
  if (step.kind !== 'stream') throw new Error(`eval-lines runs streaming steps only; ${step.name} is a corpus step`);
  docs = await collect((step as StreamStep).run(fromArray(docs), testContext(step.name)));
}
const elapsed = performance.now() - started;
writeFileSync(outPath, docs.map((doc) => JSON.stringify({ id: doc.id, text: doc.text })).join('\n') + '\n');
console.error(`${docs.length}/${labeled.length} docs through preset ${preset} in ${elapsed.toFixed(0)} ms -> ${outPath}`);
