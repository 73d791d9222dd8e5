import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InfraLMError } from '../core/errors.js';
import type { Provenance } from '../core/types.js';
import { detectLicense } from './license-detect.js';
import { parseSourcesTables, type SourcesEntry } from './sources-table.js';

// Provenance comes from plain file reads (no `git` process per file): a corpus has thousands of files
// and spawning git for each would dominate the run.

/** What a git checkout says about itself. */
export interface GitCheckout {
  /** The working tree root (the directory holding `.git`). */
  root: string;
  /** `owner/name` from the origin remote, else the root's folder name. */
  repo: string;
  /** The commit HEAD points at; undefined on a branch with no commits yet. */
  commit?: string;
}

const COMMIT_SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
// GitHub owners are letters, digits and hyphens; repository names may also hold '.' and '_'.
const REPO_FOLDER = /^([A-Za-z0-9][A-Za-z0-9-]*)__([A-Za-z0-9._-]+)$/;
const LICENSE_FILE_NAMES = [
  'license',
  'license.md',
  'license.txt',
  'licence',
  'licence.md',
  'licence.txt',
  'copying',
  'copying.md',
  'copying.txt',
];

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function findGitDirectory(start: string): { root: string; gitDirectory: string } | undefined {
  for (let directory = start; ; directory = dirname(directory)) {
    const candidate = join(directory, '.git');
    try {
      const stats = lstatSync(candidate);
      if (stats.isDirectory()) return { root: directory, gitDirectory: candidate };
      if (stats.isFile()) {
        // Worktrees and submodules: `.git` is a file pointing at the real git directory.
        const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(readText(candidate) ?? '');
        if (pointer) return { root: directory, gitDirectory: resolve(directory, pointer[1]!) };
      }
    } catch {
      // no .git here; keep walking up
    }
    if (dirname(directory) === directory) return undefined;
  }
}

function resolveReference(
  gitDirectory: string,
  commonDirectory: string,
  reference: string,
): string | undefined {
  for (let depth = 0; depth < 5; depth++) {
    const loose = readText(join(gitDirectory, reference)) ?? readText(join(commonDirectory, reference));
    if (loose !== undefined) {
      const value = loose.trim();
      const symbolic = /^ref:\s*(\S+)$/.exec(value);
      if (!symbolic) return COMMIT_SHA.test(value) ? value : undefined;
      reference = symbolic[1]!;
      continue;
    }
    const packed = readText(join(commonDirectory, 'packed-refs')) ?? '';
    for (const line of packed.split(/\r?\n/)) {
      if (line.startsWith('#') || line.startsWith('^')) continue;
      const [sha, name] = line.trim().split(/\s+/);
      if (name === reference && sha !== undefined && COMMIT_SHA.test(sha)) return sha;
    }
    return undefined;
  }
  return undefined;
}

