import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../corpus/github/__fixtures__/fake-github-server.js';
import { REPO, reviewScenario, scenarioHandler } from '../corpus/github/__fixtures__/review-scenario.js';
import { registerCollectCommand } from './collect-command.js';

/** The global options of main.ts's program, plus the collect command. */
function program(): Command {
  const root = new Command('infralm')
    .option('-c, --config <file>')
    .option('-w, --workspace <dir>')
    .option('--set <key.path=value>', '', (value: string, previous: string[]) => [...previous, value], [])
    .option('--json', '', false)
    .option('-q, --quiet', '', false)
    .exitOverride();
  registerCollectCommand(root);
  return root;
}

describe('infralm collect prs', () => {
  let server: FakeGitHub;
  let workspace: string;
  let stdout: string;
  let stderr: string;

  const run = (...args: string[]) =>
    program().parseAsync(['node', 'infralm', '--workspace', workspace, ...args]);

  beforeEach(async () => {
    server = await startFakeGitHub(scenarioHandler(reviewScenario()));
    workspace = mkdtempSync(join(tmpdir(), 'infralm-collect-'));
    stdout = '';
    stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout += String(chunk);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await server.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('crawls a repository and prints the summary as JSON', async () => {
    await run('--json', 'collect', 'prs', '--repo', REPO, '--api-url', server.url, '--max', '2');
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ listed: 2, fetched: 2, skipped: 0, failed: 0, silver_rows: 8, waits: 0 });
    expect(summary.requests).toBe(server.requests.length);
    expect(
      readFileSync(join(workspace, 'silver', 'review', 'comments.jsonl'), 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(8);
  });

  it('prints a text summary and progress on stderr; --pr processes one pull request', async () => {
    await run('collect', 'prs', '--pr', `${REPO}#13`, '--api-url', `${server.url}/`);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${REPO}#13: 2 comments, 2 threads`);
    expect(stderr).toMatch(/0 listed, 1 fetched, 0 skipped, 0 failed/);
    expect(stderr).toMatch(/requests \d+ \(304 not modified: 0/);
  });

  it('rejects missing targets and bad values with usage errors', async () => {
    await expect(run('collect', 'prs')).rejects.toThrow(/--repo owner\/name or --pr/);
    await expect(run('collect', 'prs', '--repo', 'not-a-repo')).rejects.toThrow(/owner\/name/);
    await expect(run('collect', 'prs', '--repo', REPO, '--since', 'yesterday')).rejects.toThrow(/--since/);
    await expect(run('collect', 'prs', '--repo', REPO, '--api-url', 'ftp://x')).rejects.toThrow(/http/);
  });
});
