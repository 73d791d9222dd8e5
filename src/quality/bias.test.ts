import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InfraLMError } from '../core/errors.js';
import {
  biasReport,
  classifySizeBucket,
  greatestBalancedCounts,
  MISSING_STRATUM,
  mitigateBias,
  type StratifiedRecord,
} from './bias.js';

// Records whose iac_type slices have the given sizes, ids interleaved so slices are not contiguous.
function recordsWithSlices(sizes: Record<string, number>): StratifiedRecord[] {
  const records: StratifiedRecord[] = [];
  const remaining = new Map(Object.entries(sizes));
  let index = 0;
  while ([...remaining.values()].some((count) => count > 0)) {
    for (const [value, count] of remaining) {
      if (count === 0) continue;
      records.push({ id: `record-${index++}`, strata: { iac_type: value } });
      remaining.set(value, count - 1);
    }
  }
  return records;
}

function sharesOf(records: StratifiedRecord[], keptIds: string[]): Map<string, number> {
  const byId = new Map(records.map((record) => [record.id, record.strata.iac_type ?? MISSING_STRATUM]));
  const counts = new Map<string, number>();
  for (const id of keptIds) counts.set(byId.get(id)!, (counts.get(byId.get(id)!) ?? 0) + 1);
  return new Map([...counts].map(([value, count]) => [value, count / keptIds.length]));
}

function isSubsequence(part: string[], whole: string[]): boolean {
  let position = 0;
  for (const id of whole) if (id === part[position]) position++;
  return position === part.length;
}

describe('classifySizeBucket', () => {
  it('buckets at 1, 10 and 100 KiB', () => {
    const cases: [number, string][] = [
      [0, '<1KB'],
      [1023, '<1KB'],
      [1024, '1-10KB'],
      [10 * 1024 - 1, '1-10KB'],
      [10 * 1024, '10-100KB'],
      [100 * 1024 - 1, '10-100KB'],
      [100 * 1024, '>=100KB'],
      [50_000_000, '>=100KB'],
    ];
    for (const [bytes, bucket] of cases) expect(classifySizeBucket(bytes)).toBe(bucket);
  });

  it('rejects sizes that are not byte counts', () => {
    for (const bytes of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => classifySizeBucket(bytes)).toThrow(InfraLMError);
    }
  });
});

