// The GitHub REST client: @octokit/core with plugin-throttling and plugin-retry, wired so each
// failure has exactly one retry path (docs.github.com, "Rate limits for the REST API"):
//
// - 403/429 rate limits go to the throttling plugin only. A secondary limit (a message naming it, or
//   a 429 / a 403 with retry-after, see `rateLimitSignals`) waits `retry-after` seconds, or the
//   fallback (60 s, GitHub's "wait for at least one minute"), doubling on each further refusal. A
//   primary limit (`x-ratelimit-remaining: 0`) waits until `x-ratelimit-reset` plus one second.
// - 5xx and network failures go to the retry plugin only: every 4xx is in its `doNotRetry` list, so
//   it never retries a 403/429 at once behind throttling's back (the `request.retries` gotcha, which
//   we avoid by never setting that option), nor a 404/406/422 that cannot change.
//
// Rate-limit waits happen inside our handlers through an injectable `sleep`, with throttling's own
// delay set to 0, so tests can record the waits GitHub asked for without spending them.

import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

/** A wait the client made because GitHub asked it to. */
export interface WaitEvent {
  reason: 'rate-limit' | 'secondary-rate-limit';
  seconds: number;
  /** 1 for the first retry of this request. */
  attempt: number;
  method: string;
  url: string;
}

/** One HTTP exchange (every attempt, retries included); status 0 when no response came. */
export interface ResponseEvent {
  method: string;
  url: string;
  status: number;
}

/** Options of createGitHubClient. */
export interface GitHubClientOptions {
  /** A token (GITHUB_TOKEN); without one GitHub allows 60 requests an hour. */
  token?: string;
  /** REST API root (default https://api.github.com; GHES: https://host/api/v3). */
  baseUrl?: string;
  userAgent: string;
  /** Retries per request, for rate limits and for server errors alike (default 3). */
  maxRetries?: number;
  /** Wait for a secondary limit that names no `retry-after` (default 60 s). */
  secondaryFallbackSeconds?: number;
  /** Unit of the 5xx backoff: retry n waits n² units (default 1000 ms). */
  retryBaseMilliseconds?: number;
  /** Abort a request (headers and body) after this long (default 120 s); it then counts as a 5xx. */
  requestTimeoutMilliseconds?: number;
  /** How rate-limit waits are spent (default: a timer). */
  sleep?: (milliseconds: number) => Promise<void>;
  onWait?: (event: WaitEvent) => void;
  onResponse?: (event: ResponseEvent) => void;
  /** The fetch implementation (default globalThis.fetch). */
  fetch?: typeof globalThis.fetch;
}

export type GitHubOctokit = Octokit;

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
const API_VERSION = '2022-11-28';
/** Every 4xx: client errors are final, and 403/429 belong to the throttling plugin. */
const CLIENT_ERRORS = Array.from({ length: 100 }, (_, index) => 400 + index);

/** The Octokit class with the plugins above (rate-limit signals, throttling, retry). */
export const GitHubClientClass = Octokit.plugin(rateLimitSignals, throttling, retry);

/** Constructor options of GitHubClientClass for these settings, without authentication. */
export function gitHubClientDefaults(options: Omit<GitHubClientOptions, 'token'>) {
  const maxRetries = options.maxRetries ?? 3;
  const sleep =
    options.sleep ?? ((milliseconds: number) => new Promise((done) => setTimeout(done, milliseconds)));
  const limitHandler =
    (reason: WaitEvent['reason']) =>
    async (
      retryAfter: number,
      request: { method: string; url: string },
      _octokit: unknown,
      retryCount: number,
    ): Promise<boolean> => {
      if (retryCount >= maxRetries) return false;
      // GitHub: "If your request continues to fail due to a secondary rate limit, wait for an
      // exponentially increasing amount of time between retries".
      const seconds = reason === 'secondary-rate-limit' ? retryAfter * 2 ** retryCount : retryAfter;
      options.onWait?.({
        reason,
        seconds,
        attempt: retryCount + 1,
        method: request.method,
        url: request.url,
      });
      await sleep(seconds * 1000);
      return true;
    };
  return {
    baseUrl: (options.baseUrl ?? DEFAULT_GITHUB_API_URL).replace(/\/+$/, ''),
    userAgent: options.userAgent,
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    request: {
      fetch: instrumentedFetch(
        options.fetch ?? globalThis.fetch,
        options.requestTimeoutMilliseconds ?? 120_000,
        options.onResponse,
      ),
    },
    throttle: {
      onRateLimit: limitHandler('rate-limit'),
      onSecondaryRateLimit: limitHandler('secondary-rate-limit'),
      fallbackSecondaryRateRetryAfter: options.secondaryFallbackSeconds ?? 60,
      retryAfterBaseValue: 0,
    },
    retry: {
      retries: maxRetries,
      doNotRetry: CLIENT_ERRORS,
      retryAfterBaseValue: options.retryBaseMilliseconds ?? 1000,
    },
  };
}

/** An Octokit with throttling and retry configured as above. */
export function createGitHubClient(options: GitHubClientOptions): GitHubOctokit {
  return new GitHubClientClass({ auth: options.token, ...gitHubClientDefaults(options) });
}

/**
 * Innermost plugin. It pins the API version, and it names secondary limits the throttling plugin
 * would miss: it only recognises one by the words "secondary rate" in the message, yet GitHub
 * documents a 429 as always a rate limit and sends `retry-after` only with secondary limits.
 */
function rateLimitSignals(octokit: Octokit): Record<string, never> {
  octokit.hook.before('request', (request) => {
    request.headers['x-github-api-version'] ??= API_VERSION;
  });
  octokit.hook.error('request', (error) => {
    const failure = error as Error & { status?: number; response?: { headers?: Record<string, string> } };
    const headers = failure.response?.headers ?? {};
    const signalled =
      failure.status === 429 || (failure.status === 403 && headers['retry-after'] !== undefined);
    if (
      signalled &&
      headers['x-ratelimit-remaining'] !== '0' &&
      !/\bsecondary rate\b/i.test(failure.message)
    ) {
      failure.message = `${failure.message} (secondary rate limit)`;
    }
    throw failure;
  });
  return {};
}

/** fetch with a per-request timeout that reports every exchange. */
function instrumentedFetch(
  base: typeof globalThis.fetch,
  timeoutMilliseconds: number,
  onResponse: ((event: ResponseEvent) => void) | undefined,
): typeof globalThis.fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMilliseconds);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const method = init?.method ?? 'GET';
    const url = input instanceof Request ? input.url : String(input);
    try {
      const response = await base(input, { ...init, signal });
      onResponse?.({ method, url, status: response.status });
      return response;
    } catch (error) {
      onResponse?.({ method, url, status: 0 });
      throw error;
    }
  };
}
