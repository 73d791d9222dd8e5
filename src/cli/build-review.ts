import {
  buildReviewDataset,
  type ReviewDatasetResult,
  reviewDatasetPaths,
} from '../dataset/review/build-review-dataset.js';

// `infralm build review`: silver review threads and bronze diffs of a workspace → gold/review.

/** Build the review dataset in `workspace`; returns the yield summary and where the files went. */
export async function runReviewBuild(
  workspace: string,
  options: { seed: number },
): Promise<ReviewDatasetResult & { gold: string; reports: string }> {
  const result = await buildReviewDataset(workspace, { seed: options.seed });
  const paths = reviewDatasetPaths(workspace);
  return { ...result, gold: paths.gold, reports: paths.reports };
}
