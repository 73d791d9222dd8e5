import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** A module that worker threads can run: it exports `runTask(task)`. */
export interface TaskModule<T, R> {
  runTask(task: T): Promise<R> | R;
}

/** Number of workers to use: the configured count, or one per core when 0. */
export function workerCount(configured: number, tasks: number): number {
  const wanted = configured > 0 ? configured : availableParallelism();
  return Math.max(1, Math.min(wanted, tasks));
}

/**
 * Run tasks on worker threads, each worker loading `moduleUrl` once; results come back in task
 * order whatever order they finish in. Source files (.ts under the test runner) cannot be loaded
 * by a plain Worker, so they run in-process through the same module function.
 */
export async function runInWorkers<T, R>(
  moduleUrl: URL,
  tasks: T[],
  options: { workers: number; onResult?: (index: number, result: R) => void },
): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  if (tasks.length === 0) return results;
  const count = workerCount(options.workers, tasks.length);
  if (count === 1 || moduleUrl.pathname.endsWith('.ts')) {
    const module = (await import(moduleUrl.href)) as TaskModule<T, R>;
    for (let index = 0; index < tasks.length; index++) {
      results[index] = await module.runTask(tasks[index]!);
      options.onResult?.(index, results[index]!);
    }
    return results;
  }
  let next = 0;
  const entry = new URL('./worker-entry.js', import.meta.url);
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(fileURLToPath(entry), { workerData: { moduleUrl: moduleUrl.href } });
      let current = -1;
      const dispatch = () => {
        if (next >= tasks.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        current = next++;
        worker.postMessage({ index: current, task: tasks[current] });
      };
      worker.on('message', (message: { index: number; result?: R; error?: string }) => {
        if (message.error !== undefined) {
          void worker.terminate();
          reject(new Error(message.error));
          return;
        }
        results[message.index] = message.result as R;
        options.onResult?.(message.index, message.result as R);
        dispatch();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (next < tasks.length || (current >= 0 && results[current] === undefined && code !== 0)) {
          reject(new Error(`worker exited with code ${code}`));
        }
      });
      dispatch();
    });
  await Promise.all(Array.from({ length: count }, runWorker));
  return results;
}
