import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadWorkerTask, type WorkerTaskName } from './worker-tasks.js';

/** A module that worker threads can run: it exports `runTask(task)`. */
export interface TaskModule<T, R> {
  runTask(task: T): Promise<R> | R;
}

/** Threads shared by the stages of a run: this one plus `size - 1` workers. */
export interface WorkerPool {
  readonly size: number;
  /**
   * Start the workers now and have them load these task modules, so their start-up overlaps with
   * work this thread is doing (reading the corpus) instead of delaying the first parallel stage.
   */
  warmUp(taskNames: WorkerTaskName[]): void;
  /**
   * Run tasks of one module; results come back in task order whatever order they finish in.
   * This thread takes tasks too. `parallel: false` runs them all here (small inputs: a worker's
   * start-up and JIT warm-up cost more than it saves).
   */
  run<T, R>(
    taskName: WorkerTaskName,
    tasks: T[],
    options?: { parallel?: boolean; onResult?: (index: number, result: R) => void },
  ): Promise<R[]>;
  /**
   * Hand one task to a worker that has room (fewer than two tasks queued) and return at once, so
   * this thread can go on with other work; undefined when no worker has room or the pool has none
   * (the caller keeps the task: offer it again later, or run it through `run`, where this thread
   * shares the work). Never queuing deeper keeps tasks from piling up on a worker while this
   * thread, done with its own work, would sit idle waiting for them.
   */
  offload<T, R>(taskName: WorkerTaskName, task: T): Promise<R> | undefined;
  /** Wait for offloaded tasks, then stop the workers. */
  close(): Promise<void>;
}

/** Number of threads to use: the configured count, or one per core when 0. */
export function workerCount(configured: number): number {
  return Math.max(1, configured > 0 ? configured : availableParallelism());
}

/** Tasks queued on a worker at once: the next one is already there when it finishes one. */
const WORKER_QUEUE_DEPTH = 2;

type WorkerReply = { id: number; result?: unknown; error?: string };

interface WorkerSlot {
  worker: Worker;
  pending: Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>;
  failed?: Error;
}

/**
 * A pool of `size` threads: this one and `size - 1` workers, started on warmUp or the first parallel
 * run. Source files (.ts under the test runner) cannot be loaded by a plain Worker: then, and for
 * size 1, every task runs on this thread through the same module functions.
 */
export function createWorkerPool(size: number): WorkerPool {
  const inProcess = size <= 1 || import.meta.url.endsWith('.ts');
  const entry = new URL('./worker-entry.js', import.meta.url);
  const slots: WorkerSlot[] = [];
  const offloaded = new Set<Promise<unknown>>();
  let nextId = 0;

  const start = () => {
    while (slots.length < size - 1) {
      const slot: WorkerSlot = { worker: new Worker(fileURLToPath(entry)), pending: new Map() };
      const failAll = (error: Error) => {
        slot.failed ??= error;
        for (const { reject } of slot.pending.values()) reject(error);
        slot.pending.clear();
      };
      slot.worker.on('message', (reply: WorkerReply) => {
        const waiter = slot.pending.get(reply.id);
        if (!waiter) return;
        slot.pending.delete(reply.id);
        // Referenced only while it has work, so an idle pool never keeps the process alive.
        if (slot.pending.size === 0) slot.worker.unref();
        if (reply.error !== undefined) waiter.reject(new Error(reply.error));
        else waiter.resolve(reply.result);
      });
      slot.worker.on('error', failAll);
      slot.worker.on('exit', (code) => failAll(new Error(`worker exited with code ${code}`)));
      slot.worker.unref();
      slots.push(slot);
    }
  };

  const send = <R>(slot: WorkerSlot, taskName: WorkerTaskName, task: unknown): Promise<R> => {
    if (slot.failed) return Promise.reject(slot.failed);
    const id = nextId++;
    return new Promise<R>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      slot.worker.ref();
      slot.worker.postMessage({ id, taskName, task });
    });
  };

  async function runHere<T, R>(
    taskName: WorkerTaskName,
    tasks: T[],
    onResult?: (index: number, result: R) => void,
  ): Promise<R[]> {
    const module = await loadWorkerTask<T, R>(taskName);
    const results: R[] = [];
    for (let index = 0; index < tasks.length; index++) {
      results[index] = await module.runTask(tasks[index]!);
      onResult?.(index, results[index]!);
    }
    return results;
  }

  return {
    size: inProcess ? 1 : size,
    warmUp(taskNames) {
      if (inProcess) return;
      start();
      for (const slot of slots) for (const taskName of taskNames) slot.worker.postMessage({ load: taskName });
    },
    offload<T, R>(taskName: WorkerTaskName, task: T): Promise<R> | undefined {
      if (inProcess) return undefined;
      start();
      const slot = slots.reduce((best, candidate) =>
        candidate.pending.size < best.pending.size ? candidate : best,
      );
      if (slot.failed || slot.pending.size >= WORKER_QUEUE_DEPTH) return undefined;
      const promise = send<R>(slot, taskName, task);
      offloaded.add(promise);
      const forget = () => offloaded.delete(promise);
      promise.then(forget, forget);
      return promise;
    },
    async run<T, R>(
      taskName: WorkerTaskName,
      tasks: T[],
      options: { parallel?: boolean; onResult?: (index: number, result: R) => void } = {},
    ): Promise<R[]> {
      const onResult = options.onResult;
      if (inProcess || options.parallel === false || tasks.length <= 1) {
        return runHere(taskName, tasks, onResult);
      }
      start();
      const module = await loadWorkerTask<T, R>(taskName);
      const results = new Array<R>(tasks.length);
      let next = 0;
      let finished = 0;
      let failure: Error | undefined;
      let wake: (() => void) | undefined;
      const finish = (index: number, result: R) => {
        results[index] = result;
        finished++;
        onResult?.(index, result);
        wake?.();
      };
      const feed = (slot: WorkerSlot) => {
        if (failure || next >= tasks.length) return;
        const index = next++;
        send<R>(slot, taskName, tasks[index]).then(
          (result) => {
            if (failure) return;
            finish(index, result);
            feed(slot);
          },
          (error: Error) => {
            failure ??= error;
            wake?.();
          },
        );
      };
      for (const slot of slots) for (let depth = 0; depth < WORKER_QUEUE_DEPTH; depth++) feed(slot);
      // This thread works through the queue too; between its tasks it lets worker results in.
      while (!failure && finished < tasks.length) {
        if (next < tasks.length) {
          const index = next++;
          finish(index, await module.runTask(tasks[index]!));
          await new Promise<void>((resolve) => setImmediate(resolve));
        } else {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
        }
      }
      if (failure) throw failure;
      return results;
    },
    async close() {
      await Promise.allSettled([...offloaded]);
      await Promise.all(slots.map(({ worker }) => worker.terminate()));
    },
  };
}
