import { describe, expect, it } from 'vitest';
import { classifyWebhook } from './webhook-events.js';

const repository = { name: 'infra', owner: { login: 'acme' } };
const pull = (action: string, extra: object = {}) => ({
  action,
  number: 3,
  pull_request: { state: 'open', draft: false, head: { sha: 'h2' } },
  repository,
  installation: { id: 9 },
  ...extra,
});

describe('classifyWebhook', () => {
  it('reviews opened, reopened and ready_for_review pull requests in full', () => {
    for (const action of ['opened', 'reopened', 'ready_for_review']) {
      expect(classifyWebhook('pull_request', pull(action))).toEqual({
        kind: 'review',
        ref: { owner: 'acme', repo: 'infra', number: 3 },
        head: 'h2',
        installationId: 9,
      });
    }
  });

  it('reviews a synchronize since its before commit', () => {
    expect(classifyWebhook('pull_request', pull('synchronize', { before: 'h1', after: 'h2' }))).toMatchObject(
      {
        kind: 'review',
        since: 'h1',
      },
    );
  });

  it('ignores drafts, closed pull requests, other actions and other events', () => {
    const draft = pull('opened', { pull_request: { state: 'open', draft: true, head: { sha: 'h' } } });
    expect(classifyWebhook('pull_request', draft)).toEqual({ kind: 'ignore', reason: 'draft pull request' });
    const closed = pull('reopened', { pull_request: { state: 'closed', head: { sha: 'h' } } });
    expect(classifyWebhook('pull_request', closed)).toEqual({
      kind: 'ignore',
      reason: 'pull request not open',
    });
    expect(classifyWebhook('pull_request', pull('labeled'))).toEqual({
      kind: 'ignore',
      reason: 'pull_request labeled',
    });
    expect(classifyWebhook('push', {})).toEqual({ kind: 'ignore', reason: 'event push' });
    expect(classifyWebhook('ping', {})).toEqual({ kind: 'ignore', reason: 'ping' });
  });

  it('turns a human review comment into feedback and ignores bots', () => {
    const comment = (user: object, extra: object = {}) => ({
      action: 'created',
      comment: { id: 5, body: 'Use a variable.', path: 'a.tf', diff_hunk: '@@ -1 +1 @@', user, ...extra },
      pull_request: { number: 3 },
      repository,
      installation: { id: 9 },
    });
    expect(
      classifyWebhook(
        'pull_request_review_comment',
        comment({ login: 'a', type: 'User' }, { in_reply_to_id: 4 }),
      ),
    ).toEqual({
      kind: 'feedback',
      ref: { owner: 'acme', repo: 'infra', number: 3 },
      installationId: 9,
      comment: { id: 5, body: 'Use a variable.', path: 'a.tf', diffHunk: '@@ -1 +1 @@', inReplyTo: 4 },
    });
    expect(
      classifyWebhook('pull_request_review_comment', comment({ login: 'b[bot]', type: 'Bot' })),
    ).toMatchObject({ kind: 'ignore' });
  });

  it('names the field of a malformed payload', () => {
    expect(() => classifyWebhook('pull_request', { action: 'opened', number: 3, repository })).toThrow(
      /pull_request webhook payload: pull_request: /,
    );
    expect(() => classifyWebhook('pull_request', pull('opened', { number: -1 }))).toThrow(/number/);
  });
});
