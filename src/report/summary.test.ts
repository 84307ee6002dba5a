import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyStepStats, emptyTaskStats } from '../core/stats.js';
import type { RunStats } from '../exec/merge.js';
import { identityLine, summaryLines } from './summary.js';

function runStats(extra: Partial<RunStats>): RunStats {
  return { ...emptyTaskStats(), pipeline: 'p', complete: true, balanced: true, stages: { process: { tasks: 1, done: 1, failed: 0 } }, ...extra };
}

test('states the identity with a check mark when it holds', () => {
  assert.equal(identityLine(runStats({ read: 10, kept: 6, removed: 3, errored: 1 })), 'read 10 = kept 6 + removed 3 + errored 1 ✓');
});

test('flags a mismatch and an incomplete run', () => {
  assert.match(identityLine(runStats({ read: 10, kept: 6, balanced: false })), /read 10 ≠ kept 6.*accounting mismatch/);
  const incomplete = runStats({ read: 5, kept: 5, complete: false, stages: { process: { tasks: 2, done: 1, failed: 1 } } });
  assert.match(identityLine(incomplete), /✓ \(run incomplete: 1 failed task/);
});

test('lists the removal rules that took the most text first', () => {
  const clean = emptyStepStats('clean');
  clean.removed.nav = { docs: 0, lines: 40, chars: 800 };
  const filter = emptyStepStats('filter');
  filter.removed.too_short = { docs: 3, lines: 0, chars: 60 };
  const lines = summaryLines(runStats({ read: 3, removed: 3, steps: { clean, filter } }), 2000, 'out');
  assert.equal(lines[1], 'top removals: clean/nav 40 lines, 800 chars; filter/too_short 3 docs, 60 chars');
  assert.match(lines.at(-1)!, /^time 2\.0s · 1\.5 docs\/s/);
});
