import type { TaskModule } from './worker-pool.js';

// The modules worker threads can run, by name. Names rather than module URLs so that the same code
// works from dist/ and from the single-file bundle (where import.meta.url no longer points at the
// module's own file), and so that a worker can only ever load code from this list.
const WORKER_TASKS = {
  'manifest.prepare-shard': () => import('../dataset/manifest/prepare-shard.js'),
  'manifest.validate-chunk': () => import('../dataset/manifest/validate-chunk.js'),
} satisfies Record<string, () => Promise<TaskModule<never, unknown>>>;

export type WorkerTaskName = keyof typeof WORKER_TASKS;

/** Load the module of a worker task by name. */
export async function loadWorkerTask<T, R>(name: string): Promise<TaskModule<T, R>> {
  const loader = (WORKER_TASKS as Record<string, (() => Promise<unknown>) | undefined>)[name];
  if (loader === undefined) throw new Error(`unknown worker task: ${name}`);
  return (await loader()) as TaskModule<T, R>;
}
