import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { WARCRecord, WARCSerializer, type WARCType } from 'warcio';
import { readShard } from './read.js';
import { DEFAULT_READ_OPTIONS, type ReadItem } from './types.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'taomi-warc-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const PAGE = '<html><head><meta charset="utf-8"><title>测试页面</title></head><body><p>这是一个测试页面的正文。</p></body></html>';

async function serialize(
  type: WARCType,
  url: string,
  payload: Uint8Array,
  gzip: boolean,
  http?: { statusline: string; headers: Record<string, string> },
): Promise<Uint8Array> {
  const record = WARCRecord.create(
    {
      url,
      type,
      date: '2026-11-20T08:00:00Z',
      warcHeaders: { 'WARC-Record-ID': `<urn:uuid:${type}-${url}>`, ...(http ? {} : { 'Content-Type': 'text/plain' }) },
      ...(http ? { httpHeaders: http.headers, statusline: http.statusline } : {}),
    },
    (async function* () {
      yield payload;
    })(),
  );
  return WARCSerializer.serialize(record, { gzip });
}

/** Records with broken WARC headers, as written by a broken crawler: a bad length, and no version line. */
function brokenRecords(gzip: boolean): Uint8Array[] {
  const records = [
    'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://broken.example/\r\nContent-Length: twelve\r\n\r\nHTTP/1.1 200\r\n\r\n\r\n\r\n',
    'WARZ-GARBAGE 1.0\r\nsome: header\r\n\r\n',
  ].map((text) => Buffer.from(text));
  return gzip ? records.map((record) => gzipSync(record)) : records;
}

