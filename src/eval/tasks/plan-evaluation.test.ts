import { describe, expect, it } from 'vitest';
import type { Scored } from '../../core/types.js';
import type { PlanTarget } from '../../tasks/plan/types.js';
import { describePlanError, planConfusion, planEvaluation } from './plan-evaluation.js';

const plan = (...changes: [string, string][]): PlanTarget => ({
  resource_changes: changes.map(([address, actions]) => ({ address, actions: actions.split('+') })),
});
const pair = (id: string, target: PlanTarget, prediction: PlanTarget | undefined): Scored<PlanTarget> => ({
  id,
  target,
  prediction,
  strata: { provider: 'aws' },
});

describe('plan evaluation metrics (hand-computed)', () => {
  it('pools pair counts over examples: one partial, one failed, one empty-but-right', () => {
    const pairs = [
      pair('1', plan(['a', 'create'], ['b', 'create']), plan(['a', 'create'], ['c', 'create'])),
      pair('2', plan(['d', 'create']), undefined),
      pair('3', plan(), plan()),
    ];
    // tp 1 (a), fp 1 (c), fn 2 (b, d): P = 1/2, R = 1/3, F1 = 2·(1/2)(1/3)/(5/6) = 0.4.
    // Per example F1: 0.5, 0 (failed), 1 (nothing expected, nothing predicted) → macro 0.5.
    expect(planEvaluation.values(pairs)).toEqual({
      examples: 3,
      precision: 0.5,
      recall: 1 / 3,
      f1: expect.closeTo(0.4, 12),
      macro_f1: 0.5,
      exact_match: 1 / 3,
      parse_failure_rate: 1 / 3,
    });
    expect(pairs.map(planEvaluation.exampleScore)).toEqual([0.5, 0, 1]);
  });

  it('edge cases: no positives, all wrong, empty predictions, no examples', () => {
    const none = planEvaluation.values([pair('1', plan(), plan()), pair('2', plan(), plan())]);
    expect([none.precision, none.recall, none.f1, none.exact_match]).toEqual([1, 1, 1, 1]);
    const wrong = planEvaluation.values([pair('1', plan(['a', 'create']), plan(['a', 'delete+create']))]);
    expect([wrong.precision, wrong.recall, wrong.f1, wrong.exact_match]).toEqual([0, 0, 0, 0]);
    const empty = planEvaluation.values([pair('1', plan(['a', 'create']), plan())]);
    expect([empty.precision, empty.recall, empty.f1, empty.parse_failure_rate]).toEqual([0, 0, 0, 0]);
    const nothing = planEvaluation.values([]);
    expect([nothing.examples, nothing.f1, nothing.exact_match]).toEqual([0, 1, 0]);
  });

  it('builds the action confusion matrix over the union of addresses', () => {
    const matrix = planConfusion([
      pair('1', plan(['a', 'create'], ['b', 'create']), plan(['a', 'create'], ['c', 'create'])),
      pair('2', plan(['d', 'read']), plan(['d', 'create'])),
    ]);
    expect(matrix.labels).toEqual(['create', 'read', '(absent)']);
    // rows = reference, columns = prediction: a create→create; b create→absent; c absent→create; d read→create.
    expect(matrix.counts).toEqual([
      [1, 0, 1],
      [1, 0, 0],
      [1, 0, 0],
    ]);
  });

  it('describes misses and spurious changes', () => {
    expect(
      describePlanError(
        pair('1', plan(['a', 'create'], ['b', 'create']), plan(['a', 'create'], ['c', 'create'])),
      ),
    ).toBe('missed 1: b create; spurious 1: c create');
    expect(describePlanError(pair('1', plan(['a', 'create']), plan(['a', 'create'])))).toBe('exact match');
    expect(
      describePlanError({
        ...pair('1', plan(['a', 'create']), undefined),
        failure: { kind: 'parse', message: 'not JSON' },
      } as Scored<PlanTarget>),
    ).toBe('prediction failed (parse): not JSON');
  });

  it('writes the error analysis the augmentation step reads', () => {
    const analysis = planEvaluation.errorAnalysis!([
      pair(
        '1',
        plan(['aws_s3_bucket.b[0]', 'create'], ['aws_s3_bucket.b[1]', 'create']),
        plan(['aws_s3_bucket.b[0]', 'create']),
      ),
    ]) as {
      task: string;
      missed_by_category: Record<string, number>;
      expected_by_category: Record<string, number>;
    };
    expect(analysis.task).toBe('plan');
    expect(analysis.missed_by_category.count_index).toBe(1);
    expect(analysis.expected_by_category.count_index).toBe(2);
  });
});
