// What a verified webhook asks of the bot (pure): review a pull request, store a reviewer's comment
// as feedback, or nothing (with the reason, for the delivery's answer and the metrics).
// Only the fields read are checked (zod), so GitHub adding fields never breaks the bot.

import { z } from 'zod';
import { InfraLMError } from '../../core/errors.js';
import { extractFingerprints } from './compose-review.js';
import type { PullRequestRef } from './github-pull-api.js';

const repository = z.object({ name: z.string().min(1), owner: z.object({ login: z.string().min(1) }) });
const installation = z.object({ id: z.number().int().positive() });

const pullRequestEvent = z.object({
  action: z.string(),
  number: z.number().int().positive(),
  before: z.string().optional(),
  after: z.string().optional(),
  pull_request: z.object({
    state: z.string(),
    draft: z.boolean().optional(),
    head: z.object({ sha: z.string() }),
  }),
  repository,
  installation: installation.optional(),
});

const reviewCommentEvent = z.object({
  action: z.string(),
  comment: z.object({
    id: z.number().int(),
    body: z.string(),
    path: z.string(),
    diff_hunk: z.string(),
    in_reply_to_id: z.number().int().optional(),
    user: z.object({ login: z.string(), type: z.string() }).nullable().optional(),
    performed_via_github_app: z.object({ id: z.number() }).nullable().optional(),
  }),
  pull_request: z.object({ number: z.number().int().positive() }),
  repository,
  installation: installation.optional(),
});

/** The pull_request actions that ask for a review (a synchronize reviews only the new commits). */
export const REVIEW_ACTIONS = ['opened', 'reopened', 'ready_for_review', 'synchronize'] as const;

/** What to do with one event. */
export type WebhookAction =
  | { kind: 'review'; ref: PullRequestRef; installationId?: number; since?: string; head: string }
  | {
      kind: 'feedback';
      ref: PullRequestRef;
      installationId?: number;
      comment: { id: number; body: string; path: string; diffHunk: string; inReplyTo?: number };
    }
  | { kind: 'ignore'; reason: string };

function refOf(payload: z.infer<typeof repository>, number: number): PullRequestRef {
  return { owner: payload.owner.login, repo: payload.name, number };
}

function parsePayload<T>(schema: z.ZodType<T>, payload: unknown, event: string): T {
  const result = schema.safeParse(payload);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new InfraLMError(
      'INFRALM_ERR_RECORD_PARSE',
      `${event} webhook payload: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  return result.data;
}

/** Decide what a webhook event asks for; a malformed payload of a handled event throws (a 400). */
export function classifyWebhook(event: string, payload: unknown): WebhookAction {
  if (event === 'ping') return { kind: 'ignore', reason: 'ping' };
  if (event === 'pull_request') {
    const action = (payload as { action?: unknown } | null)?.action;
    if (!REVIEW_ACTIONS.includes(action as (typeof REVIEW_ACTIONS)[number])) {
      return { kind: 'ignore', reason: `pull_request ${String(action)}` };
    }
    const body = parsePayload(pullRequestEvent, payload, event);
    if (body.pull_request.state !== 'open') return { kind: 'ignore', reason: 'pull request not open' };
    if (body.pull_request.draft) return { kind: 'ignore', reason: 'draft pull request' };
    return {
      kind: 'review',
      ref: refOf(body.repository, body.number),
      head: body.pull_request.head.sha,
      ...(body.installation ? { installationId: body.installation.id } : {}),
      ...(body.action === 'synchronize' && body.before ? { since: body.before } : {}),
    };
  }
  if (event === 'pull_request_review_comment') {
    const action = (payload as { action?: unknown } | null)?.action;
    if (action !== 'created')
      return { kind: 'ignore', reason: `pull_request_review_comment ${String(action)}` };
    const body = parsePayload(reviewCommentEvent, payload, event);
    const { comment } = body;
    // The bot's own comments (and any other bot's) are not human feedback.
    if (
      comment.user?.type === 'Bot' ||
      comment.performed_via_github_app ||
      extractFingerprints(comment.body).length > 0
    ) {
      return { kind: 'ignore', reason: 'comment by a bot' };
    }
    return {
      kind: 'feedback',
      ref: refOf(body.repository, body.pull_request.number),
      ...(body.installation ? { installationId: body.installation.id } : {}),
      comment: {
        id: comment.id,
        body: comment.body,
        path: comment.path,
        diffHunk: comment.diff_hunk,
        ...(comment.in_reply_to_id !== undefined ? { inReplyTo: comment.in_reply_to_id } : {}),
      },
    };
  }
  return { kind: 'ignore', reason: `event ${event}` };
}
