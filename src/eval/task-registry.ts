import { InfraLMError } from '../core/errors.js';
import type { TaskName } from '../core/types.js';
import { manifestEvaluation } from './manifest/manifest-evaluation.js';
import { lintEvaluation } from './tasks/lint-evaluation.js';
import { planEvaluation } from './tasks/plan-evaluation.js';
import { reviewEvaluation } from './tasks/review-evaluation.js';
import type { AnyEvalTask, EvalTaskDefinition } from './types.js';

// Every task `infralm eval` can evaluate: one line each. The runner, the run store and the report
// only use what an entry declares, so a new task plugs in here and nowhere else.

/** Erase an entry's input/output types for the registry. */
function entry<I, O>(definition: EvalTaskDefinition<I, O>): AnyEvalTask {
  return definition as unknown as AnyEvalTask;
}

export const EVAL_TASKS: readonly AnyEvalTask[] = [
  entry(planEvaluation),
  entry(lintEvaluation),
  entry(manifestEvaluation),
  entry(reviewEvaluation),
];

/** Registry completeness: unique names, and the primary and headline metrics are metrics the task computes. */
export function checkEvalTasks(tasks: readonly AnyEvalTask[]): void {
  const names = new Set<string>();
  for (const task of tasks) {
    if (names.has(task.name)) throw new Error(`eval registry: task "${task.name}" is registered twice`);
    names.add(task.name);
    const metrics = Object.keys(task.values([]));
    for (const metric of [
      task.primaryMetric,
      task.stratumMetric ?? task.primaryMetric,
      ...task.headlineMetrics,
    ]) {
      if (!metrics.includes(metric))
        throw new Error(
          `eval registry: task "${task.name}" has no metric "${metric}" (it has ${metrics.join(', ')})`,
        );
    }
  }
}

checkEvalTasks(EVAL_TASKS);

/** Names of the tasks that can be evaluated. */
export function evalTaskNames(): TaskName[] {
  return EVAL_TASKS.map((task) => task.name);
}

/** The entry of a task; an unknown name is a usage error. */
export function getEvalTask(name: string): AnyEvalTask {
  const found = EVAL_TASKS.find((task) => task.name === name);
  if (!found) {
    throw new InfraLMError(
      'INFRALM_ERR_USAGE',
      `task "${name}" cannot be evaluated yet; available: ${evalTaskNames().join(', ')}`,
    );
  }
  return found;
}
