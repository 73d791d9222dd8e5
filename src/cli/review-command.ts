import type { Command } from 'commander';
import { InfraLMError } from '../core/errors.js';
import { readSecret } from '../core/secrets.js';
import { packageVersion } from './code-version.js';
import { workspaceOf } from './eval-command.js';
import type { GlobalOptions } from './main.js';
import { positiveCount } from './serve-command.js';

interface ReviewCommandOptions {
  pr: string;
  model: string;
  apiUrl?: string;
  since?: string;
  dryRun?: boolean;
  includeDrafts?: boolean;
  maxComments: string;
}

/** `infralm review --pr OWNER/NAME#N`: the review bot once, with GITHUB_TOKEN (action mode, for CI). */
export function registerReviewCommand(program: Command): void {
  program
    .command('review')
    .description(
      'review one pull request and post one COMMENT review (GITHUB_TOKEN; for CI such as GitHub Actions)',
    )
    .requiredOption('--pr <owner/name#n>', 'the pull request, OWNER/NAME#NUMBER or its URL')
    .option(
      '-m, --model <spec>',
      'the review model (baseline, openai:URL#MODEL, gguf:PATH, router:...)',
      'baseline',
    )
    .option('--api-url <url>', 'GitHub REST API root (default: $GITHUB_API_URL or https://api.github.com)')
    .option('--since <sha>', 'review only what the commits after SHA added')
    .option('--include-drafts', 'review a draft pull request too')
    .option('--max-comments <n>', 'most comments in the review', '30')
    .option('--dry-run', 'print the review instead of posting it')
    .action(async (options: ReviewCommandOptions, command: Command) => {
      const globals = command.optsWithGlobals() as GlobalOptions & ReviewCommandOptions;
      const { parsePullRequestRef, octokitPullApi } = await import('../serve/github-app/github-pull-api.js');
      const ref = parsePullRequestRef(options.pr);
      const maxComments = positiveCount(options.maxComments, '--max-comments');
      const token = readSecret('GITHUB_TOKEN');
      if (!token && !options.dryRun) {
        throw new InfraLMError(
          'INFRALM_ERR_USAGE',
          'infralm review needs GITHUB_TOKEN in the environment to post',
        );
      }
      const { createGitHubClient } = await import('../corpus/github/github-client.js');
      const { reviewEvaluation } = await import('../eval/tasks/review-evaluation.js');
      const { resolveModel } = await import('../models/registry.js');
      const { reviewPullRequest } = await import('../serve/github-app/review-pull-request.js');
      const baseUrl = options.apiUrl ?? process.env.GITHUB_API_URL;
      const octokit = createGitHubClient({
        ...(token ? { token } : {}),
        ...(baseUrl ? { baseUrl } : {}),
        userAgent: `infralm/${packageVersion()}`,
      });
      const task = await reviewEvaluation.loadTask(workspaceOf(command));
      const model = resolveModel(options.model, { task });
      try {
        const result = await reviewPullRequest({
          api: octokitPullApi(octokit),
          model,
          ref,
          maxComments,
          ...(options.since ? { since: options.since } : {}),
          ...(options.includeDrafts ? { includeDrafts: true } : {}),
          ...(options.dryRun ? { dryRun: true } : {}),
        });
        const label = `${ref.owner}/${ref.repo}#${ref.number}`;
        const summary = {
          pull_request: label,
          head: result.head,
          skipped: result.skipped,
          files: result.files,
          predicted: result.predicted,
          failures: result.failures,
          placement: result.composed?.counts,
          review: result.posted ?? null,
          ...(options.dryRun ? { request: result.composed?.request ?? null } : {}),
        };
        if (globals.json || options.dryRun) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        if (!globals.quiet) {
          const counts = result.composed?.counts;
          const what = result.skipped
            ? `skipped: ${result.skipped}`
            : result.posted
              ? `posted review ${result.posted.id} (${counts?.line ?? 0} line comments, ${counts?.body ?? 0} in the body)`
              : options.dryRun
                ? 'dry run: nothing posted'
                : 'nothing new to say: no review posted';
          const extra = counts?.duplicate ? `, ${counts.duplicate} already posted` : '';
          process.stderr.write(`infralm review ${label}: ${what}${extra}\n`);
          for (const failure of result.failures) {
            process.stderr.write(`  ${failure.path}: the model gave no answer (${failure.message})\n`);
          }
        }
      } finally {
        await (model as { dispose?: () => Promise<void> }).dispose?.();
      }
    });
}
