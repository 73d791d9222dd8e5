import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InfraLMError } from '../core/errors.js';
import type { LogLevel } from '../pipeline/logger.js';
import { packageVersion } from './code-version.js';
import { workspaceOf } from './eval-command.js';
import type { GlobalOptions } from './main.js';

interface ServeCommandOptions {
  port: string;
  host: string;
  model: string[];
  bodyLimit?: string;
  githubApp?: boolean;
  githubApiUrl?: string;
  maxComments?: string;
}

/** `TASK=SPEC` flags → a model spec per task (a clear usage error for a malformed one). */
export function parseModelFlags(values: readonly string[]): Record<string, string> {
  const models: Record<string, string> = {};
  for (const value of values) {
    const equals = value.indexOf('=');
    if (equals <= 0 || equals === value.length - 1) {
      throw new InfraLMError('INFRALM_ERR_USAGE', `--model "${value}": use TASK=SPEC, e.g. plan=baseline`);
    }
    models[value.slice(0, equals)] = value.slice(equals + 1);
  }
  return models;
}

/** A TCP port number from a flag. */
function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InfraLMError('INFRALM_ERR_USAGE', `--port ${value}: not a port number`);
  }
  return port;
}

/** `infralm serve [--port N] [--model TASK=SPEC ...]`: the HTTP API until SIGTERM/SIGINT. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the tasks over HTTP (predict, validate, feedback, metrics, OpenAPI)')
    .option('--port <n>', 'port to listen on (0 = any free port)', '8080')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--model <task=spec>', 'model of a task (repeatable; default baseline)', collect, [])
    .option('--body-limit <bytes>', 'largest request body in bytes')
    .option(
      '--github-app',
      'also serve the GitHub App review bot at POST /github/webhook (needs GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY[_PATH], GITHUB_WEBHOOK_SECRET)',
    )
    .option('--github-api-url <url>', 'GitHub REST API root (GitHub Enterprise Server: https://HOST/api/v3)')
    .option('--max-comments <n>', 'most comments per review the bot posts', '30')
    .action(async (options: ServeCommandOptions, command: Command) => {
      const globals = command.optsWithGlobals() as GlobalOptions & ServeCommandOptions;
      const models = parseModelFlags(options.model);
      const port = parsePort(options.port);
      const bodyLimit = options.bodyLimit === undefined ? undefined : Number(options.bodyLimit);
      if (bodyLimit !== undefined && !(Number.isInteger(bodyLimit) && bodyLimit > 0)) {
        throw new InfraLMError('INFRALM_ERR_USAGE', `--body-limit ${options.bodyLimit}: not a byte count`);
      }
      const { createServer, installGracefulShutdown } = await import('../serve/create-server.js');
      const apiToken = process.env.INFRALM_API_TOKEN || undefined;
      let githubApp: Parameters<typeof createServer>[0]['githubApp'];
      if (options.githubApp) {
        const { readGitHubAppCredentials, createInstallationClients } = await import(
          '../serve/github-app/github-app-auth.js'
        );
        const credentials = readGitHubAppCredentials();
        githubApp = {
          webhookSecret: credentials.webhookSecret,
          maxComments: positiveCount(options.maxComments ?? '30', '--max-comments'),
          clients: createInstallationClients(credentials, {
            userAgent: `infralm/${packageVersion()}`,
            ...(options.githubApiUrl ? { baseUrl: options.githubApiUrl } : {}),
          }),
        };
      }
      const { createServeLogger } = await import('../serve/serve-logger.js');
      const workspace = workspaceOf(command);
      const log = createServeLogger(workspace, (globals.logLevel ?? 'info') as LogLevel, {
        stderr: !globals.quiet,
      });
      const app = await createServer({
        ...(githubApp ? { githubApp } : {}),
        workspace,
        models,
        ...(apiToken ? { apiToken } : {}),
        ...(bodyLimit ? { bodyLimit } : {}),
        loggerInstance: log.logger,
      });
      for (const task of Object.keys(models)) {
        if (!app.hasRoute({ method: 'POST', url: `/v1/predict/${task}` })) {
          await app.close();
          throw new InfraLMError('INFRALM_ERR_USAGE', `--model ${task}=...: no task "${task}"`);
        }
      }
      const closed = new Promise<void>((resolveClosed, reject) => {
        installGracefulShutdown(app, (error) => (error ? reject(error) : resolveClosed()));
      });
      const address = await app.listen({ host: options.host, port });
      if (!globals.quiet) {
        process.stderr.write(
          `infralm serve: listening on ${address}${apiToken ? ' (bearer token required)' : ''}${
            githubApp ? `; GitHub App webhook at ${address}/github/webhook` : ''
          }\n`,
        );
      }
      try {
        await closed;
      } finally {
        log.close();
      }
    });
}

/** `infralm feedback export --out FILE`: stored feedback as weighted chat examples (JSONL). */
export function registerFeedbackCommand(program: Command): void {
  const feedback = program.command('feedback').description('user feedback collected by `infralm serve`');
  feedback
    .command('export')
    .description(
      'write the feedback as JSONL chat examples weighted by case type (rewritten 1.0, modified 0.7, accepted 0.3)',
    )
    .requiredOption('--out <file>', 'the JSONL file to write')
    .option('--database <file>', 'the feedback database (default <workspace>/serve/feedback.duckdb)')
    .action(async (options: { out: string; database?: string }, command: Command) => {
      const globals = command.optsWithGlobals() as GlobalOptions;
      const { feedbackDatabasePath } = await import('../serve/create-server.js');
      const { FeedbackStore } = await import('../serve/feedback-store.js');
      const { exportFeedback } = await import('../serve/feedback-export.js');
      const database = options.database ?? feedbackDatabasePath(workspaceOf(command));
      if (!existsSync(database)) throw new InfraLMError('INFRALM_ERR_INPUT_NOT_FOUND', database);
      const store = await FeedbackStore.open(database);
      try {
        const count = await exportFeedback(store, resolve(options.out));
        if (globals.json) process.stdout.write(`${JSON.stringify({ examples: count, out: options.out })}\n`);
        else if (!globals.quiet) process.stderr.write(`wrote ${count} examples to ${options.out}\n`);
      } finally {
        store.close();
      }
    });
}

/** A positive whole number from a flag. */
export function positiveCount(value: string, flag: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1)
    throw new InfraLMError('INFRALM_ERR_USAGE', `${flag} ${value}: not a positive number`);
  return count;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
