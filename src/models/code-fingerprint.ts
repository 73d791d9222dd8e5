import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The baseline's answers change when the engines' code changes, so its cached predictions are keyed
// by a hash of the program's own files (src/ under tsx, dist/ when built or bundled).

let cached: string | undefined;

function walk(directory: string, out: string[]): void {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (/\.(js|ts)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) out.push(path);
  }
}

/** A short hash of the program's code files (memoized for the process). */
export function codeFingerprint(): string {
  if (cached) return cached;
  const root = fileURLToPath(new URL('..', import.meta.url));
  const files: string[] = [];
  walk(root, files);
  files.sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file.slice(root.length));
    hash.update(readFileSync(file));
  }
  cached = hash.digest('hex').slice(0, 16);
  return cached;
}
