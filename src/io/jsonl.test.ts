import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readAll } from './testing.js';
import { gzipSync } from 'node:zlib';
import { compress as zstdCompress } from 'zstd-napi';
import type { ReadItem } from './types.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'taomi-jsonl-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});


const docs = (items: ReadItem[]) => items.flatMap((item) => (item.kind === 'doc' ? [item.doc] : []));
const errors = (items: ReadItem[]) => items.flatMap((item) => (item.kind === 'error' ? [item.error] : []));

const SAMPLE = [
  { id: 'n1', text: '第一篇文章。', url: 'https://example.cn/1', lang: 'zh', meta: { n: 1 } },
  { text: '没有编号的第二篇。', lang: 'zh' },
  { id: 7, text: '数字编号。', taomi: { quality: 0.5 } },
]
  .map((record) => JSON.stringify(record))
  .join('\n');

for (const [name, encode] of [
  ['plain', (data: Buffer) => data],
  ['gzip', (data: Buffer) => gzipSync(data)],
  ['zstd', (data: Buffer) => zstdCompress(data)],
] as const) {
  test(`reads ${name} JSONL: ids, url, fields and existing annotations`, async () => {
    const suffix = name === 'plain' ? '' : name === 'gzip' ? '.gz' : '.zst';
    const path = join(dir, `sample-${name}.jsonl${suffix}`);
    await writeFile(path, encode(Buffer.from(SAMPLE + '\n')));
    const items = await readAll(path);
    assert.deepEqual(errors(items), []);
    const [first, second, third] = docs(items);
    assert.deepEqual(first, {
      id: 'n1',
      text: '第一篇文章。',
      url: 'https://example.cn/1',
      fields: { lang: 'zh', meta: { n: 1 } },
      taomi: {},
      source: { file: path, line: 1 },
    });
    assert.equal(second.id, `${path}:2`);
    assert.equal(third.id, '7');
    assert.deepEqual(third.taomi, { quality: 0.5 });
    const total = items.reduce((sum, item) => sum + item.bytes, 0);
    assert.equal(total, Buffer.byteLength(SAMPLE) + 1);
  });
}

test('generated ids are stable across reads and relative to the working directory', async () => {
  const path = join(dir, 'stable.jsonl');
  await writeFile(path, '{"text":"甲"}\n{"text":"乙"}\n');
  const first = docs(await readAll(path)).map((doc) => doc.id);
  const second = docs(await readAll(path)).map((doc) => doc.id);
  assert.deepEqual(first, second);
  assert.deepEqual(first, [`${path}:1`, `${path}:2`]);
});

test('text, id and url fields can be chosen', async () => {
  const path = join(dir, 'fields.jsonl');
  await writeFile(path, JSON.stringify({ doc_id: 'd1', content: '正文内容', link: 'https://a.cn', text: 'other' }) + '\n');
  const [doc] = docs(await readAll(path, { textField: 'content', idField: 'doc_id', urlField: 'link' }));
  assert.equal(doc.id, 'd1');
  assert.equal(doc.text, '正文内容');
  assert.equal(doc.url, 'https://a.cn');
  assert.deepEqual(doc.fields, { text: 'other' });
});

test('bad lines become error items and reading continues', async () => {
  const path = join(dir, 'bad.jsonl');
  const lines = ['{"text":"好的"}', '{"text": broken', '"just a string"', '{"text":""}', '{"text":"   "}', '{"body":"no text"}', '{"text":42}', '', '{"text":"最后"}'];
  await writeFile(path, lines.join('\n'));
  const items = await readAll(path);
  assert.deepEqual(
    docs(items).map((doc) => doc.text),
    ['好的', '最后'],
  );
  assert.deepEqual(
    errors(items).map((error) => [error.line, error.kind]),
    [
      [2, 'json_parse'],
      [3, 'not_object'],
      [4, 'empty_text'],
      [5, 'empty_text'],
      [6, 'missing_text'],
      [7, 'missing_text'],
    ],
  );
  assert.equal(errors(items)[0].excerpt, '{"text": broken');
});

test('invalid UTF-8 is replaced, flagged and warned about', async () => {
  const path = join(dir, 'utf8.jsonl');
  await writeFile(path, Buffer.concat([Buffer.from('{"text":"坏'), Buffer.from([0xe4, 0xb8]), Buffer.from('字节"}\n')]));
  const [item] = await readAll(path);
  assert.equal(item.kind, 'doc');
  if (item.kind !== 'doc') return;
  assert.equal(item.doc.text, '坏\uFFFD字节');
  assert.deepEqual(item.doc.taomi.flags, ['invalid_utf8']);
  assert.equal(item.warnings?.[0].kind, 'invalid_utf8');
});

