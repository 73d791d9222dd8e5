import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeJsonAtomic } from '../../core/atomic-write.js';
import { findExactDuplicates } from '../../quality/exact-duplicates.js';
import {
  findNearDuplicates,
  lshParameters,
  type NearDuplicateCluster,
} from '../../quality/near-duplicates.js';
import { manifestPaths } from './paths.js';
import type { CandidateKey } from './prepare-shard.js';

export interface DedupOptions {
  near: boolean;
  threshold: number;
  numPermutations: number;
}

/** What silver/manifest/dedup.json holds: clusters and the record keys (order) to drop. */
export interface DedupResult {
  candidates: number;
  exact: { clusters: number; removed: number; list: NearDuplicateCluster[] };
  near: {
    enabled: boolean;
    threshold: number;
    bands: number;
    rows: number;
    clusters: number;
    removed: number;
    list: NearDuplicateCluster[];
  };
  removed: string[];
}

/** The candidate shard files in shard order. */
export function candidateFiles(workspace: string): string[] {
  const directory = manifestPaths(workspace).candidates;
  return readdirSync(directory)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => join(directory, name));
}

/** The candidates' keys (id, order, group, stratum, signature) in candidate order, from silver/manifest/keys. */
export function* candidateKeys(workspace: string): Generator<CandidateKey> {
  const directory = manifestPaths(workspace).keys;
  for (const file of candidateFiles(workspace)) {
    const keysFile = join(directory, basename(file).replace(/\.jsonl$/, '.json'));
    yield* JSON.parse(readFileSync(keysFile, 'utf8')) as CandidateKey[];
  }
}

/** Exact then near-duplicate detection over all candidates; keeps one per cluster (smallest repo/path). */
export async function dedupManifest(workspace: string, options: DedupOptions): Promise<DedupResult> {
  const exactItems: { id: string; key: string; order: string }[] = [];
  const signatures = new Map<string, Uint32Array>();
  for (const candidate of candidateKeys(workspace)) {
    exactItems.push({ id: candidate.id, key: candidate.order, order: candidate.order });
    if (options.near) {
      const bytes = Buffer.from(candidate.signature, 'base64');
      signatures.set(candidate.order, new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
    }
  }
  const exact = findExactDuplicates(exactItems);
  const { bands, rows } = lshParameters(options.threshold, options.numPermutations);
  let near = { clusters: [] as NearDuplicateCluster[], duplicates: new Set<string>() };
  if (options.near) {
    const survivors = exactItems
      .filter((item) => !exact.duplicates.has(item.key))
      .map((item) => ({ id: item.key, order: item.order, signature: signatures.get(item.key)! }));
    near = findNearDuplicates(survivors, {
      threshold: options.threshold,
      numPermutations: options.numPermutations,
    });
  }
  const removed = [...exact.duplicates, ...near.duplicates].sort();
  const result: DedupResult = {
    candidates: exactItems.length,
    exact: { clusters: exact.clusters.length, removed: exact.duplicates.size, list: exact.clusters },
    near: {
      enabled: options.near,
      threshold: options.threshold,
      bands,
      rows,
      clusters: near.clusters.length,
      removed: near.duplicates.size,
      list: near.clusters,
    },
    removed,
  };
  await writeJsonAtomic(manifestPaths(workspace).dedup, result);
  return result;
}
