import type { Task, TaskName } from '../core/types.js';
import { EVAL_TASKS } from '../eval/task-registry.js';
import type { AnyEvalTask } from '../eval/types.js';
import { resolveModel } from '../models/registry.js';
import type { Model } from '../models/types.js';

// The tasks a server answers and the model serving each. Loading (the task for the workspace, then
// the model spec) starts when the server is created and runs in the background, so /health can
// report it while it happens; a task whose model fails to load answers 503, the others still serve.

export type LoadState = 'loading' | 'ready' | 'failed';

/** One task's model as /health shows it. */
export interface TaskModelStatus {
  task: TaskName;
  spec: string;
  state: LoadState;
  load_seconds?: number;
  error?: string;
}

/** A loaded task with its evaluation entry, its baseline and its serving model. */
export interface LoadedTask {
  evaluation: AnyEvalTask;
  task: Task<unknown, unknown>;
  model: Model<unknown, unknown>;
}

interface Slot {
  status: TaskModelStatus;
  loaded: Promise<LoadedTask>;
}

/** What loading reports, for the metrics. */
export type LoadListener = (status: TaskModelStatus) => void;

/** The model pool of a server. */
export class TaskModels {
  private readonly slots = new Map<string, Slot>();

  constructor(
    workspace: string,
    specs: Partial<Record<string, string>>,
    options: { tasks?: readonly AnyEvalTask[]; onLoaded?: LoadListener } = {},
  ) {
    for (const evaluation of options.tasks ?? EVAL_TASKS) {
      const spec = specs[evaluation.name] ?? 'baseline';
      const status: TaskModelStatus = { task: evaluation.name, spec, state: 'loading' };
      const started = performance.now();
      const loaded = (async () => {
        const task = await evaluation.loadTask(workspace);
        return { evaluation, task, model: resolveModel(spec, { task }) };
      })();
      loaded.then(
        () => {
          status.state = 'ready';
          status.load_seconds = (performance.now() - started) / 1000;
          options.onLoaded?.(status);
        },
        (error: unknown) => {
          status.state = 'failed';
          status.error = (error as Error).message;
        },
      );
      this.slots.set(evaluation.name, { status, loaded });
    }
  }

  /** Task names served, in registry order. */
  names(): string[] {
    return [...this.slots.keys()];
  }

  /** True when the name is a served task. */
  has(name: string): boolean {
    return this.slots.has(name);
  }

  /** Each task's model and load state. */
  statuses(): TaskModelStatus[] {
    return [...this.slots.values()].map((slot) => ({ ...slot.status }));
  }

  /** The loaded task (waits while it loads; rejects with the load error when it failed). */
  get(name: string): Promise<LoadedTask> {
    const slot = this.slots.get(name);
    if (!slot) return Promise.reject(new Error(`no task ${name}`));
    return slot.loaded;
  }

  /** Resolves when every task has finished loading, either way. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.slots.values()].map((slot) => slot.loaded));
  }
}
