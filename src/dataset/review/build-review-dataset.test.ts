import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReviewBuild } from '../../cli/build-review.js';
import { type FakeGitHub, startFakeGitHub } from '../../corpus/github/__fixtures__/fake-github-server.js';
import {
  REPO,
  reviewScenario,
  scenarioHandler,
  sha,
} from '../../corpus/github/__fixtures__/review-scenario.js';
import { crawlPullRequests } from '../../corpus/github/crawl-pull-requests.js';
import { createGitHubClient } from '../../corpus/github/github-client.js';
import { parseRepository } from '../../corpus/github/repository-name.js';
import { parseReviewAnswer } from '../../tasks/review/parse.js';
import { bronzeDiffLookup } from './bronze-diffs.js';
import { buildReviewDataset } from './build-review-dataset.js';

// End to end on the crawler's real output: the crawler fetches its test scenario (acme/infra pulls
// 11, 12, 13: a reply, a multi-line, a LEFT, a file-level, bot and outdated comments, a diff refused
// as too large and rebuilt from file patches, an original commit that is gone) from the local fake
// GitHub into a workspace; the review build then reads that silver file and bronze.

const readLines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));

describe('buildReviewDataset on a crawled workspace', () => {
  let server: FakeGitHub;
  let workspace: string;

  beforeAll(async () => {
    server = await startFakeGitHub(scenarioHandler(reviewScenario()), {
      pageSize: (pathname) => (pathname.endsWith('/files') ? 2 : 100),
    });
    workspace = mkdtempSync(join(tmpdir(), 'infralm-review-dataset-'));
    await crawlPullRequests({
      workspace,
      octokit: createGitHubClient({
        baseUrl: server.url,
        userAgent: 'infralm-test',
        maxRetries: 0,
        sleep: async () => {},
      }),
      baseUrl: server.url,
      repositories: [parseRepository(REPO)],
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('reads the diff at each anchor commit from bronze, as the crawler got it', async () => {
    const diffAt = bronzeDiffLookup(workspace);
    // #11 head: the served diff; its earlier commit: the comparison's diff.
    expect((await diffAt(REPO, 11, sha('head-11')))!.diff.files.map((file) => file.path)).toContain(
      'modules/bucket/main.tf',
    );
    expect((await diffAt(REPO, 11, sha('original-11')))!.text).toContain('authenticated-read');
    // #12 head: refused as too large (406), rebuilt from the files pages (2 a page).
    const rebuilt = (await diffAt(REPO, 12, sha('head-12')))!.diff.files;
    expect(rebuilt.map((file) => [file.path, file.status])).toEqual([
      ['modules/queue/main.tf', 'renamed'],
      ['modules/queue/policy.tf', 'added'],
      ['legacy.tf', 'removed'],
      ['docs/diagram.png', 'added'],
    ]);
    // #13's original commit is gone (404); unknown pulls and commits have no diff.
    expect(await diffAt(REPO, 13, sha('original-13'))).toBeUndefined();
    expect(await diffAt(REPO, 99, sha('head-11'))).toBeUndefined();
    expect(await diffAt('not a repo', 11, sha('head-11'))).toBeUndefined();
  });

  it('writes gold chat records, metadata, stats and a yield report with drops by reason', async () => {
    const result = await runReviewBuild(workspace, { seed: 42 });
    // Ten thread roots: 1101, 1103, 1104, 1107 (#11), 1201 (#12), 1302 (#13) are kept; 1105 is
    // file-level, 1106 and 1202 are bots, 1301 sits on a commit whose diff is gone.
    expect(result).toMatchObject({ rows: 10, examples: 4, comments: 6, duplicates: 0 });
    expect(result.drops).toMatchObject({
      'file-level': 1,
      bot: 2,
      'diff-missing': 1,
      reply: 0,
      empty: 0,
      'too-long': 0,
    });
    expect(result.counts['replies-ignored']).toBe(3);
    expect(result.by_file_type).toEqual({ terraform: 4 });
    // Three pull requests, three groups: one per split.
    const records = Object.values(result.records);
    expect(records.reduce((sum, count) => sum + count, 0)).toBe(4);
    expect(records.every((count) => count >= 1)).toBe(true);

    const meta = ['train', 'validation', 'test'].flatMap((split) =>
      readLines(join(result.gold, `${split}.meta.jsonl`)).map((record) => ({ split, ...record })),
    );
    const where = meta.map((record) => [
      record.source.repo,
      record.group,
      record.input.path,
      record.source.commit,
      record.target.comments.map(
        (comment: { side: string; line: number }) => `${comment.side}:${comment.line}`,
      ),
    ]);
    expect(where).toEqual(
      expect.arrayContaining([
        [REPO, `${REPO}#11`, 'modules/bucket/main.tf', sha('head-11'), ['LEFT:3', 'RIGHT:3', 'RIGHT:8']],
        [REPO, `${REPO}#11`, 'modules/bucket/main.tf', sha('original-11'), ['RIGHT:3']],
        [REPO, `${REPO}#12`, 'modules/queue/main.tf', sha('head-12'), ['RIGHT:3']],
        [REPO, `${REPO}#13`, 'lambda.tf', sha('head-13'), ['RIGHT:12']],
      ]),
    );
    // A pull request never straddles two splits.
    const splitOfGroup = new Map<string, string>();
    for (const record of meta) {
      expect(splitOfGroup.get(record.group) ?? record.split).toBe(record.split);
      splitOfGroup.set(record.group, record.split);
    }
    const outdated = meta.find((record) => record.source.commit === sha('original-11'))!;
    expect(outdated.strata).toMatchObject({ anchor: 'earlier-commit', file_type: 'terraform' });
    expect(outdated.target.comments[0].body).toBe(
      'authenticated-read still lets every AWS account read the logs.',
    );
    expect(outdated.input.hunks).toContain('+   acl    = "authenticated-read"');

    // Chat records: system, user (numbered hunks in a fence), assistant (the comments as JSON).
    for (const split of ['train', 'validation', 'test']) {
      const chats = readLines(join(result.gold, `${split}.jsonl`));
      const metas = readLines(join(result.gold, `${split}.meta.jsonl`));
      expect(chats).toHaveLength(result.records[split as 'train']);
      chats.forEach((chat, index) => {
        expect(chat.messages.map((message: { role: string }) => message.role)).toEqual([
          'system',
          'user',
          'assistant',
        ]);
        expect(chat.messages[1].content).toContain(`File: ${metas[index].input.path}`);
        expect(parseReviewAnswer(chat.messages[2].content).comments).toEqual(metas[index].target.comments);
      });
    }

    const stats = JSON.parse(readFileSync(join(result.gold, 'stats.json'), 'utf8'));
    expect(stats).toMatchObject({ records: result.records, seed: 42, group_by: 'pull-request' });
    expect(stats.prompt.system_prompt_sha256).toMatch(/^[0-9a-f]{64}$/);
    const yieldReport = JSON.parse(readFileSync(join(result.reports, 'yield.json'), 'utf8'));
    expect(yieldReport.drops).toEqual(result.drops);
    const dropped = readLines(join(result.reports, 'drops.jsonl'));
    expect(dropped.map((drop) => drop.reason).sort()).toEqual(['bot', 'bot', 'diff-missing', 'file-level']);
    expect(dropped.find((drop) => drop.reason === 'file-level').item).toBe(
      `${REPO}#11 modules/bucket/variables.tf comment 1105`,
    );
  });

  it('gives the same bytes on a rerun, and can keep whole repositories together', async () => {
    await buildReviewDataset(workspace, { seed: 42 });
    const first = ['train', 'validation', 'test'].map((split) =>
      readFileSync(join(workspace, 'gold', 'review', `${split}.jsonl`), 'utf8'),
    );
    await buildReviewDataset(workspace, { seed: 42 });
    const second = ['train', 'validation', 'test'].map((split) =>
      readFileSync(join(workspace, 'gold', 'review', `${split}.jsonl`), 'utf8'),
    );
    expect(second).toEqual(first);
    const byRepository = await buildReviewDataset(workspace, { seed: 42, groupBy: 'repository' });
    // One repository is one group: everything lands in train.
    expect(byRepository.records).toEqual({ train: 4, validation: 0, test: 0 });
  });

  it('says what is missing when the workspace has no silver review file', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'infralm-review-empty-'));
    try {
      await expect(buildReviewDataset(empty, { seed: 1 })).rejects.toThrow(
        /input not found: .*comments\.jsonl/,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
