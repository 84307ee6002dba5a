import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { idsIn, readRecords, REPO, runCli, tempDir, writeShards } from './helpers/harness.js';
import { toyStepFactory } from './helpers/toy-steps.js';

const SHARDS = 5;
const PER_SHARD = 30;

/** What the toy pipeline `filter-corpus-mark` must keep: the first document per length among survivors of the filter. */
function expectedFirstByLength(textOf: (shard: number, i: number) => string, filter: boolean): string[] {
  const seen = new Set<number>();
  const kept: string[] = [];
  for (let shard = 0; shard < SHARDS; shard++) {
    for (let i = 0; i < PER_SHARD; i++) {
      const length = [...textOf(shard, i)].length;
      if (filter && length % 5 === 0) continue;
      if (!seen.has(length)) kept.push(`s${shard}-d${i}`);
      seen.add(length);
    }
  }
  return kept.sort();
}

const textOf = (shard: number, i: number): string => '测试文本内容'.repeat(8).slice(0, 3 + ((shard * 7 + i * 13) % 40));

describe('corpus-step stages', () => {
  let work: { dir: string; cleanup(): Promise<void> };
  let inputs: string[];
  before(async () => {
    work = await tempDir();
    inputs = await writeShards(path.join(work.dir), SHARDS, PER_SHARD, textOf);
  });
  after(() => work.cleanup());

  const run = (pipeline: string, out: string, extra: string[] = []) =>
    runCli(['run', '--preset', 'passthrough', '--input', ...inputs, '--output', out, '--compression', 'none', '--quiet', ...extra], {
      makeSteps: toyStepFactory(pipeline),
    });

  test('--plan lists prepare, corpus and write stages with task counts', async () => {
    const result = await run('filter-corpus-mark', path.join(work.dir, 'plan'), ['--plan']);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split('\n').map((line) => line.split('\t').slice(0, 2).join(' '));
    assert.deepEqual(lines, ['prepare-first-by-length 5 tasks', 'first-by-length:scan 2 tasks', 'write 5 tasks']);
  });

  test('a full local run keeps the first document per length and balances across stages', async () => {
    const out = path.join(work.dir, 'full');
    const result = await run('filter-corpus-mark', out);
    assert.equal(result.code, 0, result.stderr);
    const kept = await readRecords(path.join(out, 'kept'));
    assert.deepEqual(kept.map((r) => String(r.id)).sort(), expectedFirstByLength(textOf, true));
    assert.ok(kept.every((r) => String(r.text).endsWith('[mark]')), 'stream step after the corpus step ran');
    const stats = JSON.parse(await readFile(path.join(out, 'stats.json'), 'utf8'));
    assert.equal(stats.read, SHARDS * PER_SHARD);
    assert.equal(stats.read, stats.kept + stats.removed + stats.errored);
    assert.equal(stats.complete, true);
    assert.equal(stats.steps['first-by-length'].counters.scanned, stats.steps['drop-len5'].docs_out);
    const removed = await readRecords(path.join(out, 'removed'));
    assert.equal(removed.length, stats.removed);
    const rules = new Set(removed.map((r) => (r.taomi as { removed: { rule: string } }).removed.rule));
    assert.deepEqual([...rules].sort(), ['length_multiple_of_5', 'not_first_of_length']);
  });

  test('a corpus step that comes first reads the input files directly', async () => {
    const out = path.join(work.dir, 'first');
    const plan = await run('corpus-first', out, ['--plan']);
    assert.deepEqual(
      plan.stdout.trim().split('\n').map((line) => line.split('\t')[0]),
      ['first-by-length:scan', 'write'],
    );
    const result = await run('corpus-first', out);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(await idsIn(path.join(out, 'kept')), expectedFirstByLength(textOf, false));
    const stats = JSON.parse(await readFile(path.join(out, 'stats.json'), 'utf8'));
    assert.equal(stats.read, SHARDS * PER_SHARD, 'input read once, although two stages read it');
  });

  test('input errors are counted once when a corpus step reads the input files directly', async () => {
    const out = path.join(work.dir, 'first-bad');
    const missing = path.join(work.dir, 'zz-missing.jsonl');
    const bad = path.join(REPO, 'examples/bad-input.jsonl');
    const result = await runCli(
      ['run', '--preset', 'passthrough', '--input', ...inputs, bad, missing, '--output', out, '--compression', 'none', '--quiet'],
      { makeSteps: toyStepFactory('corpus-first') },
    );
    assert.equal(result.code, 1, 'the missing shard fails its write task');
    assert.match(result.stderr, /zz-missing\.jsonl/);
    const stats = JSON.parse(await readFile(path.join(out, 'stats.json'), 'utf8'));
    assert.equal(stats.read, SHARDS * PER_SHARD + 10 + 1);
    assert.equal(stats.errored, 7 + 1);
    assert.equal(stats.read, stats.kept + stats.removed + stats.errored);
    assert.deepEqual(stats.stages['first-by-length:scan'], { tasks: 2, done: 2, failed: 0 });
  });

  test('two corpus steps in a row materialise between them', async () => {
    const out = path.join(work.dir, 'two');
    const plan = await run('two-corpus', out, ['--plan']);
    assert.deepEqual(
      plan.stdout.trim().split('\n').map((line) => line.split('\t')[0]),
      ['first-a:scan', 'prepare-first-b', 'first-b:scan', 'write'],
    );
    const result = await run('two-corpus', out);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(await idsIn(path.join(out, 'kept')), expectedFirstByLength(textOf, false));
  });

  test('stage-by-stage single tasks (Slurm style) give the same result as the local run', async () => {
    const out = path.join(work.dir, 'slurm');
    const early = await run('filter-corpus-mark', out, ['--stage', 'first-by-length:scan', '--task-index', '0']);
    assert.equal(early.code, 2);
    assert.match(early.stderr, /stage prepare-first-by-length is not complete/);
    const plan = [
      ['prepare-first-by-length', SHARDS],
      ['first-by-length:scan', 2],
      ['write', SHARDS],
    ] as const;
    for (const [stage, tasks] of plan) {
      for (let task = tasks - 1; task >= 0; task--) {
        const result = await run('filter-corpus-mark', out, ['--stage', stage, '--task-index', String(task), '--tasks', String(tasks)]);
        assert.equal(result.code, 0, `${stage} ${task}: ${result.stderr}`);
      }
    }
    assert.deepEqual(await idsIn(path.join(out, 'kept')), expectedFirstByLength(textOf, true));
    const stats = JSON.parse(await readFile(path.join(out, 'stats.json'), 'utf8'));
    assert.equal(stats.complete, true);
    assert.equal(stats.read, stats.kept + stats.removed + stats.errored);
  });

  test('a corpus stage refuses a task count other than its own', async () => {
    const out = path.join(work.dir, 'wrong-count');
    const result = await run('corpus-first', out, ['--stage', 'first-by-length:scan', '--task-index', '0', '--tasks', '7']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /has 2 tasks, not 7/);
  });
});
