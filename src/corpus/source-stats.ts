import type { SourceStats } from './types.js';

/** Fresh, zeroed source counters. */
export function createSourceStats(): SourceStats {
  return { seen: 0, yielded: 0, bytes: 0, skipped: {} };
}

/** Count one skipped item under a reason. */
export function countSkip(stats: SourceStats, reason: string): void {
  stats.skipped[reason] = (stats.skipped[reason] ?? 0) + 1;
}
