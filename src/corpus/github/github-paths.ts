// Where the GitHub crawl keeps its files in a workspace.

import { join } from 'node:path';
import { repositoryFolder } from './repository-name.js';
import type { RepositoryName } from './types.js';

/** The crawl's locations under one workspace. */
export interface GitHubPaths {
  /** `<ws>/bronze/github` */
  bronze: string;
  /** The processed log, also the crawl's checkpoint: one JSON line per finished pull request. */
  processedLog: string;
  /** Conditional-request cache (URL → ETag and body). */
  etagCache: string;
  /** `<ws>/bronze/github/<owner>__<name>/pr-<N>`: raw responses of one pull request. */
  pullDirectory(repository: RepositoryName, number: number): string;
  /** `<ws>/silver/review/parts/<owner>__<name>/pr-<N>.jsonl`: the rows of one pull request. */
  silverPart(repository: RepositoryName, number: number): string;
  /** `<ws>/silver/review/comments.jsonl`: every processed pull request's rows, in a fixed order. */
  silverComments: string;
}

/** The GitHub crawl's paths in a workspace. */
export function githubPaths(workspace: string): GitHubPaths {
  const bronze = join(workspace, 'bronze', 'github');
  const silver = join(workspace, 'silver', 'review');
  return {
    bronze,
    processedLog: join(bronze, 'processed.jsonl'),
    etagCache: join(bronze, '.etag-cache'),
    pullDirectory: (repository, number) => join(bronze, repositoryFolder(repository), `pr-${number}`),
    silverPart: (repository, number) =>
      join(silver, 'parts', repositoryFolder(repository), `pr-${number}.jsonl`),
    silverComments: join(silver, 'comments.jsonl'),
  };
}