describe('biasReport', () => {
  const records: StratifiedRecord[] = [
    ...Array.from({ length: 6 }, (_, index) => ({
      id: `k${index}`,
      strata: { iac_type: 'kserve', license: 'MIT' },
    })),
    ...Array.from({ length: 3 }, (_, index) => ({
      id: `s${index}`,
      strata: { iac_type: 'seldon', license: 'MIT' },
    })),
    ...Array.from({ length: 3 }, (_, index) => ({
      id: `w${index}`,
      strata: { iac_type: 'k8s_workload', license: 'MIT' },
    })),
    ...Array.from({ length: 7 }, (_, index) => ({
      id: `c${index}`,
      strata: { iac_type: 'k8s_config', license: 'MIT' },
    })),
    { id: 'x', strata: { iac_type: 'kserve' } },
  ];
  const options = { dimensions: ['iac_type', 'license'], maxShare: 0.3, minShare: 0.1 };

  it('lists slices by count, then value, with shares', () => {
    const report = biasReport(records, options);
    expect(report.total).toBe(20);
    expect(report.dimensions.iac_type).toEqual([
      { value: 'k8s_config', count: 7, share: 0.35 },
      { value: 'kserve', count: 7, share: 0.35 },
      { value: 'k8s_workload', count: 3, share: 0.15 },
      { value: 'seldon', count: 3, share: 0.15 },
    ]);
    expect(report.dimensions.license).toEqual([
      { value: 'MIT', count: 19, share: 0.95 },
      { value: MISSING_STRATUM, count: 1, share: 0.05 },
    ]);
  });

  it('flags over- and under-represented slices', () => {
    const report = biasReport(records, options);
    expect(report.imbalances).toEqual([
      { dimension: 'iac_type', value: 'k8s_config', share: 0.35, kind: 'over' },
      { dimension: 'iac_type', value: 'kserve', share: 0.35, kind: 'over' },
      { dimension: 'license', value: 'MIT', share: 0.95, kind: 'over' },
      { dimension: 'license', value: MISSING_STRATUM, share: 0.05, kind: 'under' },
    ]);
    expect(report.imbalances_found).toBe(4);
  });

  it('does not flag a share equal to the cap, nor a lone slice as under-represented', () => {
    const even = recordsWithSlices({ a: 2, b: 2, c: 1 });
    expect(biasReport(even, { dimensions: ['iac_type'], maxShare: 0.4, minShare: 0.2 }).imbalances).toEqual(
      [],
    );
    const lone = biasReport(even, { dimensions: ['license'], maxShare: 1, minShare: 0.99 });
    expect(lone.dimensions.license).toEqual([{ value: MISSING_STRATUM, count: 5, share: 1 }]);
    expect(lone.imbalances).toEqual([]);
  });

  it('defaults minShare to 5% and handles no records', () => {
    const report = biasReport([], { dimensions: ['iac_type'], maxShare: 0.4 });
    expect(report).toMatchObject({ total: 0, min_share: 0.05, dimensions: { iac_type: [] }, imbalances: [] });
  });

  it('reads only own strata properties', () => {
    const report = biasReport([{ id: 'a', strata: {} }], { dimensions: ['constructor'], maxShare: 1 });
    expect(report.dimensions.constructor).toEqual([{ value: MISSING_STRATUM, count: 1, share: 1 }]);
  });

  it('counts every record once per dimension (property)', () => {
    const record = fc.record({
      id: fc.uuid(),
      strata: fc.record({
        iac_type: fc.constantFrom('a', 'b', 'c', 'd'),
        license: fc.constantFrom('MIT', 'BSD'),
      }),
    });
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 50 }),
        fc.double({ min: 0.1, max: 1, noNaN: true }),
        (items, maxShare) => {
          const report = biasReport(items, { dimensions: ['iac_type', 'license'], maxShare });
          for (const slices of Object.values(report.dimensions)) {
            expect(slices.reduce((sum, slice) => sum + slice.count, 0)).toBe(items.length);
          }
          for (const imbalance of report.imbalances.filter((item) => item.kind === 'over')) {
            const slice = report.dimensions[imbalance.dimension]?.find(
              (item) => item.value === imbalance.value,
            );
            expect(slice!.count / items.length).toBeGreaterThan(maxShare);
          }
        },
      ),
    );
  });
});

