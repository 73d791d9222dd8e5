import { describe, expect, it } from 'vitest';
import type { Scored } from '../../core/types.js';
import type { ReviewTarget } from '../../tasks/review/types.js';
import { reviewEvaluation, reviewNearMisses } from './review-evaluation.js';

const comment = (line: number, side: 'LEFT' | 'RIGHT' = 'RIGHT', path = 'main.tf') => ({
  path,
  line,
  side,
  body: 'x',
});

describe('review in the evaluation harness', () => {
  const pairs: Scored<ReviewTarget>[] = [
    // Reference at 10 found exactly; 20 missed by 2 (prediction 22); 40/RIGHT is 18 from the nearest RIGHT prediction (22).
    {
      id: 'a',
      prediction: { comments: [comment(10), comment(22), comment(40, 'LEFT')] },
      target: { comments: [comment(10), comment(20), comment(40)] },
      strata: { file_type: 'terraform', comments: '2-5' },
    },
    // A failed prediction: both references unmatched with no prediction at all.
    {
      id: 'b',
      prediction: undefined,
      target: { comments: [comment(5), comment(50)] },
      strata: { file_type: 'terraform', comments: '2-5' },
    },
  ];

  it('writes the near-miss distance histogram (hand-counted)', () => {
    const analysis = reviewNearMisses(pairs);
    expect(analysis.reference_comments).toBe(5);
    expect(analysis.exact_matches).toBe(1);
    expect(analysis.near_miss_histogram).toEqual({
      '1': 0,
      '2': 1,
      '3': 0,
      '4-10': 0,
      '>10': 1,
      'no prediction on that side of the file': 2,
    });
  });

  it('scores with the review metrics and names a primary metric it computes', () => {
    const values = reviewEvaluation.values(pairs);
    // k=3: example a matches 10 and 20 (22 is 2 away); 40/LEFT is a false positive; b contributes 2 false negatives.
    expect(values.location_k3_precision).toBeCloseTo(2 / 3);
    expect(values.location_k3_recall).toBeCloseTo(2 / 5);
    expect(values).toHaveProperty(reviewEvaluation.primaryMetric);
    expect(reviewEvaluation.exampleScore(pairs[1]!)).toBe(0);
  });
});
