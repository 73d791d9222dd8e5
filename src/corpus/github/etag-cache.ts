// Conditional requests: GitHub answers `If-None-Match: <etag>` with 304 when nothing changed, and a
// 304 sent with valid credentials does not count against the primary rate limit. The cache keeps,
// per URL and media type, the last ETag and the body it belongs to; one small JSON file each.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from '../../core/atomic-write.js';
import { sha256 } from '../../core/hash.js';

/** What a 304 stands for: the earlier 200 response. */
export interface CachedResponse {
  url: string;
  accept: string;
  etag: string;
  /** The response headers kept in bronze (content-type, link, ...). */
  headers: Record<string, string>;
  text: string;
}

/** A cache of conditional-request validators and bodies. */
export interface EtagCache {
  read(url: string, accept: string): Promise<CachedResponse | undefined>;
  write(entry: CachedResponse): Promise<void>;
}

/** A cache in one folder; unreadable or foreign entries count as misses. */
export function createEtagCache(directory: string): EtagCache {
  const fileOf = (url: string, accept: string): string =>
    join(directory, `${sha256(`${accept} ${url}`)}.json`);
  return {
    async read(url, accept) {
      try {
        const entry = JSON.parse(await readFile(fileOf(url, accept), 'utf8')) as CachedResponse;
        return entry.url === url && entry.accept === accept && typeof entry.etag === 'string'
          ? entry
          : undefined;
      } catch {
        return undefined;
      }
    },
    async write(entry) {
      await writeJsonAtomic(fileOf(entry.url, entry.accept), entry);
    },
  };
}
