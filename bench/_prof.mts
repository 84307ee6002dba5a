import { Shingler } from '../src/dedup/shingles.js';
import { minhash } from '../src/dedup/signature.js';
import { permutations } from '../src/dedup/hash.js';
import { contentForm } from '../src/dedup/normalize.js';
import { generatedText, seededRandom } from '../src/dedup/testing.js';
const r = seededRandom(1);
const docs = Array.from({ length: 3000 }, () => generatedText(r, 1000));
const sh = new Shingler({ shingle: 'char', ngram: 5, mergeScripts: false });
const perms = permutations(128);
const sig = new Int32Array(128);
for (let rep = 0; rep < 2; rep++) {
  let t = performance.now();
  for (const d of docs) contentForm(d);
  const tn = performance.now() - t;
  t = performance.now();
  const all = docs.map((d) => { const { hashes, count } = sh.shingles(d); return hashes.slice(0, count); });
  const ts = performance.now() - t;
  t = performance.now();
  for (const h of all) minhash(h, h.length, perms, sig);
  const tm = performance.now() - t;
  console.log(`normalize ${(docs.length / tn * 1000).toFixed(0)}/s shingles(incl norm) ${(docs.length / ts * 1000).toFixed(0)}/s minhash ${(docs.length / tm * 1000).toFixed(0)}/s`);
}
