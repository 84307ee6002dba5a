/**
 * Reader/writer throughput on a generated Chinese JSONL corpus:
 *   node --import tsx src/io/bench.ts [megabytes=100]
 * Prints MB/s of uncompressed input per format, measured on one core (CPU time) and wall clock.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { compress } from 'zstd-napi';
import { toRecord } from '../core/document.js';
import { readShard } from './read.js';
import { DEFAULT_READ_OPTIONS, type Compression, type OutputFormat } from './types.js';
import { openRecordWriter } from './write.js';

const HAN = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研';

/** Deterministic pseudo-random documents with a skewed character distribution (zstd ratio ~2.5). */
function generateCorpus(megabytes: number): Buffer {
  let state = 0x9e3779b9;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1e6; i++) {
    let text = '';
    const sentences = 5 + Math.floor(random() * 30);
    for (let s = 0; s < sentences; s++) {
      const length = 8 + Math.floor(random() * 40);
      for (let c = 0; c < length; c++) text += HAN[Math.floor(HAN.length * random() ** 2.5)];
      text += random() < 0.8 ? '。' : '！\n';
    }
    const line = JSON.stringify({ id: `doc-${i}`, text, url: `https://example.cn/news/${i}.html`, lang: 'zh' }) + '\n';
    parts.push(line);
    size += Buffer.byteLength(line);
  }
  return Buffer.from(parts.join(''));
}

async function measure(label: string, inputBytes: number, run: () => Promise<number>): Promise<void> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const docs = await run();
  const wallSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const mb = inputBytes / 1e6;
  console.log(
    `${label.padEnd(28)} ${(mb / cpuSeconds).toFixed(0).padStart(5)} MB/s per core (cpu)  ${(mb / wallSeconds).toFixed(0).padStart(5)} MB/s wall  ${(docs / wallSeconds).toFixed(0).padStart(7)} docs/s  rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
  );
}

async function readCount(path: string): Promise<number> {
  let docs = 0;
  for await (const item of readShard(path, DEFAULT_READ_OPTIONS)) if (item.kind === 'doc') docs++;
  return docs;
}

async function copy(input: string, output: string, format: OutputFormat, compression: Compression): Promise<number> {
  const writer = await openRecordWriter(output, format, compression);
  let docs = 0;
  for await (const item of readShard(input, DEFAULT_READ_OPTIONS)) {
    if (item.kind !== 'doc') continue;
    await writer.write(toRecord(item.doc));
    docs++;
  }
  await writer.close();
  return docs;
}

const megabytes = Number(process.argv[2] ?? 100);
const dir = await mkdtemp(join(tmpdir(), 'taomi-io-bench-'));
try {
  const corpus = generateCorpus(megabytes);
  const plain = join(dir, 'corpus.jsonl');
  await writeFile(plain, corpus);
  await writeFile(`${plain}.gz`, gzipSync(corpus));
  await writeFile(`${plain}.zst`, compress(corpus));
  console.log(`corpus: ${(corpus.length / 1e6).toFixed(0)} MB JSONL, gzip ${((await stat(`${plain}.gz`)).size / 1e6).toFixed(0)} MB, zstd ${((await stat(`${plain}.zst`)).size / 1e6).toFixed(0)} MB`);
  await readCount(plain); // warm up the JIT so the first measurement is comparable
  for (const suffix of ['', '.gz', '.zst']) await measure(`read jsonl${suffix}`, corpus.length, () => readCount(plain + suffix));
  for (const compression of ['none', 'gzip', 'zstd'] as const) {
    await measure(`read+write jsonl ${compression}`, corpus.length, () => copy(plain, join(dir, `out-${compression}`), 'jsonl', compression));
  }
  await measure('read+write parquet', corpus.length, () => copy(plain, join(dir, 'out'), 'parquet', 'none'));
  await measure('read parquet', corpus.length, () => readCount(join(dir, 'out.parquet')));
} finally {
  await rm(dir, { recursive: true, force: true });
}
