import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from './__fixtures__/fake-github-server.js';
import { REPO, reviewScenario, scenarioHandler } from './__fixtures__/review-scenario.js';
import { githubPaths } from './github-paths.js';

const CHILD = fileURLToPath(new URL('./__fixtures__/crawl-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let server: FakeGitHub;
let killed: string;
let clean: string;

beforeEach(async () => {
  server = await startFakeGitHub(scenarioHandler(reviewScenario()), {
    pageSize: (pathname) => (pathname.endsWith('/files') ? 2 : 100),
  });
  killed = mkdtempSync(join(tmpdir(), 'infralm-github-killed-'));
  clean = mkdtempSync(join(tmpdir(), 'infralm-github-clean-'));
});
afterEach(async () => {
  await server.close();
  rmSync(killed, { recursive: true, force: true });
  rmSync(clean, { recursive: true, force: true });
});

function startCrawl(workspace: string): { child: ChildProcess; output: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, workspace, server.url, REPO], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const output = once(child, 'exit').then(([code, signal]) => {
    if (code !== 0 && signal !== 'SIGKILL') throw new Error(`crawl child failed (${code}): ${stderr}`);
    return stdout;
  });
  return { child, output };
}

function summaryOf(stdout: string): Record<string, unknown> {
  const line = stdout.trim().split('\n').at(-1)!;
  return (JSON.parse(line) as { summary: Record<string, unknown> }).summary;
}

/** Every bronze response file (not the .meta.json beside it) and the silver file, by relative path. */
function stableFiles(workspace: string): Map<string, string> {
  const files = new Map<string, string>();
  const paths = githubPaths(workspace);
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.etag-cache') walk(path);
      } else if (!entry.name.endsWith('.meta.json')) {
        files.set(relative(workspace, path), readFileSync(path, 'utf8'));
      }
    }
  };
  walk(paths.bronze);
  files.set('silver', readFileSync(paths.silverComments, 'utf8'));
  return files;
}

it('a crawl killed with SIGKILL after its first checkpoint resumes without refetching finished pull requests', async () => {
  // Hold #12's review comments: by then #11 is checkpointed and #12's pull and files are fetched.
  const held = server.hold((request) => request.pathname === `/repos/${REPO}/pulls/12/comments`);
  const first = startCrawl(killed);
  await Promise.race([
    held,
    first.output.then(() => Promise.reject(new Error('the crawl ended before the hold'))),
  ]);
  first.child.kill('SIGKILL');
  await first.output;
  server.release();

  const paths = githubPaths(killed);
  const logged = readFileSync(paths.processedLog, 'utf8').trim().split('\n');
  expect(logged.map((line) => JSON.parse(line).number)).toEqual([11]);
  const requestsBeforeResume = server.requests.length;

  const resumed = startCrawl(killed);
  const summary = summaryOf(await resumed.output);
  expect(summary).toMatchObject({ listed: 3, skipped: 1, fetched: 2, failed: 0, silver_rows: 10 });

  const after = server.requests.slice(requestsBeforeResume);
  // Nothing of the finished pull request is asked for again.
  expect(after.filter((request) => request.pathname.startsWith(`/repos/${REPO}/pulls/11`))).toEqual([]);
  // What #12 had fetched before the kill is revalidated, and GitHub answers 304.
  const pull12 = after.filter(
    (request) =>
      request.pathname === `/repos/${REPO}/pulls/12` &&
      request.headers.accept === 'application/vnd.github+json',
  );
  expect(pull12.map((request) => request.status)).toEqual([304]);
  expect(summary.not_modified).toBeGreaterThanOrEqual(1 + 1 + 1); // listing, #12 pull, #12 files
  expect(server.count(`/repos/${REPO}/pulls/12/comments`)).toBe(2); // the held one, then the resumed one

  // An uninterrupted crawl writes the same silver and bronze bytes.
  const uninterrupted = startCrawl(clean);
  expect(summaryOf(await uninterrupted.output)).toMatchObject({ fetched: 3, silver_rows: 10 });
  const resumedFiles = stableFiles(killed);
  const cleanFiles = stableFiles(clean);
  expect([...resumedFiles.keys()].sort()).toEqual([...cleanFiles.keys()].sort());
  for (const [path, text] of cleanFiles) expect(resumedFiles.get(path), path).toBe(text);
  expect(resumedFiles.get('silver')!.split('\n').filter(Boolean)).toHaveLength(10);
});
