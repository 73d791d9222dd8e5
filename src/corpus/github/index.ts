// The GitHub pull-request review crawler: client, discovery, fetch, bronze and silver.

export { botReason, isBotAccount, KNOWN_BOT_LOGINS } from './bot-accounts.js';
export {
  type CommentLocation,
  type DiffLookup,
  fullHunkAt,
  isOutdated,
  locateComment,
} from './comment-location.js';
export {
  type CrawlEvent,
  type CrawlOptions,
  type CrawlSummary,
  crawlPullRequests,
  type ProcessedPullRequest,
  processPullRequest,
  writeSilver,
} from './crawl-pull-requests.js';
export {
  type DiscoveryOptions,
  type DiscoveryResult,
  discoverPullRequests,
  pullNumberOf,
} from './discover-pull-requests.js';
export { type CachedResponse, createEtagCache, type EtagCache } from './etag-cache.js';
export { anchorCommits, type FetchedPullRequest, fetchPullRequest } from './fetch-pull-request.js';
export {
  createGitHubClient,
  DEFAULT_GITHUB_API_URL,
  type GitHubClientOptions,
  type GitHubOctokit,
  type ResponseEvent,
  type WaitEvent,
} from './github-client.js';
export {
  createGitHubFetcher,
  DIFF_MEDIA_TYPE,
  type FetchedResponse,
  type GitHubFetcher,
  GitHubResponseError,
  JSON_MEDIA_TYPE,
  parseJsonResponse,
} from './github-fetcher.js';
export { type GitHubPaths, githubPaths } from './github-paths.js';
export { parseLinkHeader } from './link-header.js';
export { openProcessedLog, type ProcessedEntry, type ProcessedLog, processedKey } from './processed-log.js';
export { quoteGitPath, rebuildDiffFromFiles } from './rebuild-diff.js';
export { parsePullReference, parseRepository, repositoryFolder } from './repository-name.js';
export { buildThreadRows, type ThreadInput } from './review-threads.js';
export type * from './types.js';
