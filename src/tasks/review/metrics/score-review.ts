import type { Metrics, Scored } from '../../../core/types.js';
import { precisionRecallF1 } from '../../plan/metrics.js';
import { sortComments } from '../prompt.js';
import type { ReviewComment, ReviewTarget } from '../types.js';
import { type BertScore, meanBertScore } from './bert-score.js';
import { codeReviewerBleu } from './codereviewer-bleu.js';
import {
  addCounts,
  fileCounts,
  hunkCounts,
  locationCounts,
  matchLocations,
  type UnitCounts,
} from './location.js';
import type { BertScorer } from './onnx-encoder.js';

// The review task's metrics over a set of predictions. Counts are summed over examples (micro), with
// the plan task's 0/0 conventions: nothing predicted and nothing expected is perfect, nothing
// predicted against something expected is 0. A failed prediction (undefined) predicts nothing.
//
// Text similarity is measured two ways:
//  - per example: all predicted bodies against all reference bodies, each joined by a newline in
//    (path, line, side) order — how well the review as a whole says what the humans said. Examples
//    whose reference has no comment are left out (there is no text to compare to);
//  - matched: each pair matched by location at ±3 lines — how well a comment in the right place says
//    the right thing. No match, no pair: a model that never finds a location has no matched text.

const EMPTY: UnitCounts = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
export const LOCATION_TOLERANCES = [0, 3] as const;
/** Lines of tolerance for pairing comment bodies ("matched" text metrics). */
export const MATCH_TOLERANCE = 3;

/** The comment-body pairs the text metrics compare. */
export interface TextPairs {
  /** Per example with at least one reference comment: joined predicted and reference bodies. */
  examples: { candidate: string; reference: string }[];
  /** Location-matched comments at ±MATCH_TOLERANCE lines. */
  matched: { candidate: string; reference: string }[];
}

function joined(comments: readonly ReviewComment[]): string {
  return sortComments(comments)
    .map((comment) => comment.body)
    .join('\n');
}

/** The body pairs of a set of predictions (see the module comment). */
export function textPairs(pairs: readonly Scored<ReviewTarget>[]): TextPairs {
  const out: TextPairs = { examples: [], matched: [] };
  for (const pair of pairs) {
    const predicted = pair.prediction?.comments ?? [];
    const expected = pair.target.comments;
    if (expected.length > 0) out.examples.push({ candidate: joined(predicted), reference: joined(expected) });
    for (const match of matchLocations(predicted, expected, MATCH_TOLERANCE)) {
      out.matched.push({
        candidate: predicted[match.prediction]!.body,
        reference: expected[match.reference]!.body,
      });
    }
  }
  return out;
}

function withPrefix(prefix: string, counts: UnitCounts): Record<string, number> {
  const { precision, recall, f1 } = precisionRecallF1(counts);
  return { [`${prefix}_precision`]: precision, [`${prefix}_recall`]: recall, [`${prefix}_f1`]: f1 };
}

function summarize(pairs: readonly Scored<ReviewTarget>[]): Record<string, number> {
  const location = LOCATION_TOLERANCES.map(() => EMPTY);
  let hunk = EMPTY;
  let file = EMPTY;
  let failures = 0;
  let predictedComments = 0;
  let referenceComments = 0;
  let hunkExamples = 0;
  for (const pair of pairs) {
    if (pair.prediction === undefined) failures++;
    const predicted = pair.prediction?.comments ?? [];
    const expected = pair.target.comments;
    predictedComments += predicted.length;
    referenceComments += expected.length;
    LOCATION_TOLERANCES.forEach((k, index) => {
      location[index] = addCounts(location[index]!, locationCounts(predicted, expected, k));
    });
    if (pair.target.hunks) {
      hunkExamples++;
      hunk = addCounts(hunk, hunkCounts(predicted, expected, pair.target.hunks));
    }
    file = addCounts(file, fileCounts(predicted, expected));
  }
  const text = textPairs(pairs);
  const n = pairs.length;
  return {
    examples: n,
    parse_failure_rate: n === 0 ? 0 : failures / n,
    predicted_comments: predictedComments,
    reference_comments: referenceComments,
    ...Object.assign(
      {},
      ...LOCATION_TOLERANCES.map((k, index) => withPrefix(`location_k${k}`, location[index]!)),
    ),
    ...withPrefix('hunk', hunk),
    hunk_examples: hunkExamples,
    ...withPrefix('file', file),
    bleu: codeReviewerBleu(
      text.examples.map((pair) => pair.candidate),
      text.examples.map((pair) => pair.reference),
    ).bleu,
    text_examples: text.examples.length,
    bleu_matched: codeReviewerBleu(
      text.matched.map((pair) => pair.candidate),
      text.matched.map((pair) => pair.reference),
    ).bleu,
    matched_pairs: text.matched.length,
  };
}

/** The review task's metrics, overall and by stratum (location, hunk, file, BLEU; no BERTScore). */
export function scoreReview(
  pairs: readonly Scored<ReviewTarget>[],
  strata: string[] = ['file_type', 'comments'],
): Metrics {
  const by: Record<string, Record<string, Record<string, number>>> = {};
  for (const stratum of strata) {
    const groups = new Map<string, Scored<ReviewTarget>[]>();
    for (const pair of pairs) {
      const key = pair.strata[stratum] ?? 'unknown';
      groups.set(key, [...(groups.get(key) ?? []), pair]);
    }
    by[stratum] = Object.fromEntries(
      [...groups].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, group]) => [key, summarize(group)]),
    );
  }
  return { values: summarize(pairs), by };
}

function prefixed(prefix: string, score: BertScore): Record<string, number> {
  return {
    [`${prefix}_precision`]: score.precision,
    [`${prefix}_recall`]: score.recall,
    [`${prefix}_f1`]: score.f1,
  };
}

/** BERTScore means over the per-example and the matched body pairs. */
export async function bertScoreReview(
  pairs: readonly Scored<ReviewTarget>[],
  scorer: BertScorer,
): Promise<Record<string, number>> {
  const text = textPairs(pairs);
  const examples = await scorer.scoreAll(
    text.examples.map((pair) => pair.candidate),
    text.examples.map((pair) => pair.reference),
  );
  const matched = await scorer.scoreAll(
    text.matched.map((pair) => pair.candidate),
    text.matched.map((pair) => pair.reference),
  );
  return {
    ...prefixed('bertscore', meanBertScore(examples)),
    ...prefixed('bertscore_matched', meanBertScore(matched)),
  };
}

/** scoreReview plus BERTScore (overall only) with the given scorer. */
export async function scoreReviewWithBertScore(
  pairs: readonly Scored<ReviewTarget>[],
  scorer: BertScorer,
  strata?: string[],
): Promise<Metrics> {
  const metrics = scoreReview(pairs, strata);
  return { ...metrics, values: { ...metrics.values, ...(await bertScoreReview(pairs, scorer)) } };
}
