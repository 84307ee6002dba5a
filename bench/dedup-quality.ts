/**
 * Quality and speed of minhash_dedup settings on the labelled test groups (src/dedup/testing.ts), plus the
 * LSH S-curve of the default layout. Numbers in docs/dedup.md come from this script:
 *
 *   node --import tsx bench/dedup-quality.ts [--groups 100]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Converter } from 'opencc-js/cn2t';
import { candidateProbability } from '../src/dedup/lsh.js';
import { bandLayout, createMinhashDedup, minhashOptions } from '../src/dedup/minhash.js';
import { permutations } from '../src/dedup/hash.js';
import { Shingler } from '../src/dedup/shingles.js';
import { minhash } from '../src/dedup/signature.js';
import { clustersFromRun, generatedText, labelledCorpus, pairScores, runCorpusStep, seededRandom, splitShards } from '../src/dedup/testing.js';

const { values: args } = parseArgs({ options: { groups: { type: 'string', default: '100' } } });
const groups = Number(args.groups);
const scratch = mkdtempSync(path.join(tmpdir(), 'taomi-dedup-quality-'));
const toTraditional = Converter({ from: 'cn', to: 'tw' });

console.log('### S-curve: P(candidate | Jaccard s)\n');
const layouts = [0.7, 0.8].map((threshold) => ({ threshold, layout: bandLayout(minhashOptions.parse({ threshold })) }));
const similarities = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];
console.log(`| s | ${layouts.map(({ threshold, layout }) => `threshold ${threshold}: ${layout.bands}×${layout.rows}`).join(' | ')} |`);
console.log(`|---|${layouts.map(() => '---:').join('|')}|`);
for (const s of similarities) console.log(`| ${s} | ${layouts.map(({ layout }) => candidateProbability(s, layout).toFixed(3)).join(' | ')} |`);

console.log(`\n### Pair precision / recall on ${groups} labelled groups (+ ${groups} singletons, 30 short docs)\n`);
console.log('| shingle | threshold | verify | merge_scripts | precision | recall | pairs |');
console.log('|---|---:|---|---|---:|---:|---:|');
let run = 0;
for (const shingle of ['char', 'word'] as const) {
  for (const threshold of [0.7, 0.8]) {
    for (const verify of ['signature', 'exact'] as const) {
      for (const merge of [false, true]) {
        if (merge && (threshold !== 0.7 || verify !== 'signature')) continue;
        const corpus = labelledCorpus({ groups, singles: groups, toTraditional, scriptsAreDuplicates: merge, seed: 99 });
        const options = minhashOptions.parse({ shingle, threshold, verify, merge_scripts: merge });
        const result = await runCorpusStep(createMinhashDedup(options, 'minhash_dedup'), splitShards(corpus.docs, 4), path.join(scratch, String(run++)));
        const scores = pairScores(corpus.groups, clustersFromRun(result, 'cluster'));
        console.log(`| ${shingle} | ${threshold} | ${verify} | ${merge} | ${scores.precision.toFixed(3)} | ${scores.recall.toFixed(3)} | ${scores.truePairs} |`);
      }
    }
  }
}

console.log('\n### Signature speed (one thread, ~1,000-character documents: normalise + shingle + 128-permutation MinHash)\n');
const random = seededRandom(5);
const docs = Array.from({ length: 2000 }, () => generatedText(random, 1000));
const perms = permutations(128);
const signature = new Int32Array(128);
for (const shingle of ['char', 'word'] as const) {
  const shingler = new Shingler({ shingle, ngram: 5, mergeScripts: false });
  for (const text of docs.slice(0, 200)) shingler.shingles(text);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (const text of docs) {
    const { hashes, count } = shingler.shingles(text);
    minhash(hashes, count, perms, signature);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const wall = (performance.now() - started) / 1000;
  const perCpuSecond = docs.length / ((cpu.user + cpu.system) / 1e6);
  console.log(`- ${shingle}: ${Math.round(perCpuSecond).toLocaleString('en')} docs per CPU-second (${Math.round(docs.length / wall).toLocaleString('en')} docs/s wall)`);
}
rmSync(scratch, { recursive: true, force: true });
