import { verify } from '@octokit/webhooks-methods';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createScrubber } from '../../core/secrets.js';
import type { Model } from '../../models/types.js';
import type { ReviewInput, ReviewTarget } from '../../tasks/review/types.js';
import { extractFingerprints } from '../github-app/compose-review.js';
import type { InstallationClients } from '../github-app/github-app-auth.js';
import { type GitHubPullApi, octokitPullApi } from '../github-app/github-pull-api.js';
import type { JobQueue } from '../github-app/job-queue.js';
import { reviewPullRequest } from '../github-app/review-pull-request.js';
import { classifyWebhook, type WebhookAction } from '../github-app/webhook-events.js';
import { HttpError, SERVE_ERROR_CODES } from '../http-errors.js';
import type { PluginOptions } from '../server-context.js';

// `POST /github/webhook`: the GitHub App's webhook. The signature (X-Hub-Signature-256, HMAC-SHA256
// of the raw body with the webhook secret) is checked in constant time before anything is parsed;
// a delivery id seen before is answered and dropped; the work itself runs after the answer.

/** Where GitHub sends deliveries (the App's "Webhook URL" ends with it). */
export const WEBHOOK_PATH = '/github/webhook';

/** GitHub caps webhook payloads at 25 MB. */
const WEBHOOK_BODY_LIMIT = 25 * 1024 * 1024;

/** What the App needs at serving time. */
export interface GitHubAppServing {
  webhookSecret: string;
  clients: InstallationClients;
  queue: JobQueue;
  /** At most this many comments per review (default 30). */
  maxComments?: number;
}

/** Options of the plugin. */
export interface GitHubAppPluginOptions extends PluginOptions {
  github: GitHubAppServing;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The feedback a reviewer's comment gives, or undefined when it is not about the bot's output. */
async function feedbackFromComment(
  api: GitHubPullApi,
  action: Extract<WebhookAction, { kind: 'feedback' }>,
): Promise<
  { prompt: string; model_output: string; feedback: string; case_type: 'modified' | 'rewritten' } | undefined
> {
  const prompt = `File: ${action.comment.path}\n\n\`\`\`diff\n${action.comment.diffHunk}\n\`\`\``;
  if (action.comment.inReplyTo === undefined) {
    // A reviewer's own comment on a line: what the model should have said there.
    return { prompt, model_output: '', feedback: action.comment.body, case_type: 'rewritten' };
  }
  const parent = await api.getReviewComment(action.ref, action.comment.inReplyTo);
  if (!parent || extractFingerprints(parent.body).length === 0) return undefined;
  // A reply to the bot's comment: the reviewer's correction of it.
  const modelOutput = parent.body.replace(/<!--\s*infralm:[^>]*-->/g, '').trim();
  return { prompt, model_output: modelOutput, feedback: action.comment.body, case_type: 'modified' };
}

/** The GitHub App webhook route and its background jobs. */
export async function githubAppPlugin(app: FastifyInstance, options: GitHubAppPluginOptions): Promise<void> {
  const { context, github } = options;
  const scrub = createScrubber();
  // The signature is over the exact bytes GitHub sent: keep the body as text, parse it after.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: WEBHOOK_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  async function runJob(action: Exclude<WebhookAction, { kind: 'ignore' }>, delivery: string): Promise<void> {
    const octokit = await github.clients.forInstallation(action.installationId!);
    const api = octokitPullApi(octokit);
    const label = `${action.ref.owner}/${action.ref.repo}#${action.ref.number}`;
    if (action.kind === 'feedback') {
      const record = await feedbackFromComment(api, action);
      if (!record) {
        context.metrics.githubJobs.inc({ kind: 'feedback', outcome: 'skipped' });
        return;
      }
      await context.feedback.add({ task: 'review', model: 'github-review', ...record });
      context.metrics.feedback.inc({ case_type: record.case_type });
      context.metrics.githubJobs.inc({ kind: 'feedback', outcome: 'stored' });
      app.log.info({ event: 'feedback-stored', delivery, pull: label, case_type: record.case_type });
      return;
    }
    const loaded = await context.models.get('review');
    const result = await reviewPullRequest({
      api,
      model: loaded.model as Model<ReviewInput, ReviewTarget>,
      ref: action.ref,
      ...(action.since ? { since: action.since } : {}),
      ...(github.maxComments !== undefined ? { maxComments: github.maxComments } : {}),
    });
    const counts = result.composed?.counts;
    if (counts)
      for (const [placement, n] of Object.entries(counts))
        context.metrics.githubReviewComments.inc({ placement }, n);
    const outcome = result.skipped ? 'skipped' : result.posted ? 'posted' : 'nothing-new';
    context.metrics.githubJobs.inc({ kind: 'review', outcome });
    app.log.info({
      event: 'review-done',
      delivery,
      pull: label,
      outcome,
      skipped: result.skipped,
      files: result.files,
      predicted: result.predicted,
      failures: result.failures.length,
      counts,
      review: result.posted?.id,
    });
  }

