import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../core/atomic-write.js';
import { InfraLMError } from '../core/errors.js';
import { stableStringify } from '../core/hash.js';

/** What infralm.lock records for one stage (DVC lock semantics). */
export interface LockEntry {
  code: string;
  params: string;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  summary: StageSummary;
}

/** Items in/out and drops by reason, plus free counters (redactions by type, ...). */
export interface StageSummary {
  items_in: number;
  items_out: number;
  drops: Record<string, number>;
  counts: Record<string, number>;
}

export interface LockFile {
  version: 1;
  stages: Record<string, LockEntry>;
}

/** Path of the lock file in a workspace. */
export function lockPath(workspace: string): string {
  return join(workspace, 'infralm.lock');
}

/** Read infralm.lock (an empty lock when absent). */
export function readLock(workspace: string): LockFile {
  const path = lockPath(workspace);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { version: 1, stages: {} };
  }
  try {
    const parsed = JSON.parse(text) as LockFile;
    if (parsed.version !== 1 || typeof parsed.stages !== 'object') throw new Error('unknown lock version');
    return parsed;
  } catch (error) {
    throw new InfraLMError('INFRALM_ERR_RECORD_PARSE', `${(error as Error).message} (delete it to rebuild)`, {
      location: { file: path },
    });
  }
}

/** Write infralm.lock atomically with sorted keys, so equal runs give equal bytes. */
export function writeLock(workspace: string, lock: LockFile): void {
  writeFileAtomicSync(lockPath(workspace), `${JSON.stringify(JSON.parse(stableStringify(lock)), null, 2)}\n`);
}
