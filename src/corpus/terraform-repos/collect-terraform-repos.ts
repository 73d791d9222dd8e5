import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../core/atomic-write.js';
import { InfraLMError } from '../../core/errors.js';
import type { GitHubFetcher } from '../github/github-fetcher.js';
import { parseJsonResponse } from '../github/github-fetcher.js';
import { detectLicense, isPermissive } from '../license-detect.js';

// Terraform repositories for the plan task, from GitHub (search API) and Azure DevOps (repos API),
// shallow-cloned with git into `<ws>/bronze/terraform-repos/<owner>__<name>/`, the corpora layout the
// directory source already understands. A log line per repository makes a rerun skip what is done;
// a repository whose licence is not permissive is logged and skipped, never cloned.

export interface RepositoryCandidate {
  /** `owner/name` (Azure DevOps: `organization/project/name`). */
  fullName: string;
  cloneUrl: string;
  defaultBranch?: string;
  /** SPDX id as the host reports it; undefined when unknown. */
  license?: string;
  source: 'github' | 'azure-devops';
}

export interface CollectedEntry {
  repo: string;
  status: 'cloned' | 'skipped' | 'failed';
  reason?: string;
  commit?: string;
  license?: string;
  url: string;
  source: string;
}

export interface CollectSummary {
  candidates: number;
  cloned: number;
  already_done: number;
  skipped: Record<string, number>;
  failed: number;
}

/** The repositories a GitHub search finds (`/search/repositories`, all pages up to `max`). */
export async function searchGitHubRepositories(
  fetcher: GitHubFetcher,
  query: string,
  max: number,
): Promise<RepositoryCandidate[]> {
  const found: RepositoryCandidate[] = [];
  const url = `/search/repositories?q=${encodeURIComponent(query)}&sort=stars&order=desc&per_page=${Math.min(100, Math.max(1, max))}`;
  for await (const page of fetcher.pages(url, { maxPages: Math.ceil(max / 100) + 1 })) {
    const body = parseJsonResponse<{
      items?: {
        full_name: string;
        clone_url: string;
        default_branch?: string;
        license?: { spdx_id?: string } | null;
        archived?: boolean;
        fork?: boolean;
      }[];
    }>(page);
    for (const item of body.items ?? []) {
      if (found.length >= max) return found;
      const spdx = item.license?.spdx_id;
      found.push({
        fullName: item.full_name,
        cloneUrl: item.clone_url,
        ...(item.default_branch ? { defaultBranch: item.default_branch } : {}),
        ...(spdx && spdx !== 'NOASSERTION' ? { license: spdx } : {}),
        source: 'github',
      });
    }
  }
  return found;
}

/** The repositories of an Azure DevOps project (`_apis/git/repositories`). */
export async function listAzureDevOpsRepositories(options: {
  baseUrl?: string;
  organization: string;
  project: string;
  token?: string;
  max: number;
  fetch?: typeof globalThis.fetch;
}): Promise<RepositoryCandidate[]> {
  const base = (options.baseUrl ?? 'https://dev.azure.com').replace(/\/+$/, '');
  const url = `${base}/${encodeURIComponent(options.organization)}/${encodeURIComponent(options.project)}/_apis/git/repositories?api-version=7.1`;
  const headers: Record<string, string> = { accept: 'application/json' };
  // A personal access token goes as the password of basic auth, with an empty user name.
  if (options.token) headers.authorization = `Basic ${Buffer.from(`:${options.token}`).toString('base64')}`;
  const response = await (options.fetch ?? globalThis.fetch)(url, { headers });
  if (!response.ok) {
    throw new InfraLMError(
      'INFRALM_ERR_HTTP',
      `Azure DevOps ${options.organization}/${options.project}: HTTP ${response.status}`,
    );
  }
  const body = (await response.json()) as {
    value?: { name: string; remoteUrl: string; defaultBranch?: string; isDisabled?: boolean }[];
  };
  return (body.value ?? [])
    .filter((repository) => !repository.isDisabled)
    .slice(0, options.max)
    .map((repository) => ({
      fullName: `${options.organization}/${options.project}/${repository.name}`,
      cloneUrl: repository.remoteUrl,
      ...(repository.defaultBranch
        ? { defaultBranch: repository.defaultBranch.replace(/^refs\/heads\//, '') }
        : {}),
      source: 'azure-devops' as const,
    }));
}

/** A folder name for a repository in the corpora layout: `owner__name`. */
export function repositoryFolder(fullName: string): string {
  return fullName.replace(/[^A-Za-z0-9._-]+/g, '__');
}

function git(
  args: string[],
  cwd?: string,
  environment: NodeJS.ProcessEnv = process.env,
): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...environment, GIT_TERMINAL_PROMPT: '0' },
    timeout: 10 * 60_000,
  });
  return { ok: result.status === 0, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** The licence of a checked-out repository from its LICENSE file, when the host did not say. */
function licenseFromCheckout(directory: string): string | undefined {
  for (const name of ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'COPYING']) {
    const path = join(directory, name);
    if (existsSync(path)) return detectLicense(readFileSync(path, 'utf8'));
  }
  return undefined;
}

