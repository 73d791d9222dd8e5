import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, type FakeHandler, startFakeGitHub } from './__fixtures__/fake-github-server.js';
import { createEtagCache } from './etag-cache.js';
import { createGitHubClient, type ResponseEvent, type WaitEvent } from './github-client.js';
import {
  createGitHubFetcher,
  DIFF_MEDIA_TYPE,
  GitHubResponseError,
  parseJsonResponse,
} from './github-fetcher.js';

const SECONDARY = {
  message:
    'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 8844:3EDF1D:1F13C4:2BB820:652AAB04.',
  documentation_url:
    'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
};

const items = Array.from({ length: 7 }, (_, index) => ({ id: index + 1, filename: `file-${index + 1}.tf` }));

const handler: FakeHandler = (request, { page }) => {
  if (request.pathname === '/repos/o/r') return { status: 200, body: { full_name: 'o/r', id: 1 } };
  if (request.pathname === '/repos/o/r/pulls/1/files') return page(items);
  if (request.pathname === '/repos/o/r/pulls/1') {
    return request.headers.accept === DIFF_MEDIA_TYPE
      ? {
          status: 200,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: 'diff --git a/x b/x\n',
        }
      : { status: 200, body: { number: 1 } };
  }
  return undefined;
};

describe('createGitHubClient against a local GitHub', () => {
  let server: FakeGitHub;
  let waits: WaitEvent[];
  let slept: number[];
  let responses: ResponseEvent[];
  let workspace: string;

  const client = (options: { maxRetries?: number; token?: string } = {}) =>
    createGitHubClient({
      baseUrl: server.url,
      userAgent: 'infralm-test',
      maxRetries: options.maxRetries ?? 3,
      secondaryFallbackSeconds: 60,
      retryBaseMilliseconds: 1,
      token: options.token,
      sleep: async (milliseconds) => {
        slept.push(milliseconds);
      },
      onWait: (event) => waits.push(event),
      onResponse: (event) => responses.push(event),
    });
  const fetcherFor = (octokit = client()) =>
    createGitHubFetcher({ octokit, baseUrl: server.url, cache: createEtagCache(join(workspace, 'etag')) });

  beforeEach(async () => {
    server = await startFakeGitHub(handler, { pageSize: 3 });
    waits = [];
    slept = [];
    responses = [];
    workspace = mkdtempSync(join(tmpdir(), 'infralm-github-client-'));
  });
  afterEach(async () => {
    await server.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('follows the Link header across 3 pages', async () => {
    const fetcher = fetcherFor();
    const pages = [];
    for await (const page of fetcher.pages('/repos/o/r/pulls/1/files?per_page=100')) pages.push(page);
    expect(pages).toHaveLength(3);
    expect(pages.flatMap((page) => parseJsonResponse<{ id: number }[]>(page).map((item) => item.id))).toEqual(
      [1, 2, 3, 4, 5, 6, 7],
    );
    expect(server.requests.map((request) => request.query.get('page'))).toEqual([null, '2', '3']);
    expect(pages[0]!.headers.link).toContain('rel="next"');
    expect(pages[2]!.headers.link).not.toContain('rel="next"');
  });

  it('waits retry-after once on a 403 secondary rate limit, then succeeds (throttling only)', async () => {
    server.fault('/repos/o/r', { status: 403, headers: { 'retry-after': '1' }, body: SECONDARY });
    const response = await fetcherFor().get('/repos/o/r');
    expect(parseJsonResponse(response)).toEqual({ full_name: 'o/r', id: 1 });
    expect(responses.map((event) => event.status)).toEqual([403, 200]);
    expect(waits).toEqual([
      {
        reason: 'secondary-rate-limit',
        seconds: 1,
        attempt: 1,
        method: 'GET',
        url: `${server.url}/repos/o/r`,
      },
    ]);
    expect(slept).toEqual([1000]);
  });

  it('treats a 429 without retry-after as a secondary limit with the fallback wait, doubling after', async () => {
    server.fault(
      '/repos/o/r',
      { status: 429, body: { message: 'Too many requests' } },
      { status: 429, body: {} },
    );
    await fetcherFor().get('/repos/o/r');
    expect(waits.map((event) => [event.reason, event.seconds])).toEqual([
      ['secondary-rate-limit', 60],
      ['secondary-rate-limit', 120],
    ]);
    expect(responses.map((event) => event.status)).toEqual([429, 429, 200]);
  });

  it('waits for x-ratelimit-reset when x-ratelimit-remaining is 0', async () => {
    const reset = Math.floor(Date.now() / 1000) + 2;
    server.fault('/repos/o/r', {
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      body: {
        message: 'API rate limit exceeded for user ID 1.',
        documentation_url: 'https://docs.github.com/rest',
      },
    });
    await fetcherFor().get('/repos/o/r');
    expect(waits).toHaveLength(1);
    expect(waits[0]!.reason).toBe('rate-limit');
    // Until the reset, plus one second: 2–3 s after "now", whole seconds.
    expect(waits[0]!.seconds).toBeGreaterThanOrEqual(2);
    expect(waits[0]!.seconds).toBeLessThanOrEqual(4);
    expect(slept).toEqual([waits[0]!.seconds * 1000]);
    expect(responses.map((event) => event.status)).toEqual([403, 200]);
  });

  it('gives up on a rate limit after maxRetries', async () => {
    const limited = { status: 403, headers: { 'retry-after': '1' }, body: SECONDARY };
    server.fault('/repos/o/r', limited, limited, limited);
    const error = await fetcherFor(client({ maxRetries: 2 }))
      .get('/repos/o/r')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitHubResponseError);
    expect((error as GitHubResponseError).httpStatus).toBe(403);
    expect(responses).toHaveLength(3);
    expect(slept).toEqual([1000, 2000]);
  });

  it('retries a 502 through the retry plugin, without rate-limit waits', async () => {
    server.fault('/repos/o/r', { status: 502, body: { message: 'Server Error' } });
    const response = await fetcherFor().get('/repos/o/r');
    expect(response.status).toBe(200);
    expect(responses.map((event) => event.status)).toEqual([502, 200]);
    expect(waits).toEqual([]);
  });

  it('stops after maxRetries 5xx answers', async () => {
    const failure = { status: 503, body: { message: 'Service Unavailable' } };
    server.fault('/repos/o/r', failure, failure, failure, failure);
    const error = await fetcherFor(client({ maxRetries: 2 }))
      .get('/repos/o/r')
      .catch((caught: unknown) => caught);
    expect((error as GitHubResponseError).httpStatus).toBe(503);
    expect(responses).toHaveLength(3);
  });

  it('does not retry client errors: 404, a 406 too_large diff, a 403 without rate-limit signals', async () => {
    const fetcher = fetcherFor();
    const missing = await fetcher.get('/repos/o/missing').catch((caught: unknown) => caught);
    expect((missing as GitHubResponseError).httpStatus).toBe(404);
    server.fault('/repos/o/r/pulls/1', {
      status: 406,
      body: {
        message: 'Sorry, the diff exceeded the maximum number of lines (20000)',
        errors: [{ resource: 'PullRequest', field: 'diff', code: 'too_large' }],
      },
    });
    const tooLarge = await fetcher
      .get('/repos/o/r/pulls/1', DIFF_MEDIA_TYPE)
      .catch((caught: unknown) => caught);
    expect((tooLarge as GitHubResponseError).isTooLarge()).toBe(true);
    server.fault('/repos/o/r', { status: 403, body: { message: 'Resource not accessible by integration' } });
    const forbidden = await fetcher.get('/repos/o/r').catch((caught: unknown) => caught);
    expect((forbidden as GitHubResponseError).httpStatus).toBe(403);
    expect(responses.map((event) => event.status)).toEqual([404, 406, 403]);
    expect(waits).toEqual([]);
  });

  it('sends If-None-Match and serves a 304 from the ETag cache', async () => {
    const fetcher = fetcherFor();
    const first = await fetcher.get('/repos/o/r/pulls/1', DIFF_MEDIA_TYPE);
    const second = await fetcher.get('/repos/o/r/pulls/1', DIFF_MEDIA_TYPE);
    expect(first.notModified).toBe(false);
    expect(second.notModified).toBe(true);
    expect(second.text).toBe(first.text);
    expect(second.headers).toEqual(first.headers);
    expect(server.requests[1]!.headers['if-none-match']).toBe(first.headers.etag);
    expect(server.requests[1]!.status).toBe(304);
    expect(second.meta.http_status).toBe(304);
    expect(fetcher.counts).toEqual({ fetched: 1, notModified: 1 });
    // The JSON and the diff of one URL are cached apart.
    const json = await fetcher.get('/repos/o/r/pulls/1');
    expect(json.notModified).toBe(false);
  });

  it('sends the token as authorization and keeps it out of error messages', async () => {
    const token = 'ghp_exampletoken0123456789abcdefghijkl';
    const error = await fetcherFor(client({ token }))
      .get('/repos/o/missing')
      .catch((caught: unknown) => caught);
    expect(server.requests[0]!.headers.authorization).toBe(`token ${token}`);
    expect(server.requests[0]!.headers['x-github-api-version']).toBe('2022-11-28');
    expect(String((error as Error).message)).not.toContain(token);
  });
});
