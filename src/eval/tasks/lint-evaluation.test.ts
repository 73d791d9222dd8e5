import { describe, expect, it } from 'vitest';
import type { Scored } from '../../core/types.js';
import type { LintFinding, LintTarget } from '../../tasks/lint/types.js';
import { analyzeLintErrors, describeLintError, lintConfusion, lintEvaluation } from './lint-evaluation.js';

const finding = (rule_id: string, severity: LintFinding['severity'], category: string): LintFinding => ({
  rule_id,
  severity,
  category,
  file: 'main.tf',
  line: 1,
  resource: 'aws_s3_bucket.b',
  message: rule_id,
});
const target = (label: LintTarget['label'], findings: LintFinding[] = []): LintTarget => ({
  label,
  findings,
  explanation: '',
});
const pair = (id: string, expected: LintTarget, predicted: LintTarget | undefined): Scored<LintTarget> => ({
  id,
  target: expected,
  prediction: predicted,
  strata: { language: 'terraform' },
});

describe('lint evaluation metrics (hand-computed)', () => {
  it('counts INSECURE as the positive class; a failed prediction counts as not INSECURE', () => {
    const values = lintEvaluation.values([
      pair('tp', target('INSECURE'), target('INSECURE')),
      pair('fn', target('INSECURE'), target('SECURE')),
      pair('fp', target('SECURE'), target('INSECURE')),
      pair('tn-failed', target('SECURE'), undefined),
    ]);
    expect(values).toEqual({
      examples: 4,
      accuracy: 0.5,
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
      true_positives: 1,
      false_positives: 1,
      true_negatives: 1,
      false_negatives: 1,
      parse_failure_rate: 0.25,
    });
  });

  it('edge cases: no positives, all wrong, empty', () => {
    const noPositives = lintEvaluation.values([pair('1', target('SECURE'), target('SECURE'))]);
    expect([noPositives.accuracy, noPositives.precision, noPositives.recall, noPositives.f1]).toEqual([
      1, 0, 0, 0,
    ]);
    const allWrong = lintEvaluation.values([
      pair('1', target('SECURE'), target('INSECURE')),
      pair('2', target('INSECURE'), target('SECURE')),
    ]);
    expect([allWrong.accuracy, allWrong.precision, allWrong.recall, allWrong.f1]).toEqual([0, 0, 0, 0]);
    const empty = lintEvaluation.values([]);
    expect([empty.examples, empty.accuracy, empty.f1]).toEqual([0, 0, 0]);
  });

  it('builds the label confusion matrix with a column for failures', () => {
    const matrix = lintConfusion([
      pair('1', target('INSECURE'), target('INSECURE')),
      pair('2', target('INSECURE'), undefined),
      pair('3', target('SECURE'), target('INSECURE')),
    ]);
    expect(matrix).toEqual({
      subject: 'label',
      labels: ['INSECURE', 'SECURE', '(failed)'],
      counts: [
        [1, 0, 1],
        [1, 0, 0],
        [0, 0, 0],
      ],
    });
  });

  it('finds missed rule categories and the categories behind false negatives', () => {
    const analysis = analyzeLintErrors([
      pair(
        'missed',
        target('INSECURE', [
          finding('AWS_S3_ENCRYPTION', 'HIGH', 'encryption'),
          finding('AWS_S3_LOGGING', 'LOW', 'logging'),
        ]),
        target('SECURE'),
      ),
      pair(
        'partial',
        target('INSECURE', [
          finding('AWS_SG_OPEN', 'CRITICAL', 'network'),
          finding('AWS_S3_LOGGING', 'LOW', 'logging'),
        ]),
        target('INSECURE', [finding('AWS_SG_OPEN', 'CRITICAL', 'network'), finding('X', 'LOW', 'iam')]),
      ),
    ]);
    expect(analysis).toEqual({
      task: 'lint',
      examples: 2,
      false_negatives: 1,
      false_positives: 0,
      failures: 0,
      missed_by_category: { logging: 2, encryption: 1 },
      expected_by_category: { logging: 2, encryption: 1, network: 1 },
      false_negative_categories: { encryption: 1 },
      missed_rules: [
        { rule_id: 'AWS_S3_LOGGING', category: 'logging', count: 2, example: 'missed' },
        { rule_id: 'AWS_S3_ENCRYPTION', category: 'encryption', count: 1, example: 'missed' },
      ],
      spurious_by_category: { iam: 1 },
    });
  });

  it('scores and describes examples', () => {
    const wrong = pair(
      '1',
      target('INSECURE', [finding('AWS_S3_ENCRYPTION', 'HIGH', 'encryption')]),
      target('SECURE'),
    );
    expect(lintEvaluation.exampleScore(wrong)).toBe(0);
    expect(describeLintError(wrong)).toBe('expected INSECURE (AWS_S3_ENCRYPTION), predicted SECURE');
    expect(lintEvaluation.exampleScore(pair('2', target('SECURE'), target('SECURE')))).toBe(1);
  });
});
