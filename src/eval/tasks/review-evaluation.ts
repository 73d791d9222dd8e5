import type { Scored } from '../../core/types.js';
import { locationCounts, matchLocations } from '../../tasks/review/metrics/location.js';
import { scoreReview } from '../../tasks/review/metrics/score-review.js';
import { reviewTask } from '../../tasks/review/task.js';
import type { ReviewInput, ReviewTarget } from '../../tasks/review/types.js';
import { readMetaExamples } from '../gold-files.js';
import type { EvalTaskDefinition } from '../types.js';
import { failureText } from './shared.js';

// The review task in the harness: location P/R at ±0/±3 lines, hunk and file level, BLEU. Its error
// analysis is the distance histogram of near misses: for each reference comment not matched exactly,
// how far the nearest prediction on the same path and side was — what a data-augmentation step reads
// to decide whether a model is off by a line (numbering) or somewhere else entirely.

/** Distance buckets of the near-miss histogram (lines). */
export const NEAR_MISS_BUCKETS = [
  '1',
  '2',
  '3',
  '4-10',
  '>10',
  'no prediction on that side of the file',
] as const;

function bucket(distance: number | undefined): (typeof NEAR_MISS_BUCKETS)[number] {
  if (distance === undefined) return 'no prediction on that side of the file';
  if (distance <= 3) return String(distance) as '1' | '2' | '3';
  return distance <= 10 ? '4-10' : '>10';
}

/** The near-miss histogram (and the worst cases) of a set of predictions. */
export function reviewNearMisses(pairs: Scored<ReviewTarget>[]): {
  task: 'review';
  examples: number;
  reference_comments: number;
  exact_matches: number;
  near_miss_histogram: Record<string, number>;
  examples_of_misses: { id: string; path: string; side: string; line: number; nearest?: number }[];
} {
  const histogram: Record<string, number> = Object.fromEntries(NEAR_MISS_BUCKETS.map((name) => [name, 0]));
  const misses: { id: string; path: string; side: string; line: number; nearest?: number }[] = [];
  let references = 0;
  let exact = 0;
  for (const pair of pairs) {
    const predicted = pair.prediction?.comments ?? [];
    const expected = pair.target.comments;
    references += expected.length;
    const matched = new Set(matchLocations(predicted, expected, 0).map((match) => match.reference));
    exact += matched.size;
    expected.forEach((reference, index) => {
      if (matched.has(index)) return;
      const distances = predicted
        .filter((prediction) => prediction.path === reference.path && prediction.side === reference.side)
        .map((prediction) => Math.abs(prediction.line - reference.line));
      const nearest = distances.length > 0 ? Math.min(...distances) : undefined;
      histogram[bucket(nearest)]!++;
      if (misses.length < 20)
        misses.push({
          id: pair.id,
          path: reference.path,
          side: reference.side,
          line: reference.line,
          ...(nearest !== undefined ? { nearest } : {}),
        });
    });
  }
  return {
    task: 'review',
    examples: pairs.length,
    reference_comments: references,
    exact_matches: exact,
    near_miss_histogram: histogram,
    examples_of_misses: misses,
  };
}

export const reviewEvaluation: EvalTaskDefinition<ReviewInput, ReviewTarget> = {
  name: 'review',
  loadTask: async () => reviewTask,
  readExamples: (workspace, split) => readMetaExamples<ReviewInput, ReviewTarget>(workspace, 'review', split),
  values: (pairs) => scoreReview(pairs, []).values,
  primaryMetric: 'location_k3_f1',
  headlineMetrics: [
    'location_k0_precision',
    'location_k0_recall',
    'location_k3_precision',
    'location_k3_recall',
    'bleu',
  ],
  strata: ['file_type', 'comments'],
  exampleScore: (pair) => {
    const counts = locationCounts(pair.prediction?.comments ?? [], pair.target.comments, 3);
    const denominator = 2 * counts.truePositives + counts.falsePositives + counts.falseNegatives;
    return denominator === 0 ? 1 : (2 * counts.truePositives) / denominator;
  },
  describeError: (pair) => {
    if (pair.prediction === undefined) return failureText(pair);
    const counts = locationCounts(pair.prediction.comments, pair.target.comments, 3);
    return `${counts.truePositives} of ${pair.target.comments.length} reference comments located within 3 lines; ${counts.falsePositives} predicted elsewhere`;
  },
  errorAnalysis: reviewNearMisses,
};
