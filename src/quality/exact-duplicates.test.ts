import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../core/hash.js';
import { findExactDuplicates, type HashedRecord } from './exact-duplicates.js';

function record(key: string, text: string, order = key): HashedRecord {
  return { id: sha256(text), key, order };
}

describe('findExactDuplicates', () => {
  it('clusters records that share a content hash and keeps the smallest order', () => {
    const result = findExactDuplicates([
      record('repo-b/deploy.yaml', 'kind: Deployment', '2'),
      record('repo-a/service.yaml', 'kind: Service', '5'),
      record('repo-a/deploy.yaml', 'kind: Deployment', '1'),
      record('repo-c/deploy.yaml', 'kind: Deployment', '3'),
      record('repo-c/service.yaml', 'kind: Service', '4'),
      record('repo-c/unique.yaml', 'kind: Job', '0'),
    ]);
    expect(result.clusters).toEqual([
      {
        kept: 'repo-a/deploy.yaml',
        members: ['repo-a/deploy.yaml', 'repo-b/deploy.yaml', 'repo-c/deploy.yaml'],
        similarity: 1,
      },
      { kept: 'repo-c/service.yaml', members: ['repo-c/service.yaml', 'repo-a/service.yaml'], similarity: 1 },
    ]);
    expect([...result.duplicates].sort()).toEqual([
      'repo-a/service.yaml',
      'repo-b/deploy.yaml',
      'repo-c/deploy.yaml',
    ]);
  });

  it('breaks order ties by key and accepts an empty or generator input', () => {
    function* records() {
      yield record('z', 'same', '1');
      yield record('m', 'same', '1');
    }
    expect(findExactDuplicates(records()).clusters).toEqual([
      { kept: 'm', members: ['m', 'z'], similarity: 1 },
    ]);
    expect(findExactDuplicates([])).toEqual({ clusters: [], duplicates: new Set() });
  });

  it('matches a naive reference and does not depend on the input order', () => {
    const records = fc
      .uniqueArray(
        fc.record({
          key: fc.string({ minLength: 1, maxLength: 4 }),
          hash: fc.constantFrom('h1', 'h2', 'h3', 'h4'),
          order: fc.string({ maxLength: 3 }),
        }),
        { selector: (entry) => entry.key, maxLength: 40 },
      )
      .map((entries) => entries.map((entry) => ({ id: entry.hash, key: entry.key, order: entry.order })));
    fc.assert(
      fc.property(
        records.chain((items) =>
          fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length })),
        ),
        ([items, shuffled]) => {
          const result = findExactDuplicates(items);
          expect(findExactDuplicates(shuffled)).toEqual(result);
          const byHash = new Map<string, HashedRecord[]>();
          for (const item of items) byHash.set(item.id, [...(byHash.get(item.id) ?? []), item]);
          const expectedClusters = [...byHash.values()].filter((group) => group.length > 1);
          expect(result.clusters).toHaveLength(expectedClusters.length);
          for (const group of expectedClusters) {
            const cluster = result.clusters.find((candidate) => candidate.members.includes(group[0]!.key))!;
            expect([...cluster.members].sort()).toEqual(group.map((item) => item.key).sort());
            // Default sort compares UTF-16 code units, the same order the implementation uses.
            const minimumOrder = group.map((item) => item.order).sort()[0];
            expect(group.find((item) => item.key === cluster.kept)!.order).toBe(minimumOrder);
          }
          const expectedDuplicates = result.clusters.flatMap((cluster) =>
            cluster.members.filter((key) => key !== cluster.kept),
          );
          expect([...result.duplicates].sort()).toEqual(expectedDuplicates.sort());
        },
      ),
    );
  });
});
