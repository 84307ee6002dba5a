import assert from 'node:assert/strict';
import { test } from 'node:test';
import { perDocument, type CorpusStep, type Step } from '../core/step.js';
import { planStages, shardsOfTask } from './plan.js';

const stream = (name: string): Step => perDocument(name, (doc) => doc);
const corpus = (name: string, stages: string[]): CorpusStep => ({
  kind: 'corpus',
  name,
  stages: stages.map((stage) => ({ name: stage, taskCount: () => 1, runTask: async () => {} })),
  run: (docs) => docs,
});

test('a pipeline without corpus steps is one process stage', () => {
  const plan = planStages([stream('a'), stream('b')]);
  assert.deepEqual(plan, [{ kind: 'shards', name: 'process', source: { kind: 'input' }, streamSteps: [0, 1], sink: { kind: 'kept' } }]);
});

test('a corpus step in the middle gets prepare, its stages and write', () => {
  const plan = planStages([stream('clean'), stream('filter'), corpus('dedup', ['signatures', 'buckets']), stream('pii')]);
  assert.deepEqual(
    plan.map((stage) => stage.name),
    ['prepare-dedup', 'dedup:signatures', 'dedup:buckets', 'write'],
  );
  assert.deepEqual(plan[0], {
    kind: 'shards',
    name: 'prepare-dedup',
    source: { kind: 'input' },
    streamSteps: [0, 1],
    sink: { kind: 'materialise', step: 'dedup' },
  });
  assert.deepEqual(plan[3], {
    kind: 'shards',
    name: 'write',
    source: { kind: 'materialised', step: 'dedup' },
    leadingCorpusStep: 2,
    streamSteps: [3],
    sink: { kind: 'kept' },
  });
});

test('a leading corpus step reads the input files without materialising', () => {
  const plan = planStages([corpus('dedup', ['scan']), stream('pii')]);
  assert.deepEqual(
    plan.map((stage) => [stage.name, stage.source]),
    [
      ['dedup:scan', { kind: 'input' }],
      ['write', { kind: 'input' }],
    ],
  );
});

test('consecutive corpus steps materialise the first one\'s output for the second', () => {
  const plan = planStages([corpus('a', ['s']), corpus('b', ['s'])]);
  assert.deepEqual(
    plan.map((stage) => stage.name),
    ['a:s', 'prepare-b', 'b:s', 'write'],
  );
  assert.equal(plan[1].kind === 'shards' && plan[1].leadingCorpusStep, 0);
});

test('task i takes shards i, i+N, i+2N', () => {
  assert.deepEqual(shardsOfTask(1, 3, 8), [1, 4, 7]);
  assert.deepEqual(shardsOfTask(4, 5, 3), []);
});
