import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../core/atomic-write.js';
import { sha256, stableStringify } from '../core/hash.js';
import type { Generation } from '../models/types.js';

// Predictions cached on disk: runs/.cache/<model-hash>/<request-hash>.json. The model hash covers
// the model's fingerprint (code version, endpoint, model name), the request hash what was asked
// (the input, or the messages sent and the sampling settings). Transport failures are not cached,
// so a rerun retries them; everything else — answers that do not parse included — is.

export interface CachedGeneration<O> extends Generation<O> {
  latency_ms: number;
}

/** A prediction cache rooted at a folder (usually `<workspace>/runs/.cache`). */
export class PredictionCache {
  private readonly described = new Set<string>();

  constructor(readonly root: string) {}

  private modelDirectory(fingerprint: string): string {
    return join(this.root, sha256(fingerprint).slice(0, 24));
  }

  /** The file that holds one request's answer. */
  path(fingerprint: string, requestKey: unknown): string {
    return join(this.modelDirectory(fingerprint), `${sha256(stableStringify(requestKey))}.json`);
  }

  /** The cached answer, or undefined (a corrupt entry counts as missing). */
  get<O>(fingerprint: string, requestKey: unknown): CachedGeneration<O> | undefined {
    try {
      return JSON.parse(readFileSync(this.path(fingerprint, requestKey), 'utf8')) as CachedGeneration<O>;
    } catch {
      return undefined;
    }
  }

  /** Store an answer unless it is a transport failure. */
  async set<O>(fingerprint: string, requestKey: unknown, generation: CachedGeneration<O>): Promise<void> {
    if (generation.failure?.kind === 'transport') return;
    if (!this.described.has(fingerprint)) {
      this.described.add(fingerprint);
      await writeJsonAtomic(join(this.modelDirectory(fingerprint), 'model.json'), { fingerprint });
    }
    await writeFileAtomic(this.path(fingerprint, requestKey), JSON.stringify(generation));
  }
}
