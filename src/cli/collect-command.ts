import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, resolveConfigPath } from '../config/load-config.js';
import { InfraLMError } from '../core/errors.js';
import { createScrubber, readSecret } from '../core/secrets.js';
import type { CrawlEvent } from '../corpus/github/index.js';
import { packageVersion } from './code-version.js';
import { registerCollectTerraformCommand } from './collect-terraform-command.js';
import type { GlobalOptions } from './main.js';

/** `infralm collect prs`: crawl GitHub pull requests with review comments into bronze and silver. */
export function registerCollectCommand(program: Command): void {
  const collect = program
    .command('collect')
    .description('collect raw data from outside sources into the workspace');
  registerCollectTerraformCommand(collect);
  collect
    .command('prs')
    .description(
      'crawl GitHub pull requests that have review comments: raw responses to bronze/github, ' +
        'one row per review thread to silver/review/comments.jsonl (reruns fetch only new pull requests)',
    )
    .option('--repo <owner/name>', 'repository to discover pull requests in (repeatable)', collectValues, [])
    .option('--since <date>', 'only review comments updated at or after this date (ISO 8601)', isoDate)
    .option('--max <n>', 'at most n new pull requests per repository', positiveInteger)
    .option(
      '--pr <owner/name#N>',
      'process this pull request now, even if it was processed before (online mode; repeatable)',
      collectValues,
      [],
    )
    .option('--api-url <url>', 'GitHub REST API root (default: $GITHUB_API_URL or https://api.github.com)')
    .action(async (options, command: Command) => {
      const globals = command.optsWithGlobals() as GlobalOptions;
      // The crawler and Octokit load with the command, not at start-up.
      const {
        crawlPullRequests,
        createGitHubClient,
        DEFAULT_GITHUB_API_URL,
        parsePullReference,
        parseRepository,
      } = await import('../corpus/github/index.js');
      const repositories = (options.repo as string[]).map(parseRepository);
      const pulls = (options.pr as string[]).map(parsePullReference);
      if (repositories.length === 0 && pulls.length === 0) {
        throw new InfraLMError(
          'INFRALM_ERR_USAGE',
          'collect prs needs --repo owner/name or --pr owner/name#N',
        );
      }
      const apiUrl = apiRoot(options.apiUrl ?? process.env.GITHUB_API_URL ?? DEFAULT_GITHUB_API_URL);
      const loaded = loadConfig({ file: globals.config, overrides: globals.set });
      const workspace = globals.workspace
        ? resolve(globals.workspace)
        : resolveConfigPath(loaded, loaded.config.workspace);
      const token = readSecret('GITHUB_TOKEN');
      const scrub = createScrubber();
      const say = (text: string): void => {
        if (!globals.quiet) process.stderr.write(scrub(text));
      };
      if (!token)
        say('collect prs: GITHUB_TOKEN is not set; GitHub allows 60 unauthenticated requests an hour\n');

      const requests = { total: 0, serverErrors: 0, networkErrors: 0, waits: 0, waitSeconds: 0 };
      const octokit = createGitHubClient({
        token,
        baseUrl: apiUrl,
        userAgent: `infralm/${packageVersion()}`,
        onResponse: (event) => {
          requests.total++;
          if (event.status >= 500) requests.serverErrors++;
          if (event.status === 0) requests.networkErrors++;
        },
        onWait: (event) => {
          requests.waits++;
          requests.waitSeconds += event.seconds;
          say(`collect prs: ${event.reason}, waiting ${event.seconds} s before retrying ${event.url}\n`);
        },
      });
      const started = performance.now();
      const summary = await crawlPullRequests({
        workspace,
        octokit,
        baseUrl: apiUrl,
        repositories,
        pulls,
        since: options.since,
        max: options.max,
        onProgress: (event) => say(describe(event)),
      });
      const seconds = Math.round(performance.now() - started) / 1000;
      const result = {
        workspace,
        api_url: apiUrl,
        seconds,
        ...summary,
        requests: requests.total,
        server_errors: requests.serverErrors,
        network_errors: requests.networkErrors,
        waits: requests.waits,
        wait_seconds: requests.waitSeconds,
      };
      if (globals.json) {
        process.stdout.write(`${scrub(JSON.stringify(result, null, 2))}\n`);
        return;
      }
      say(
        `collect prs: ${summary.listed} listed, ${summary.fetched} fetched, ${summary.skipped} skipped, ` +
          `${summary.failed} failed in ${seconds.toFixed(2)} s\n` +
          `  comments ${summary.comments} (bots ${summary.bot_comments}), thread roots ${summary.threads}; ` +
          `silver ${summary.silver_rows} rows → ${summary.silver_path}\n` +
          `  requests ${requests.total} (304 not modified: ${summary.not_modified}, 5xx: ${requests.serverErrors}), ` +
          `rate-limit waits ${requests.waits} (${requests.waitSeconds} s); diffs rebuilt ${summary.diffs_rebuilt}, ` +
          `missing ${summary.diffs_missing}\n`,
      );
    });
}

function describe(event: CrawlEvent): string {
  if (event.type === 'discovered') {
    return `collect prs: ${event.repo}: ${event.listed} with review comments, ${event.skipped} done before, ${event.found} to fetch\n`;
  }
  if (event.type === 'discovery-failed')
    return `collect prs: ${event.repo}: listing failed: ${event.reason}\n`;
  if (event.type === 'pull-done') {
    return `collect prs: ${event.repo}#${event.number}: ${event.comments} comments, ${event.threads} threads\n`;
  }
  return `collect prs: ${event.repo}#${event.number} failed${event.logged ? '' : ' (will retry next run)'}: ${event.reason}\n`;
}

function apiRoot(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InfraLMError('INFRALM_ERR_USAGE', `--api-url: not a URL: "${text}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InfraLMError('INFRALM_ERR_USAGE', `--api-url: expected http(s), got "${url.protocol}"`);
  }
  return url.toString().replace(/\/+$/, '');
}

function collectValues(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new InfraLMError('INFRALM_ERR_USAGE', `expected a positive integer, got "${value}"`);
  return n;
}

function isoDate(value: string): string {
  const time = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())
    ? Date.parse(value.trim())
    : Number.NaN;
  if (Number.isNaN(time)) {
    throw new InfraLMError(
      'INFRALM_ERR_USAGE',
      `--since: expected a date such as 2025-01-31, got "${value}"`,
    );
  }
  return new Date(time).toISOString().replace('.000Z', 'Z');
}
