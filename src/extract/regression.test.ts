import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { sharedPath } from '../core/testing.js';

const GOLD = sharedPath('data/extract-zh/gold.jsonl');
const SCORER = sharedPath('eval/score-extract.mjs');
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Mean F1 reached on the dev pages when this test was written, minus a small margin. */
const MIN_F1 = 0.93;

test('extract preset on the shared dev pages keeps its ROUGE-L F1', { skip: !GOLD || !SCORER ? 'dev pages or scorer not present' : false }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'taomi-extract-'));
  try {
    const output = execFileSync(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'scripts/eval-extract.ts'), '--gold', GOLD!, '--out', path.join(dir, 'pred.jsonl'), '--scorer', SCORER!],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    const f1 = Number(/f1=([\d.]+)/.exec(output)?.[1]);
    assert.ok(f1 >= MIN_F1, `F1 ${f1} < ${MIN_F1}\n${output}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
