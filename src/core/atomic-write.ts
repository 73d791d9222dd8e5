import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { sha256 } from './hash.js';
import { recordWritten } from './written-hashes.js';

// Temp file in the same directory, then rename: readers see the old bytes or the new, never half.

function tempPath(path: string): string {
  return `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/**
 * Write a file atomically (creating its directory). The bytes' sha256 is recorded for the stage
 * runner (pass it when already known). The work is synchronous behind the promise: the pipeline has
 * one thread, and a thread-pool round trip per call cost more than the write.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  known?: { sha256: string },
): Promise<void> {
  writeFileAtomicSync(path, data, known);
}

/** Synchronous twin of writeFileAtomic, for worker threads and exit paths. */
export function writeFileAtomicSync(
  path: string,
  data: string | Uint8Array,
  known?: { sha256: string },
): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = tempPath(path);
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
    recordWritten(path, known?.sha256 ?? sha256(data));
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Write JSON (2-space, trailing newline) atomically. */
export function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** A line writer that streams to a temp file and only appears at `path` on commit. */
export interface AtomicWriter {
  write(text: string): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** Text is written in chunks this large: one write per record cost more than the work. */
const WRITE_CHUNK_CHARS = 1 << 20;

/**
 * Open an atomic streaming writer (the directory is created). Chunks are written synchronously:
 * a 1 MiB write to the page cache costs less than the thread-pool round trip of a stream, and the
 * pipeline's one thread has nothing else to do meanwhile.
 */
export function createAtomicWriter(path: string): AtomicWriter {
  mkdirSync(dirname(path), { recursive: true });
  const temp = tempPath(path);
  let descriptor: number | undefined = openSync(temp, 'w');
  const hash = createHash('sha256');
  let pending: string[] = [];
  let pendingChars = 0;
  const flush = () => {
    if (pendingChars === 0) return;
    if (descriptor === undefined) throw new Error(`${path}: write after commit or abort`);
    const chunk = Buffer.from(pending.join(''), 'utf8');
    pending = [];
    pendingChars = 0;
    hash.update(chunk);
    for (let written = 0; written < chunk.length; )
      written += writeSync(descriptor, chunk, written, chunk.length - written);
  };
  const close = () => {
    if (descriptor !== undefined) closeSync(descriptor);
    descriptor = undefined;
  };
  return {
    async write(text) {
      pending.push(text);
      pendingChars += text.length;
      if (pendingChars >= WRITE_CHUNK_CHARS) flush();
    },
    async commit() {
      flush();
      close();
      renameSync(temp, path);
      recordWritten(path, hash.digest('hex'));
    },
    async abort() {
      pending = [];
      pendingChars = 0;
      try {
        close();
      } finally {
        rmSync(temp, { force: true });
      }
    },
  };
}
