import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InfraLMError } from '../core/errors.js';
import { assignSplits, SPLIT_NAMES, type SplitItem, type SplitName, splitStats } from './split.js';

const ratios = { train: 0.8, validation: 0.1, test: 0.1 };
const STRATA = ['Deployment', 'Service', 'ConfigMap'];

/** Items for groups described as [group, stratum, count]. */
function itemsOf(groups: Array<[string, string, number]>): SplitItem[] {
  return groups.flatMap(([group, stratum, count]) =>
    Array.from({ length: count }, () => ({ group, stratum })),
  );
}

/** A group: its name, a dominant stratum and 1–30 items, a few of them in other strata. */
const groupArbitrary = fc.record({
  size: fc.integer({ min: 1, max: 30 }),
  stratum: fc.constantFrom(...STRATA),
  extra: fc.array(fc.constantFrom(...STRATA), { maxLength: 3 }),
});

function itemsFromGroups(groups: Array<{ size: number; stratum: string; extra: string[] }>): SplitItem[] {
  return groups.flatMap((group, index) => [
    ...Array.from({ length: group.size }, () => ({ group: `repo-${index}`, stratum: group.stratum })),
    ...group.extra.map((stratum) => ({ group: `repo-${index}`, stratum })),
  ]);
}

describe('assignSplits', () => {
  it('assigns every group exactly once and keeps all items of a group in one split', () => {
    fc.assert(
      fc.property(fc.array(groupArbitrary, { maxLength: 60 }), fc.integer(), (groups, seed) => {
        const items = itemsFromGroups(groups);
        const assignment = assignSplits(items, { ratios, seed });
        expect([...assignment.keys()].sort()).toEqual([...new Set(items.map((item) => item.group))].sort());
        const stats = splitStats(items, assignment);
        const groupTotal = SPLIT_NAMES.reduce((sum, name) => sum + stats.bySplit[name].groups, 0);
        // A group counted in two splits would make the per-split group counts add up to more.
        expect(groupTotal).toBe(assignment.size);
        expect(SPLIT_NAMES.reduce((sum, name) => sum + stats.bySplit[name].items, 0)).toBe(items.length);
      }),
    );
  });

  it('is deterministic for a seed and independent of the input order', () => {
    fc.assert(
      fc.property(
        fc
          .array(groupArbitrary, { minLength: 1, maxLength: 40 })
          .map(itemsFromGroups)
          .chain((items) =>
            fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length })),
          ),
        fc.integer(),
        ([items, shuffled], seed) => {
          const assignment = assignSplits(items, { ratios, seed });
          expect(assignSplits(items, { ratios, seed })).toEqual(assignment);
          expect(new Map([...assignSplits(shuffled, { ratios, seed })].sort())).toEqual(
            new Map([...assignment].sort()),
          );
        },
      ),
    );
  });

  it('lets the seed decide between equal-sized groups', () => {
    const items = itemsOf(Array.from({ length: 30 }, (_, index) => [`repo-${index}`, 'Service', 1]));
    const distinct = new Set(
      Array.from({ length: 10 }, (_, seed) => JSON.stringify([...assignSplits(items, { ratios, seed })])),
    );
    expect(distinct.size).toBeGreaterThan(1);
  });

  it('approaches the ratios overall (±5 points) and per stratum (±10 points) with 200 groups', () => {
    fc.assert(
      fc.property(
        fc.array(groupArbitrary, { minLength: 200, maxLength: 200 }),
        fc.integer(),
        fc.constantFrom(
          ratios,
          { train: 0.7, validation: 0.15, test: 0.15 },
          { train: 0.6, validation: 0.2, test: 0.2 },
        ),
        (groups, seed, targetRatios) => {
          const items = itemsFromGroups(groups);
          const stats = splitStats(items, assignSplits(items, { ratios: targetRatios, seed }));
          for (const name of SPLIT_NAMES) {
            expect(
              Math.abs(stats.bySplit[name].items / items.length - targetRatios[name]),
            ).toBeLessThanOrEqual(0.05);
          }
          for (const stratum of STRATA) {
            // Only strata that several groups feed can be balanced by moving whole groups.
            const groupsInStratum = groups.filter(
              (group) => group.stratum === stratum || group.extra.includes(stratum),
            ).length;
            if (groupsInStratum < 20) continue;
            const stratumTotal = items.filter((item) => item.stratum === stratum).length;
            for (const name of SPLIT_NAMES) {
              const share = (stats.bySplit[name].strata[stratum] ?? 0) / stratumTotal;
              expect(Math.abs(share - targetRatios[name])).toBeLessThanOrEqual(0.1);
            }
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('never leaves validation or test empty with three or more groups, however lumpy', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: 3, maxLength: 8 }),
        fc.integer(),
        (sizes, seed) => {
          const items = itemsOf(sizes.map((size, index) => [`repo-${index}`, 'Deployment', size]));
          const stats = splitStats(items, assignSplits(items, { ratios, seed }));
          for (const name of SPLIT_NAMES) expect(stats.bySplit[name].groups).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('handles 0, 1, 2 and 3 groups', () => {
    const options = { ratios, seed: 7 };
    expect(assignSplits([], options).size).toBe(0);
    expect([...assignSplits(itemsOf([['only', 'Service', 5]]), options)]).toEqual([['only', 'train']]);
    expect(
      assignSplits(
        itemsOf([
          ['small', 'Service', 3],
          ['large', 'Deployment', 40],
        ]),
        options,
      ),
    ).toEqual(
      new Map<string, SplitName>([
        ['large', 'train'],
        ['small', 'test'],
      ]),
    );
    const three = assignSplits(
      itemsOf([
        ['large', 'Deployment', 100],
        ['medium', 'Service', 20],
        ['small', 'ConfigMap', 10],
      ]),
      options,
    );
    expect(three.get('large')).toBe('train');
    expect(new Set(three.values())).toEqual(new Set(SPLIT_NAMES));
  });

  it('puts the five lumpy repositories of the real corpus into all three splits', () => {
    const items = itemsOf([
      ['kubeflow/manifests', 'Deployment', 900],
      ['kserve/kserve', 'Deployment', 500],
      ['SeldonIO/seldon-core', 'Service', 350],
      ['kubernetes/examples', 'Service', 200],
      ['NVIDIA/k8s-device-plugin', 'DaemonSet', 40],
    ]);
    const stats = splitStats(items, assignSplits(items, { ratios, seed: 1 }));
    for (const name of SPLIT_NAMES) expect(stats.bySplit[name].groups).toBeGreaterThan(0);
    expect(stats.bySplit.train.items).toBeGreaterThan(
      stats.bySplit.validation.items + stats.bySplit.test.items,
    );
  });

  it('leaves out splits whose ratio is zero and rejects invalid ratios', () => {
    const items = itemsOf(Array.from({ length: 10 }, (_, index) => [`repo-${index}`, 'Service', index + 1]));
    const assignment = assignSplits(items, { ratios: { train: 0.8, validation: 0, test: 0.2 }, seed: 1 });
    expect([...assignment.values()]).not.toContain('validation');
    expect(() => assignSplits(items, { ratios: { train: -1, validation: 1, test: 1 }, seed: 1 })).toThrow(
      InfraLMError,
    );
    expect(() => assignSplits(items, { ratios: { train: 0, validation: 0, test: 0 }, seed: 1 })).toThrow(
      /ratios/,
    );
  });
});

describe('splitStats', () => {
  it('counts items, groups and strata per split', () => {
    const items = itemsOf([
      ['a', 'Service', 2],
      ['a', 'Deployment', 1],
      ['b', 'Service', 4],
    ]);
    const stats = splitStats(
      items,
      new Map<string, SplitName>([
        ['a', 'test'],
        ['b', 'train'],
      ]),
    );
    expect(stats.bySplit).toEqual({
      train: { items: 4, groups: 1, strata: { Service: 4 } },
      validation: { items: 0, groups: 0, strata: {} },
      test: { items: 3, groups: 1, strata: { Service: 2, Deployment: 1 } },
    });
  });

  it('names a group that has no split', () => {
    expect(() => splitStats([{ group: 'lost', stratum: 'x' }], new Map())).toThrow(/lost/);
  });
});
