// Group-isolated, stratified train/validation/test assignment.
//
// Whole groups (a repository, module or pull request) go to one split, so near-identical examples from
// the same source cannot leak between train and test. Groups are placed largest first, each in the split
// where it most reduces the squared deviation from the target counts (per stratum and in total); the
// small groups at the end fill the remaining gaps. Equal-sized groups are ordered by a seeded hash of
// their name, so the seed changes the result but a given seed always gives the same one, whatever the
// input order.

import { InfraLMError } from '../core/errors.js';
import { sha256 } from '../core/hash.js';

export type SplitName = 'train' | 'validation' | 'test';

/** The splits in their fixed order (also the tie-break order). */
export const SPLIT_NAMES: readonly SplitName[] = ['train', 'validation', 'test'];

/** Target ratios (any non-negative weights; they are normalised) and the seed for tie-breaking. */
export interface SplitOptions {
  ratios: { train: number; validation: number; test: number };
  seed: number;
}

/** One item to split: the group it must stay with and the stratum it counts towards. */
export interface SplitItem {
  group: string;
  stratum: string;
}

/** Per split: items, distinct groups and items per stratum. */
export interface SplitStats {
  bySplit: Record<SplitName, { items: number; groups: number; strata: Record<string, number> }>;
}

interface GroupCounts {
  name: string;
  total: number;
  /** Pairs of (stratum index, item count). */
  strata: Array<[number, number]>;
  tieBreak: string;
}

/** Assign whole groups to splits so no group is in two splits, approaching the ratios overall and per stratum. */
export function assignSplits(items: Iterable<SplitItem>, options: SplitOptions): Map<string, SplitName> {
  const ratios = normalisedRatios(options.ratios);
  const { groups, strataTotals } = aggregate(items, options.seed);
  const assignment = new Map<string, SplitName>();
  if (groups.length === 0) return assignment;

  const splitCount = SPLIT_NAMES.length;
  const strataCount = strataTotals.length;
  const total = strataTotals.reduce((sum, value) => sum + value, 0);
  // deviation[split * strataCount + stratum] = current − target; totals likewise per split.
  const deviation = new Float64Array(splitCount * strataCount);
  const totalDeviation = new Float64Array(splitCount);
  for (let split = 0; split < splitCount; split++) {
    totalDeviation[split] = -total * ratios[split]!;
    for (let stratum = 0; stratum < strataCount; stratum++) {
      deviation[split * strataCount + stratum] = -strataTotals[stratum]! * ratios[split]!;
    }
  }
  const groupsPerSplit = new Int32Array(splitCount);
  const required = requiredSplits(groups.length, ratios);

  for (let position = 0; position < groups.length; position++) {
    const group = groups[position]!;
    const remaining = groups.length - position;
    const emptyRequired = required.filter((split) => groupsPerSplit[split] === 0);
    // Once only as many groups are left as required splits are empty, each must go to one of those.
    const candidates =
      remaining <= emptyRequired.length
        ? emptyRequired
        : SPLIT_NAMES.map((_, split) => split).filter((split) => ratios[split]! > 0);
    let bestSplit = candidates[0]!;
    let bestDelta = Number.POSITIVE_INFINITY;
    for (const split of candidates) {
      // (d + g)² − d² = g (2d + g), summed over the group's strata and the total.
      let delta = group.total * (2 * totalDeviation[split]! + group.total);
      for (const [stratum, count] of group.strata) {
        delta += count * (2 * deviation[split * strataCount + stratum]! + count);
      }
      if (delta < bestDelta) {
        bestDelta = delta;
        bestSplit = split;
      }
    }
    totalDeviation[bestSplit] = totalDeviation[bestSplit]! + group.total;
    for (const [stratum, count] of group.strata) {
      const cell = bestSplit * strataCount + stratum;
      deviation[cell] = deviation[cell]! + count;
    }
    groupsPerSplit[bestSplit] = groupsPerSplit[bestSplit]! + 1;
    assignment.set(group.name, SPLIT_NAMES[bestSplit]!);
  }
  return assignment;
}

/** Counts items, groups and strata per split for an assignment from `assignSplits`. */
export function splitStats(
  items: Iterable<SplitItem>,
  assignment: ReadonlyMap<string, SplitName>,
): SplitStats {
  const bySplit = {} as SplitStats['bySplit'];
  const groupsSeen = {} as Record<SplitName, Set<string>>;
  for (const name of SPLIT_NAMES) {
    bySplit[name] = { items: 0, groups: 0, strata: {} };
    groupsSeen[name] = new Set();
  }
  for (const item of items) {
    const split = assignment.get(item.group);
    if (split === undefined) {
      throw new InfraLMError('INFRALM_ERR_USAGE', `group ${item.group} has no split in the assignment`);
    }
    const stats = bySplit[split];
    stats.items++;
    stats.strata[item.stratum] = (stats.strata[item.stratum] ?? 0) + 1;
    groupsSeen[split].add(item.group);
  }
  for (const name of SPLIT_NAMES) bySplit[name].groups = groupsSeen[name].size;
  return { bySplit };
}

/** Splits that must receive a group: 1 group → train; 2 → train and test; 3 or more → all (ratio > 0). */
function requiredSplits(groupCount: number, ratios: number[]): number[] {
  const wanted: SplitName[] =
    groupCount === 1 ? ['train'] : groupCount === 2 ? ['train', 'test'] : ['train', 'validation', 'test'];
  return wanted.map((name) => SPLIT_NAMES.indexOf(name)).filter((split) => ratios[split]! > 0);
}

function normalisedRatios(ratios: SplitOptions['ratios']): number[] {
  const values = SPLIT_NAMES.map((name) => ratios[name]);
  const sum = values.reduce((accumulated, value) => accumulated + value, 0);
  if (values.some((value) => !Number.isFinite(value) || value < 0) || !(sum > 0)) {
    throw new InfraLMError(
      'INFRALM_ERR_CONFIG_INVALID',
      `split ratios must be non-negative numbers with a positive sum, got ${JSON.stringify(ratios)}`,
    );
  }
  return values.map((value) => value / sum);
}

function aggregate(
  items: Iterable<SplitItem>,
  seed: number,
): { groups: GroupCounts[]; strataTotals: number[] } {
  const byGroup = new Map<string, Map<string, number>>();
  const totalsByStratum = new Map<string, number>();
  for (const item of items) {
    totalsByStratum.set(item.stratum, (totalsByStratum.get(item.stratum) ?? 0) + 1);
    let counts = byGroup.get(item.group);
    if (counts === undefined) {
      counts = new Map();
      byGroup.set(item.group, counts);
    }
    counts.set(item.stratum, (counts.get(item.stratum) ?? 0) + 1);
  }
  // Strata indexed in sorted order so float sums, and so ties, do not depend on the input order.
  const strataNames = [...totalsByStratum.keys()].sort(compareText);
  const strataIndex = new Map(strataNames.map((name, index) => [name, index]));
  const strataTotals = strataNames.map((name) => totalsByStratum.get(name)!);
  const groups: GroupCounts[] = [];
  for (const [name, counts] of byGroup) {
    let total = 0;
    const strata: Array<[number, number]> = [];
    for (const [stratum, count] of counts) {
      total += count;
      strata.push([strataIndex.get(stratum)!, count]);
    }
    strata.sort((a, b) => a[0] - b[0]);
    groups.push({ name, total, strata, tieBreak: sha256(`${seed}\u0000${name}`) });
  }
  groups.sort(
    (a, b) => b.total - a.total || compareText(a.tieBreak, b.tieBreak) || compareText(a.name, b.name),
  );
  return { groups, strataTotals };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
