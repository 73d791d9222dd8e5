import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

// Temp file in the same directory, then rename: readers see the old bytes or the new, never half.

function tempPath(path: string): string {
  return `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Write a file atomically (creating its directory). */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPath(path);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Synchronous twin of writeFileAtomic, for worker threads and exit paths. */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = tempPath(path);
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
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

/** Text is handed to the stream in chunks this large: one write per record cost more than the work. */
const WRITE_CHUNK_CHARS = 1 << 20;

/** Open an atomic streaming writer (the directory is created). */
export function createAtomicWriter(path: string): AtomicWriter {
  mkdirSync(dirname(path), { recursive: true });
  const temp = tempPath(path);
  const stream = createWriteStream(temp);
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  let pending: string[] = [];
  let pendingChars = 0;
  const flush = (): Promise<void> => {
    if (pendingChars === 0) return Promise.resolve();
    const chunk = pending.join('');
    pending = [];
    pendingChars = 0;
    if (stream.write(chunk)) return Promise.resolve();
    return new Promise((resolve) => stream.once('drain', resolve));
  };
  return {
    write(text) {
      pending.push(text);
      pendingChars += text.length;
      return pendingChars >= WRITE_CHUNK_CHARS ? flush() : Promise.resolve();
    },
    async commit() {
      await flush();
      stream.end();
      await finished;
      await rename(temp, path);
    },
    async abort() {
      stream.destroy();
      await rm(temp, { force: true });
    },
  };
}
