// Everything one pull request needs, fetched in a fixed order (serially, as GitHub asks integrators
// to do to stay clear of secondary limits) and recorded to bronze as it arrives: the pull request,
// its files (all pages, GitHub stops at 3,000), its review comments and reviews (all pages), its
// diff, and the diff at each other commit a comment is anchored to. A diff GitHub refuses as too
// large (406 `too_large`) is rebuilt from file patches: the pull request's files for the head, the
// comparison's files for another commit.

import { parseUnifiedDiff, type UnifiedDiff } from '../../iac/diff/index.js';
import type { BronzeRecorder } from './bronze-recorder.js';
import {
  DIFF_MEDIA_TYPE,
  type FetchedResponse,
  type GitHubFetcher,
  GitHubResponseError,
  parseJsonResponse,
} from './github-fetcher.js';
import { rebuildDiffFromFiles } from './rebuild-diff.js';
import type {
  PullReference,
  PullRequest,
  PullRequestFile,
  PullRequestReview,
  ReviewComment,
} from './types.js';

/** One pull request's data, diffs parsed and keyed by commit. */
export interface FetchedPullRequest {
  pull: PullRequest;
  files: PullRequestFile[];
  comments: ReviewComment[];
  reviews: PullRequestReview[];
  diffs: Map<string, UnifiedDiff>;
  /** How each diff was obtained, by commit: `diff`, `rebuilt-from-files` or `missing`. */
  diffSources: Record<string, 'diff' | 'rebuilt-from-files' | 'missing'>;
  /** GitHub lists at most 3,000 files; true when the pull request changed more. */
  filesTruncated: boolean;
}

const PAGE = 'per_page=100';

/** Fetch one pull request, recording every response. Errors other than the handled 406/404 propagate. */
export async function fetchPullRequest(
  fetcher: GitHubFetcher,
  recorder: BronzeRecorder,
  reference: PullReference,
): Promise<FetchedPullRequest> {
  const base = `/repos/${reference.repository.owner}/${reference.repository.name}`;
  const pullPath = `${base}/pulls/${reference.number}`;
  const pullResponse = await fetcher.get(pullPath);
  await recorder.record('pull', pullResponse);
  const pull = parseJsonResponse<PullRequest>(pullResponse);

  const files = await allPages<PullRequestFile>(fetcher, recorder, 'files', `${pullPath}/files?${PAGE}`);
  const comments = await allPages<ReviewComment>(
    fetcher,
    recorder,
    'comments',
    `${pullPath}/comments?${PAGE}`,
  );
  const reviews = await allPages<PullRequestReview>(
    fetcher,
    recorder,
    'reviews',
    `${pullPath}/reviews?${PAGE}`,
  );

  const diffs = new Map<string, UnifiedDiff>();
  const diffSources: FetchedPullRequest['diffSources'] = {};
  const head = pull.head.sha;
  const headDiff = await fetchDiff(fetcher, recorder, 'pull.diff', pullPath);
  if (headDiff !== undefined) {
    diffs.set(head, parseUnifiedDiff(headDiff));
    diffSources[head] = 'diff';
  } else {
    diffs.set(head, parseUnifiedDiff(rebuildDiffFromFiles(files)));
    diffSources[head] = 'rebuilt-from-files';
  }

  for (const commit of anchorCommits(comments, head)) {
    const comparePath = `${base}/compare/${pull.base.sha}...${commit}`;
    try {
      const text = await fetchDiff(fetcher, recorder, `compare-${commit}.diff`, comparePath);
      if (text !== undefined) {
        diffs.set(commit, parseUnifiedDiff(text));
        diffSources[commit] = 'diff';
      } else {
        // Only the first page of a comparison lists its files; one commit per page keeps it small.
        const response = await fetcher.get(`${comparePath}?per_page=1`);
        await recorder.record(`compare-${commit}`, response);
        const comparison = parseJsonResponse<{ files?: PullRequestFile[] }>(response);
        diffs.set(commit, parseUnifiedDiff(rebuildDiffFromFiles(comparison.files ?? [])));
        diffSources[commit] = 'rebuilt-from-files';
      }
    } catch (error) {
      // A force-push can leave the original commit unreachable: GitHub answers 404 (or 422).
      if (!(error instanceof GitHubResponseError) || (error.httpStatus !== 404 && error.httpStatus !== 422)) {
        throw error;
      }
      if (error.response) await recorder.record(`compare-${commit}.diff`, error.response);
      diffSources[commit] = 'missing';
    }
  }
  const filesTruncated = (pull.changed_files ?? 0) > files.length;
  return { pull, files, comments, reviews, diffs, diffSources, filesTruncated };
}

/** The commits, other than the head, whose diff places a comment: sorted, for a fixed request order. */
export function anchorCommits(comments: readonly ReviewComment[], head: string): string[] {
  const commits = new Set<string>();
  for (const comment of comments) {
    if (comment.subject_type === 'file') continue;
    commits.add(comment.line != null ? comment.commit_id : comment.original_commit_id);
  }
  commits.delete(head);
  return [...commits].sort();
}

/** A diff as text, or undefined when GitHub says it is too large (the 406 is recorded). */
async function fetchDiff(
  fetcher: GitHubFetcher,
  recorder: BronzeRecorder,
  name: string,
  path: string,
): Promise<string | undefined> {
  let response: FetchedResponse;
  try {
    response = await fetcher.get(path, DIFF_MEDIA_TYPE);
  } catch (error) {
    if (error instanceof GitHubResponseError && error.isTooLarge()) {
      if (error.response) await recorder.record(name, error.response);
      return undefined;
    }
    throw error;
  }
  await recorder.record(name, response);
  return response.text;
}

async function allPages<T>(
  fetcher: GitHubFetcher,
  recorder: BronzeRecorder,
  name: string,
  path: string,
): Promise<T[]> {
  const items: T[] = [];
  let page = 0;
  for await (const response of fetcher.pages(path)) {
    page++;
    await recorder.record(`${name}-${String(page).padStart(3, '0')}`, response);
    const body = parseJsonResponse<unknown>(response);
    if (!Array.isArray(body)) {
      throw new GitHubResponseError(response.url, response.status, 'expected a JSON array', body);
    }
    items.push(...(body as T[]));
  }
  return items;
}
