import { join } from 'node:path';

/** Where the manifest pipeline keeps its files inside a workspace. */
export function manifestPaths(workspace: string) {
  const silver = join(workspace, 'silver', 'manifest');
  const gold = join(workspace, 'gold', 'manifest');
  const reports = join(workspace, 'reports', 'manifest');
  return {
    silver,
    candidates: join(silver, 'candidates'),
    rejected: join(silver, 'rejected'),
    markers: join(silver, 'markers'),
    /** Per shard, the few fields dedup and the split read, so they need not parse whole candidates. */
    keys: join(silver, 'keys'),
    prepareSummary: join(silver, 'prepare.json'),
    dedup: join(silver, 'dedup.json'),
    gold,
    split: (name: string) => join(gold, `${name}.jsonl`),
    splitMeta: (name: string) => join(gold, `${name}.meta.jsonl`),
    balanced: join(gold, 'train.balanced.jsonl'),
    splitStats: join(gold, 'stats.json'),
    card: join(gold, 'README.md'),
    reports,
    report: (name: string, extension: 'json' | 'md') => join(reports, `${name}.${extension}`),
  };
}
