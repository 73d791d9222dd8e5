import { describe, expect, it } from 'vitest';
import { checkEvalTasks, EVAL_TASKS, evalTaskNames, getEvalTask } from './task-registry.js';
import type { AnyEvalTask } from './types.js';

describe('eval task registry', () => {
  it('holds plan, lint, manifest and review, each with metrics for its primary and headline names', () => {
    expect(evalTaskNames()).toEqual(['plan', 'lint', 'manifest', 'review']);
    expect(() => checkEvalTasks(EVAL_TASKS)).not.toThrow();
    expect(getEvalTask('lint').primaryMetric).toBe('f1');
    expect(getEvalTask('manifest').headlineMetrics).toEqual([
      'valid_yaml',
      'valid_kubernetes',
      'kind_match',
      'field_overlap',
    ]);
  });

  it('rejects duplicate entries and entries naming metrics they do not compute', () => {
    const plan = getEvalTask('plan');
    expect(() => checkEvalTasks([plan, plan])).toThrow(/registered twice/);
    const broken: AnyEvalTask = { ...plan, headlineMetrics: ['bleu'] };
    expect(() => checkEvalTasks([broken])).toThrow(/task "plan" has no metric "bleu"/);
  });

  it('names the available tasks for an unknown one', () => {
    expect(() => getEvalTask('triage')).toThrow(
      /task "triage" cannot be evaluated yet; available: plan, lint, manifest, review/,
    );
  });
});
