// GET with conditional requests and Link-header pagination over a configured Octokit. Each answer
// comes back as text with the few headers worth keeping, plus volatile facts (time, rate limit,
// request id) kept apart so that bronze files of equal answers are equal bytes.

import { InfraLMError } from '../../core/errors.js';
import type { EtagCache } from './etag-cache.js';
import type { GitHubOctokit } from './github-client.js';
import { parseLinkHeader } from './link-header.js';

export const JSON_MEDIA_TYPE = 'application/vnd.github+json';
export const DIFF_MEDIA_TYPE = 'application/vnd.github.v3.diff';

/** Headers that describe the content (kept in bronze); everything else is volatile. */
const STABLE_HEADERS = ['content-type', 'etag', 'link'] as const;

/** One answer, as text. A 304 comes back as the cached 200 with `notModified` set. */
export interface FetchedResponse {
  method: 'GET';
  url: string;
  accept: string;
  status: number;
  headers: Record<string, string>;
  text: string;
  notModified: boolean;
  /** Volatile facts, for a `.meta.json` beside the bronze file. */
  meta: ResponseMeta;
}

/** When and how an answer came. */
export interface ResponseMeta {
  fetched_at: string;
  http_status: number;
  not_modified: boolean;
  request_id: string | null;
  rate_limit: Record<string, string>;
}

/** A non-2xx answer (after the client's retries), with its parsed body for callers that branch on it. */
export class GitHubResponseError extends InfraLMError {
  readonly httpStatus: number;
  readonly url: string;
  readonly body: unknown;
  readonly response: FetchedResponse | undefined;

  constructor(url: string, httpStatus: number, message: string, body: unknown, response?: FetchedResponse) {
    super('INFRALM_ERR_HTTP', `GET ${url}: ${httpStatus === 0 ? '' : `${httpStatus} `}${message}`);
    this.httpStatus = httpStatus;
    this.url = url;
    this.body = body;
    this.response = response;
  }

  /** True when GitHub refused a diff as too large (406, error code `too_large`). */
  isTooLarge(): boolean {
    if (this.httpStatus !== 406) return false;
    const errors = (this.body as { errors?: { code?: string }[] } | undefined)?.errors;
    return !Array.isArray(errors) || errors.some((error) => error?.code === 'too_large');
  }
}

/** Conditional, paginated GETs. */
export interface GitHubFetcher {
  /** The absolute URL of an API path (`/repos/...`) or of a URL GitHub handed out. */
  resolve(url: string): string;
  get(url: string, accept?: string): Promise<FetchedResponse>;
  /** Every page, following `Link: rel="next"` (at most `maxPages`). */
  pages(url: string, options?: { accept?: string; maxPages?: number }): AsyncIterable<FetchedResponse>;
  /** How many answers were fresh (200) and how many came from the cache on a 304. */
  readonly counts: { fetched: number; notModified: number };
}

/** Options of createGitHubFetcher. */
export interface GitHubFetcherOptions {
  octokit: GitHubOctokit;
  baseUrl: string;
  cache?: EtagCache;
  now?: () => Date;
}

/** A fetcher over a client; with a cache, it sends If-None-Match and serves 304s from it. */
export function createGitHubFetcher(options: GitHubFetcherOptions): GitHubFetcher {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const now = options.now ?? (() => new Date());
  const counts = { fetched: 0, notModified: 0 };
  const resolve = (url: string): string => (/^https?:\/\//.test(url) ? url : `${baseUrl}${url}`);

  const get = async (path: string, accept = JSON_MEDIA_TYPE): Promise<FetchedResponse> => {
    const url = resolve(path);
    const cached = await options.cache?.read(url, accept);
    const headers: Record<string, string> = { accept };
    if (cached) headers['if-none-match'] = cached.etag;
    let response: { status: number; headers: Record<string, string | number | undefined>; data: unknown };
    try {
      response = await options.octokit.request({
        method: 'GET',
        url,
        headers,
        request: { parseSuccessResponseBody: false },
      });
    } catch (error) {
      const failure = error as {
        status?: number;
        response?: { headers?: Record<string, unknown>; data?: unknown };
      };
      const responseHeaders = stringHeaders(failure.response?.headers ?? {});
      if (failure.status === 304 && cached) {
        counts.notModified++;
        return {
          method: 'GET',
          url,
          accept,
          status: 200,
          headers: cached.headers,
          text: cached.text,
          notModified: true,
          meta: metaOf(304, responseHeaders, now(), true),
        };
      }
      if (typeof failure.status === 'number') {
        const body = failure.response?.data;
        const answer: FetchedResponse = {
          method: 'GET',
          url,
          accept,
          status: failure.status,
          headers: pick(responseHeaders),
          text: typeof body === 'string' ? body : JSON.stringify(body ?? null),
          notModified: false,
          meta: metaOf(failure.status, responseHeaders, now(), false),
        };
        throw new GitHubResponseError(url, failure.status, messageOf(error, body), body, answer);
      }
      throw error;
    }
    const responseHeaders = stringHeaders(response.headers);
    const text = response.data ? await new Response(response.data as ReadableStream).text() : '';
    counts.fetched++;
    const kept = pick(responseHeaders);
    if (kept.etag && options.cache)
      await options.cache.write({ url, accept, etag: kept.etag, headers: kept, text });
    return {
      method: 'GET',
      url,
      accept,
      status: response.status,
      headers: kept,
      text,
      notModified: false,
      meta: metaOf(response.status, responseHeaders, now(), false),
    };
  };

  async function* pages(
    url: string,
    pageOptions: { accept?: string; maxPages?: number } = {},
  ): AsyncIterable<FetchedResponse> {
    const seen = new Set<string>();
    let next: string | undefined = resolve(url);
    while (next !== undefined && seen.size < (pageOptions.maxPages ?? 1000) && !seen.has(next)) {
      seen.add(next);
      const page = await get(next, pageOptions.accept);
      yield page;
      next = parseLinkHeader(page.headers.link).next;
    }
  }

  return { resolve, get, pages, counts };
}

/** Parse a JSON answer, with an error naming the URL when it is not JSON. */
export function parseJsonResponse<T>(response: FetchedResponse): T {
  try {
    return JSON.parse(response.text) as T;
  } catch (error) {
    throw new GitHubResponseError(
      response.url,
      response.status,
      `not JSON: ${(error as Error).message}`,
      undefined,
    );
  }
}

function stringHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && value !== null) out[name.toLowerCase()] = String(value);
  }
  return out;
}

function pick(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of STABLE_HEADERS) if (headers[name] !== undefined) out[name] = headers[name];
  return out;
}

function metaOf(
  status: number,
  headers: Record<string, string>,
  at: Date,
  notModified: boolean,
): ResponseMeta {
  const rateLimit: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-ratelimit-')) rateLimit[name.slice('x-ratelimit-'.length)] = value;
  }
  return {
    fetched_at: at.toISOString(),
    http_status: status,
    not_modified: notModified,
    request_id: headers['x-github-request-id'] ?? null,
    rate_limit: rateLimit,
  };
}

function messageOf(error: unknown, body: unknown): string {
  const message = (body as { message?: unknown } | undefined)?.message;
  if (typeof message === 'string') return message;
  return error instanceof Error ? error.message : String(error);
}
