import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** A module that worker threads can run: it exports `runTask(task)`. */
export interface TaskModule<T, R> {
  runTask(task: T): Promise<R> | R;
}

/** Worker threads shared by the stages of a run. */
export interface WorkerPool {
  readonly size: number;
  /**
   * Run tasks of one module; results come back in task order whatever order they finish in.
   * `parallel: false` runs them on this thread (small inputs: a worker's start-up and JIT warm-up
   * cost more than it saves).
   */
  run<T, R>(
    moduleUrl: URL,
    tasks: T[],
    options?: { parallel?: boolean; onResult?: (index: number, result: R) => void },
  ): Promise<R[]>;
  close(): Promise<void>;
}

/** Number of workers to use: the configured count, or one per core when 0. */
export function workerCount(configured: number): number {
  return Math.max(1, configured > 0 ? configured : availableParallelism());
}

interface PoolWorker {
  worker: Worker;
}

/**
 * A pool of `size` workers, started on the first parallel run. Source files (.ts under the test
 * runner) cannot be loaded by a plain Worker: then, and for size 1, tasks run in-process through
 * the same module functions.
 */
export function createWorkerPool(size: number): WorkerPool {
  const inProcess = size <= 1 || import.meta.url.endsWith('.ts');
  const entry = new URL('./worker-entry.js', import.meta.url);
  const workers: PoolWorker[] = [];
  const start = () => {
    while (workers.length < size) {
      const worker = new Worker(fileURLToPath(entry));
      worker.unref();
      workers.push({ worker });
    }
  };

  async function runInProcess<T, R>(
    moduleUrl: URL,
    tasks: T[],
    onResult?: (index: number, result: R) => void,
  ) {
    const module = (await import(moduleUrl.href)) as TaskModule<T, R>;
    const results: R[] = [];
    for (let index = 0; index < tasks.length; index++) {
      results[index] = await module.runTask(tasks[index]!);
      onResult?.(index, results[index]!);
    }
    return results;
  }

  return {
    size: inProcess ? 1 : size,
    async run<T, R>(
      moduleUrl: URL,
      tasks: T[],
      options: { parallel?: boolean; onResult?: (index: number, result: R) => void } = {},
    ): Promise<R[]> {
      const onResult = options.onResult;
      if (inProcess || options.parallel === false || tasks.length <= 1) {
        return runInProcess(moduleUrl, tasks, onResult);
      }
      start();
      const results = new Array<R>(tasks.length);
      let next = 0;
      let finished = 0;
      const detachers: (() => void)[] = [];
      return new Promise<R[]>((resolve, reject) => {
        let settled = false;
        const settle = (error?: Error) => {
          if (settled) return;
          settled = true;
          for (const detach of detachers) detach();
          if (error) reject(error);
          else resolve(results);
        };
        const dispatch = (slot: PoolWorker) => {
          if (settled || next >= tasks.length) return;
          const index = next++;
          slot.worker.postMessage({ index, moduleUrl: moduleUrl.href, task: tasks[index] });
        };
        for (const slot of workers) {
          // Referenced only while they have work, so an idle pool never keeps the process alive.
          slot.worker.ref();
          const onMessage = (message: { index: number; result?: R; error?: string }) => {
            if (message.error !== undefined) return settle(new Error(message.error));
            results[message.index] = message.result as R;
            onResult?.(message.index, message.result as R);
            if (++finished === tasks.length) return settle();
            dispatch(slot);
          };
          const onError = (error: Error) => settle(error);
          const onExit = (code: number) => settle(new Error(`worker exited with code ${code}`));
          slot.worker.on('message', onMessage);
          slot.worker.on('error', onError);
          slot.worker.on('exit', onExit);
          detachers.push(() => {
            slot.worker.unref();
            slot.worker.off('message', onMessage);
            slot.worker.off('error', onError);
            slot.worker.off('exit', onExit);
          });
          dispatch(slot);
        }
      });
    },
    async close() {
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
    },
  };
}
