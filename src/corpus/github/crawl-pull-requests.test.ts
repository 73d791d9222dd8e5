import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from './__fixtures__/fake-github-server.js';
import {
  type PullFixture,
  REPO,
  reviewScenario,
  scenarioHandler,
  sha,
} from './__fixtures__/review-scenario.js';
import { crawlPullRequests } from './crawl-pull-requests.js';
import { createGitHubClient } from './github-client.js';
import { githubPaths } from './github-paths.js';
import { parsePullReference, parseRepository } from './repository-name.js';
import type { ReviewThreadRow } from './types.js';

const repository = parseRepository(REPO);

describe('crawlPullRequests against a local GitHub', () => {
  let server: FakeGitHub;
  let scenario: Map<number, PullFixture>;
  let workspace: string;

  const crawl = (options: { since?: string; max?: number; pulls?: string[]; repositories?: boolean } = {}) =>
    crawlPullRequests({
      workspace,
      octokit: createGitHubClient({
        baseUrl: server.url,
        userAgent: 'infralm-test',
        maxRetries: 2,
        retryBaseMilliseconds: 1,
        sleep: async () => {},
      }),
      baseUrl: server.url,
      repositories: options.repositories === false ? [] : [repository],
      pulls: options.pulls?.map(parsePullReference),
      since: options.since,
      max: options.max,
    });
  const silver = (): ReviewThreadRow[] =>
    readFileSync(githubPaths(workspace).silverComments, 'utf8')
      .trim()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as ReviewThreadRow);
  const pullDirectory = (number: number) => githubPaths(workspace).pullDirectory(repository, number);
  const bronze = (number: number, name: string) =>
    JSON.parse(readFileSync(join(pullDirectory(number), `${name}.json`), 'utf8'));

  beforeEach(async () => {
    scenario = reviewScenario();
    // Files come 2 a page (#11's five files take 3 pages); other lists fit one page.
    server = await startFakeGitHub(scenarioHandler(scenario), {
      pageSize: (pathname) => (pathname.endsWith('/files') ? 2 : 100),
    });
    workspace = mkdtempSync(join(tmpdir(), 'infralm-github-crawl-'));
  });
  afterEach(async () => {
    await server.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('crawls every pull request with review comments into bronze and silver', async () => {
    // GitHub lists at most 3,000 files: say #12 changed more.
    scenario.get(12)!.pull.changed_files = 3001;
    const summary = await crawl();
    expect(summary).toMatchObject({
      listed: 3,
      fetched: 3,
      skipped: 0,
      failed: 0,
      comments: 13,
      threads: 10,
      bot_comments: 3,
      diffs_rebuilt: 1,
      diffs_missing: 1,
      files_truncated: 1,
      silver_rows: 10,
      not_modified: 0,
    });
    // Files of #11: 5 files at 2 a page.
    expect(server.count(`/repos/${REPO}/pulls/11/files`)).toBe(3);

    const rows = silver();
    expect(rows.map((row) => [row.pr, row.id])).toEqual([
      [11, 1101],
      [11, 1103],
      [11, 1104],
      [11, 1105],
      [11, 1106],
      [11, 1107],
      [12, 1201],
      [12, 1202],
      [13, 1301],
      [13, 1302],
    ]);
    const row = (id: number) => rows.find((candidate) => candidate.id === id)!;

    expect(row(1101)).toMatchObject({
      repo: REPO,
      path: 'modules/bucket/main.tf',
      side: 'RIGHT',
      line: 3,
      line_source: 'api',
      outdated: false,
      is_bot: false,
      user_login: 'alice',
      review_state: 'COMMENTED',
      anchor_commit_id: sha('head-11'),
    });
    expect(row(1101).full_hunk).toBe(
      [
        '@@ -1,8 +1,9 @@',
        ' resource "aws_s3_bucket" "logs" {',
        '   bucket = var.name',
        '-  acl    = "public-read"',
        '+  acl    = "private"',
        ' }',
        ' ',
        ' resource "aws_s3_bucket_versioning" "logs" {',
        '   bucket = aws_s3_bucket.logs.id',
        '+  # keeps overwritten log objects recoverable',
        ' }',
      ].join('\n'),
    );
    expect(row(1101).replies.map((reply) => [reply.id, reply.user_login, reply.is_bot])).toEqual([
      [1102, 'bob', false],
    ]);
    // Multi-line: lines 6–8 of the new file.
    expect(row(1103)).toMatchObject({ start_line: 6, start_side: 'RIGHT', line: 8, side: 'RIGHT' });
    // LEFT side: line 3 of the old file; its reply comes from a bot named by convention.
    expect(row(1104)).toMatchObject({ side: 'LEFT', line: 3, line_source: 'api' });
    expect(row(1104).full_hunk).toBe(row(1101).full_hunk);
    expect(row(1104).replies).toMatchObject([{ id: 1108, user_login: 'k8s-ci-robot', is_bot: true }]);
    expect(row(1105)).toMatchObject({
      subject_type: 'file',
      line: null,
      side: null,
      line_source: null,
      full_hunk: null,
      outdated: false,
    });
    expect(row(1106)).toMatchObject({
      is_bot: true,
      user_type: 'Bot',
      line: 3,
      path: 'modules/bucket/outputs.tf',
    });
    // Outdated: placed through the diff at its original commit, where GitHub said line 3.
    expect(row(1107)).toMatchObject({
      outdated: true,
      line: 3,
      side: 'RIGHT',
      original_line: 3,
      line_source: 'position',
      anchor_commit_id: sha('original-11'),
    });
    expect(row(1107).full_hunk).toBe(
      [
        '@@ -1,5 +1,5 @@',
        ' resource "aws_s3_bucket" "logs" {',
        '   bucket = var.name',
        '-  acl    = "public-read"',
        '+  acl    = "authenticated-read"',
        ' }',
        ' ',
      ].join('\n'),
    );
    // #12's diff was refused (406) and rebuilt from the files' patches.
    expect(row(1201)).toMatchObject({
      line: 3,
      side: 'RIGHT',
      line_source: 'position',
      outdated: false,
      original_line: null,
      full_hunk: scenario.get(12)!.files[0]!.patch,
    });
    expect(row(1202)).toMatchObject({ is_bot: true, line: 2, line_source: 'api' });
    expect(row(1202).full_hunk).toBe(scenario.get(12)!.files[1]!.patch);
    expect(row(1202).replies.map((reply) => reply.user_login)).toEqual(['alice']);
    // #13: the original commit is gone, so only the diff_hunk places the comment.
    expect(row(1301)).toMatchObject({
      outdated: true,
      line: 12,
      side: 'LEFT',
      line_source: 'diff_hunk',
      full_hunk: null,
    });
    expect(row(1302)).toMatchObject({ line: 12, side: 'RIGHT', review_state: 'APPROVED' });

    // Bronze: raw responses with request metadata; volatile facts in .meta.json.
    const files = readdirSync(pullDirectory(11)).sort();
    expect(files).toContain('files-003.json');
    expect(files).toContain('files-003.meta.json');
    expect(files).toContain(`compare-${sha('original-11')}.diff.json`);
    const page = bronze(11, 'files-002');
    expect(page.request).toEqual({
      method: 'GET',
      url: `${server.url}/repos/${REPO}/pulls/11/files?per_page=100&page=2`,
      accept: 'application/vnd.github+json',
    });
    expect(Object.keys(page.headers).sort()).toEqual(['content-type', 'etag', 'link']);
    expect(page.body.map((file: { filename: string }) => file.filename)).toEqual([
      'modules/bucket/outputs.tf',
      'README.md',
    ]);
    const meta = JSON.parse(readFileSync(join(pullDirectory(11), 'files-002.meta.json'), 'utf8'));
    expect(meta).toMatchObject({ http_status: 200, not_modified: false, rate_limit: { limit: '5000' } });
    expect(bronze(12, 'pull.diff')).toMatchObject({ status: 406, body: { errors: [{ code: 'too_large' }] } });
    expect(bronze(13, `compare-${sha('original-13')}.diff`).status).toBe(404);
    expect(typeof bronze(11, 'pull.diff').body).toBe('string');
  });

  it('reruns fetch only new pull requests; unchanged listing pages cost 304s', async () => {
    await crawl();
    const silverBefore = readFileSync(githubPaths(workspace).silverComments);
    const bronzeBefore = readFileSync(join(pullDirectory(11), 'comments-001.json'));
    const requestsBefore = server.requests.length;

    const rerun = await crawl();
    expect(rerun).toMatchObject({ listed: 3, fetched: 0, skipped: 3, silver_rows: 10 });
    const rerunRequests = server.requests.slice(requestsBefore);
    expect(rerunRequests.every((request) => request.pathname === `/repos/${REPO}/pulls/comments`)).toBe(true);
    expect(rerunRequests.every((request) => request.status === 304)).toBe(true);
    expect(rerun.not_modified).toBe(rerunRequests.length);
    expect(readFileSync(githubPaths(workspace).silverComments)).toEqual(silverBefore);

    // A new pull request gets a review comment: only it is fetched.
    const fixture = structuredClone(scenario.get(13)!);
    fixture.pull = { ...fixture.pull, number: 14, title: 'Another change' };
    fixture.comments = fixture.comments.slice(1).map((comment) => ({
      ...comment,
      id: 1401,
      pull_request_url: `https://api.github.com/repos/${REPO}/pulls/14`,
      updated_at: '2025-04-01T00:00:00Z',
    }));
    scenario.set(14, fixture);
    const start = server.requests.length;
    const third = await crawl();
    expect(third).toMatchObject({ listed: 4, fetched: 1, skipped: 3, silver_rows: 11 });
    const fetchedPaths = new Set(server.requests.slice(start).map((request) => request.pathname));
    expect([...fetchedPaths].filter((path) => /\/pulls\/1[1-3]\b/.test(path))).toEqual([]);
    expect(fetchedPaths.has(`/repos/${REPO}/pulls/14`)).toBe(true);
    expect(readFileSync(join(pullDirectory(11), 'comments-001.json'))).toEqual(bronzeBefore);
  });

  it('honours --max per repository and --since', async () => {
    expect((await crawl({ max: 1 })).pulls.map((pull) => pull.number)).toEqual([11]);
    expect((await crawl({ max: 1 })).pulls.map((pull) => pull.number)).toEqual([12]);
    rmSync(workspace, { recursive: true, force: true });
    const recent = await crawl({ since: '2025-03-01T10:20:00Z' });
    expect(recent.pulls.map((pull) => pull.number)).toEqual([13]);
    expect(server.requests.at(-1)?.path).not.toContain('since');
    const listing = server.requests.filter((request) => request.query.get('since') !== null);
    expect(listing[0]!.query.get('since')).toBe('2025-03-01T10:20:00Z');
  });

  it('online mode processes one pull request at once, again on request, with 304s', async () => {
    const first = await crawl({ pulls: [`${REPO}#11`], repositories: false });
    expect(first).toMatchObject({ fetched: 1, threads: 6, silver_rows: 6 });
    expect(server.requests.some((request) => request.pathname === `/repos/${REPO}/pulls/comments`)).toBe(
      false,
    );
    const start = server.requests.length;
    const second = await crawl({ pulls: [`${REPO}#11`], repositories: false });
    expect(second).toMatchObject({ fetched: 1, silver_rows: 6 });
    const again = server.requests.slice(start);
    expect(again.length).toBeGreaterThan(0);
    expect(again.every((request) => request.status === 304)).toBe(true);
    expect(second.not_modified).toBe(again.length);
    // Discovery afterwards skips it.
    expect(await crawl()).toMatchObject({ fetched: 2, skipped: 1, silver_rows: 10 });
  });

  it('leaves a pull request that keeps failing with 5xx for the next run, and goes on', async () => {
    const failure = { status: 502, body: { message: 'Server Error' } };
    server.fault(`/repos/${REPO}/pulls/12/reviews`, failure, failure, failure);
    const summary = await crawl();
    expect(summary).toMatchObject({ fetched: 2, failed: 1 });
    expect(summary.failures[0]).toMatchObject({ repo: REPO, number: 12 });
    expect(summary.failures[0]!.reason).toContain('502');
    expect(readFileSync(githubPaths(workspace).processedLog, 'utf8')).not.toContain('"number":12');
    expect(await crawl()).toMatchObject({ fetched: 1, skipped: 2, failed: 0, silver_rows: 10 });
  });

  it('logs a pull request GitHub answers 404 for, and does not ask again', async () => {
    server.fault(`/repos/${REPO}/pulls/13`, { status: 404, body: { message: 'Not Found' } });
    expect(await crawl()).toMatchObject({ fetched: 2, failed: 1 });
    const log = readFileSync(githubPaths(workspace).processedLog, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(log.find((entry) => entry.number === 13)).toMatchObject({ status: 'failed' });
    expect(await crawl()).toMatchObject({ fetched: 0, skipped: 3, silver_rows: 8 });
  });

  it('goes on past a repository that does not exist', async () => {
    const summary = await crawlPullRequests({
      workspace,
      octokit: createGitHubClient({ baseUrl: server.url, userAgent: 'infralm-test', sleep: async () => {} }),
      baseUrl: server.url,
      repositories: [parseRepository('acme/gone'), repository],
    });
    expect(summary).toMatchObject({ repositories: 2, repositories_failed: 1, fetched: 3, failed: 0 });
    expect(summary.failures).toEqual([
      { repo: 'acme/gone', number: null, reason: expect.stringContaining('404') },
    ]);
  });

  it('stops on a 401 but keeps the pull requests finished before it', async () => {
    server.fault(`/repos/${REPO}/pulls/12`, { status: 401, body: { message: 'Bad credentials' } });
    await expect(crawl()).rejects.toThrow(/401 Bad credentials/);
    const log = readFileSync(githubPaths(workspace).processedLog, 'utf8');
    expect(log).toContain('"number":11');
    expect(existsSync(githubPaths(workspace).silverPart(repository, 11))).toBe(true);
  });
});