for (const [codec, encode, suffix] of [
  ['gzip', (data: Buffer) => gzipSync(data), '.gz'],
  ['zstd', (data: Buffer) => zstdCompress(data), '.zst'],
] as const) {
  test(`a truncated ${codec} file yields every complete record, then one error`, async () => {
    const lines = Array.from({ length: 30000 }, (_, i) => JSON.stringify({ id: `r${i}`, text: `第${i}行文本，内容${(i * 7919) % 1000}。` }));
    const whole = encode(Buffer.from(lines.join('\n') + '\n'));
    const cut = whole.subarray(0, Math.floor(whole.length * 0.6));
    const path = join(dir, `truncated.jsonl${suffix}`);
    await writeFile(path, cut);
    const items = await readAll(path);
    const read = docs(items);
    assert.ok(read.length > 1000 && read.length < 30000, `read ${read.length} records`);
    read.forEach((doc, i) => assert.equal(doc.id, `r${i}`));
    assert.deepEqual(errors(items).map((error) => error.kind), [`truncated_${codec}`]);
    assert.equal(items.at(-1)?.kind, 'error');
    const error = errors(items)[0];
    assert.equal(error.offset, cut.length);
    assert.equal(error.line, read.length + 1);
    assert.match(error.message, new RegExp(`compressed byte ${cut.length}`));
  });
}

test('a 50 MB single record is read', async () => {
  const text = '长文本'.repeat(Math.ceil((50 * 1024 * 1024) / 9));
  const path = join(dir, 'huge.jsonl');
  await writeFile(path, `{"id":"small","text":"前"}\n{"id":"huge","text":"${text}"}\n{"id":"after","text":"后"}\n`);
  const read = docs(await readAll(path));
  assert.deepEqual(
    read.map((doc) => doc.id),
    ['small', 'huge', 'after'],
  );
  assert.equal(read[1].text.length, text.length);
});

test('a record over maxRecordBytes becomes record_too_large and the next one is read', async () => {
  const path = join(dir, 'cap.jsonl');
  await writeFile(path, `{"text":"${'大'.repeat(3000)}"}\n{"text":"小"}\n`);
  const items = await readAll(path, { maxRecordBytes: 4096 });
  assert.deepEqual(errors(items).map((error) => [error.kind, error.line]), [['record_too_large', 1]]);
  assert.ok(errors(items)[0].excerpt?.startsWith('{"text":"大'));
  assert.deepEqual(docs(items).map((doc) => doc.text), ['小']);
});

test('corrupt gzip data yields the records before the damage, then a corrupt_gzip error', async () => {
  const lines = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ id: `r${i}`, text: `第${i}行，${(i * 7919) % 1000}。` }));
  const damaged = Buffer.from(gzipSync(Buffer.from(lines.join('\n') + '\n')));
  const middle = Math.floor(damaged.length / 2);
  damaged.fill(0xff, middle, middle + 64);
  const path = join(dir, 'damaged.jsonl.gz');
  await writeFile(path, damaged);
  const items = await readAll(path);
  assert.ok(docs(items).length > 1000);
  docs(items).slice(0, 1000).forEach((doc, i) => assert.equal(doc.id, `r${i}`));
  const last = items.at(-1)!;
  assert.ok(last.kind === 'error');
  assert.equal(last.error.kind, 'corrupt_gzip');
});

test('a UTF-8 byte order mark and CRLF line ends are accepted', async () => {
  const path = join(dir, 'bom.jsonl');
  await writeFile(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"text":"带BOM"}\r\n{"text":"第二"}\r\n')]));
  const items = await readAll(path);
  assert.deepEqual(errors(items), []);
  assert.deepEqual(docs(items).map((doc) => doc.text), ['带BOM', '第二']);
});

test('rows with html and no text are pages for the extract step, rows with neither are errors', async () => {
  const path = join(dir, 'pages.jsonl');
  const rows = [
    { id: 'p1', url: 'https://example.cn/a', html: '<p>正文</p>' },
    { id: 'p2', html: '   ' },
  ];
  await writeFile(path, rows.map((row) => JSON.stringify(row)).join('\n'));
  const items = await readAll(path);
  assert.deepEqual(docs(items).map((doc) => [doc.id, doc.text, doc.fields.html]), [['p1', '', '<p>正文</p>']]);
  assert.deepEqual(errors(items).map((error) => error.kind), ['missing_text']);
});
