import { parentPort, workerData } from 'node:worker_threads';
import type { TaskModule } from './worker-pool.js';

// One worker: load the task module once, then run the tasks the pool sends, one at a time.
const module = (await import(workerData.moduleUrl as string)) as TaskModule<unknown, unknown>;
parentPort!.on('message', async (message: { index: number; task: unknown }) => {
  try {
    const result = await module.runTask(message.task);
    parentPort!.postMessage({ index: message.index, result });
  } catch (error) {
    parentPort!.postMessage({ index: message.index, error: (error as Error).stack ?? String(error) });
  }
});
