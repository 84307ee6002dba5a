import { Worker } from 'node:worker_threads';
import type { RunSpec } from './runtime.js';
import type { ProgressSink, TaskOutcome } from './task.js';

export type ToWorker = { type: 'run'; id: number; stage: string; task: number } | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'log'; message: string }
  | { type: 'progress'; docs: number; bytes: number }
  | { type: 'result'; id: number; outcome?: TaskOutcome; error?: string };

interface Job {
  id: number;
  stage: string;
  task: number;
  resolve(outcome: TaskOutcome): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  exited: boolean;
}

const RUNNING_FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * The built package starts worker.js directly. Under tsx (tests, benches) Node 20 does not apply the
 * inherited `--import tsx` hooks to a worker's entry file, so a small bootstrap registers tsx first.
 */
function startWorker(workerData: RunSpec): Worker {
  if (!RUNNING_FROM_SOURCE) return new Worker(new URL('./worker.js', import.meta.url), { workerData });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** K worker threads, each with its own steps; tasks are queued and handed to whichever is free. */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private failure?: Error;

  constructor(
    private readonly spec: RunSpec,
    private readonly size: number,
    private readonly log: (message: string) => void,
    private readonly progress: ProgressSink,
  ) {}

  run(stage: string, task: number): Promise<TaskOutcome> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, stage, task, resolve, reject });
      if (this.slots.every((slot) => slot.job || slot.exited) && this.slots.length < this.size) this.start();
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all(
      this.slots
        .filter((slot) => !slot.exited)
        .map(async ({ worker }) => {
          const exited = new Promise((resolve) => worker.once('exit', resolve));
          worker.postMessage({ type: 'close' } satisfies ToWorker);
          await exited;
        }),
    );
    this.slots.length = 0;
  }

  /** Workers start only when a task would otherwise wait, so two input files never load eight copies of the steps. */
  private start(): void {
    const worker = startWorker(this.spec);
    const slot: Slot = { worker, exited: false };
    worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
    worker.on('error', (error) => this.fail(slot, error));
    worker.on('exit', (code) => {
      slot.exited = true;
      if (slot.job || code !== 0) this.fail(slot, new Error(`worker thread exited with code ${code}`));
    });
    this.slots.push(slot);
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    if (message.type === 'log') this.log(message.message);
    else if (message.type === 'progress') this.progress(message.docs, message.bytes);
    else if (message.type === 'result' && slot.job) {
      const job = slot.job;
      slot.job = undefined;
      if (message.outcome) job.resolve(message.outcome);
      else job.reject(new Error(message.error));
      this.dispatch();
    }
  }

  /** A worker died (e.g. a step failed to load): fail its job and everything queued. */
  private fail(slot: Slot, error: Error): void {
    this.failure ??= error;
    slot.job?.reject(error);
    slot.job = undefined;
    for (const job of this.queue.splice(0)) job.reject(error);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || slot.exited || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.postMessage({ type: 'run', id: job.id, stage: job.stage, task: job.task } satisfies ToWorker);
    }
  }
}