/**
 * Clone the candidates (depth 1) into `directory`, skipping those in the log, those with a
 * non-permissive licence and those over `maxRepos`. Appends one log line per repository.
 */
export async function collectRepositories(
  candidates: RepositoryCandidate[],
  directory: string,
  options: { maxRepos: number; licenses: string[]; environment?: NodeJS.ProcessEnv },
): Promise<CollectSummary> {
  mkdirSync(directory, { recursive: true });
  const logPath = join(directory, 'collected.jsonl');
  const done = new Map<string, CollectedEntry>();
  if (existsSync(logPath)) {
    for (const line of readFileSync(logPath, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const entry = JSON.parse(line) as CollectedEntry;
        done.set(entry.repo, entry);
      } catch {
        // A line torn by a kill: that repository is tried again.
      }
    }
  }
  const summary: CollectSummary = {
    candidates: candidates.length,
    cloned: 0,
    already_done: 0,
    skipped: {},
    failed: 0,
  };
  const log = (entry: CollectedEntry) => appendFile(logPath, `${JSON.stringify(entry)}\n`);
  let cloned = [...done.values()].filter((entry) => entry.status === 'cloned').length;
  for (const candidate of candidates) {
    if (
      done.get(candidate.fullName)?.status === 'cloned' ||
      done.get(candidate.fullName)?.status === 'skipped'
    ) {
      summary.already_done++;
      continue;
    }
    if (cloned >= options.maxRepos) break;
    if (candidate.license && !isPermissive(candidate.license, options.licenses)) {
      summary.skipped['license-not-permissive'] = (summary.skipped['license-not-permissive'] ?? 0) + 1;
      await log({
        repo: candidate.fullName,
        status: 'skipped',
        reason: `license ${candidate.license}`,
        license: candidate.license,
        url: candidate.cloneUrl,
        source: candidate.source,
      });
      continue;
    }
    const target = join(directory, repositoryFolder(candidate.fullName));
    rmSync(target, { recursive: true, force: true });
    const args = ['clone', '--depth', '1', '--quiet', '--no-tags'];
    if (candidate.defaultBranch) args.push('--branch', candidate.defaultBranch);
    const clone = git([...args, candidate.cloneUrl, target], undefined, options.environment);
    if (!clone.ok) {
      summary.failed++;
      await log({
        repo: candidate.fullName,
        status: 'failed',
        reason: clone.stderr.trim().split('\n').at(-1) ?? 'git clone failed',
        url: candidate.cloneUrl,
        source: candidate.source,
      });
      continue;
    }
    const license = candidate.license ?? licenseFromCheckout(target);
    if (!license || !isPermissive(license, options.licenses)) {
      rmSync(target, { recursive: true, force: true });
      const reason = license ? 'license-not-permissive' : 'license-missing';
      summary.skipped[reason] = (summary.skipped[reason] ?? 0) + 1;
      await log({
        repo: candidate.fullName,
        status: 'skipped',
        reason,
        ...(license ? { license } : {}),
        url: candidate.cloneUrl,
        source: candidate.source,
      });
      continue;
    }
    const commit = git(['rev-parse', 'HEAD'], target).stdout.trim();
    cloned++;
    summary.cloned++;
    await log({
      repo: candidate.fullName,
      status: 'cloned',
      commit,
      license,
      url: candidate.cloneUrl,
      source: candidate.source,
    });
  }
  // SOURCES.md in the shared corpora's format, so the directory source finds repo and commit.
  const entries = [...(existsSync(logPath) ? readFileSync(logPath, 'utf8').split('\n') : [])]
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as CollectedEntry)
    .filter((entry) => entry.status === 'cloned');
  const latest = new Map(entries.map((entry) => [entry.repo, entry]));
  const table = [
    '# Sources',
    '',
    '| repository | commit | licence | url |',
    '|---|---|---|---|',
    ...[...latest.values()].map(
      (entry) => `| ${entry.repo} | ${entry.commit ?? ''} | ${entry.license ?? ''} | ${entry.url} |`,
    ),
    '',
  ].join('\n');
  await writeFileAtomic(join(directory, 'SOURCES.md'), table);
  return summary;
}
