// Exact duplicates: records whose content hash is equal. One pass, one map entry per distinct hash; a
// member list is only allocated once a hash is seen a second time, so a mostly-unique corpus costs one
// small object per record.

import type { DuplicateClusters, NearDuplicateCluster } from './near-duplicates.js';

/** Input of `findExactDuplicates`: the content hash, the record it belongs to and the keep-order key. */
export interface HashedRecord {
  /** Content hash (e.g. sha256 of the normalised text). */
  id: string;
  /** Record id; assumed unique across the input. */
  key: string;
  /** Sort key: the record with the smallest order is kept. */
  order: string;
}

interface Entry {
  key: string;
  order: string;
}

/** Clusters records that share a content hash; kept = the smallest `order` (then key), whatever the input order. */
export function findExactDuplicates(items: Iterable<HashedRecord>): DuplicateClusters {
  const byHash = new Map<string, Entry | Entry[]>();
  for (const item of items) {
    const entry = { key: item.key, order: item.order };
    const existing = byHash.get(item.id);
    if (existing === undefined) byHash.set(item.id, entry);
    else if (Array.isArray(existing)) existing.push(entry);
    else byHash.set(item.id, [existing, entry]);
  }
  const sortedGroups: Entry[][] = [];
  for (const group of byHash.values())
    if (Array.isArray(group)) sortedGroups.push(group.sort(compareEntries));
  // Ordered by the kept member so the output does not depend on the input order.
  sortedGroups.sort((a, b) => compareEntries(a[0]!, b[0]!));
  const clusters: NearDuplicateCluster[] = [];
  const duplicates = new Set<string>();
  for (const group of sortedGroups) {
    for (let index = 1; index < group.length; index++) duplicates.add(group[index]!.key);
    clusters.push({ kept: group[0]!.key, members: group.map((entry) => entry.key), similarity: 1 });
  }
  return { clusters, duplicates };
}

function compareEntries(a: Entry, b: Entry): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return 0;
}
