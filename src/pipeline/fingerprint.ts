import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { writtenSha256 } from '../core/written-hashes.js';

/** Files under a path (or the path itself), sorted, skipping temp files of interrupted writes. */
export function listFiles(path: string): string[] {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return [];
  if (stat.isFile()) return [path];
  const files: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )) {
      if (entry.name.includes('.tmp-')) continue;
      const full = join(directory, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.push(full);
    }
  };
  walk(path);
  return files;
}

/** sha256 over the relative names and bytes of every file under a path; undefined if it is missing. */
export function hashContents(path: string): string | undefined {
  const files = listFiles(path);
  if (files.length === 0 && !statSync(path, { throwIfNoEntry: false })) return undefined;
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(relative(path, file).split(sep).join('/'));
    hash.update('\0');
    // Files this process just wrote carry their hash; the rest are read.
    hash.update(writtenSha256(file) ?? createHash('sha256').update(readFileSync(file)).digest('hex'));
    hash.update('\n');
  }
  return hash.digest('hex');
}

/**
 * A cheap fingerprint of a file or tree from names, sizes and modification times (directory sources
 * use directoryFingerprint, which follows their walk).
 */
export function statFingerprint(path: string): string {
  const hash = createHash('sha256');
  const walk = (directory: string) => {
    const entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const entry of entries) {
      const full = join(directory, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const stat = statSync(full);
        hash.update(`${relative(path, full)}\0${stat.size}\0${Math.trunc(stat.mtimeMs)}\n`);
      }
    }
  };
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 'missing';
  if (stat.isFile()) hash.update(`${stat.size}\0${Math.trunc(stat.mtimeMs)}`);
  else walk(path);
  return hash.digest('hex');
}
