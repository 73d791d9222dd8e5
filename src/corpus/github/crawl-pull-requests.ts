// The crawl: discover pull requests with review comments, fetch each one to bronze, write its silver
// rows, then log it. The log line is the checkpoint and comes last, so a killed crawl refetches only
// the pull request it was in the middle of, and that one mostly with 304s (its finished responses
// are in the ETag cache). Each pull request's rows go to a part file of their own; the silver file
// is rebuilt from the parts of every logged pull request in (repo, number) order, so a resumed crawl
// writes the same bytes as an uninterrupted one.

import { readFile } from 'node:fs/promises';
import { createAtomicWriter, writeFileAtomic } from '../../core/atomic-write.js';
import { toJsonl } from '../../core/jsonl.js';
import { createBronzeRecorder } from './bronze-recorder.js';
import { type DiscoveryResult, discoverPullRequests } from './discover-pull-requests.js';
import { createEtagCache } from './etag-cache.js';
import { fetchPullRequest } from './fetch-pull-request.js';
import type { GitHubOctokit } from './github-client.js';
import { createGitHubFetcher, type GitHubFetcher, GitHubResponseError } from './github-fetcher.js';
import { type GitHubPaths, githubPaths } from './github-paths.js';
import { openProcessedLog, type ProcessedEntry, type ProcessedLog } from './processed-log.js';
import { parseRepository } from './repository-name.js';
import { buildThreadRows } from './review-threads.js';
import type { PullReference, RepositoryName, ReviewThreadRow } from './types.js';

/** Options of crawlPullRequests. */
export interface CrawlOptions {
  workspace: string;
  octokit: GitHubOctokit;
  /** The API root the client uses (for absolute URLs in bronze and the ETag cache). */
  baseUrl: string;
  /** Repositories to discover pull requests in. */
  repositories?: RepositoryName[];
  /** Pull requests to process now, whether or not they were processed before (online mode). */
  pulls?: PullReference[];
  /** Discovery: only review comments updated at or after this ISO 8601 time. */
  since?: string;
  /** Discovery: at most this many new pull requests per repository. */
  max?: number;
  onProgress?: (event: CrawlEvent) => void;
  now?: () => Date;
}

/** Progress, one event per repository discovered and per pull request finished. */
export type CrawlEvent =
  | { type: 'discovered'; repo: string; found: number; listed: number; skipped: number }
  | { type: 'discovery-failed'; repo: string; reason: string }
  | { type: 'pull-done'; repo: string; number: number; comments: number; threads: number }
  | { type: 'pull-failed'; repo: string; number: number; reason: string; logged: boolean };

/** What a crawl did. */
export interface CrawlSummary {
  repositories: number;
  /** Repositories whose listing failed (a 404 for a missing repository, 5xx after retries). */
  repositories_failed: number;
  /** Pull requests with review comments that discovery saw. */
  listed: number;
  fetched: number;
  /** Seen by discovery but already in the processed log. */
  skipped: number;
  failed: number;
  comments: number;
  threads: number;
  bot_comments: number;
  responses_fetched: number;
  not_modified: number;
  diffs_rebuilt: number;
  diffs_missing: number;
  /** Pull requests with more changed files than the files API lists (3,000). */
  files_truncated: number;
  silver_rows: number;
  silver_path: string;
  pulls: { repo: string; number: number; comments: number; threads: number }[];
  /** Failed pull requests, and failed repository listings (number null). */
  failures: { repo: string; number: number | null; reason: string }[];
}

/** HTTP statuses that will not change on a retry: the pull request is logged as failed. */
const PERMANENT = new Set([404, 410, 422, 451]);
/** Statuses that mean no further request can succeed now: the crawl stops (its checkpoint stays). */
const FATAL = new Set([401, 403, 429]);

