import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readAll } from './testing.js';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { formatFromName } from './read.js';
import { sourceName } from './source.js';
import { ShardError } from './types.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'taomi-read-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});


async function rejectsWithShardError(path: string, message: RegExp): Promise<void> {
  await assert.rejects(readAll(path), (error: unknown) => {
    assert.ok(error instanceof ShardError, String(error));
    assert.equal(error.file, path);
    assert.match(error.message, message);
    return true;
  });
}

test('formats come from the extension, ignoring compression suffixes', () => {
  assert.equal(formatFromName('/a/b.jsonl.gz'), 'jsonl');
  assert.equal(formatFromName('b.NDJSON'), 'jsonl');
  assert.equal(formatFromName('s3://bucket/x/CC-MAIN-1.warc.wet.gz'), 'warc');
  assert.equal(formatFromName('page.htm'), 'html');
  assert.equal(formatFromName('notes.md.zst'), 'text');
  assert.equal(formatFromName('data.parquet'), 'parquet');
  assert.equal(formatFromName('dir.v2/noext'), undefined);
});

test('a text file is one document whose id is its path', async () => {
  const path = join(dir, 'note.txt');
  await writeFile(path, '第一段。\n\n第二段。\n');
  const [item] = await readAll(path);
  assert.ok(item.kind === 'doc');
  assert.deepEqual([item.doc.id, item.doc.text, item.bytes], [path, '第一段。\n\n第二段。\n', Buffer.byteLength('第一段。\n\n第二段。\n')]);
});

test('id names are relative to the working directory below it, absolute elsewhere', () => {
  assert.equal(sourceName(join(process.cwd(), 'corpus', 'a.jsonl')), 'corpus/a.jsonl');
  assert.equal(sourceName('corpus/../corpus/a.jsonl'), 'corpus/a.jsonl');
  assert.equal(sourceName(join(dir, 'a.jsonl')), join(dir, 'a.jsonl'));
  assert.equal(sourceName('s3://bucket/a.jsonl'), 's3://bucket/a.jsonl');
});

test('an empty text file is an empty_text error', async () => {
  const path = join(dir, 'blank.md');
  await writeFile(path, '  \n');
  const [item] = await readAll(path);
  assert.ok(item.kind === 'error');
  assert.equal(item.error.kind, 'empty_text');
});

test('an HTML file is one document with the page bytes in raw', async () => {
  const path = join(dir, 'page.html.gz');
  const html = '<!doctype html><html><body><p>网页正文</p></body></html>';
  await writeFile(path, gzipSync(html));
  const [item] = await readAll(path);
  assert.ok(item.kind === 'doc');
  assert.equal(item.doc.id, path);
  assert.equal(item.doc.text, '');
  assert.equal(Buffer.from(item.doc.raw!.bytes).toString('utf8'), html);
  assert.equal(item.doc.raw!.contentType, 'text/html');
});

test('files without a known extension are sniffed from their bytes', async () => {
  const jsonl = join(dir, 'part-00000');
  await writeFile(jsonl, gzipSync('{"text":"无扩展名"}\n'));
  assert.deepEqual(
    (await readAll(jsonl)).map((item) => item.kind === 'doc' && item.doc.text),
    ['无扩展名'],
  );
  const warc = join(dir, 'capture.bin');
  await writeFile(warc, 'WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: file:///a.txt\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n');
  const [resource] = await readAll(warc);
  assert.ok(resource.kind === 'doc');
  assert.equal(resource.doc.url, 'file:///a.txt');
  assert.equal(Buffer.from(resource.doc.raw!.bytes).toString(), 'hello');
});

test('missing, unreadable-format and directory shards throw ShardError naming the file', async () => {
  await rejectsWithShardError(join(dir, 'missing.jsonl'), /no such file/);
  await rejectsWithShardError(join(dir, 'missing.parquet'), /no such file/);
  const binary = join(dir, 'blob.dat');
  await writeFile(binary, Buffer.from([0, 1, 2, 3, 4]));
  await rejectsWithShardError(binary, /unknown input format/);
  const folder = join(dir, 'folder.jsonl');
  await mkdir(folder);
  await rejectsWithShardError(folder, /not a regular file/);
  const fake = join(dir, 'fake.parquet');
  await writeFile(fake, 'this is not parquet at all');
  await rejectsWithShardError(fake, /not a readable Parquet file/);
});

test('Parquet written by another tool: columns map like JSONL fields', async () => {
  const path = join(dir, 'foreign.parquet');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(
      `COPY (SELECT 'd' || i AS doc_id, '内容' || i AS content, i::BIGINT AS n, CASE WHEN i = 2 THEN '' ELSE 'x' END AS tag
             FROM range(3) t(i)) TO '${path.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION zstd)`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  const items = await readAll(path, { textField: 'content', idField: 'doc_id' });
  assert.deepEqual(
    items.map((item) => (item.kind === 'doc' ? [item.doc.id, item.doc.text, item.doc.fields, item.doc.source] : item.error.kind)),
    [
      ['d0', '内容0', { n: 0, tag: 'x' }, { file: path, offset: 0 }],
      ['d1', '内容1', { n: 1, tag: 'x' }, { file: path, offset: 1 }],
      ['d2', '内容2', { n: 2, tag: '' }, { file: path, offset: 2 }],
    ],
  );
  const missingText = await readAll(path, { textField: 'body' });
  assert.deepEqual(
    missingText.map((item) => item.kind === 'error' && item.error.kind),
    ['missing_text', 'missing_text', 'missing_text'],
  );
});
