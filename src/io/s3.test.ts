import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { expandInputs } from './inputs.js';
import { readShard } from './read.js';
import { configureS3, s3Client } from './s3.js';
import { DEFAULT_READ_OPTIONS, ShardError, type ReadItem } from './types.js';
import { openRecordWriter } from './write.js';

let dir: string;
let server: S3rver;
const savedEnv = { ...process.env };

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'taomi-s3-'));
  server = new S3rver({ port: 0, address: '127.0.0.1', directory: join(dir, 'store'), silent: true, configureBuckets: [{ name: 'corpus' }] });
  const { port } = await server.run();
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
  });
  configureS3({});
  const parquet = await openRecordWriter(join(dir, 'docs'), 'parquet', 'none');
  for (let i = 0; i < 50; i++) await parquet.write({ id: `p${i}`, text: `第${i}行`, lang: 'zh', taomi: {} });
  await parquet.close();
  const objects: Record<string, Buffer> = {
    'crawl/part-0.jsonl.gz': gzipSync('{"id":"a","text":"云端文本一"}\n{"text":"云端文本二"}\n'),
    'crawl/part-1.jsonl': Buffer.from('{"id":"c","text":"云端文本三"}\nnot json\n'),
    'crawl/.staging/part-9.jsonl': Buffer.from('{"text":"隐藏"}\n'),
    'crawl/docs.parquet': await readFile(parquet.path),
    'crawl2/other.jsonl': Buffer.from('{"text":"另一个前缀"}\n'),
  };
  for (const [key, body] of Object.entries(objects)) {
    await s3Client().send(new PutObjectCommand({ Bucket: 'corpus', Key: key, Body: body }));
  }
});

after(async () => {
  configureS3({});
  for (const key of ['AWS_ENDPOINT_URL', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function readAll(path: string): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of readShard(path, DEFAULT_READ_OPTIONS)) items.push(item);
  return items;
}

test('s3:// prefixes list objects in key order, skipping hidden keys', async () => {
  const files = await expandInputs(['s3://corpus/crawl/']);
  assert.deepEqual(
    files.map((file) => file.path),
    ['s3://corpus/crawl/docs.parquet', 's3://corpus/crawl/part-0.jsonl.gz', 's3://corpus/crawl/part-1.jsonl'],
  );
  assert.ok(files.every((file) => typeof file.size === 'number' && file.size > 0));
});

test('an exact s3:// key is just that object; an unknown key is returned for its task to fail', async () => {
  assert.deepEqual(
    (await expandInputs(['s3://corpus/crawl/part-1.jsonl'])).map((file) => file.path),
    ['s3://corpus/crawl/part-1.jsonl'],
  );
  assert.deepEqual(await expandInputs(['s3://corpus/nope/']), [{ path: 's3://corpus/nope/' }]);
});

test('s3:// globs match keys below their literal prefix; a glob matching nothing throws', async () => {
  assert.deepEqual(
    (await expandInputs(['s3://corpus/crawl*/*.jsonl'])).map((file) => file.path),
    ['s3://corpus/crawl/part-1.jsonl', 's3://corpus/crawl2/other.jsonl'],
  );
  assert.deepEqual(
    (await expandInputs(['s3://corpus/crawl/part-*'])).map((file) => file.path),
    ['s3://corpus/crawl/part-0.jsonl.gz', 's3://corpus/crawl/part-1.jsonl'],
  );
  await assert.rejects(expandInputs(['s3://corpus/crawl/*.warc.gz']), /no input files match the pattern s3:\/\/corpus\/crawl\/\*\.warc\.gz/);
});

test('JSONL objects stream from S3, compressed or not', async () => {
  const gz = await readAll('s3://corpus/crawl/part-0.jsonl.gz');
  assert.deepEqual(
    gz.map((item) => (item.kind === 'doc' ? [item.doc.id, item.doc.text] : item.error.kind)),
    [
      ['a', '云端文本一'],
      ['s3://corpus/crawl/part-0.jsonl.gz:2', '云端文本二'],
    ],
  );
  const plain = await readAll('s3://corpus/crawl/part-1.jsonl');
  assert.deepEqual(
    plain.map((item) => (item.kind === 'doc' ? item.doc.id : item.error.kind)),
    ['c', 'json_parse'],
  );
});

test('Parquet objects are read from S3 with range requests', async () => {
  const items = await readAll('s3://corpus/crawl/docs.parquet');
  assert.equal(items.length, 50);
  const last = items[49];
  assert.ok(last.kind === 'doc');
  assert.deepEqual([last.doc.id, last.doc.text, last.doc.fields], ['p49', '第49行', { lang: 'zh' }]);
});

test('a missing S3 object is a ShardError naming it', async () => {
  await assert.rejects(readAll('s3://corpus/crawl/missing.jsonl'), (error: unknown) => {
    assert.ok(error instanceof ShardError);
    assert.equal(error.file, 's3://corpus/crawl/missing.jsonl');
    assert.match(error.message, /no such S3 object/);
    return true;
  });
});
