import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { listFiles } from '../pipeline/fingerprint.js';

/** The package version from package.json. */
export function packageVersion(): string {
  const path = fileURLToPath(new URL('../../package.json', import.meta.url));
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

/** Version plus a hash of the program's own files: changed code reruns stages, like DVC's `cmd`. */
export function codeVersion(): string {
  // The bundle carries the hash of its own files, written when it was built (scripts/bundle.js).
  const built = readBuiltVersion();
  if (built !== undefined) return `${packageVersion()}+${built}`;
  const root = fileURLToPath(new URL('..', import.meta.url));
  const hash = createHash('sha256');
  for (const file of listFiles(root)) {
    if (!/\.(js|ts)$/.test(file) || file.endsWith('.test.ts')) continue;
    hash.update(file.slice(root.length));
    hash.update(readFileSync(file));
  }
  return `${packageVersion()}+${hash.digest('hex').slice(0, 16)}`;
}

function readBuiltVersion(): string | undefined {
  try {
    const text = readFileSync(fileURLToPath(new URL('./code-version.txt', import.meta.url)), 'utf8').trim();
    return /^[0-9a-f]{16}$/.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}
