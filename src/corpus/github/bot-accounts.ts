// Which review comments come from bots. GitHub marks App accounts with `type: "Bot"` and a `[bot]`
// login suffix, but many review bots run as ordinary user accounts (k8s-ci-robot, codecov-commenter),
// so a list of known logins and the `-bot`/`-robot` naming convention catch the rest.

import type { GitHubUser } from './types.js';

/** Logins (lowercase, without `[bot]`) of review and CI bots that post on pull requests. */
export const KNOWN_BOT_LOGINS: ReadonlySet<string> = new Set([
  'allcontributors',
  'atlantisbot',
  'bors',
  'claassistant',
  'codeclimate',
  'codecov',
  'codecov-commenter',
  'codecov-io',
  'coderabbitai',
  'copilot',
  'copilot-pull-request-reviewer',
  'coveralls',
  'deepsource-autofix',
  'deepsource-io',
  'dependabot',
  'dependabot-preview',
  'gemini-code-assist',
  'github-actions',
  'github-advanced-security',
  'google-cla',
  'googlebot',
  'greenkeeper',
  'imgbot',
  'infracost',
  'kodiakhq',
  'lgtm-com',
  'linux-foundation-easycla',
  'mergify',
  'netlify',
  'pre-commit-ci',
  'renovate',
  'snyk-bot',
  'sonarcloud',
  'sonarqubecloud',
  'sourcery-ai',
  'stale',
  'vercel',
]);

/** `something-bot`, `something_robot`: the separator keeps names such as "abbot" out. */
const BOT_NAME_SUFFIX = /[-_](bot|robot)$/;

/** Why an account counts as a bot, or undefined for a person. */
export function botReason(
  user: GitHubUser | null | undefined,
): 'type' | 'login-suffix' | 'known-login' | undefined {
  if (!user) return undefined;
  if (user.type === 'Bot') return 'type';
  const login = user.login.toLowerCase();
  if (login.endsWith('[bot]')) return 'login-suffix';
  if (KNOWN_BOT_LOGINS.has(login) || BOT_NAME_SUFFIX.test(login)) return 'known-login';
  return undefined;
}

/** True when the account is a bot (type Bot, a `[bot]` login, or a known bot name). */
export function isBotAccount(user: GitHubUser | null | undefined): boolean {
  return botReason(user) !== undefined;
}
