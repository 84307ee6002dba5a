import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { toRecord, type Document } from '../core/document.js';
import { readShard } from './read.js';
import { DEFAULT_READ_OPTIONS, type Compression } from './types.js';
import { openParquetWriter } from './parquet-write.js';
import { openRecordWriter, readJsonLines } from './write.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'taomi-write-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function sampleDocs(count: number): Document[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `doc-${i}`,
    text: `第${i}篇：天气很好，我们去公园散步。\n第二行。`,
    ...(i % 3 === 0 ? {} : { url: `https://example.cn/${i}` }),
    fields: { lang: 'zh', rank: i, tags: ['a', 'b'] },
    taomi: { quality: i / count, removed_spans: [{ start: 0, end: 2, step: 's', rule: 'r', value: 1, threshold: 2 }] },
    source: { file: 'in.jsonl', line: i + 1 },
  }));
}

async function readDocs(path: string): Promise<Document[]> {
  const out: Document[] = [];
  for await (const item of readShard(path, DEFAULT_READ_OPTIONS)) {
    assert.equal(item.kind, 'doc', JSON.stringify(item));
    if (item.kind === 'doc') out.push(item.doc);
  }
  return out;
}

const EXTENSIONS: Record<Compression, string> = { none: '.jsonl', gzip: '.jsonl.gz', zstd: '.jsonl.zst' };

for (const compression of ['none', 'gzip', 'zstd'] as const) {
  test(`JSONL writer (${compression}) round-trips records through the reader`, async () => {
    const input = sampleDocs(5000);
    const writer = await openRecordWriter(join(dir, `out-${compression}`), 'jsonl', compression);
    assert.equal(writer.path, join(dir, `out-${compression}${EXTENSIONS[compression]}`));
    for (const doc of input) await writer.write(toRecord(doc));
    await writer.close();
    const output = await readDocs(writer.path);
    assert.equal(output.length, input.length);
    output.forEach((doc, i) => assert.deepEqual(toRecord(doc), toRecord(input[i])));
  });
}

test('an empty JSONL writer leaves a valid empty file', async () => {
  const writer = await openRecordWriter(join(dir, 'empty'), 'jsonl', 'gzip');
  await writer.close();
  assert.deepEqual(await readDocs(writer.path), []);
});

test('readJsonLines reads any compression and reports bad lines', async () => {
  const path = join(dir, 'internal.jsonl.gz');
  await writeFile(path, gzipSync(Buffer.from('{"a":1}\n\nnot json\n[2]\n')));
  const lines = [];
  for await (const line of readJsonLines(path)) lines.push(line);
  assert.deepEqual(lines[0], { line: 1, value: { a: 1 } });
  assert.equal(lines[1].line, 3);
  assert.ok('error' in lines[1]);
  assert.deepEqual(lines[2], { line: 4, value: [2] });
});

test('Parquet output is readable by DuckDB with the documented schema and by our reader', async () => {
  const input = sampleDocs(2_500);
  const writer = await openParquetWriter(join(dir, 'out.parquet'), { rowGroupRows: 1_000 });
  for (const doc of input) await writer.write(toRecord(doc));
  await writer.close();
  assert.equal((await readFile(writer.path)).subarray(0, 4).toString('latin1'), 'PAR1');

  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const file = writer.path.replaceAll("'", "''");
    const schema = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`);
    assert.deepEqual(
      schema.getRowObjects().map((row) => [row.column_name, row.column_type]),
      [
        ['id', 'VARCHAR'],
        ['text', 'VARCHAR'],
        ['url', 'VARCHAR'],
        ['taomi', 'VARCHAR'],
        ['fields', 'VARCHAR'],
      ],
    );
    const summary = await connection.runAndReadAll(
      `SELECT count(*)::INTEGER AS n, count(url)::INTEGER AS urls, max(CAST(json_extract(fields, '$.rank') AS INTEGER))::INTEGER AS max_rank,
              min(id) AS first_id, max(text) FILTER (WHERE id = 'doc-7') AS text7
       FROM read_parquet('${file}')`,
    );
    assert.deepEqual(summary.getRowObjects()[0], {
      n: 2_500,
      urls: 2_500 - Math.ceil(2_500 / 3),
      max_rank: 2_499,
      first_id: 'doc-0',
      text7: input[7].text,
    });
    const groups = await connection.runAndReadAll(`SELECT count(DISTINCT row_group_id)::INTEGER AS g, max(compression) AS c FROM parquet_metadata('${file}')`);
    assert.deepEqual(groups.getRowObjects()[0], { g: 3, c: 'ZSTD' });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }

  const output = await readDocs(writer.path);
  assert.equal(output.length, input.length);
  output.forEach((doc, i) => assert.deepEqual(toRecord(doc), toRecord(input[i])));
  assert.ok((await stat(writer.path)).size > 0);
});

test('openRecordWriter names Parquet files .parquet and an empty one is valid', async () => {
  const writer = await openRecordWriter(join(dir, 'none'), 'parquet', 'none');
  assert.equal(writer.path, join(dir, 'none.parquet'));
  await writer.close();
  assert.deepEqual(await readDocs(writer.path), []);
});
