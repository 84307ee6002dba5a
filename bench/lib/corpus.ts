// Generates Chinese-like JSONL corpora for benchmarks: words of common CJK characters drawn from a
// Zipf distribution, punctuated into sentences and lines, ~1.5k characters per document.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { seededRandom as random } from '../../src/core/random.js';

export interface CorpusOptions {
  /** Total size of the JSONL files in bytes (approximate, whole documents). */
  bytes: number;
  shards: number;
  /** Mean characters per document. */
  charsPerDoc?: number;
  seed?: number;
}

export interface GeneratedCorpus {
  files: string[];
  docs: number;
  bytes: number;
}


/** Samples ranks 0..n-1 with probability ∝ 1/(rank+1)^s, by binary search over the cumulative weights. */
function zipfSampler(n: number, s: number, next: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let rank = 0; rank < n; rank++) {
    total += 1 / Math.pow(rank + 1, s);
    cumulative[rank] = total;
  }
  return () => {
    const target = next() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

const CJK_FIRST = 0x4e00;
const CJK_COUNT = 3500;
const VOCABULARY = 30000;

/** A word list: 1–4 Zipf-drawn characters from the first 3,500 CJK Unified Ideographs. */
function vocabulary(next: () => number): string[] {
  const character = zipfSampler(CJK_COUNT, 1.0, next);
  const words: string[] = [];
  for (let i = 0; i < VOCABULARY; i++) {
    const length = 1 + Math.floor(next() * next() * 4);
    let word = '';
    for (let j = 0; j < length; j++) word += String.fromCharCode(CJK_FIRST + character());
    words.push(word);
  }
  return words;
}

/** Returns a function producing one document text of about `chars` characters. */
export function documentTexts(seed: number, chars: number): () => string {
  const next = random(seed);
  const words = vocabulary(next);
  const word = zipfSampler(words.length, 1.05, next);
  return () => {
    const target = chars * (0.5 + next());
    const lines: string[] = [];
    let length = 0;
    while (length < target) {
      let line = '';
      const sentences = 1 + Math.floor(next() * 4);
      for (let s = 0; s < sentences; s++) {
        const count = 6 + Math.floor(next() * 14);
        for (let w = 0; w < count; w++) line += words[word()] + (w > 0 && next() < 0.12 ? '，' : '');
        line += next() < 0.85 ? '。' : '！';
      }
      lines.push(line);
      length += line.length + 1;
    }
    return lines.join('\n');
  };
}

/** Writes the corpus as `shards` JSONL files `part-XXXXX.jsonl` in `dir`. */
export async function generateCorpus(dir: string, options: CorpusOptions): Promise<GeneratedCorpus> {
  await mkdir(dir, { recursive: true });
  const text = documentTexts(options.seed ?? 1, options.charsPerDoc ?? 1500);
  const perShard = options.bytes / options.shards;
  const files: string[] = [];
  let docs = 0;
  let bytes = 0;
  for (let shard = 0; shard < options.shards; shard++) {
    const file = path.join(dir, `part-${String(shard).padStart(5, '0')}.jsonl`);
    const out = createWriteStream(file);
    let written = 0;
    while (written < perShard) {
      const line = `${JSON.stringify({ id: `bench-${shard}-${docs}`, url: `https://bench.example/${shard}/${docs}.html`, text: text() })}\n`;
      const size = Buffer.byteLength(line);
      written += size;
      docs += 1;
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    files.push(file);
    bytes += written;
  }
  return { files, docs, bytes };
}
