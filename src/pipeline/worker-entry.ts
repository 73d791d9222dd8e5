import { parentPort } from 'node:worker_threads';
import type { TaskModule } from './worker-pool.js';

// One worker: run the tasks the pool sends, one at a time, importing each task module once.
const modules = new Map<string, Promise<TaskModule<unknown, unknown>>>();
const load = (url: string) => {
  let module = modules.get(url);
  if (!module) {
    module = import(url) as Promise<TaskModule<unknown, unknown>>;
    modules.set(url, module);
  }
  return module;
};

parentPort!.on('message', async (message: { index: number; moduleUrl: string; task: unknown }) => {
  try {
    const module = await load(message.moduleUrl);
    parentPort!.postMessage({ index: message.index, result: await module.runTask(message.task) });
  } catch (error) {
    parentPort!.postMessage({ index: message.index, error: (error as Error).stack ?? String(error) });
  }
});