describe('mitigateBias', () => {
  it('brings 45/45/10 down to 20/20/10 at a 40% cap', () => {
    const records = recordsWithSlices({ kserve: 45, seldon: 45, k8s_config: 10 });
    const result = mitigateBias(records, { dimension: 'iac_type', maxShare: 0.4, seed: 42 });
    expect(result).toMatchObject({
      original_total: 100,
      balanced_total: 50,
      feasible: true,
      removed_by_slice: { k8s_config: 0, kserve: 25, seldon: 25 },
      kept_by_slice: { k8s_config: 10, kserve: 20, seldon: 20 },
      final_shares: { k8s_config: 0.2, kserve: 0.4, seldon: 0.4 },
    });
    expect(result.keptIds).toHaveLength(50);
    // Inverse frequency: the small slice weighs twice as much as each big one.
    const weight = (id: string) => result.weights.get(id)!;
    const config = records.find((record) => record.strata.iac_type === 'k8s_config')!;
    const kserve = records.find(
      (record) => record.strata.iac_type === 'kserve' && result.weights.has(record.id),
    )!;
    expect(weight(config.id)).toBeCloseTo(2 * weight(kserve.id), 5);
  });

  it('leaves a balanced set untouched with weights of 1', () => {
    const records = recordsWithSlices({ a: 10, b: 10, c: 10 });
    const result = mitigateBias(records, { dimension: 'iac_type', maxShare: 0.4, seed: 1 });
    expect(result.keptIds).toEqual(records.map((record) => record.id));
    expect([...result.weights.values()].every((weight) => weight === 1)).toBe(true);
  });

  it('keeps everything and says so when the cap cannot be met', () => {
    for (const sizes of [{ only: 30 }, { a: 30, b: 5 }] as Record<string, number>[]) {
      const records = recordsWithSlices(sizes);
      const result = mitigateBias(records, { dimension: 'iac_type', maxShare: 0.4, seed: 7 });
      expect(result.feasible).toBe(false);
      expect(result.keptIds).toEqual(records.map((record) => record.id));
      const weights = [...result.weights.values()];
      expect(weights.reduce((sum, weight) => sum + weight, 0) / weights.length).toBeCloseTo(1, 5);
    }
  });

  it('handles no records', () => {
    expect(mitigateBias([], { dimension: 'iac_type', maxShare: 0.4, seed: 1 })).toMatchObject({
      keptIds: [],
      original_total: 0,
      balanced_total: 0,
      feasible: true,
    });
  });

  it('rejects duplicate ids', () => {
    const records = [
      { id: 'same', strata: { iac_type: 'a' } },
      { id: 'same', strata: { iac_type: 'b' } },
    ];
    expect(() => mitigateBias(records, { dimension: 'iac_type', maxShare: 0.5, seed: 1 })).toThrow(
      /duplicate record id/,
    );
  });

  it('chooses by seed and id, not by input order', () => {
    const records = recordsWithSlices({ a: 300, b: 60, c: 40 });
    const options = { dimension: 'iac_type', maxShare: 0.4, seed: 42 };
    const first = mitigateBias(records, options);
    expect(mitigateBias(records, options).keptIds).toEqual(first.keptIds);
    const reversed = mitigateBias([...records].reverse(), options);
    expect(new Set(reversed.keptIds)).toEqual(new Set(first.keptIds));
    const otherSeed = mitigateBias(records, { ...options, seed: 43 });
    expect(otherSeed.balanced_total).toBe(first.balanced_total);
    expect(otherSeed.keptIds).not.toEqual(first.keptIds);
  });

  it('meets the cap whenever it is feasible, keeping as many records as possible (property)', () => {
    const sizes = fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 7 });
    const caseArbitrary = fc
      .tuple(sizes, fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.integer())
      .filter(([counts, maxShare]) => 1 / counts.length <= maxShare);
    fc.assert(
      fc.property(caseArbitrary, ([counts, maxShare, seed]) => {
        const records = recordsWithSlices(
          Object.fromEntries(counts.map((count, index) => [`slice${index}`, count])),
        );
        const result = mitigateBias(records, { dimension: 'iac_type', maxShare, seed });
        expect(result.feasible).toBe(true);
        const shares = sharesOf(records, result.keptIds);
        // No slice is emptied and none is above the cap.
        expect(shares.size).toBe(counts.length);
        for (const share of shares.values()) expect(share).toBeLessThanOrEqual(maxShare);
        // Maximal: putting back one removed record of any slice would break the cap.
        for (const [value, removed] of Object.entries(result.removed_by_slice)) {
          if (removed === 0) continue;
          const kept = result.kept_by_slice[value]!;
          expect((kept + 1) / (result.balanced_total + 1)).toBeGreaterThan(maxShare);
        }
        expect(
          isSubsequence(
            result.keptIds,
            records.map((record) => record.id),
          ),
        ).toBe(true);
        expect(result.balanced_total).toBe(result.keptIds.length);
        expect([...result.weights.keys()]).toEqual(result.keptIds);
        const weights = [...result.weights.values()];
        expect(Math.abs(weights.reduce((sum, weight) => sum + weight, 0) / weights.length - 1)).toBeLessThan(
          1e-6,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic for a seed (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 3, maxLength: 5 }),
        fc.integer(),
        (counts, seed) => {
          const records = recordsWithSlices(
            Object.fromEntries(counts.map((count, index) => [`s${index}`, count])),
          );
          const options = { dimension: 'iac_type', maxShare: 0.34, seed };
          const first = mitigateBias(records, options);
          const second = mitigateBias(
            records.map((record) => ({ ...record })),
            options,
          );
          expect(second.keptIds).toEqual(first.keptIds);
          expect([...second.weights]).toEqual([...first.weights]);
        },
      ),
    );
  });
});

describe('greatestBalancedCounts', () => {
  it('converges for two large slices near a 50% cap', () => {
    const counts = greatestBalancedCounts([1_000_000, 1_000_000, 10], 0.49);
    const total = counts.reduce((sum, count) => sum + count, 0);
    for (const count of counts) expect(count / total).toBeLessThanOrEqual(0.49);
    expect(counts[2]).toBe(10);
  });

  it('returns the counts unchanged when there is no cap', () => {
    expect(greatestBalancedCounts([5, 1], 1)).toEqual([5, 1]);
  });
});