  app.post(
    WEBHOOK_PATH,
    {
      bodyLimit: WEBHOOK_BODY_LIMIT,
      schema: {
        summary:
          'GitHub App webhook (pull_request, pull_request_review_comment); signed with X-Hub-Signature-256',
        hide: false,
      },
    },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const event = header(request, 'x-github-event');
      const delivery = header(request, 'x-github-delivery');
      const signature = header(request, 'x-hub-signature-256');
      const body = request.body;
      if (!signature) {
        context.metrics.githubWebhooks.inc({ event: event ?? 'unknown', outcome: 'rejected' });
        throw new HttpError(401, SERVE_ERROR_CODES.unauthorized, 'missing X-Hub-Signature-256');
      }
      if (
        typeof body !== 'string' ||
        !(await verify(github.webhookSecret, body, signature).catch(() => false))
      ) {
        context.metrics.githubWebhooks.inc({ event: event ?? 'unknown', outcome: 'rejected' });
        throw new HttpError(
          401,
          SERVE_ERROR_CODES.unauthorized,
          'X-Hub-Signature-256 does not match the body',
        );
      }
      if (!event || !delivery) {
        throw new HttpError(
          400,
          SERVE_ERROR_CODES.requestInvalid,
          'missing X-GitHub-Event or X-GitHub-Delivery',
        );
      }
      let payload: unknown;
      try {
        payload = JSON.parse(body);
      } catch (error) {
        throw new HttpError(
          400,
          SERVE_ERROR_CODES.requestInvalid,
          `body is not JSON: ${(error as Error).message}`,
        );
      }
      const action = classifyWebhook(event, payload);
      if (!(await context.feedback.claimDelivery(delivery, event))) {
        context.metrics.githubWebhooks.inc({ event, outcome: 'duplicate' });
        return reply.status(200).send({ status: 'duplicate', delivery });
      }
      if (action.kind === 'ignore' || action.installationId === undefined) {
        const reason = action.kind === 'ignore' ? action.reason : 'the payload names no App installation';
        context.metrics.githubWebhooks.inc({ event, outcome: 'ignored' });
        return reply.status(200).send({ status: 'ignored', reason, delivery });
      }
      const key = `${action.ref.owner}/${action.ref.repo}#${action.ref.number}`;
      github.queue.push(
        key,
        () => runJob(action, delivery),
        (error) => {
          context.metrics.githubJobs.inc({ kind: action.kind, outcome: 'failed' });
          app.log.error({
            event: 'github-job-failed',
            delivery,
            pull: key,
            error: scrub(String((error as Error)?.message ?? error)),
          });
          // Let a redelivery (GitHub's "Redeliver" button) try again; the job is not finished (for
          // idle() and shutdown) until the delivery is released.
          return context.feedback.releaseDelivery(delivery).catch(() => {});
        },
      );
      context.metrics.githubWebhooks.inc({ event, outcome: 'queued' });
      return reply.status(202).send({ status: 'queued', action: action.kind, delivery });
    },
  );
}
