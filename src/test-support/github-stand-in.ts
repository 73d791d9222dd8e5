// A local stand-in of the GitHub REST API for the review bot's tests: a real HTTP server on
// 127.0.0.1 that answers the documented routes the bot calls, in their documented shapes
// (docs.github.com/rest/pulls, /rest/apps/apps#create-an-installation-access-token), and records
// every request. Installation tokens are only issued for an App JWT that verifies (RS256) against
// the App's public key, and every other route wants that token (or the action-mode token).

import { execFileSync } from 'node:child_process';
import { createPublicKey, createVerify, type KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A pull request the stand-in serves. */
export interface StandInPull {
  owner: string;
  repo: string;
  number: number;
  state: 'open' | 'closed';
  draft: boolean;
  base: string;
  head: string;
  /** `git diff base head`. */
  diff: string;
  /** Answer the diff media type with 406 `too_large`, as GitHub does past 300 files or 20,000 lines. */
  tooLarge?: boolean;
  /** The files API's entries (filename, status, patch), served when set. */
  files?: { filename: string; status: string; patch?: string }[];
}

/** A review comment as the stand-in stores it. */
export interface StandInComment {
  id: number;
  /** The pull request's number (the stand-in's own bookkeeping). */
  pull: number;
  pull_request_review_id: number;
  path: string;
  line: number;
  side: string;
  body: string;
  diff_hunk: string;
  user: { login: string; type: string };
  in_reply_to_id?: number;
}

/** One request the stand-in received. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** The query string, `?` included (empty when none). */
  query: string;
  authorization: string | undefined;
  accept: string | undefined;
  body: unknown;
}

export interface GitHubStandIn {
  url: string;
  pulls: StandInPull[];
  /** Diffs of `base...head` comparisons by `base...head`. */
  compares: Map<string, string>;
  comments: StandInComment[];
  reviews: { id: number; body: string; commit_id: string; event: string; comments: unknown[] }[];
  requests: RecordedRequest[];
  /** Installation tokens issued. */
  tokens: string[];
  /** Answer the next N requests on a path prefix with this status (failure tests). */
  failNext(prefix: string, status: number, count?: number): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, {
    'content-type':
      typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    ...headers,
  });
  response.end(text);
}

