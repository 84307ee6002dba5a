import assert from 'node:assert/strict';
import { test } from 'node:test';
import { taskSelection, type RunFlags } from './options.js';

const flags = (extra: Partial<RunFlags> = {}): RunFlags => ({ input: ['x'], output: 'o', workers: 1, ...extra });

test('flags win over the Slurm environment', () => {
  const env = { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '8' };
  assert.deepEqual(taskSelection(flags({ tasks: 4, taskIndex: 1 }), env), { tasks: 4, taskIndex: 1 });
});

test('a Slurm array index counts from the array minimum', () => {
  const env = { SLURM_ARRAY_TASK_ID: '12', SLURM_ARRAY_TASK_MIN: '10', SLURM_ARRAY_TASK_COUNT: '4' };
  assert.deepEqual(taskSelection(flags(), env), { tasks: 4, taskIndex: 2 });
});

test('no flags and no Slurm means a local run', () => {
  assert.deepEqual(taskSelection(flags(), {}), { tasks: undefined, taskIndex: undefined });
});

test('an index outside the task count is refused', () => {
  assert.throws(() => taskSelection(flags({ tasks: 2, taskIndex: 2 }), {}), /must be below --tasks 2/);
  assert.throws(() => taskSelection(flags(), { SLURM_ARRAY_TASK_ID: 'abc' }), /SLURM_ARRAY_TASK_ID must be an integer/);
});
