// The processed log, which is also the crawl's checkpoint: one JSON line per pull request, appended
// only after its bronze files and silver rows are on disk. A line is written with one append of a
// few hundred bytes, so a kill leaves at most a torn last line; opening the log cuts that off (that
// pull request was not finished and is fetched again). For a pull request logged twice (an online
// rerun), the last line wins.

import { appendFile, mkdir, readFile, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { InfraLMError } from '../../core/errors.js';

/** One finished (or permanently failed) pull request. */
export interface ProcessedEntry {
  repo: string;
  number: number;
  status: 'ok' | 'failed';
  head_sha: string | null;
  comments: number;
  threads: number;
  /** Why it failed (status "failed" only). */
  reason?: string;
}

/** An open processed log. */
export interface ProcessedLog {
  /** Latest entry per `owner/name#N`. */
  readonly entries: ReadonlyMap<string, ProcessedEntry>;
  has(repo: string, number: number): boolean;
  append(entry: ProcessedEntry): Promise<void>;
}

/** The key of a pull request in the log. */
export function processedKey(repo: string, number: number): string {
  return `${repo}#${number}`;
}

/** Read the log (missing = empty), repairing a torn last line. */
export async function openProcessedLog(path: string): Promise<ProcessedLog> {
  const entries = new Map<string, ProcessedEntry>();
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const complete = text.lastIndexOf('\n') + 1;
  if (complete < text.length) await truncate(path, Buffer.byteLength(text.slice(0, complete)));
  text
    .slice(0, complete)
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      let entry: ProcessedEntry;
      try {
        entry = JSON.parse(line) as ProcessedEntry;
      } catch (error) {
        throw new InfraLMError('INFRALM_ERR_RECORD_PARSE', (error as Error).message, {
          location: { file: path, line: index + 1 },
        });
      }
      entries.set(processedKey(entry.repo, entry.number), entry);
    });
  await mkdir(dirname(path), { recursive: true });
  return {
    entries,
    has: (repo, number) => entries.has(processedKey(repo, number)),
    async append(entry) {
      await appendFile(path, `${JSON.stringify(entry)}\n`);
      entries.set(processedKey(entry.repo, entry.number), entry);
    },
  };
}