function chunked(body: Uint8Array): Uint8Array {
  const half = Math.floor(body.length / 2);
  const parts = [body.subarray(0, half), body.subarray(half)];
  return Buffer.concat([...parts.flatMap((part) => [Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n')]), Buffer.from('0\r\n\r\n')]);
}

async function sampleWarc(gzip: boolean): Promise<Buffer> {
  const html = new TextEncoder().encode(PAGE);
  const compressedBody = gzipSync(html);
  const parts = [
    await serialize('warcinfo', '', new TextEncoder().encode('software: test\r\n'), gzip),
    await serialize('request', 'http://site.example/a', new Uint8Array(), gzip, {
      statusline: 'GET /a HTTP/1.1',
      headers: { Host: 'site.example' },
    }),
    await serialize('response', 'http://site.example/a', html, gzip, {
      statusline: 'HTTP/1.1 200 OK',
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
    }),
    ...brokenRecords(gzip),
    await serialize('response', 'http://site.example/b', compressedBody, gzip, {
      statusline: 'HTTP/1.1 404 Not Found',
      headers: { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' },
    }),
    await serialize('response', 'http://site.example/c', brotliCompressSync(html), gzip, {
      statusline: 'HTTP/1.1 200 OK',
      headers: { 'Content-Type': 'text/html', 'Content-Encoding': 'br' },
    }),
    await serialize('response', 'http://site.example/d', chunked(html), gzip, {
      statusline: 'HTTP/1.1 200 OK',
      headers: { 'Content-Type': 'text/html', 'Transfer-Encoding': 'chunked' },
    }),
    await serialize('metadata', 'http://site.example/b', new TextEncoder().encode('fetchTimeMs: 12\r\n'), gzip),
  ];
  return Buffer.concat(parts);
}

async function readAll(path: string): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of readShard(path, DEFAULT_READ_OPTIONS)) items.push(item);
  return items;
}

for (const gzip of [false, true]) {
  test(`WARC${gzip ? '.gz' : ''}: responses become documents with decoded raw payloads; a broken header is an error`, async () => {
    const path = join(dir, `sample.warc${gzip ? '.gz' : ''}`);
    await writeFile(path, await sampleWarc(gzip));
    const items = await readAll(path);
    assert.deepEqual(
      items.map((item) => (item.kind === 'doc' ? item.doc.url : item.error.kind)),
      ['http://site.example/a', 'warc_header', 'warc_header', 'http://site.example/b', 'http://site.example/c', 'http://site.example/d'],
    );
    const [first, broken, garbage, second, third, fourth] = items;
    assert.ok(garbage.kind === 'error');
    assert.match(garbage.error.message, /does not start with a WARC version line/);
    assert.ok(first.kind === 'doc' && second.kind === 'doc' && broken.kind === 'error');
    assert.equal(first.doc.id, '<urn:uuid:response-http://site.example/a>');
    assert.equal(first.doc.text, '');
    assert.equal(Buffer.from(first.doc.raw!.bytes).toString('utf8'), PAGE);
    assert.equal(first.doc.raw!.contentType, 'text/html; charset=utf-8');
    assert.equal(first.doc.raw!.httpStatus, 200);
    assert.equal(first.doc.fields.warc_date, '2026-11-20T08:00:00Z');
    assert.equal(typeof first.doc.source.offset, 'number');
    assert.match(broken.error.message, /Content-Length "twelve"/);
    assert.equal(Buffer.from(second.doc.raw!.bytes).toString('utf8'), PAGE, 'Content-Encoding: gzip removed');
    assert.equal(second.doc.raw!.httpStatus, 404);
    assert.equal(second.doc.raw!.httpHeaders?.['content-encoding'], 'gzip');
    assert.ok(third.kind === 'doc');
    assert.equal(Buffer.from(third.doc.raw!.bytes).toString('utf8'), PAGE, 'Content-Encoding: br removed');
    assert.ok(fourth.kind === 'doc');
    assert.equal(Buffer.from(fourth.doc.raw!.bytes).toString('utf8'), PAGE, 'Transfer-Encoding: chunked removed');
  });
}

test('WET conversion records become documents with text', async () => {
  const encoder = new TextEncoder();
  const parts = [
    await serialize('warcinfo', '', encoder.encode('software: test\r\n'), true),
    await serialize('conversion', 'http://site.example/a', encoder.encode('第一行文字\n第二行文字'), true),
    await serialize('conversion', 'http://site.example/empty', new Uint8Array(), true),
    await serialize('conversion', 'http://site.example/bad', Buffer.from([0x61, 0xff, 0x62]), true),
  ];
  const path = join(dir, 'sample.warc.wet.gz');
  await writeFile(path, Buffer.concat(parts));
  const items = await readAll(path);
  assert.equal(items.length, 3);
  const [text, empty, bad] = items;
  assert.ok(text.kind === 'doc' && empty.kind === 'error' && bad.kind === 'doc');
  assert.equal(text.doc.text, '第一行文字\n第二行文字');
  assert.equal(text.doc.url, 'http://site.example/a');
  assert.equal(text.doc.id, '<urn:uuid:conversion-http://site.example/a>');
  assert.equal(empty.error.kind, 'empty_text');
  assert.equal(bad.doc.text, 'a\uFFFDb');
  assert.deepEqual(bad.doc.taomi.flags, ['invalid_utf8']);
});

test('a truncated WARC.gz yields the complete records, then an error naming the offset', async () => {
  const html = new TextEncoder().encode(PAGE.repeat(200));
  const records = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      serialize('response', `http://site.example/${i}`, html, true, { statusline: 'HTTP/1.1 200 OK', headers: { 'Content-Type': 'text/html' } }),
    ),
  );
  const whole = Buffer.concat(records);
  const cut = whole.subarray(0, Math.floor(whole.length / 2) + 17);
  const path = join(dir, 'cut.warc.gz');
  await writeFile(path, cut);
  const items = await readAll(path);
  const docs = items.filter((item) => item.kind === 'doc');
  assert.ok(docs.length >= 10 && docs.length < 30, `read ${docs.length}`);
  const last = items.at(-1)!;
  assert.ok(last.kind === 'error');
  assert.equal(last.error.kind, 'truncated_gzip');
  assert.match(last.error.message, new RegExp(`compressed byte ${cut.length}`));
});

test('a plain WARC cut inside a record reports the cut record instead of a partial payload', async () => {
  const html = new TextEncoder().encode(PAGE);
  const http = { statusline: 'HTTP/1.1 200 OK', headers: { 'Content-Type': 'text/html' } };
  const whole = Buffer.concat([await serialize('response', 'http://site.example/1', html, false, http), await serialize('response', 'http://site.example/2', html, false, http)]);
  const path = join(dir, 'cut.warc');
  await writeFile(path, whole.subarray(0, whole.length - 40));
  const items = await readAll(path);
  assert.deepEqual(
    items.map((item) => (item.kind === 'doc' ? item.doc.url : item.error.kind)),
    ['http://site.example/1', 'truncated_record'],
  );
});
