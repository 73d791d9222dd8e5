import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { githubPaths } from '../../corpus/github/github-paths.js';
import { rebuildDiffFromFiles } from '../../corpus/github/rebuild-diff.js';
import { parseRepository } from '../../corpus/github/repository-name.js';
import type { PullRequest, PullRequestFile } from '../../corpus/github/types.js';
import { type PullDiff, pullDiff } from '../../tasks/review/build.js';

// A pull request's diff at a commit, read back from the GitHub crawl's bronze, the way the crawler
// obtained it (fetch-pull-request.ts): at the head, `pull.diff.json` (or, when GitHub refused it as
// too large, the files' patches in `files-NNN.json`); at another commit, `compare-<sha>.diff.json`
// (or `compare-<sha>.json`'s files). A missing, failed (404) or unreadable response is no diff.

interface BronzeResponse {
  status?: number;
  body?: unknown;
}

async function readResponse(path: string): Promise<BronzeResponse | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as BronzeResponse;
  } catch {
    return undefined;
  }
}

function diffText(response: BronzeResponse | undefined): string | undefined {
  return response && response.status === 200 && typeof response.body === 'string' ? response.body : undefined;
}

async function filesPages(directory: string): Promise<PullRequestFile[] | undefined> {
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => /^files-\d+\.json$/.test(name)).sort();
  } catch {
    return undefined;
  }
  if (names.length === 0) return undefined;
  const files: PullRequestFile[] = [];
  for (const name of names) {
    const page = await readResponse(join(directory, name));
    if (page?.status !== 200 || !Array.isArray(page.body)) return undefined;
    files.push(...(page.body as PullRequestFile[]));
  }
  return files;
}

/** A lookup of pull request diffs by (repo, number, commit) over a workspace's bronze. */
export function bronzeDiffLookup(
  workspace: string,
): (repo: string, pr: number, commit: string) => Promise<PullDiff | undefined> {
  const paths = githubPaths(workspace);
  return async (repo, pr, commit) => {
    if (!/^[0-9a-f]{7,64}$/i.test(commit)) return undefined;
    let directory: string;
    try {
      directory = paths.pullDirectory(parseRepository(repo), pr);
    } catch {
      return undefined;
    }
    const pull = await readResponse(join(directory, 'pull.json'));
    const head = (pull?.body as PullRequest | undefined)?.head?.sha;
    if (commit === head) {
      const text = diffText(await readResponse(join(directory, 'pull.diff.json')));
      if (text !== undefined) return pullDiff(text);
      const files = await filesPages(directory);
      return files ? pullDiff(rebuildDiffFromFiles(files)) : undefined;
    }
    const text = diffText(await readResponse(join(directory, `compare-${commit}.diff.json`)));
    if (text !== undefined) return pullDiff(text);
    const comparison = await readResponse(join(directory, `compare-${commit}.json`));
    const files = (comparison?.body as { files?: PullRequestFile[] } | undefined)?.files;
    return comparison?.status === 200 && Array.isArray(files)
      ? pullDiff(rebuildDiffFromFiles(files))
      : undefined;
  };
}
