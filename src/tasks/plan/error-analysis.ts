import type { Scored } from '../../core/types.js';
import { changePairs } from './metrics.js';
import type { PlanTarget } from './types.js';

// Which address patterns a predictor misses, in a form the synthetic generator reads back
// (`infralm build plan --augment-from RUN_DIR`): the seed's error-mitigation loop.

/** Address features the synthetic templates can produce more of. */
export const ADDRESS_CATEGORIES = [
  'count_index',
  'for_each_key',
  'nested_module',
  'module_count',
  'module_for_each',
  'data_read',
  'plain',
] as const;
export type AddressCategory = (typeof ADDRESS_CATEGORIES)[number];

/** `module.a[0].aws_x.y["k"]` → `module.*[N].aws_x.*["K"]`: the shape of an address. */
export function addressPattern(address: string): string {
  return address
    .replace(/\[\d+\]/g, '[N]')
    .replace(/\["(?:[^"\\]|\\.)*"\]/g, '["K"]')
    .replace(/module\.[A-Za-z0-9_-]+/g, 'module.*')
    .replace(/((?:^|\.)(?:data\.)?[A-Za-z0-9-]+_[A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+/g, '$1.*');
}

/** The categories an address belongs to. */
export function addressCategories(address: string, actions: string[] = []): AddressCategory[] {
  const categories = new Set<AddressCategory>();
  const moduleSteps = [...address.matchAll(/module\.[A-Za-z0-9_-]+(\[[^\]]*\])?/g)];
  if (moduleSteps.length > 1) categories.add('nested_module');
  for (const step of moduleSteps) {
    if (step[1]?.startsWith('["')) categories.add('module_for_each');
    else if (step[1]) categories.add('module_count');
  }
  const resourcePart = address.replace(/^(module\.[A-Za-z0-9_-]+(\[[^\]]*\])?\.)*/, '');
  if (/\[\d+\]$/.test(resourcePart)) categories.add('count_index');
  if (/\["(?:[^"\\]|\\.)*"\]$/.test(resourcePart)) categories.add('for_each_key');
  if (resourcePart.startsWith('data.') || actions.includes('read')) categories.add('data_read');
  if (categories.size === 0) categories.add('plain');
  return [...categories];
}

export interface PlanErrorAnalysis {
  task: 'plan';
  examples: number;
  missed_pairs: number;
  spurious_pairs: number;
  /** Missed pairs per category (an address may be in several). */
  missed_by_category: Record<AddressCategory, number>;
  /** Expected pairs per category, so rates can be computed. */
  expected_by_category: Record<AddressCategory, number>;
  missed_patterns: { pattern: string; count: number; example: string }[];
  spurious_patterns: { pattern: string; count: number; example: string }[];
}

/** Missed and spurious (address, action) pairs of a run, by pattern and category. */
export function analyzePlanErrors(pairs: Scored<PlanTarget>[]): PlanErrorAnalysis {
  const zero = () =>
    Object.fromEntries(ADDRESS_CATEGORIES.map((category) => [category, 0])) as Record<
      AddressCategory,
      number
    >;
  const missedByCategory = zero();
  const expectedByCategory = zero();
  const missed = new Map<string, { count: number; example: string }>();
  const spurious = new Map<string, { count: number; example: string }>();
  let missedPairs = 0;
  let spuriousPairs = 0;
  const bump = (map: Map<string, { count: number; example: string }>, pair: string) => {
    const address = pair.slice(0, pair.lastIndexOf(' '));
    const pattern = `${addressPattern(address)} ${pair.slice(pair.lastIndexOf(' ') + 1)}`;
    const entry = map.get(pattern) ?? { count: 0, example: pair };
    entry.count++;
    map.set(pattern, entry);
  };
  for (const pair of pairs) {
    const expected = changePairs(pair.target);
    const predicted = pair.prediction ? changePairs(pair.prediction) : new Set<string>();
    for (const item of expected) {
      const [address, action] = [item.slice(0, item.lastIndexOf(' ')), item.slice(item.lastIndexOf(' ') + 1)];
      const categories = addressCategories(address, action.split('+'));
      for (const category of categories) expectedByCategory[category]++;
      if (predicted.has(item)) continue;
      missedPairs++;
      for (const category of categories) missedByCategory[category]++;
      bump(missed, item);
    }
    for (const item of predicted) {
      if (expected.has(item)) continue;
      spuriousPairs++;
      bump(spurious, item);
    }
  }
  const list = (map: Map<string, { count: number; example: string }>) =>
    [...map]
      .map(([pattern, entry]) => ({ pattern, ...entry }))
      .sort((a, b) => b.count - a.count || (a.pattern < b.pattern ? -1 : 1));
  return {
    task: 'plan',
    examples: pairs.length,
    missed_pairs: missedPairs,
    spurious_pairs: spuriousPairs,
    missed_by_category: missedByCategory,
    expected_by_category: expectedByCategory,
    missed_patterns: list(missed),
    spurious_patterns: list(spurious),
  };
}
