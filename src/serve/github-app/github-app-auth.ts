// GitHub App authentication with @octokit/app: the App's private key signs a JWT (RS256), which buys
// a one-hour installation token per installation (POST /app/installations/{id}/access_tokens);
// @octokit/auth-app caches and renews those tokens. The Octokit class is the crawler's, so the bot
// gets the same throttling and retry behaviour.

import { readFileSync } from 'node:fs';
import { App } from '@octokit/app';
import type { Octokit } from '@octokit/core';
import { InfraLMError } from '../../core/errors.js';
import {
  GitHubClientClass,
  type GitHubClientOptions,
  gitHubClientDefaults,
} from '../../corpus/github/github-client.js';

/** The App's identity, from the environment. */
export interface GitHubAppCredentials {
  appId: string;
  privateKey: string;
  webhookSecret: string;
}

/** Installation clients of one App. */
export interface InstallationClients {
  forInstallation(installationId: number): Promise<Octokit>;
}

/**
 * Read GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY (PEM; `\n` escapes allowed) or GITHUB_APP_PRIVATE_KEY_PATH,
 * and GITHUB_WEBHOOK_SECRET; a clear error names whichever is missing (never a value).
 */
export function readGitHubAppCredentials(environment: NodeJS.ProcessEnv = process.env): GitHubAppCredentials {
  const missing: string[] = [];
  const appId = environment.GITHUB_APP_ID?.trim();
  if (!appId) missing.push('GITHUB_APP_ID');
  let privateKey = environment.GITHUB_APP_PRIVATE_KEY?.replace(/\\n/g, '\n');
  const keyPath = environment.GITHUB_APP_PRIVATE_KEY_PATH;
  if (!privateKey && keyPath) {
    try {
      privateKey = readFileSync(keyPath, 'utf8');
    } catch (error) {
      throw new InfraLMError(
        'INFRALM_ERR_INPUT_NOT_FOUND',
        `GITHUB_APP_PRIVATE_KEY_PATH ${keyPath}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`,
      );
    }
  }
  if (!privateKey) missing.push('GITHUB_APP_PRIVATE_KEY or GITHUB_APP_PRIVATE_KEY_PATH');
  const webhookSecret = environment.GITHUB_WEBHOOK_SECRET;
  if (!webhookSecret) missing.push('GITHUB_WEBHOOK_SECRET');
  if (missing.length > 0) {
    throw new InfraLMError(
      'INFRALM_ERR_USAGE',
      `--github-app needs ${missing.join(', ')} in the environment`,
    );
  }
  if (!/-----BEGIN (?:RSA )?PRIVATE KEY-----/.test(privateKey!)) {
    throw new InfraLMError('INFRALM_ERR_USAGE', 'the GitHub App private key is not a PEM private key');
  }
  return { appId: appId!, privateKey: privateKey!, webhookSecret: webhookSecret! };
}

/** Installation-authenticated Octokits of an App (JWT → installation token). */
export function createInstallationClients(
  credentials: Pick<GitHubAppCredentials, 'appId' | 'privateKey'>,
  client: Omit<GitHubClientOptions, 'token'>,
): InstallationClients {
  const app = new App({
    appId: credentials.appId,
    privateKey: credentials.privateKey,
    Octokit: GitHubClientClass.defaults(gitHubClientDefaults(client)),
  });
  return {
    forInstallation: (installationId) => app.getInstallationOctokit(installationId) as Promise<Octokit>,
  };
}
