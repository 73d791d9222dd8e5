import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { extractFingerprints } from '../serve/github-app/compose-review.js';
import { type GitHubStandIn, makeGitHistory, startGitHubStandIn } from '../test-support/github-stand-in.js';
import { registerReviewCommand } from './review-command.js';

const TOKEN = 'ghp_actionModeTokenForTheStandIn0001';
const KUBE = `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
    - name: shell
      image: busybox
      securityContext:
        privileged: true
`;

function program(): Command {
  const root = new Command('infralm')
    .option('-w, --workspace <dir>')
    .option('--json', '', false)
    .option('-q, --quiet', '', false)
    .option('--set <x>', '', (value: string, previous: string[]) => [...previous, value], [])
    .exitOverride();
  registerReviewCommand(root);
  return root;
}

describe('infralm review --pr (action mode)', () => {
  let standIn: GitHubStandIn;
  let history: ReturnType<typeof makeGitHistory>;
  let workspace: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    history = makeGitHistory([{ 'README.md': 'x\n' }, { 'k8s/pod.yaml': KUBE }]);
    standIn = await startGitHubStandIn({ actionToken: TOKEN });
    standIn.pulls.push({
      owner: 'acme',
      repo: 'apps',
      number: 12,
      state: 'open',
      draft: true,
      base: history.shas[0]!,
      head: history.shas[1]!,
      diff: history.diff(0, 1),
    });
    workspace = mkdtempSync(join(tmpdir(), 'infralm-review-cli-'));
  });
  afterEach(() => {
    process.env = { ...saved };
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await standIn.close();
    history.dispose();
    rmSync(workspace, { recursive: true, force: true });
  });

  const run = (...args: string[]) =>
    program().parseAsync([
      'node',
      'infralm',
      '-q',
      '-w',
      workspace,
      'review',
      '--api-url',
      standIn.url,
      ...args,
    ]);

  it('prints the review on a dry run without posting, and skips drafts unless asked', async () => {
    process.env.GITHUB_TOKEN = TOKEN;
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    await run('--pr', 'acme/apps#12', '--dry-run');
    expect(JSON.parse(out.join('')).skipped).toBe('the pull request is a draft');
    out.length = 0;
    await run('--pr', 'https://github.com/acme/apps/pull/12', '--dry-run', '--include-drafts');
    const summary = JSON.parse(out.join(''));
    expect(summary.request.event).toBe('COMMENT');
    expect(summary.request.comments.length).toBeGreaterThan(0);
    expect(
      summary.request.comments.every((comment: { path: string }) => comment.path === 'k8s/pod.yaml'),
    ).toBe(true);
    expect(standIn.reviews).toHaveLength(0);
  });

  it('posts one review with GITHUB_TOKEN, and a second run posts nothing', async () => {
    process.env.GITHUB_TOKEN = TOKEN;
    await run('--pr', 'acme/apps#12', '--include-drafts');
    expect(standIn.reviews).toHaveLength(1);
    const comments = standIn.reviews[0]!.comments as { body: string }[];
    expect(comments.every((comment) => extractFingerprints(comment.body).length === 1)).toBe(true);
    expect(
      standIn.requests
        .filter((request) => request.path.startsWith('/repos'))
        .every((request) => request.authorization === `token ${TOKEN}`),
    ).toBe(true);
    await run('--pr', 'acme/apps#12', '--include-drafts');
    expect(standIn.reviews).toHaveLength(1);
  });

  it('reviews a pull request GitHub calls too large to diff, from its files API patches', async () => {
    process.env.GITHUB_TOKEN = TOKEN;
    const diff = history.diff(0, 1);
    // The files API gives each file's hunks (from its first @@) as `patch`.
    const files = diff
      .split(/^(?=diff --git )/m)
      .filter((part) => part.startsWith('diff --git '))
      .map((part) => ({
        filename: /^\+\+\+ b\/(.+)$/m.exec(part)![1]!,
        status: part.includes('\nnew file mode') ? 'added' : 'modified',
        patch: part.slice(part.indexOf('@@')).replace(/\n$/, ''),
      }));
    standIn.pulls.push({ ...standIn.pulls[0]!, number: 13, draft: false, tooLarge: true, files });
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    await run('--pr', 'acme/apps#13', '--dry-run');
    const summary = JSON.parse(out.join(''));
    expect(summary.request.comments.length).toBeGreaterThan(0);
    expect(
      summary.request.comments.every((comment: { path: string }) => comment.path === 'k8s/pod.yaml'),
    ).toBe(true);
    expect(standIn.requests.some((request) => request.path === '/repos/acme/apps/pulls/13/files')).toBe(true);
  });

  it('says what is missing: the token, or a well-formed pull request', async () => {
    delete process.env.GITHUB_TOKEN;
    await expect(run('--pr', 'acme/apps#12')).rejects.toThrow(/needs GITHUB_TOKEN/);
    process.env.GITHUB_TOKEN = TOKEN;
    await expect(run('--pr', 'acme/apps/12')).rejects.toThrow(/use OWNER\/NAME#NUMBER/);
    process.env.GITHUB_TOKEN = 'wrong-token-for-the-stand-in';
    await expect(run('--pr', 'acme/apps#12', '--include-drafts')).rejects.toThrow(/Bad credentials/);
  });
});
