import assert from 'node:assert/strict';
import { access, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { registry } from '../src/core/registry.js';
import { idsIn, readRecords, REPO, runCli, tempDir } from './helpers/harness.js';

const SAMPLE = path.join(REPO, 'examples/zh-web-sample.jsonl');
const BAD = path.join(REPO, 'examples/bad-input.jsonl');

async function sampleIds(): Promise<string[]> {
  const lines = (await readFile(SAMPLE, 'utf8')).trim().split('\n');
  return lines.map((line) => String(JSON.parse(line).id)).sort();
}

describe('taomi run (passthrough)', () => {
  let work: { dir: string; cleanup(): Promise<void> };
  before(async () => {
    work = await tempDir();
  });
  after(() => work.cleanup());

  test('writes the documented layout and balances the counts', async () => {
    const out = path.join(work.dir, 'layout');
    const result = await runCli(['run', '--preset', 'passthrough', '--input', SAMPLE, BAD, '--output', out]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /read 45 = kept 38 \+ removed 0 \+ errored 7 ✓/);
    assert.deepEqual((await readdir(out)).sort(), ['errors', 'kept', 'manifest.json', 'removed', 'stats', 'stats.json']);
    assert.deepEqual((await readdir(path.join(out, 'kept'))).sort(), ['part-00000.jsonl.gz', 'part-00001.jsonl.gz']);
    assert.deepEqual((await readdir(path.join(out, 'removed'))).sort(), ['part-00000.jsonl.gz', 'part-00001.jsonl.gz']);
    assert.deepEqual((await readdir(path.join(out, 'errors'))).sort(), ['part-00000.jsonl', 'part-00001.jsonl']);
    assert.deepEqual((await readdir(path.join(out, 'stats/process'))).sort(), [
      'task-00000.done',
      'task-00000.json',
      'task-00001.done',
      'task-00001.json',
    ]);
    const stats = JSON.parse(await readFile(path.join(out, 'stats.json'), 'utf8'));
    for (const key of ['read', 'kept', 'removed', 'errored']) assert.ok(Number.isInteger(stats[key]), key);
    assert.equal(stats.read, stats.kept + stats.removed + stats.errored);
    const errors = await readRecords(path.join(out, 'errors'));
    assert.equal(errors.filter((e) => e.severity === 'error').length, stats.errored);
    for (const error of errors) {
      assert.equal(error.file, BAD);
      assert.ok(typeof error.kind === 'string' && typeof error.message === 'string' && Number.isInteger(error.line));
    }
    const kept = await readRecords(path.join(out, 'kept'));
    const sample = kept.find((record) => record.id === 'zh-pii-001')!;
    assert.deepEqual(Object.keys(sample), ['id', 'text', 'url', 'title', 'taomi'], 'input fields are kept, annotations under taomi');
  });

  test('a rerun skips completed tasks and changes nothing', async () => {
    const out = path.join(work.dir, 'layout');
    const before = await readFile(path.join(out, 'stats/process/task-00000.json'), 'utf8');
    const result = await runCli(['run', '--preset', 'passthrough', '--input', SAMPLE, BAD, '--output', out]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /all 2 tasks already complete/);
    assert.equal(await readFile(path.join(out, 'stats/process/task-00000.json'), 'utf8'), before);
  });

  test('refuses an output directory made by a different pipeline or inputs', async () => {
    const out = path.join(work.dir, 'layout');
    const otherInputs = await runCli(['run', '--preset', 'passthrough', '--input', SAMPLE, '--output', out]);
    assert.equal(otherInputs.code, 2);
    assert.match(otherInputs.stderr, /was made by a run with different inputs/);
    const otherConfig = await runCli(['run', '--preset', 'passthrough', '--input', SAMPLE, BAD, '--output', out, '--compression', 'zstd']);
    assert.equal(otherConfig.code, 2);
    assert.match(otherConfig.stderr, /different pipeline configuration/);
  });

  for (const compression of ['none', 'gzip', 'zstd'] as const) {
    test(`--compression ${compression} writes readable kept files`, async () => {
      const out = path.join(work.dir, `c-${compression}`);
      const result = await runCli(['run', '--preset', 'passthrough', '--input', SAMPLE, '--output', out, '--compression', compression, '--quiet']);
      assert.equal(result.code, 0, result.stderr);
      const extension = { none: '.jsonl', gzip: '.jsonl.gz', zstd: '.jsonl.zst' }[compression];
      assert.deepEqual(await readdir(path.join(out, 'kept')), [`part-00000${extension}`]);
      assert.deepEqual(await idsIn(path.join(out, 'kept')), await sampleIds());
    });
  }

  test('--format parquet is read back by DuckDB', async () => {
    const out = path.join(work.dir, 'parquet');
    const result = await runCli(['run', '--preset', 'passthrough', '--input', SAMPLE, '--output', out, '--format', 'parquet', '--quiet']);
    assert.equal(result.code, 0, result.stderr);
    const file = path.join(out, 'kept/part-00000.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(`SELECT id, text, url FROM read_parquet('${file}') ORDER BY id`);
      const rows = reader.getRowObjectsJS();
      assert.deepEqual(rows.map((row) => String(row.id)), await sampleIds());
      const original = (await readFile(SAMPLE, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
      const pii = original.find((doc) => doc.id === 'zh-pii-001');
      assert.equal(rows.find((row) => row.id === 'zh-pii-001')?.text, pii.text);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  test('--workers 2 gives the same output as one worker', async () => {
    const one = path.join(work.dir, 'w1');
    const two = path.join(work.dir, 'w2');
    const args = ['run', '--preset', 'passthrough', '--input', SAMPLE, BAD, '--quiet', '--compression', 'none'];
    assert.equal((await runCli([...args, '--output', one])).code, 0);
    const result = await runCli([...args, '--output', two, '--workers', '2']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(await readRecords(path.join(two, 'kept')), await readRecords(path.join(one, 'kept')));
  });
});

describe('taomi usage errors', () => {
  let work: { dir: string; cleanup(): Promise<void> };
  before(async () => {
    work = await tempDir();
  });
  after(() => work.cleanup());

  const cases: Array<[string, string, RegExp]> = [
    ['unknown top-level key', 'name: x\nstepz: []\n', /stepz/],
    ['unknown step type', 'name: x\nsteps:\n  - type: no-such-step\n', /steps\.0\.type: unknown step type "no-such-step"/],
    ['bad output compression', 'name: x\noutput:\n  compression: lz4\n', /output\.compression/],
    ['invalid YAML', 'name: [x\n', /invalid YAML/],
  ];
  for (const [label, yaml, pattern] of cases) {
    test(`config error names the bad key: ${label}`, async () => {
      const config = path.join(work.dir, `${label.replaceAll(' ', '-')}.yaml`);
      await writeFile(config, yaml);
      const result = await runCli(['run', '--config', config, '--input', SAMPLE, '--output', path.join(work.dir, 'never')]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, pattern);
      assert.equal(result.stderr.trim().split('\n').length, 1, 'one line, no stack trace');
      await assert.rejects(access(path.join(work.dir, 'never')), 'nothing written');
    });
  }

  test('bad flags exit with code 2 and one line', async () => {
    const unknownPreset = await runCli(['run', '--preset', 'no-such', '--input', SAMPLE, '--output', path.join(work.dir, 'x')]);
    assert.equal(unknownPreset.code, 2);
    assert.match(unknownPreset.stderr, /unknown preset "no-such"/);
    const badCompression = await runCli(['run', '--preset', 'passthrough', '--input', SAMPLE, '--output', 'x', '--compression', 'lz4']);
    assert.equal(badCompression.code, 2);
    assert.match(badCompression.stderr, /--compression.*lz4/);
    const badWorkers = await runCli(['run', '--preset', 'passthrough', '--input', SAMPLE, '--output', 'x', '--workers', 'two']);
    assert.equal(badWorkers.code, 2);
    assert.match(badWorkers.stderr, /--workers/);
    const both = await runCli(['run', '--preset', 'passthrough', '--config', 'a.yaml', '--input', SAMPLE, '--output', 'x']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /exactly one of --preset/);
    const noMatch = await runCli(['run', '--preset', 'passthrough', '--input', path.join(work.dir, '*.nothing'), '--output', 'x']);
    assert.equal(noMatch.code, 2);
    assert.match(noMatch.stderr, /--input: no input files match/);
  });

  test('presets and steps list what is available', async () => {
    const presets = await runCli(['presets']);
    assert.equal(presets.code, 0);
    assert.match(presets.stdout, /^passthrough\s+Read, count and write every document unchanged\./m);
    const steps = await runCli(['steps']);
    assert.equal(steps.code, 0);
    const lines = steps.stdout.split('\n').filter(Boolean);
    assert.equal(lines.length, registry.size);
    for (const line of lines) assert.match(line, /^[a-z0-9_-]+\s+\S/);
  });
});
