import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { REPO } from './helpers/harness.js';

// Runs the published entry point against the build that `npm test` makes first (pretest).
test('bin/taomi.js runs the built CLI', () => {
  const result = spawnSync(process.execPath, [path.join(REPO, 'bin/taomi.js'), 'presets'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^passthrough\s/m);
  const bad = spawnSync(process.execPath, [path.join(REPO, 'bin/taomi.js'), 'run', '--preset', 'passthrough', '--input', 'x', '--output', 'y', '--bogus'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown option '--bogus'/);
});