/** Check an App JWT the way GitHub does: RS256 over header.payload, iss = the App id, not expired. */
function verifyAppJwt(token: string, publicKey: KeyObject, appId: string): boolean {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return false;
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${header}.${payload}`);
  if (!verifier.verify(publicKey, Buffer.from(signature, 'base64url'))) return false;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    iss?: unknown;
    exp?: number;
  };
  return String(claims.iss) === appId && typeof claims.exp === 'number' && claims.exp * 1000 > Date.now();
}

/** Lines of a diff's new side GitHub accepts a RIGHT comment on, per path (a second, simple reading). */
function rightLines(diff: string): Map<string, Set<number>> {
  const lines = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  let next = 0;
  for (const line of diff.split('\n')) {
    const file = /^\+\+\+ b\/(.*)$/.exec(line);
    if (file) {
      current = new Set();
      lines.set(file[1]!, current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (hunk) {
      next = Number(hunk[1]);
      continue;
    }
    if (!current || line.startsWith('---') || line.startsWith('diff ')) continue;
    if (line.startsWith('+') || line.startsWith(' ')) current.add(next++);
  }
  return lines;
}

/** Start the stand-in. `appId` + `privateKey` enable App auth; `actionToken` enables token auth. */
export async function startGitHubStandIn(options: {
  appId?: string;
  privateKey?: string;
  actionToken?: string;
  /** Review comments per page (to make the bot follow Link headers). */
  pageSize?: number;
}): Promise<GitHubStandIn> {
  const publicKey = options.privateKey ? createPublicKey(options.privateKey) : undefined;
  const failures: { prefix: string; status: number; count: number }[] = [];
  let nextId = 1000;
  const state = {
    pulls: [] as StandInPull[],
    compares: new Map<string, string>(),
    comments: [] as StandInComment[],
    reviews: [] as GitHubStandIn['reviews'],
    requests: [] as RecordedRequest[],
    tokens: [] as string[],
  };
  let url = '';

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const parsed = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = parsed.pathname;
    const body = request.method === 'POST' ? await readBody(request) : undefined;
    const authorization = request.headers.authorization;
    const accept = request.headers.accept;
    state.requests.push({
      method: request.method ?? 'GET',
      path,
      query: parsed.search,
      authorization,
      accept,
      body,
    });

    const failure = failures.find((entry) => path.startsWith(entry.prefix) && entry.count > 0);
    if (failure) {
      failure.count -= 1;
      return send(response, failure.status, { message: 'stand-in failure' });
    }

    const tokenRoute = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
    if (tokenRoute && request.method === 'POST') {
      const jwt = /^bearer (.+)$/i.exec(authorization ?? '')?.[1];
      if (!jwt || !publicKey || !verifyAppJwt(jwt, publicKey, options.appId ?? '')) {
        return send(response, 401, { message: 'A JSON web token could not be decoded' });
      }
      const token = `ghs_standin${tokenRoute[1]}x${state.tokens.length}`;
      state.tokens.push(token);
      return send(response, 201, {
        token,
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        permissions: { pull_requests: 'write', contents: 'read' },
        repository_selection: 'all',
      });
    }

    const given = /^(?:token|bearer) (.+)$/i.exec(authorization ?? '')?.[1];
    if (!given || !(state.tokens.includes(given) || given === options.actionToken)) {
      return send(response, 401, { message: 'Bad credentials' });
    }

    const compare = /^\/repos\/([^/]+)\/([^/]+)\/compare\/(.+)$/.exec(path);
    if (compare && request.method === 'GET') {
      const diff = state.compares.get(decodeURIComponent(compare[3]!));
      return diff === undefined ? send(response, 404, { message: 'Not Found' }) : send(response, 200, diff);
    }
    const single = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/comments\/(\d+)$/.exec(path);
    if (single) {
      const comment = state.comments.find((entry) => entry.id === Number(single[3]));
      return comment ? send(response, 200, comment) : send(response, 404, { message: 'Not Found' });
    }
    const route = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)(\/comments|\/reviews|\/files)?$/.exec(path);
    const pull = route
      ? state.pulls.find(
          (entry) => entry.owner === route[1] && entry.repo === route[2] && entry.number === Number(route[3]),
        )
      : undefined;
    if (!route || !pull) return send(response, 404, { message: 'Not Found' });

    if (route[4] === '/files' && request.method === 'GET') {
      return pull.files ? send(response, 200, pull.files) : send(response, 404, { message: 'Not Found' });
    }
    if (route[4] === undefined && request.method === 'GET') {
      if ((accept ?? '').includes('diff') && pull.tooLarge) {
        return send(response, 406, {
          message: 'Sorry, the diff exceeded the maximum number of files (300).',
          errors: [{ resource: 'PullRequest', field: 'diff', code: 'too_large' }],
        });
      }
      if ((accept ?? '').includes('diff')) return send(response, 200, pull.diff);
      return send(response, 200, {
        number: pull.number,
        state: pull.state,
        draft: pull.draft,
        head: { sha: pull.head },
        base: { sha: pull.base },
      });
    }
    if (route[4] === '/comments' && request.method === 'GET') {
      const size = Math.min(Number(parsed.searchParams.get('per_page') ?? 30), options.pageSize ?? 100);
      const page = Number(parsed.searchParams.get('page') ?? 1);
      const own = state.comments.filter((comment) => comment.pull === pull.number);
      const items = own.slice((page - 1) * size, page * size);
      const headers: Record<string, string> = {};
      if (page * size < own.length) {
        headers.link = `<${url}${path}?per_page=${size}&page=${page + 1}>; rel="next"`;
      }
      return send(response, 200, items, headers);
    }
    if (route[4] === '/reviews' && request.method === 'GET') {
      return send(
        response,
        200,
        state.reviews.map((review) => ({ id: review.id, body: review.body, commit_id: review.commit_id })),
      );
    }
    if (route[4] === '/reviews' && request.method === 'POST') {
      const review = body as { commit_id: string; event: string; body: string; comments?: StandInComment[] };
      const allowed = rightLines(pull.diff);
      for (const comment of review.comments ?? []) {
        if (comment.side !== 'RIGHT' || !allowed.get(comment.path)?.has(comment.line)) {
          return send(response, 422, {
            message: 'Unprocessable Entity',
            errors: ['Pull request review thread line must be part of the diff'],
          });
        }
      }
      const id = nextId++;
      state.reviews.push({
        id,
        body: review.body,
        commit_id: review.commit_id,
        event: review.event,
        comments: review.comments ?? [],
      });
      for (const comment of review.comments ?? []) {
        state.comments.push({
          id: nextId++,
          pull: pull.number,
          pull_request_review_id: id,
          path: comment.path,
          line: comment.line,
          side: comment.side,
          body: comment.body,
          diff_hunk: '@@',
          user: { login: 'infralm[bot]', type: 'Bot' },
        });
      }
      return send(response, 200, {
        id,
        html_url: `${url}/${pull.owner}/${pull.repo}/pull/${pull.number}#review-${id}`,
      });
    }
    return send(response, 404, { message: 'Not Found' });
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, { message: String(error) }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    ...state,
    failNext(prefix, status, count = 1) {
      failures.push({ prefix, status, count });
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** Commits of a throw-away git repository; returns each commit's sha and `git diff` between two. */
export function makeGitHistory(commits: Record<string, string>[]): {
  shas: string[];
  diff(from: number, to: number): string;
  dispose(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'infralm-git-'));
  const environment = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: dir,
  };
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, env: environment, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  const shas: string[] = [];
  for (const files of commits) {
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
    git('add', '-A');
    git('commit', '-q', '--allow-empty', '-m', `commit ${shas.length}`);
    shas.push(git('rev-parse', 'HEAD').trim());
  }
  return {
    shas,
    diff: (from, to) => git('diff', '--no-color', '--no-ext-diff', shas[from]!, shas[to]!),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