/** Crawl the given repositories and pull requests into the workspace. */
export async function crawlPullRequests(options: CrawlOptions): Promise<CrawlSummary> {
  const paths = githubPaths(options.workspace);
  const log = await openProcessedLog(paths.processedLog);
  const fetcher = createGitHubFetcher({
    octokit: options.octokit,
    baseUrl: options.baseUrl,
    cache: createEtagCache(paths.etagCache),
    now: options.now,
  });
  const summary: CrawlSummary = {
    repositories: options.repositories?.length ?? 0,
    repositories_failed: 0,
    listed: 0,
    fetched: 0,
    skipped: 0,
    failed: 0,
    comments: 0,
    threads: 0,
    bot_comments: 0,
    responses_fetched: 0,
    not_modified: 0,
    diffs_rebuilt: 0,
    diffs_missing: 0,
    files_truncated: 0,
    silver_rows: 0,
    silver_path: paths.silverComments,
    pulls: [],
    failures: [],
  };
  const processOne = async (reference: PullReference): Promise<void> => {
    const repo = reference.repository.fullName;
    try {
      const result = await processPullRequest(fetcher, paths, log, reference);
      summary.fetched++;
      summary.comments += result.comments;
      summary.threads += result.rows.length;
      summary.bot_comments += result.botComments;
      summary.diffs_rebuilt += result.diffsRebuilt;
      summary.diffs_missing += result.diffsMissing;
      summary.files_truncated += result.filesTruncated ? 1 : 0;
      summary.pulls.push({
        repo,
        number: reference.number,
        comments: result.comments,
        threads: result.rows.length,
      });
      options.onProgress?.({
        type: 'pull-done',
        repo,
        number: reference.number,
        comments: result.comments,
        threads: result.rows.length,
      });
    } catch (error) {
      if (!(error instanceof GitHubResponseError) || FATAL.has(error.httpStatus)) throw error;
      // One pull request's failure does not stop the crawl; a permanent one is logged so that
      // reruns stop asking, a transient one (5xx after retries, bad JSON) is left for the next run.
      const logged = PERMANENT.has(error.httpStatus);
      const reason = error.message;
      if (logged) {
        await log.append({
          repo,
          number: reference.number,
          status: 'failed',
          head_sha: null,
          comments: 0,
          threads: 0,
          reason,
        });
      }
      summary.failed++;
      summary.failures.push({ repo, number: reference.number, reason });
      options.onProgress?.({ type: 'pull-failed', repo, number: reference.number, reason, logged });
    }
  };

  for (const reference of options.pulls ?? []) await processOne(reference);
  for (const repository of options.repositories ?? []) {
    let found: DiscoveryResult;
    try {
      found = await discoverPullRequests(fetcher, repository, {
        since: options.since,
        max: options.max,
        isProcessed: (number) => log.has(repository.fullName, number),
      });
    } catch (error) {
      // A missing or broken repository does not stop the others.
      if (!(error instanceof GitHubResponseError) || FATAL.has(error.httpStatus)) throw error;
      summary.repositories_failed++;
      summary.failures.push({ repo: repository.fullName, number: null, reason: error.message });
      options.onProgress?.({ type: 'discovery-failed', repo: repository.fullName, reason: error.message });
      continue;
    }
    summary.listed += found.listed;
    summary.skipped += found.skipped;
    options.onProgress?.({
      type: 'discovered',
      repo: repository.fullName,
      found: found.numbers.length,
      listed: found.listed,
      skipped: found.skipped,
    });
    for (const number of found.numbers) await processOne({ repository, number });
  }
  summary.silver_rows = await writeSilver(paths, log);
  summary.responses_fetched = fetcher.counts.fetched;
  summary.not_modified = fetcher.counts.notModified;
  return summary;
}

/** What processing one pull request produced. */
export interface ProcessedPullRequest {
  rows: ReviewThreadRow[];
  comments: number;
  botComments: number;
  diffsRebuilt: number;
  diffsMissing: number;
  filesTruncated: boolean;
}

/** Fetch one pull request to bronze, write its silver part, then log it (the checkpoint). */
export async function processPullRequest(
  fetcher: GitHubFetcher,
  paths: GitHubPaths,
  log: ProcessedLog,
  reference: PullReference,
): Promise<ProcessedPullRequest> {
  const { repository, number } = reference;
  const recorder = createBronzeRecorder(paths.pullDirectory(repository, number));
  const data = await fetchPullRequest(fetcher, recorder, reference);
  const rows = buildThreadRows({
    repository,
    pull: data.pull,
    comments: data.comments,
    reviews: data.reviews,
    diffAt: (commit) => data.diffs.get(commit),
  });
  await writeFileAtomic(paths.silverPart(repository, number), toJsonl(rows));
  await recorder.prune();
  const entry: ProcessedEntry = {
    repo: repository.fullName,
    number,
    status: 'ok',
    head_sha: data.pull.head.sha,
    comments: data.comments.length,
    threads: rows.length,
  };
  await log.append(entry);
  const sources = Object.values(data.diffSources);
  return {
    rows,
    comments: data.comments.length,
    botComments: rows.reduce(
      (count, row) => count + (row.is_bot ? 1 : 0) + row.replies.filter((reply) => reply.is_bot).length,
      0,
    ),
    diffsRebuilt: sources.filter((source) => source === 'rebuilt-from-files').length,
    diffsMissing: sources.filter((source) => source === 'missing').length,
    filesTruncated: data.filesTruncated,
  };
}

/** Rebuild the silver file from the parts of every pull request logged "ok"; returns its row count. */
export async function writeSilver(paths: GitHubPaths, log: ProcessedLog): Promise<number> {
  const done = [...log.entries.values()]
    .filter((entry) => entry.status === 'ok')
    .sort((a, b) => (a.repo < b.repo ? -1 : a.repo > b.repo ? 1 : a.number - b.number));
  const writer = createAtomicWriter(paths.silverComments);
  let rows = 0;
  try {
    for (const entry of done) {
      let text: string;
      try {
        text = await readFile(paths.silverPart(parseRepository(entry.repo), entry.number), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) rows++;
      await writer.write(text);
    }
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return rows;
}
