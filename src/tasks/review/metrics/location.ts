import type { HunkSpan, ReviewComment } from '../types.js';

// Where the comments are, at three grains.
//
// Line: a predicted comment matches a reference comment on the same path and side whose line is at
// most k lines away. Matching is one-to-one and greedy: every candidate pair within k is ranked by
// distance (nearest first), then by the reference's place in (path, side LEFT first, line, input
// order), then by the prediction's place in the same order ("earliest first"); pairs are taken in
// that order when neither side is matched yet. Two predictions on one line can therefore match two
// reference comments there, but never one twice; an extra prediction is a false positive.
// Hunk: the hunks (of the reference's file) holding at least one comment; a predicted comment on
// no hunk is a unit of its own (a false positive). File: the paths holding at least one comment.

/** A comment's place; the body does not matter for location. */
export type Located = Pick<ReviewComment, 'path' | 'line' | 'side'>;

/** One accepted pair: indexes into the prediction and reference arrays as given. */
export interface LocationMatch {
  prediction: number;
  reference: number;
  distance: number;
}

/** True positives, false positives and false negatives. */
export interface UnitCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

function comparePlaces(left: Located, right: Located): number {
  if (left.path !== right.path) return left.path < right.path ? -1 : 1;
  if (left.side !== right.side) return left.side === 'LEFT' ? -1 : 1;
  return left.line - right.line;
}

/** Rank of each index in (path, side, line, index) order. */
function ranks(items: readonly Located[]): number[] {
  const order = items.map((_, index) => index);
  order.sort((a, b) => comparePlaces(items[a]!, items[b]!) || a - b);
  const rank = new Array<number>(items.length);
  order.forEach((index, position) => {
    rank[index] = position;
  });
  return rank;
}

/** One-to-one greedy matching within ±k lines on (path, side, line); see the module comment. */
export function matchLocations(
  predictions: readonly Located[],
  references: readonly Located[],
  k: number,
): LocationMatch[] {
  const predictionRank = ranks(predictions);
  const referenceRank = ranks(references);
  const candidates: LocationMatch[] = [];
  predictions.forEach((prediction, predictionIndex) => {
    references.forEach((reference, referenceIndex) => {
      if (prediction.path !== reference.path || prediction.side !== reference.side) return;
      const distance = Math.abs(prediction.line - reference.line);
      if (distance <= k)
        candidates.push({ prediction: predictionIndex, reference: referenceIndex, distance });
    });
  });
  candidates.sort(
    (a, b) =>
      a.distance - b.distance ||
      referenceRank[a.reference]! - referenceRank[b.reference]! ||
      predictionRank[a.prediction]! - predictionRank[b.prediction]!,
  );
  const usedPredictions = new Set<number>();
  const usedReferences = new Set<number>();
  const matches: LocationMatch[] = [];
  for (const candidate of candidates) {
    if (usedPredictions.has(candidate.prediction) || usedReferences.has(candidate.reference)) continue;
    usedPredictions.add(candidate.prediction);
    usedReferences.add(candidate.reference);
    matches.push(candidate);
  }
  return matches;
}

/** Line-level counts at tolerance k. */
export function locationCounts(
  predictions: readonly Located[],
  references: readonly Located[],
  k: number,
): UnitCounts {
  const truePositives = matchLocations(predictions, references, k).length;
  return {
    truePositives,
    falsePositives: predictions.length - truePositives,
    falseNegatives: references.length - truePositives,
  };
}

function inSpan(comment: Located, span: HunkSpan): boolean {
  if (comment.path !== span.path) return false;
  const [start, count] =
    comment.side === 'LEFT' ? [span.oldStart, span.oldLines] : [span.newStart, span.newLines];
  return count > 0 && comment.line >= start && comment.line < start + count;
}

/** The hunk-level units of some comments: `hunk:<index>`, or `outside:<place>` for a comment on no hunk. */
export function hunkUnits(comments: readonly Located[], hunks: readonly HunkSpan[]): Set<string> {
  const units = new Set<string>();
  for (const comment of comments) {
    const index = hunks.findIndex((span) => inSpan(comment, span));
    units.add(
      index === -1 ? `outside:${comment.path}\u0000${comment.side}\u0000${comment.line}` : `hunk:${index}`,
    );
  }
  return units;
}

/** Counts over two sets of units. */
export function setCounts(predicted: ReadonlySet<string>, expected: ReadonlySet<string>): UnitCounts {
  let truePositives = 0;
  for (const unit of predicted) if (expected.has(unit)) truePositives++;
  return {
    truePositives,
    falsePositives: predicted.size - truePositives,
    falseNegatives: expected.size - truePositives,
  };
}

/** Hunk-level counts: hunks commented on by the prediction against those the reference commented on. */
export function hunkCounts(
  predictions: readonly Located[],
  references: readonly Located[],
  hunks: readonly HunkSpan[],
): UnitCounts {
  return setCounts(hunkUnits(predictions, hunks), hunkUnits(references, hunks));
}

/** File-level counts: paths commented on by the prediction against those of the reference. */
export function fileCounts(predictions: readonly Located[], references: readonly Located[]): UnitCounts {
  return setCounts(
    new Set(predictions.map((comment) => comment.path)),
    new Set(references.map((comment) => comment.path)),
  );
}

/** Sum of counts. */
export function addCounts(total: UnitCounts, counts: UnitCounts): UnitCounts {
  return {
    truePositives: total.truePositives + counts.truePositives,
    falsePositives: total.falsePositives + counts.falsePositives,
    falseNegatives: total.falseNegatives + counts.falseNegatives,
  };
}
