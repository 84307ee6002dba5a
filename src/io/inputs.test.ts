import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { expandInputs } from './inputs.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'taomi-inputs-'));
  await mkdir(join(dir, 'corpus/sub'), { recursive: true });
  await mkdir(join(dir, 'corpus/.cache'), { recursive: true });
  const files: Record<string, string> = {
    'corpus/b.jsonl': '{"text":"乙"}\n',
    'corpus/a.jsonl.gz': 'x',
    'corpus/sub/c.jsonl': '{"text":"丙"}\n',
    'corpus/.hidden.jsonl': '{"text":"隐"}\n',
    'corpus/.cache/d.jsonl': '{"text":"丁"}\n',
    'other/e.txt': '戊',
  };
  await mkdir(join(dir, 'other'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const paths = async (patterns: string[]) => (await expandInputs(patterns)).map((file) => file.path.slice(dir.length + 1));

test('a directory expands recursively, sorted, skipping hidden entries', async () => {
  assert.deepEqual(await paths([join(dir, 'corpus')]), ['corpus/a.jsonl.gz', 'corpus/b.jsonl', 'corpus/sub/c.jsonl']);
});

test('files carry their sizes', async () => {
  const [file] = await expandInputs([join(dir, 'corpus/b.jsonl')]);
  assert.equal(file.size, Buffer.byteLength('{"text":"乙"}\n'));
});

test('globs match files, and duplicates across patterns are removed', async () => {
  assert.deepEqual(await paths([join(dir, 'corpus/**/*.jsonl'), join(dir, 'corpus/b.jsonl'), join(dir, 'other')]), [
    'corpus/b.jsonl',
    'corpus/sub/c.jsonl',
    'other/e.txt',
  ]);
});

test('a glob matching a directory expands it', async () => {
  assert.deepEqual(await paths([join(dir, 'cor*')]), ['corpus/a.jsonl.gz', 'corpus/b.jsonl', 'corpus/sub/c.jsonl']);
});

test('a glob matching nothing throws naming the pattern', async () => {
  const pattern = join(dir, 'nothing/*.jsonl');
  await assert.rejects(expandInputs([pattern]), (error: Error) => error.message.includes(pattern));
});

test('a missing literal path is returned without a size', async () => {
  const missing = join(dir, 'missing.jsonl');
  assert.deepEqual(await expandInputs([missing]), [{ path: missing }]);
});

test('relative paths come back absolute', async () => {
  const [file] = await expandInputs(['package.json']);
  assert.equal(file.path, join(process.cwd(), 'package.json'));
});
