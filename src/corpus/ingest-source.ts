import { join } from 'node:path';
import { writeJsonAtomic } from '../core/atomic-write.js';
import { writeBronze } from './bronze-store.js';
import { directorySource } from './directory-source.js';
import type { BronzeManifest, BronzeShard, SourceStats } from './types.js';

/** Where a source's documents come from (paths already resolved). */
export type SourceSpec =
  | { kind: 'directory'; path: string; maxBytes: number }
  | { kind: 'parquet'; location: string; maxRows?: number; token?: string };

/**
 * Stream a source into its bronze store (shards + manifest) and record the source's own counts; a
 * directory source also gives its directoryFingerprint, taken from the reads themselves.
 */
export async function ingestSource(
  source: SourceSpec,
  directory: string,
  options: { shardDocuments?: number; onShard?: (shard: BronzeShard) => void } = {},
): Promise<{ manifest: BronzeManifest; stats: SourceStats; fingerprint?: string }> {
  const stats: SourceStats = { seen: 0, yielded: 0, bytes: 0, skipped: {} };
  let fingerprint: string | undefined;
  // The parquet reader (hyparquet and its codecs) loads only for a parquet source.
  const documents =
    source.kind === 'directory'
      ? directorySource(source.path, {
          maxBytes: source.maxBytes,
          stats,
          onFingerprint: (value) => {
            fingerprint = value;
          },
        })
      : (await import('./parquet-source.js')).parquetSource(source.location, {
          maxRows: source.maxRows,
          token: source.token,
          stats,
        });
  const manifest = await writeBronze(directory, documents, {
    shardDocuments: options.shardDocuments ?? 256,
    onShard: options.onShard,
  });
  await writeJsonAtomic(join(directory, 'source-stats.json'), stats);
  return { manifest, stats, fingerprint };
}
