// Bronze for the GitHub crawl: every response as fetched, one `<name>.json` per response holding the
// request (method, URL, media type), the status, the content headers and the body, and beside it
// `<name>.meta.json` with what changes from fetch to fetch (time, rate-limit headers, request id,
// whether a 304 served it). Equal answers therefore give byte-identical `<name>.json` files.

import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from '../../core/atomic-write.js';
import type { FetchedResponse } from './github-fetcher.js';

/** Writes one pull request's responses into its folder. */
export interface BronzeRecorder {
  readonly directory: string;
  record(name: string, response: FetchedResponse): Promise<void>;
  /** Remove files an earlier, different fetch of this pull request left (more pages, older diffs). */
  prune(): Promise<void>;
}

/** A recorder for one folder; names must be plain file names without extension. */
export function createBronzeRecorder(directory: string): BronzeRecorder {
  const written = new Set<string>();
  return {
    directory,
    async record(name, response) {
      if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`bad bronze file name: ${name}`);
      await writeJsonAtomic(join(directory, `${name}.json`), {
        request: { method: response.method, url: response.url, accept: response.accept },
        status: response.status,
        headers: response.headers,
        body: bodyOf(response),
      });
      await writeJsonAtomic(join(directory, `${name}.meta.json`), response.meta);
      written.add(`${name}.json`);
      written.add(`${name}.meta.json`);
    },
    async prune() {
      let names: string[];
      try {
        names = await readdir(directory);
      } catch {
        return;
      }
      for (const name of names) {
        if (!written.has(name)) await rm(join(directory, name), { force: true, recursive: true });
      }
    },
  };
}

function bodyOf(response: FetchedResponse): unknown {
  if (!/json/i.test(response.headers['content-type'] ?? '')) return response.text;
  try {
    return JSON.parse(response.text);
  } catch {
    return response.text;
  }
}
