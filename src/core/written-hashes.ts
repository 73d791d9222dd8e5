import { type BigIntStats, statSync } from 'node:fs';

// The sha256 of each file this process wrote through the atomic writers, so that hashing a stage's
// outputs for the lock does not read them back. An entry answers only while the file is the one
// written: same device, inode (every atomic write makes a new one), size, and change and
// modification times; anything else is read and hashed as usual.

const written = new Map<string, { stamp: string; sha256: string }>();

function stampOf(stats: BigIntStats | undefined): string | undefined {
  return stats && `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
}

/** Remember the sha256 (hex) of the bytes just written to `path`. */
export function recordWritten(path: string, sha256: string): void {
  const stamp = stampOf(statSync(path, { bigint: true, throwIfNoEntry: false }));
  if (stamp === undefined) written.delete(path);
  else written.set(path, { stamp, sha256 });
}

/** The recorded sha256 of `path` if it is still the file written, else undefined. */
export function writtenSha256(path: string): string | undefined {
  const entry = written.get(path);
  if (!entry) return undefined;
  const stamp = stampOf(statSync(path, { bigint: true, throwIfNoEntry: false }));
  if (stamp === entry.stamp) return entry.sha256;
  written.delete(path);
  return undefined;
}
