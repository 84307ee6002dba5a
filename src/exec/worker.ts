import { parentPort, workerData } from 'node:worker_threads';
import { closeRuntime, createRuntime, type RunSpec } from './runtime.js';
import { runTask } from './task.js';
import type { FromWorker, ToWorker } from './pool.js';

const PROGRESS_INTERVAL_MS = 250;

const port = parentPort!;
const post = (message: FromWorker): void => port.postMessage(message);

/** Each worker creates its own steps once and runs the tasks it is sent, one at a time. */
const runtime = await createRuntime(workerData as RunSpec, (message) => post({ type: 'log', message }));

port.on('message', async (message: ToWorker) => {
  if (message.type === 'close') {
    await closeRuntime(runtime);
    port.close();
    return;
  }
  let docs = 0;
  let bytes = 0;
  let last = performance.now();
  const flush = (): void => {
    if (docs || bytes) post({ type: 'progress', docs, bytes });
    docs = 0;
    bytes = 0;
    last = performance.now();
  };
  try {
    const outcome = await runTask(runtime, message.stage, message.task, (d, b) => {
      docs += d;
      bytes += b;
      if (performance.now() - last > PROGRESS_INTERVAL_MS) flush();
    });
    flush();
    post({ type: 'result', id: message.id, outcome });
  } catch (error) {
    post({ type: 'result', id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
post({ type: 'ready' });
