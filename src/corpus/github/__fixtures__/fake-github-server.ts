// A local HTTP server on 127.0.0.1 that answers in the shapes GitHub's REST docs give: JSON bodies
// with `application/json; charset=utf-8`, `x-ratelimit-*` and `x-github-request-id` headers, weak
// ETags with 304 on a matching If-None-Match, and Link-header pagination (`page`, `per_page`).
// Tests queue faults (a 403 secondary limit, a 502, ...) in front of a path, hold requests to kill
// a crawler mid-flight, and count requests per path.

import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One answer: an object body is sent as JSON, a string as is. */
export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A request the server received. */
export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/repos/o/r/pulls/1/files?per_page=100&page=2`. */
  path: string;
  pathname: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Answer status (set once answered). */
  status?: number;
}

/** The route handler: undefined means 404. `page` helps answer list endpoints. */
export type FakeHandler = (
  request: RecordedRequest,
  tools: { page: (items: unknown[]) => FakeResponse; baseUrl: string },
) => FakeResponse | undefined;

export interface FakeGitHub {
  url: string;
  requests: RecordedRequest[];
  /** Requests whose pathname equals `pathname` (optionally with this accept header). */
  count(pathname: string, accept?: string): number;
  /** Answer the next requests whose path starts with `pathPrefix` with these responses, in order. */
  fault(pathPrefix: string, ...responses: FakeResponse[]): void;
  /** Never answer requests matching; resolves when the first one arrives. */
  hold(matches: (request: RecordedRequest) => boolean): Promise<RecordedRequest>;
  release(): void;
  close(): Promise<void>;
}

/** Server options: the most items a page holds whatever `per_page` asks (GitHub caps at 100). */
export interface FakeGitHubOptions {
  pageSize?: number | ((pathname: string) => number);
}

/** Start the server on 127.0.0.1, port 0. */
export async function startFakeGitHub(handler: FakeHandler, options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const requests: RecordedRequest[] = [];
  const faults: { prefix: string; response: FakeResponse }[] = [];
  const holds: { matches: (request: RecordedRequest) => boolean; arrived: (request: RecordedRequest) => void }[] = [];
  const held: ServerResponse[] = [];
  let remaining = 5000;
  let baseUrl = '';

  const server = createServer((incoming, outgoing) => {
    const parsed = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const request: RecordedRequest = {
      method: incoming.method ?? 'GET',
      path: parsed.pathname + parsed.search,
      pathname: parsed.pathname,
      query: parsed.searchParams,
      headers: incoming.headers,
    };
    requests.push(request);
    const hold = holds.find((candidate) => candidate.matches(request));
    if (hold) {
      held.push(outgoing);
      hold.arrived(request);
      return;
    }
    const faultIndex = faults.findIndex((fault) => request.path.startsWith(fault.prefix));
    let response: FakeResponse | undefined;
    if (faultIndex !== -1) {
      response = faults[faultIndex]!.response;
      faults.splice(faultIndex, 1);
    } else {
      const pageSize =
        typeof options.pageSize === 'function' ? options.pageSize(request.pathname) : options.pageSize;
      response = handler(request, { page: (items) => paginate(request, items, baseUrl, pageSize), baseUrl });
    }
    response ??= {
      status: 404,
      body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' },
    };
    remaining = Math.max(0, remaining - 1);
    send(request, outgoing, response, remaining);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    requests,
    count: (pathname, accept) =>
      requests.filter(
        (request) => request.pathname === pathname && (accept === undefined || request.headers.accept === accept),
      ).length,
    fault(prefix, ...responses) {
      for (const response of responses) faults.push({ prefix, response });
    },
    hold(matches) {
      return new Promise((resolve) => holds.push({ matches, arrived: resolve }));
    },
    release() {
      holds.length = 0;
      for (const response of held.splice(0)) response.destroy();
    },
    close() {
      for (const response of held.splice(0)) response.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function send(request: RecordedRequest, outgoing: ServerResponse, response: FakeResponse, remaining: number): void {
  const isText = typeof response.body === 'string';
  const text = response.body === undefined ? '' : isText ? (response.body as string) : JSON.stringify(response.body);
  const headers: Record<string, string> = {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    'x-github-request-id': randomBytes(6).toString('hex').toUpperCase(),
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-used': String(5000 - remaining),
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    'x-ratelimit-resource': 'core',
    ...response.headers,
  };
  let status = response.status;
  if (status === 200) {
    const etag = `W/"${createHash('sha256').update(text).digest('hex').slice(0, 32)}"`;
    headers.etag = etag;
    if (request.headers['if-none-match'] === etag) status = 304;
  }
  request.status = status;
  outgoing.writeHead(status, headers);
  outgoing.end(status === 304 ? undefined : text);
}

/** One page of a list with GitHub's Link header (first/prev/next/last as they apply). */
function paginate(request: RecordedRequest, items: unknown[], baseUrl: string, pageSize = 100): FakeResponse {
  const perPage = Math.min(Number(request.query.get('per_page') ?? 30), pageSize, 100);
  const page = Math.max(1, Number(request.query.get('page') ?? 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (target: number): string => {
    const query = new URLSearchParams(request.query);
    query.set('page', String(target));
    return `${baseUrl}${request.pathname}?${query.toString()}`;
  };
  const links: string[] = [];
  if (page < last) links.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
  if (page > 1) links.push(`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`);
  return {
    status: 200,
    headers: links.length > 0 ? { link: links.join(', ') } : {},
    body: items.slice((page - 1) * perPage, page * perPage),
  };
}
