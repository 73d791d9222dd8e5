import { parentPort } from 'node:worker_threads';
import type { TaskModule } from './worker-pool.js';
import { loadWorkerTask } from './worker-tasks.js';

// One worker: run the tasks the pool sends, one at a time, loading each task module once.
const modules = new Map<string, Promise<TaskModule<unknown, unknown>>>();
const load = (name: string) => {
  let module = modules.get(name);
  if (!module) {
    module = loadWorkerTask<unknown, unknown>(name);
    // A failed warm-up load is reported by the task that needs the module, not here.
    module.catch(() => {});
    modules.set(name, module);
  }
  return module;
};

type TaskMessage = { id: number; taskName: string; task: unknown };
type Message = { load: string } | TaskMessage;

async function runOne(message: TaskMessage): Promise<void> {
  try {
    const module = await load(message.taskName);
    parentPort!.postMessage({ id: message.id, result: await module.runTask(message.task) });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: (error as Error).stack ?? String(error) });
  }
}

// The pool queues a few tasks ahead; run them in order, not interleaved, so each finishes early.
let queue = Promise.resolve();
parentPort!.on('message', (message: Message) => {
  if ('load' in message) load(message.load);
  else queue = queue.then(() => runOne(message));
});
