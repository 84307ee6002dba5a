import assert from 'node:assert/strict';
import { access, copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readRecords, REPO, runCli, tempDir } from './helpers/harness.js';

const BIG_RECORD_BYTES = 50 * 1024 * 1024;

function warcRecord(type: string, uri: string, body: string, contentLength?: string): Buffer {
  const payload = Buffer.from(body);
  const headers = [
    'WARC/1.0',
    `WARC-Type: ${type}`,
    `WARC-Target-URI: ${uri}`,
    `WARC-Record-ID: <urn:uuid:${uri.length.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000>`,
    'WARC-Date: 2024-05-01T00:00:00Z',
    'Content-Type: text/plain',
    `Content-Length: ${contentLength ?? payload.length}`,
  ];
  return Buffer.concat([Buffer.from(`${headers.join('\r\n')}\r\n\r\n`), payload, Buffer.from('\r\n\r\n')]);
}

/** A corpus salted with every kind of bad input the executor must survive. */
async function saltedCorpus(dir: string): Promise<{ inputs: string[]; missing: string }> {
  const bad = path.join(dir, 'a-bad-input.jsonl');
  await copyFile(path.join(REPO, 'examples/bad-input.jsonl'), bad);
  const good = path.join(dir, 'b-sample.jsonl');
  await copyFile(path.join(REPO, 'examples/zh-web-sample.jsonl'), good);

  const lines = Array.from({ length: 400 }, (_, i) => JSON.stringify({ id: `gz-${i}`, text: `压缩文件里的第${i}篇文档，内容足够长以便截断落在中间。`.repeat(3) }));
  const gz = gzipSync(`${lines.join('\n')}\n`);
  const truncated = path.join(dir, 'c-truncated.jsonl.gz');
  await writeFile(truncated, gz.subarray(0, Math.floor(gz.length * 0.6)));

  const big = path.join(dir, 'd-big-record.jsonl');
  await writeFile(big, `${JSON.stringify({ id: 'big-1', text: '大'.repeat(BIG_RECORD_BYTES / 3) })}\n${JSON.stringify({ id: 'after-big', text: '大记录后面的正常记录。' })}\n`);

  const warc = path.join(dir, 'e-broken-header.warc');
  await writeFile(
    warc,
    Buffer.concat([
      warcRecord('conversion', 'http://site.example/first', '第一条正常的纯文本记录。'),
      warcRecord('conversion', 'http://site.example/broken', '头部坏掉的记录。', 'twelve'),
      warcRecord('conversion', 'http://site.example/last', '最后一条正常的纯文本记录。'),
    ]),
  );
  const missing = path.join(dir, 'f-missing.jsonl');
  return { inputs: [bad, good, truncated, big, warc, missing], missing };
}

describe('bad input', () => {
  let work: { dir: string; cleanup(): Promise<void> };
  let corpus: { inputs: string[]; missing: string };
  before(async () => {
    work = await tempDir();
    corpus = await saltedCorpus(work.dir);
  });
  after(() => work.cleanup());

  test('nothing crashes the run, nothing is lost, and the counts balance', async () => {
    const out = path.join(work.dir, 'out');
    const result = await runCli(['run', '--preset', 'passthrough', '--input', ...corpus.inputs, '--output', out, '--compression', 'none']);
    assert.equal(result.code, 1, 'the missing file fails its task');
    assert.match(result.stderr, new RegExp(`unreadable input: ${corpus.missing.replaceAll('/', '\\/')}`));
    assert.match(result.stdout, /read \d+ = kept \d+ \+ removed 0 \+ errored \d+ ✓ \(run incomplete: 1 failed task/);

    const stats = JSON.parse(await readFile(path.join(out, 'stats.json'), 'utf8'));
    assert.equal(stats.read, stats.kept + stats.removed + stats.errored);
    assert.deepEqual(stats.failed_shards, [corpus.missing]);
    assert.deepEqual(stats.stages.process, { tasks: 6, done: 5, failed: 1 });
    for (const kind of ['json_parse', 'empty_text', 'unreadable_shard', 'warc_header', 'truncated_gzip']) {
      assert.ok(stats.errors[kind] >= 1, `${kind} counted: ${JSON.stringify(stats.errors)}`);
    }
    assert.ok(stats.warnings.invalid_utf8 >= 1);
    for (let task = 0; task < 5; task++) await access(path.join(out, `stats/process/task-0000${task}.done`));
    await assert.rejects(access(path.join(out, 'stats/process/task-00005.done')));

    const kept = await readRecords(path.join(out, 'kept'));
    const errors = await readRecords(path.join(out, 'errors'));
    assert.equal(errors.filter((error) => error.severity === 'error').length, stats.errored, 'every errored record is in errors/');
    const keptIds = new Set(kept.map((record) => String(record.id)));
    const bigHandled = keptIds.has('big-1') || errors.some((error) => error.file === corpus.inputs[3] && error.line === 1);
    assert.ok(bigHandled, 'the 50 MB record is kept or reported');
    assert.ok(keptIds.has('after-big'));
    const fromTruncated = [...keptIds].filter((id) => id.startsWith('gz-')).length;
    assert.ok(fromTruncated > 100 && fromTruncated < 400, `readable part of the truncated gzip kept (${fromTruncated})`);
    assert.equal(kept.filter((record) => String(record.url ?? '').startsWith('http://site.example/')).length, 2);
  });

  test('rerunning after the missing file appears finishes only that task', async () => {
    const out = path.join(work.dir, 'out');
    await writeFile(corpus.missing, `${JSON.stringify({ id: 'late-1', text: '后来补上的文件。' })}\n`);
    const result = await runCli(['run', '--preset', 'passthrough', '--input', ...corpus.inputs, '--output', out, '--compression', 'none']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /1 of 6 tasks to run/);
    const stats = JSON.parse(await readFile(path.join(out, 'stats.json'), 'utf8'));
    assert.equal(stats.complete, true);
    assert.deepEqual(stats.failed_shards, []);
    assert.equal(stats.read, stats.kept + stats.removed + stats.errored);
  });
});