/** The url of `[remote "origin"]` in a git config file's text. */
export function originUrlFromConfig(config: string): string | undefined {
  let inOrigin = false;
  for (const rawLine of config.split(/\r?\n/)) {
    const line = rawLine.trim();
    const section = /^\[\s*([^\s\]"]+)(?:\s+"([^"]*)")?\s*\]/.exec(line);
    if (section) {
      inOrigin = section[1]!.toLowerCase() === 'remote' && section[2] === 'origin';
      continue;
    }
    const url = /^url\s*=\s*(.+)$/i.exec(line);
    if (inOrigin && url) return url[1]!.trim().replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}

/** `owner/name` from a remote url (https, ssh://, scp-like `git@host:owner/name.git`, or a path). */
export function repoNameFromRemoteUrl(url: string): string | undefined {
  let path = url.trim();
  const scpLike = /^(?:[^@/\s]+@)?[^:/\s]+:(?!\/\/)(.+)$/.exec(path);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    try {
      path = new URL(path).pathname;
    } catch {
      return undefined;
    }
  } else if (scpLike) {
    path = scpLike[1]!;
  }
  const segments = path
    .replace(/\\/g, '/')
    .split('/')
    .filter((segment) => segment !== '');
  const name = segments.at(-1)?.replace(/\.git$/, '');
  const owner = segments.at(-2);
  if (!name || !owner) return undefined;
  return `${owner}/${name}`;
}

/** Read the git checkout enclosing `start` (walking up), without running git. */
export function readGitCheckout(start: string): GitCheckout | undefined {
  const found = findGitDirectory(resolve(start));
  if (!found) return undefined;
  const { root, gitDirectory } = found;
  const commonPointer = readText(join(gitDirectory, 'commondir'))?.trim();
  const commonDirectory = commonPointer ? resolve(gitDirectory, commonPointer) : gitDirectory;
  const head = readText(join(gitDirectory, 'HEAD'))?.trim() ?? '';
  const symbolic = /^ref:\s*(\S+)$/.exec(head);
  const commit = symbolic
    ? resolveReference(gitDirectory, commonDirectory, symbolic[1]!)
    : COMMIT_SHA.test(head)
      ? head
      : undefined;
  const originUrl = originUrlFromConfig(readText(join(commonDirectory, 'config')) ?? '');
  const repo = (originUrl && repoNameFromRemoteUrl(originUrl)) || basename(root);
  return commit === undefined ? { root, repo } : { root, repo, commit };
}

/** The nearest SOURCES.md in `start` or any parent directory, parsed. */
function findSourcesTable(start: string): SourcesEntry[] | undefined {
  for (let directory = start; ; directory = dirname(directory)) {
    const text = readText(join(directory, 'SOURCES.md'));
    if (text !== undefined) return parseSourcesTables(text);
    if (dirname(directory) === directory) return undefined;
  }
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** True when `path` is `root` or lies below it. */
export function isInside(path: string, root: string): boolean {
  const fromRoot = relative(root, path);
  return fromRoot !== '..' && !fromRoot.startsWith(`..${sep}`) && !isAbsolute(fromRoot);
}

interface RepositoryContext {
  root: string;
  repo: string;
  commit?: string;
  /** Licence from the SOURCES.md table, used when no licence file is found. */
  fallbackLicense?: string;
}

/** Options of createProvenanceResolver. */
export interface ProvenanceResolverOptions {
  /** Names in a directory when the caller already listed it (saves a second readdir); else undefined. */
  listDirectory?: (directory: string) => string[] | undefined;
}

const NO_LICENSE_FILE = Symbol('no-license-file');
type LicenseLookup = string | undefined | typeof NO_LICENSE_FILE;

/**
 * A function giving each file under `inputRoot` its provenance: from the enclosing git checkout, or
 * from the corpora layout (`<owner>__<name>` folders plus a SOURCES.md table), or else the input root's
 * folder name. Licences come from the nearest licence file up to the repository root. Results are
 * cached per directory, so a corpus reads each licence file once.
 */
export async function createProvenanceResolver(
  inputRoot: string,
  options: ProvenanceResolverOptions = {},
): Promise<(absoluteFilePath: string) => Provenance> {
  const root = resolve(inputRoot);
  if (!existsSync(root)) throw new InfraLMError('INFRALM_ERR_INPUT_NOT_FOUND', root);
  const git = readGitCheckout(root);
  const sources = findSourcesTable(root);
  // A SOURCES.md describes its corpus more precisely than a checkout the corpus happens to sit in.
  const useCorpusLayout = git === undefined || sources !== undefined;
  const plain: RepositoryContext = git ?? { root, repo: basename(root) };
  const repositories = new Map<string, RepositoryContext>();
  const licenseFiles = new Map<string, LicenseLookup>();

  const corpusRepository = (repositoryRoot: string, owner: string, name: string): RepositoryContext => {
    const cached = repositories.get(repositoryRoot);
    if (cached) return cached;
    const repo = `${owner}/${name}`;
    const corpus = basename(dirname(repositoryRoot)).toLowerCase();
    const candidates = (sources ?? []).filter((entry) => entry.repo.toLowerCase() === repo.toLowerCase());
    const entry =
      candidates.find((candidate) => candidate.section?.toLowerCase().startsWith(`${corpus}/`)) ??
      candidates[0];
    const context: RepositoryContext = { root: repositoryRoot, repo };
    if (entry?.commit !== undefined) context.commit = entry.commit;
    if (entry?.license !== undefined) context.fallbackLicense = entry.license;
    repositories.set(repositoryRoot, context);
    return context;
  };

  const repositoryFor = (directory: string): RepositoryContext => {
    if (!useCorpusLayout) return plain;
    const ownFolder = REPO_FOLDER.exec(basename(root));
    if (ownFolder) return corpusRepository(root, ownFolder[1]!, ownFolder[2]!);
    const segments = relativeInside(root, directory)
      .split(sep)
      .filter((segment) => segment !== '');
    // `<root>/<owner>__<name>/...` or `<root>/<corpus>/<owner>__<name>/...` (the parent of k8s/ and terraform/).
    for (let depth = 0; depth < 2 && depth < segments.length; depth++) {
      const folder = REPO_FOLDER.exec(segments[depth]!);
      if (folder)
        return corpusRepository(join(root, ...segments.slice(0, depth + 1)), folder[1]!, folder[2]!);
    }
    return plain;
  };

  const licenseFileIn = (directory: string): LicenseLookup => {
    let names: string[];
    try {
      names = options.listDirectory?.(directory) ?? readdirSync(directory);
    } catch {
      return NO_LICENSE_FILE;
    }
    const byLowerName = new Map(names.map((name) => [name.toLowerCase(), name]));
    for (const candidate of LICENSE_FILE_NAMES) {
      const name = byLowerName.get(candidate);
      if (name === undefined) continue;
      const path = join(directory, name);
      if (!statSync(path, { throwIfNoEntry: false })?.isFile()) continue;
      // The nearest licence file governs its subtree even when it is not recognised: undefined then.
      return detectLicense(readText(path) ?? '');
    }
    return NO_LICENSE_FILE;
  };

  const licenseFor = (directory: string, stopAt: string): LicenseLookup => {
    const visited: string[] = [];
    let result: LicenseLookup = NO_LICENSE_FILE;
    for (let current = directory; ; current = dirname(current)) {
      if (licenseFiles.has(current)) {
        result = licenseFiles.get(current);
        break;
      }
      visited.push(current);
      const own = licenseFileIn(current);
      if (own !== NO_LICENSE_FILE) {
        result = own;
        break;
      }
      if (current === stopAt || dirname(current) === current || !isInside(current, stopAt)) break;
    }
    for (const path of visited) licenseFiles.set(path, result);
    return result;
  };

  interface DirectoryContext {
    repository: RepositoryContext;
    /** The directory relative to the repository root, with a trailing slash ('' at the root). */
    prefix: string;
    license: string | undefined;
  }
  const directories = new Map<string, DirectoryContext>();
  const directoryContext = (directory: string): DirectoryContext => {
    const cached = directories.get(directory);
    if (cached) return cached;
    const repository = repositoryFor(directory);
    if (!isInside(directory, repository.root)) {
      throw new InfraLMError('INFRALM_ERR_UNSAFE_PATH', `${directory} is outside ${repository.root}`);
    }
    const relativeDirectory = toPosix(relativeInside(repository.root, directory));
    const fromFile = licenseFor(directory, repository.root);
    const context: DirectoryContext = {
      repository,
      prefix: relativeDirectory === '' ? '' : `${relativeDirectory}/`,
      license: fromFile === NO_LICENSE_FILE ? repository.fallbackLicense : fromFile,
    };
    directories.set(directory, context);
    return context;
  };

  return (absoluteFilePath: string): Provenance => {
    // The walk hands over normalised absolute paths; anything else is resolved first.
    const file = isNormalizedAbsolute(absoluteFilePath) ? absoluteFilePath : resolve(absoluteFilePath);
    const { repository, prefix, license } = directoryContext(dirname(file));
    const provenance: Provenance = {
      kind: 'directory',
      repo: repository.repo,
      ...(repository.commit === undefined ? {} : { commit: repository.commit }),
      path: prefix + basename(file),
    };
    if (license !== undefined) provenance.license = license;
    return provenance;
  };
}

/** True for an absolute path with no `.`/`..` segments, empty segments or trailing separator. */
function isNormalizedAbsolute(path: string): boolean {
  return (
    isAbsolute(path) &&
    !path.includes(`${sep}.`) &&
    !path.includes(`${sep}${sep}`) &&
    !path.endsWith(sep) &&
    !path.includes('\\')
  );
}

/** `relative(root, path)` for a normalised path inside root, without path.relative's resolving. */
export function relativeInside(root: string, path: string): string {
  if (path === root) return '';
  if (isNormalizedAbsolute(path) && isNormalizedAbsolute(root) && path.startsWith(`${root}${sep}`))
    return path.slice(root.length + 1);
  return relative(root, path);
}
