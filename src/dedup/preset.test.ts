import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSteps, loadPreset, parsePipeline } from '../core/config.js';

test('the dedup preset builds exact_dedup then minhash_dedup with their stages', async () => {
  const steps = await createSteps(await loadPreset('dedup'));
  assert.deepEqual(
    steps.map((step) => [step.name, step.kind === 'corpus' ? step.stages.map((stage) => stage.name) : []]),
    [
      ['exact_dedup', ['hash', 'resolve']],
      ['minhash_dedup', ['signatures', 'buckets', 'clusters']],
    ],
  );
});

test('line_dedup options validate in a pipeline', () => {
  const config = parsePipeline({ name: 'x', steps: [{ type: 'line_dedup', max_docs: 5, scope: 'host' }] }, 'inline');
  assert.equal(config.steps[0].type, 'line_dedup');
  assert.throws(() => parsePipeline({ name: 'x', steps: [{ type: 'line_dedup', scope: 'site' }] }, 'inline'), /scope/);
});
