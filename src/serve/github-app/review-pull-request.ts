// One bot run on one pull request: fetch the diff, ask the review model about each file, place,
// dedupe and cap the comments, and post one COMMENT review. Used by the webhook (per installation)
// and by `infralm review --pr` (action mode).

import { type DiffFile, parseUnifiedDiff, renderNumberedHunks } from '../../iac/diff/index.js';
import type { Model } from '../../models/types.js';
import { fileDiffText } from '../../tasks/review/build.js';
import type { ReviewComment, ReviewInput, ReviewTarget } from '../../tasks/review/types.js';
import { type ComposedReview, composeReview, extractFingerprints } from './compose-review.js';
import type { GitHubPullApi, PostedReview, PullRequestRef } from './github-pull-api.js';

/** Options of one run. */
export interface ReviewRunOptions {
  api: GitHubPullApi;
  model: Model<ReviewInput, ReviewTarget>;
  ref: PullRequestRef;
  /** A synchronize's `before`: review only what the commits since it changed. */
  since?: string;
  /** Review drafts too (action mode may; the App skips them). */
  includeDrafts?: boolean;
  /** Compose but do not post. */
  dryRun?: boolean;
  maxComments?: number;
  /** Files whose numbered hunks are longer are not sent to the model (default 32k characters, as in training). */
  maxInputChars?: number;
  /** Files predicted at once (default 2). */
  concurrency?: number;
}

/** What one run did. */
export interface ReviewRunResult {
  ref: PullRequestRef;
  head?: string;
  /** Why nothing was reviewed (closed, draft), when so. */
  skipped?: string;
  files: { reviewed: number; tooLarge: number; binary: number };
  predicted: number;
  failures: { path: string; message: string }[];
  composed?: ComposedReview;
  posted?: PostedReview;
}

/** New-side lines each file gained in a diff (what a synchronize's new commits added). */
export function addedLines(diffText: string): Map<string, Set<number>> {
  const lines = new Map<string, Set<number>>();
  for (const file of parseUnifiedDiff(diffText).files) {
    const set = new Set<number>();
    for (const hunk of file.hunks)
      for (const line of hunk.lines)
        if (line.kind === 'added' && line.newLine !== undefined) set.add(line.newLine);
    lines.set(file.path, set);
  }
  return lines;
}

/** Run `work` over `items` with at most `limit` in flight, keeping order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** Review one pull request end to end (see the module comment). */
export async function reviewPullRequest(options: ReviewRunOptions): Promise<ReviewRunResult> {
  const { api, ref } = options;
  const result: ReviewRunResult = {
    ref,
    files: { reviewed: 0, tooLarge: 0, binary: 0 },
    predicted: 0,
    failures: [],
  };
  const pull = await api.getPull(ref);
  result.head = pull.head.sha;
  if (pull.state !== 'open') return { ...result, skipped: `the pull request is ${pull.state}` };
  if (pull.draft && !options.includeDrafts) return { ...result, skipped: 'the pull request is a draft' };

  const diffText = await api.getPullDiff(ref);
  const diff = parseUnifiedDiff(diffText);
  const since = options.since ? await api.getCompareDiff(ref, options.since, pull.head.sha) : undefined;
  const onlyLines = since === undefined ? undefined : addedLines(since);

  const maxInputChars = options.maxInputChars ?? 32_000;
  const files: { file: DiffFile; input: ReviewInput }[] = [];
  for (const file of diff.files) {
    if (onlyLines && !(onlyLines.get(file.path)?.size ?? 0)) continue;
    if (file.binary || file.hunks.length === 0) {
      result.files.binary += 1;
      continue;
    }
    const hunks = renderNumberedHunks(file);
    if (hunks.length > maxInputChars) {
      result.files.tooLarge += 1;
      continue;
    }
    const input: ReviewInput = {
      repo: `${ref.owner}/${ref.repo}`,
      pr: ref.number,
      path: file.path,
      hunks,
      diff: fileDiffText({ text: diffText, diff }, file),
    };
    files.push({ file, input });
  }

  const answers = await mapLimited(files, options.concurrency ?? 2, ({ input }) =>
    options.model.generate(input, { temperature: 0 }),
  );
  const predictions: ReviewComment[] = [];
  answers.forEach((answer, index) => {
    const { file } = files[index]!;
    if (answer.output) {
      // A model may name another path; the comment belongs to the file it was asked about.
      for (const comment of answer.output.comments) predictions.push({ ...comment, path: file.path });
    } else {
      result.failures.push({ path: file.path, message: answer.failure?.message ?? 'no answer' });
    }
  });
  result.files.reviewed = files.length;
  result.predicted = predictions.length;

  const existing = new Set<string>();
  for (const comment of await api.listReviewComments(ref))
    for (const fingerprint of extractFingerprints(comment.body)) existing.add(fingerprint);
  for (const body of await api.listReviewBodies(ref))
    for (const fingerprint of extractFingerprints(body)) existing.add(fingerprint);

  const compose = (allInBody: boolean) =>
    composeReview({
      headSha: pull.head.sha,
      diff,
      predictions,
      existing,
      allInBody,
      ...(options.maxComments !== undefined ? { maxComments: options.maxComments } : {}),
      ...(onlyLines ? { onlyLines } : {}),
    });
  result.composed = compose(false);
  if (!result.composed.request || options.dryRun) return result;
  try {
    result.posted = await api.createReview(ref, result.composed.request);
  } catch (error) {
    // 422: GitHub refused a placement the checks passed (the head moved on meanwhile, say). The
    // comments are not lost: the same review goes out once more with all of them in its body.
    if ((error as { status?: number }).status !== 422 || result.composed.request.comments.length === 0)
      throw error;
    result.composed = compose(true);
    result.posted = await api.createReview(ref, result.composed.request!);
  }
  return result;
}
