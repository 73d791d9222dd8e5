import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reviewEvaluation } from '../../eval/tasks/review-evaluation.js';
import {
  type GitHubStandIn,
  makeGitHistory,
  startGitHubStandIn,
} from '../../test-support/github-stand-in.js';
import { createServer } from '../create-server.js';
import { extractFingerprints } from '../github-app/compose-review.js';
import { createInstallationClients } from '../github-app/github-app-auth.js';

const SECRET = 'webhook-secret-for-tests';
const APP_ID = '123456';
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

const BUCKET = 'resource "aws_s3_bucket" "logs" {\n  bucket = "example-logs"\n}\n';
const SSH = `resource "aws_security_group" "ssh" {
  name        = "ssh"
  description = "ssh from anywhere"

  ingress {
    description = "ssh"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`;
const RDP = `resource "aws_security_group" "rdp" {
  name        = "rdp"
  description = "rdp from anywhere"

  ingress {
    description = "rdp"
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`;

function sign(body: string, secret = SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

function pullRequestEvent(
  action: string,
  pull: { number: number; head: string; draft?: boolean; state?: string },
  extra: object = {},
) {
  return {
    action,
    number: pull.number,
    pull_request: {
      number: pull.number,
      state: pull.state ?? 'open',
      draft: pull.draft ?? false,
      head: { sha: pull.head },
    },
    repository: { name: 'infra', owner: { login: 'acme' } },
    installation: { id: 42 },
    ...extra,
  };
}

describe('GitHub App webhook', () => {
  let standIn: GitHubStandIn;
  let app: FastifyInstance;
  let workspace: string;
  let history: ReturnType<typeof makeGitHistory>;

  async function deliver(
    event: string,
    payload: unknown,
    options: { delivery?: string; signature?: string; body?: string } = {},
  ) {
    const body = options.body ?? JSON.stringify(payload);
    return app.inject({
      method: 'POST',
      url: '/github/webhook',
      headers: {
        'content-type': 'application/json',
        'x-github-event': event,
        'x-github-delivery': options.delivery ?? randomUUID(),
        'x-hub-signature-256': options.signature ?? sign(body),
      },
      payload: body,
    });
  }

  beforeAll(async () => {
    history = makeGitHistory([
      { 'main.tf': BUCKET },
      { 'main.tf': BUCKET, 'network.tf': SSH },
      { 'rdp.tf': RDP },
    ]);
    standIn = await startGitHubStandIn({ appId: APP_ID, privateKey, pageSize: 1 });
    workspace = mkdtempSync(join(tmpdir(), 'infralm-github-app-'));
    app = await createServer({
      workspace,
      apiToken: 'api-token-the-webhook-does-not-need',
      tasks: [reviewEvaluation],
      githubApp: {
        webhookSecret: SECRET,
        clients: createInstallationClients(
          { appId: APP_ID, privateKey },
          { baseUrl: standIn.url, userAgent: 'infralm-test', retryBaseMilliseconds: 1, maxRetries: 2 },
        ),
      },
    });
  });

  afterEach(async () => {
    await app.githubJobs?.idle();
  });

  afterAll(async () => {
    await app.close();
    await standIn.close();
    history.dispose();
    rmSync(workspace, { recursive: true, force: true });
  });

  it("accepts GitHub's documented signature test vector and rejects any other signature", async () => {
    const local = await createServer({
      workspace,
      feedbackPath: join(workspace, 'vector.duckdb'),
      tasks: [reviewEvaluation],
      githubApp: {
        webhookSecret: "It's a Secret to Everybody",
        clients: { forInstallation: () => Promise.reject(new Error('unused')) },
      },
    });
    const post = (signature: string | undefined) =>
      local.inject({
        method: 'POST',
        url: '/github/webhook',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'ping',
          'x-github-delivery': randomUUID(),
          ...(signature ? { 'x-hub-signature-256': signature } : {}),
        },
        payload: 'Hello, World!',
      });
    try {
      // The signature verifies, so the request gets as far as parsing the (non-JSON) body.
      const good = await post('sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17');
      expect(good.statusCode).toBe(400);
      expect(good.json().error.message).toMatch(/not JSON/);
      const wrong = await post('sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18');
      expect(wrong.statusCode).toBe(401);
      expect((await post('sha256=short')).statusCode).toBe(401);
      expect((await post(undefined)).statusCode).toBe(401);
    } finally {
      await local.close();
    }
  });

  it('reviews an opened pull request: one COMMENT review, comments on diff lines, each fingerprinted', async () => {
    standIn.pulls.push({
      owner: 'acme',
      repo: 'infra',
      number: 7,
      state: 'open',
      draft: false,
      base: history.shas[0]!,
      head: history.shas[1]!,
      diff: history.diff(0, 1),
    });
    const response = await deliver(
      'pull_request',
      pullRequestEvent('opened', { number: 7, head: history.shas[1]! }),
    );
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({ status: 'queued', action: 'review' });
    await app.githubJobs!.idle();

    expect(standIn.tokens).toHaveLength(1);
    expect(standIn.reviews).toHaveLength(1);
    const [review] = standIn.reviews;
    expect(review!.event).toBe('COMMENT');
    expect(review!.commit_id).toBe(history.shas[1]);
    const comments = review!.comments as { path: string; line: number; side: string; body: string }[];
    expect(comments.length).toBeGreaterThan(0);
    for (const comment of comments) {
      expect(comment.path).toBe('network.tf');
      expect(comment.side).toBe('RIGHT');
      expect(extractFingerprints(comment.body)).toHaveLength(1);
    }
    expect(comments.some((comment) => /0\.0\.0\.0\/0|ingress|SSH|22/i.test(comment.body))).toBe(true);
    // Every call after the token exchange used the installation token.
    const apiCalls = standIn.requests.filter((request) => !request.path.startsWith('/app/'));
    expect(apiCalls.every((request) => request.authorization === `token ${standIn.tokens[0]}`)).toBe(true);
  });

  it('answers a redelivery as a duplicate, and a rerun posts nothing new', async () => {
    const delivery = randomUUID();
    const payload = pullRequestEvent('reopened', { number: 7, head: history.shas[1]! });
    expect((await deliver('pull_request', payload, { delivery })).statusCode).toBe(202);
    const again = await deliver('pull_request', payload, { delivery });
    expect(again.statusCode).toBe(200);
    expect(again.json().status).toBe('duplicate');
    await app.githubJobs!.idle();
    // Page size 1 made the bot follow Link headers through every existing comment to find its fingerprints.
    expect(standIn.reviews).toHaveLength(1);
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/infralm_github_jobs_total\{kind="review",outcome="nothing-new"\} 1/);
    expect(metrics.body).toMatch(
      /infralm_github_webhooks_total\{event="pull_request",outcome="duplicate"\} 1/,
    );
  });

  it('on synchronize reviews only what the new commits added', async () => {
    const pull = standIn.pulls.find((entry) => entry.number === 7)!;
    pull.head = history.shas[2]!;
    pull.diff = history.diff(0, 2);
    standIn.compares.set(`${history.shas[1]}...${history.shas[2]}`, history.diff(1, 2));
    const payload = pullRequestEvent(
      'synchronize',
      { number: 7, head: history.shas[2]! },
      { before: history.shas[1], after: history.shas[2] },
    );
    expect((await deliver('pull_request', payload)).statusCode).toBe(202);
    await app.githubJobs!.idle();
    expect(standIn.reviews).toHaveLength(2);
    const comments = standIn.reviews[1]!.comments as { path: string }[];
    expect(comments.length).toBeGreaterThan(0);
    expect(new Set(comments.map((comment) => comment.path))).toEqual(new Set(['rdp.tf']));
    expect(standIn.reviews[1]!.commit_id).toBe(history.shas[2]);

    // A rerun now has two reviews' comments to recognise, one per page (page size 1).
    const pages = () =>
      standIn.requests.filter((request) => request.path === '/repos/acme/infra/pulls/7/comments').length;
    const pagesBefore = pages();
    await deliver('pull_request', pullRequestEvent('reopened', { number: 7, head: history.shas[2]! }));
    await app.githubJobs!.idle();
    expect(pages() - pagesBefore).toBeGreaterThanOrEqual(2);
    expect(standIn.requests.some((request) => request.query.includes('page=2'))).toBe(true);
    expect(standIn.reviews).toHaveLength(2);
  });

  it('skips drafts, closed pull requests and unrelated events without calling GitHub', async () => {
    const before = standIn.requests.length;
    const draft = await deliver(
      'pull_request',
      pullRequestEvent('opened', { number: 7, head: 'x', draft: true }),
    );
    expect(draft.json()).toMatchObject({ status: 'ignored', reason: 'draft pull request' });
    const closed = await deliver('pull_request', pullRequestEvent('edited', { number: 7, head: 'x' }));
    expect(closed.json()).toMatchObject({ status: 'ignored' });
    const issues = await deliver('issues', { action: 'opened' });
    expect(issues.json()).toMatchObject({ status: 'ignored', reason: 'event issues' });
    expect(standIn.requests.length).toBe(before);
  });

  it('stores reviewer comments as feedback: a reply to the bot as modified, a new comment as rewritten', async () => {
    const botComment = standIn.comments.find((comment) => comment.user.type === 'Bot')!;
    const base = {
      repository: { name: 'infra', owner: { login: 'acme' } },
      installation: { id: 42 },
      pull_request: { number: 7 },
    };
    const human = { login: 'alice', type: 'User' };
    const reply = await deliver('pull_request_review_comment', {
      ...base,
      action: 'created',
      comment: {
        id: 1,
        body: 'Restrict this to the VPN range instead.',
        path: 'network.tf',
        diff_hunk: '@@ -0,0 +1,12 @@',
        in_reply_to_id: botComment.id,
        user: human,
      },
    });
    expect(reply.statusCode).toBe(202);
    const fresh = await deliver('pull_request_review_comment', {
      ...base,
      action: 'created',
      comment: {
        id: 2,
        body: 'Name the bucket after the environment.',
        path: 'main.tf',
        diff_hunk: '@@ -1,3 +1,3 @@',
        user: human,
      },
    });
    expect(fresh.statusCode).toBe(202);
    const bot = await deliver('pull_request_review_comment', {
      ...base,
      action: 'created',
      comment: {
        id: 3,
        body: 'x',
        path: 'main.tf',
        diff_hunk: '@@',
        user: { login: 'infralm[bot]', type: 'Bot' },
      },
    });
    expect(bot.json()).toMatchObject({ status: 'ignored', reason: 'comment by a bot' });
    await app.githubJobs!.idle();
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/infralm_feedback_total\{case_type="modified"\} 1/);
    expect(metrics).toMatch(/infralm_feedback_total\{case_type="rewritten"\} 1/);
  });

  it('rejects a malformed payload of a handled event with the field that is wrong', async () => {
    const response = await deliver('pull_request', {
      action: 'opened',
      number: 7,
      repository: { name: 'infra', owner: { login: 'acme' } },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toMatch(/pull_request webhook payload: pull_request/);
  });

  it('counts a failed job and lets a redelivery of it run again', async () => {
    standIn.pulls.push({ ...standIn.pulls[0]!, number: 8 });
    standIn.failNext('/repos/acme/infra/pulls/8', 500, 3);
    const delivery = randomUUID();
    const payload = pullRequestEvent('opened', { number: 8, head: history.shas[2]! });
    expect((await deliver('pull_request', payload, { delivery })).statusCode).toBe(202);
    await app.githubJobs!.idle();
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/infralm_github_jobs_total\{kind="review",outcome="failed"\} 1/);
    const retry = await deliver('pull_request', payload, { delivery });
    expect(retry.statusCode).toBe(202);
    await app.githubJobs!.idle();
    expect(standIn.reviews.at(-1)!.commit_id).toBe(history.shas[2]);
  });

  it('exchanged the App JWT for an installation token once and reused it for every job', () => {
    expect(standIn.tokens).toHaveLength(1);
    expect(
      standIn.requests.filter((request) => request.path === '/app/installations/42/access_tokens'),
    ).toHaveLength(1);
  });

  it('needs no bearer token on the webhook, while other routes still do', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/tasks' })).statusCode).toBe(401);
    expect((await deliver('ping', { zen: 'Keep it logically awesome.' })).statusCode).toBe(200);
  });
});
