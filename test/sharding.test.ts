import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { idsIn, runCli, tempDir, writeShards } from './helpers/harness.js';
import { toyStepFactory } from './helpers/toy-steps.js';

describe('--tasks / --task-index', () => {
  let work: { dir: string; cleanup(): Promise<void> };
  let inputs: string[];
  let full: { kept: string[]; removed: string[] };
  const makeSteps = toyStepFactory('filter');
  const args = (out: string) => ['run', '--preset', 'passthrough', '--input', ...inputs, '--output', out, '--compression', 'none', '--quiet'];

  before(async () => {
    work = await tempDir();
    inputs = await writeShards(work.dir, 7, 40);
    const out = path.join(work.dir, 'full');
    assert.equal((await runCli(args(out), { makeSteps })).code, 0);
    full = { kept: await idsIn(path.join(out, 'kept')), removed: await idsIn(path.join(out, 'removed')) };
  });
  after(() => work.cleanup());

  test('the tasks of a partition together equal the full run', async () => {
    const out = path.join(work.dir, 'parts');
    for (const task of [2, 0, 1]) {
      const result = await runCli([...args(out), '--tasks', '3', '--task-index', String(task)], { makeSteps });
      assert.equal(result.code, 0, result.stderr);
    }
    assert.deepEqual((await readdir(path.join(out, 'kept'))).sort(), ['part-00000.jsonl', 'part-00001.jsonl', 'part-00002.jsonl']);
    assert.deepEqual(await idsIn(path.join(out, 'kept')), full.kept);
    assert.deepEqual(await idsIn(path.join(out, 'removed')), full.removed);
    const stats = JSON.parse(await readFile(path.join(out, 'stats.json'), 'utf8'));
    assert.equal(stats.complete, true, 'the last task merged the stats');
    assert.equal(stats.read, 7 * 40);
    assert.equal(stats.steps['drop-len5'].docs_in, 7 * 40);
  });

  test('task i takes the shards i, i+N, ... of the sorted inputs', async () => {
    const out = path.join(work.dir, 'one');
    assert.equal((await runCli([...args(out), '--tasks', '3', '--task-index', '1'], { makeSteps })).code, 0);
    const shards = new Set([...(await idsIn(path.join(out, 'kept'))), ...(await idsIn(path.join(out, 'removed')))].map((id) => id.split('-')[0]));
    assert.deepEqual([...shards].sort(), ['s1', 's4']);
  });

  test('a Slurm job array selects the task from the environment', async () => {
    const out = path.join(work.dir, 'slurm');
    for (const id of ['5', '6', '7']) {
      const env = { SLURM_ARRAY_TASK_ID: id, SLURM_ARRAY_TASK_MIN: '5', SLURM_ARRAY_TASK_COUNT: '3' };
      const result = await runCli(args(out), { makeSteps, env });
      assert.equal(result.code, 0, result.stderr);
    }
    assert.deepEqual(await idsIn(path.join(out, 'kept')), full.kept);
  });

  test('a different --tasks value cannot reuse the directory', async () => {
    const out = path.join(work.dir, 'parts');
    const result = await runCli([...args(out), '--tasks', '4', '--task-index', '0'], { makeSteps });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--tasks 3/);
  });

  test('--task-index without a task count is refused', async () => {
    const result = await runCli([...args(path.join(work.dir, 'x')), '--task-index', '0'], { makeSteps });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--task-index needs --tasks/);
  });
});
