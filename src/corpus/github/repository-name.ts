// `owner/name` and `owner/name#N` as typed on the command line. Both parts become folder names in
// the workspace, so only the characters GitHub allows pass, and "." / ".." never do.

import { InfraLMError } from '../../core/errors.js';
import type { PullReference, RepositoryName } from './types.js';

const PART = /^[A-Za-z0-9_.-]{1,100}$/;

/** Parse `owner/name` (a clear usage error otherwise). */
export function parseRepository(text: string): RepositoryName {
  const parts = text.trim().split('/');
  const [owner, name] = parts;
  if (parts.length !== 2 || !isPart(owner) || !isPart(name)) {
    throw new InfraLMError('INFRALM_ERR_USAGE', `expected a repository as owner/name, got "${text}"`);
  }
  return { owner, name, fullName: `${owner}/${name}` };
}

/** Parse `owner/name#N` (also accepts a github.com pull request URL). */
export function parsePullReference(text: string): PullReference {
  const trimmed = text.trim();
  const url = /^https?:\/\/[^/]+\/([^/]+\/[^/]+)\/pull\/(\d+)\/?$/.exec(trimmed);
  const short = /^([^#\s]+)#(\d+)$/.exec(trimmed);
  const match = url ?? short;
  const number = match ? Number(match[2]) : Number.NaN;
  if (!match || !Number.isSafeInteger(number) || number < 1) {
    throw new InfraLMError('INFRALM_ERR_USAGE', `expected a pull request as owner/name#N, got "${text}"`);
  }
  return { repository: parseRepository(match[1]!), number };
}

/** The folder name of a repository in the workspace: `owner__name`. */
export function repositoryFolder(repository: RepositoryName): string {
  return `${repository.owner}__${repository.name}`;
}

function isPart(part: string | undefined): part is string {
  return part !== undefined && PART.test(part) && part !== '.' && part !== '..';
}
