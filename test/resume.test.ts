import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { idsIn, runCli, spawnCli, spawnCliToEnd, tempDir, TOY_CLI_ENTRY, writeShards } from './helpers/harness.js';
import { toyStepFactory } from './helpers/toy-steps.js';

const PIPELINE = 'filter-corpus-mark';

async function markers(dir: string): Promise<number> {
  try {
    return (await readdir(dir)).filter((file) => file.endsWith('.done')).length;
  } catch {
    return 0;
  }
}

/** Starts a run, SIGKILLs it once `stageDir` holds `atMarkers` completion markers, and checks it was mid-run. */
async function killMidRun(args: string[], stageDir: string, atMarkers: number): Promise<void> {
  const child = spawnCli(TOY_CLI_ENTRY, args, { TAOMI_TOY_PIPELINE: PIPELINE });
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  let finished = false;
  void closed.then(() => (finished = true));
  while (!finished && (await markers(stageDir)) < atMarkers) await sleep(10);
  child.kill('SIGKILL');
  const { signal } = await closed;
  assert.equal(signal, 'SIGKILL', 'the run was still going when it was killed');
}

describe('kill -9 and resume', () => {
  let work: { dir: string; cleanup(): Promise<void> };
  let inputs: string[];
  let reference: { kept: string[]; removed: string[] };
  const args = (out: string) => ['run', '--preset', 'passthrough', '--input', ...inputs, '--output', out, '--compression', 'gzip', '--workers', '1'];

  before(async () => {
    work = await tempDir();
    inputs = await writeShards(work.dir, 32, 100);
    const out = path.join(work.dir, 'reference');
    const result = await runCli([...args(out), '--quiet'], { makeSteps: toyStepFactory(PIPELINE) });
    assert.equal(result.code, 0, result.stderr);
    reference = { kept: await idsIn(path.join(out, 'kept')), removed: await idsIn(path.join(out, 'removed')) };
    assert.ok(reference.kept.length > 0 && reference.removed.length > 0);
  });
  after(() => work.cleanup());

  for (const [stage, atMarkers] of [
    ['prepare-first-by-length', 3],
    ['write', 5],
  ] as const) {
    test(`killed during stage ${stage}, a rerun gives the same kept and removed sets`, async () => {
      const out = path.join(work.dir, `killed-${stage}`);
      await killMidRun(args(out), path.join(out, 'stats', stage), atMarkers);
      const rerun = await spawnCliToEnd(TOY_CLI_ENTRY, args(out), { TAOMI_TOY_PIPELINE: PIPELINE });
      assert.equal(rerun.code, 0, rerun.stderr);
      assert.match(rerun.stderr, new RegExp(`\\[${stage}\\] \\d+ of 32 tasks to run`));
      assert.doesNotMatch(rerun.stderr, new RegExp(`\\[${stage}\\] 32 of 32 tasks to run`), 'completed tasks were skipped');
      assert.deepEqual(await idsIn(path.join(out, 'kept')), reference.kept);
      assert.deepEqual(await idsIn(path.join(out, 'removed')), reference.removed);
      const stats = JSON.parse(await readFile(path.join(out, 'stats.json'), 'utf8'));
      assert.equal(stats.read, stats.kept + stats.removed + stats.errored);
      assert.equal(stats.read, 32 * 100);
    });
  }
});
