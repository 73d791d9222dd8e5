// Discovery: the pull requests of a repository that have review comments, through "List review
// comments in a repository" (`GET /repos/{owner}/{repo}/pulls/comments`). Every comment names its
// pull request, so this lists exactly the pull requests worth fetching, and `since` filters on the
// server. The alternatives cost more: listing pulls says nothing about review comments (one more
// request per pull request to find out), and the search API's `comments:>0` counts conversation
// comments, not review comments, returns at most 1,000 results and is limited to 30 requests a
// minute. Pages are read oldest comment first (sort=created, ascending): old pages keep their
// content, so on a rerun their ETags match and each costs a 304, which is free of quota.

import type { GitHubFetcher } from './github-fetcher.js';
import { GitHubResponseError, parseJsonResponse } from './github-fetcher.js';
import type { RepositoryName } from './types.js';

/** Options of discoverPullRequests. */
export interface DiscoveryOptions {
  /** Only comments updated at or after this ISO 8601 time. */
  since?: string;
  /** Stop once this many unprocessed pull requests were found. */
  max?: number;
  /** Pull requests to pass over (already in the processed log). */
  isProcessed: (number: number) => boolean;
}

/** What discovery found. */
export interface DiscoveryResult {
  /** Unprocessed pull requests, in the order their first review comment appears. */
  numbers: number[];
  /** Distinct pull requests with review comments seen. */
  listed: number;
  /** Of those, already processed. */
  skipped: number;
  pages: number;
}

/** List the pull requests of a repository that have review comments. */
export async function discoverPullRequests(
  fetcher: GitHubFetcher,
  repository: RepositoryName,
  options: DiscoveryOptions,
): Promise<DiscoveryResult> {
  const query = ['sort=created', 'direction=asc', 'per_page=100'];
  if (options.since) query.push(`since=${encodeURIComponent(options.since)}`);
  const url = `/repos/${repository.owner}/${repository.name}/pulls/comments?${query.join('&')}`;
  const seen = new Set<number>();
  const result: DiscoveryResult = { numbers: [], listed: 0, skipped: 0, pages: 0 };
  const max = options.max ?? Number.POSITIVE_INFINITY;
  if (max <= 0) return result;
  for await (const page of fetcher.pages(url)) {
    result.pages++;
    const comments = parseJsonResponse<unknown>(page);
    if (!Array.isArray(comments))
      throw new GitHubResponseError(page.url, page.status, 'expected a JSON array', comments);
    for (const comment of comments as { pull_request_url?: string }[]) {
      const number = pullNumberOf(comment.pull_request_url);
      if (number === undefined || seen.has(number)) continue;
      seen.add(number);
      result.listed++;
      if (options.isProcessed(number)) {
        result.skipped++;
        continue;
      }
      result.numbers.push(number);
      if (result.numbers.length >= max) return result;
    }
  }
  return result;
}

/** The number at the end of a `.../pulls/N` URL. */
export function pullNumberOf(url: string | undefined): number | undefined {
  const match = url ? /\/pulls\/(\d+)\/?$/.exec(url) : null;
  return match ? Number(match[1]) : undefined;
}
