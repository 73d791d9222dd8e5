// Near-duplicate clustering of MinHash signatures with LSH banding and union-find.
//
// Work is O(n · bands) plus the verified candidates: each band keeps, per distinct band value, at most
// MAX_REPRESENTATIVES representatives, and a newcomer is verified only against those. A bucket of
// thousands of identical boilerplate documents therefore costs one comparison per member (against the
// bucket's first member), not a quadratic sweep. The price is that two documents that share a bucket but
// are both dissimilar to all its representatives are not compared in that band; the other bands and the
// transitivity of union-find usually recover them.
//
// Items are processed in (order, id) order, so the clusters, the kept members and the similarities do not
// depend on the order of the input.

import { InfraLMError } from '../core/errors.js';
import { estimateJaccard } from './minhash.js';

const MAX_REPRESENTATIVES = 8;
// Gives the same (bands, rows) as 4,000 steps for thresholds 0.05–0.95 and 16–256 permutations.
const INTEGRATION_STEPS = 96;

/** A set of records judged to be duplicates of one another; `kept` is the one to keep. */
export interface NearDuplicateCluster {
  /** The member with the smallest `order`. */
  kept: string;
  /** All members, `kept` included, sorted by `order`. */
  members: string[];
  /** Minimum (estimated) Jaccard similarity of a member to `kept`; 1 for exact duplicates. */
  similarity: number;
}

/** Duplicate clusters of a collection and the ids to drop (every member except the kept one). */
export interface DuplicateClusters {
  clusters: NearDuplicateCluster[];
  duplicates: Set<string>;
}

/** Input of `findNearDuplicates`: an id, its MinHash signature and the sort key that decides which is kept. */
export interface SignedItem {
  id: string;
  signature: Uint32Array;
  order: string;
}

/** Options of `findNearDuplicates`. */
export interface NearDuplicateOptions {
  /** Estimated Jaccard similarity at or above which two items are duplicates. */
  threshold: number;
  /** Signature length; every signature must have it. */
  numPermutations: number;
}

/** Probability that two sets of Jaccard similarity `similarity` share at least one LSH band. */
export function lshCollisionProbability(similarity: number, bands: number, rows: number): number {
  return 1 - (1 - similarity ** rows) ** bands;
}

const parameterCache = new Map<string, { bands: number; rows: number }>();

/** LSH bands × rows ≤ numPermutations minimising the false positive + false negative areas (weights 0.5). */
export function lshParameters(threshold: number, numPermutations: number): { bands: number; rows: number } {
  checkOptions(threshold, numPermutations);
  const cacheKey = `${threshold}:${numPermutations}`;
  const cached = parameterCache.get(cacheKey);
  if (cached) return { ...cached };
  // Same search as datasketch's _optimal_param: every (b, r) with b·r ≤ n, strict improvement wins.
  // The integrands are tabulated on the Simpson grid once: s^r grows by one product per row count
  // and (1 − s^r)^b by one per band count, instead of two powers per point of every (b, r).
  const below = simpsonGrid(0, threshold);
  const above = simpsonGrid(threshold, 1);
  // Typed arrays throughout: this runs once per process, mostly before the JIT has warmed up.
  const width = numPermutations + 1;
  const errors = new Float64Array(width * width);
  const belowPower = new Float64Array(below.points.length).fill(1);
  const abovePower = new Float64Array(above.points.length).fill(1);
  const belowMiss = new Float64Array(below.points.length);
  const aboveMiss = new Float64Array(above.points.length);
  for (let rows = 1; rows <= numPermutations; rows++) {
    for (let k = 0; k < belowPower.length; k++) belowPower[k]! *= below.points[k]!;
    for (let k = 0; k < abovePower.length; k++) abovePower[k]! *= above.points[k]!;
    belowMiss.fill(1);
    aboveMiss.fill(1);
    const maxBands = Math.floor(numPermutations / rows);
    for (let bands = 1; bands <= maxBands; bands++) {
      // miss = (1 − s^r)^b: the probability that no band collides.
      const falsePositive = below.total - advanceMiss(belowMiss, belowPower, below.weights);
      const falseNegative = advanceMiss(aboveMiss, abovePower, above.weights);
      errors[bands * width + rows] = 0.5 * falsePositive + 0.5 * falseNegative;
    }
  }
  let best = { bands: 1, rows: 1 };
  let bestError = Number.POSITIVE_INFINITY;
  for (let bands = 1; bands <= numPermutations; bands++) {
    const maxRows = Math.floor(numPermutations / bands);
    for (let rows = 1; rows <= maxRows; rows++) {
      const error = errors[bands * width + rows]!;
      if (error < bestError) {
        bestError = error;
        best = { bands, rows };
      }
    }
  }
  parameterCache.set(cacheKey, best);
  return { ...best };
}

/** Clusters items whose estimated Jaccard similarity reaches the threshold, keeping the smallest `order`. */
export function findNearDuplicates(
  items: Iterable<SignedItem>,
  options: NearDuplicateOptions,
): DuplicateClusters {
  const { threshold, numPermutations } = options;
  checkOptions(threshold, numPermutations);
  const sorted = collectSorted(items, numPermutations);
  const count = sorted.length;
  const signatures = sorted.map((item) => item.signature);
  const { bands, rows } = lshParameters(threshold, numPermutations);
  const parent = new Int32Array(count);
  for (let index = 0; index < count; index++) parent[index] = index;
  const find = (start: number): number => {
    let node = start;
    while (parent[node] !== node) {
      parent[node] = parent[parent[node]!]!;
      node = parent[node]!;
    }
    return node;
  };
  const next = new Int32Array(count);

  for (let band = 0; band < bands; band++) {
    const offset = band * rows;
    // head: band hash → most recent representative; next: the chain of older representatives.
    const head = new Map<number, number>();
    next.fill(-1);
    for (let index = 0; index < count; index++) {
      const signature = signatures[index]!;
      const key = bandHash(signature, offset, rows);
      let representative = head.get(key) ?? -1;
      let sameValueRepresentatives = 0;
      let matched = false;
      while (representative >= 0) {
        const other = signatures[representative]!;
        if (bandEqual(signature, other, offset, rows)) {
          sameValueRepresentatives++;
          const root = find(index);
          const otherRoot = find(representative);
          if (root === otherRoot || estimateJaccard(signature, other) >= threshold) {
            // Union by smaller index: the root of a set is always its smallest (order, id) member.
            if (root < otherRoot) parent[otherRoot] = root;
            else if (otherRoot < root) parent[root] = otherRoot;
            matched = true;
            break;
          }
        }
        representative = next[representative]!;
      }
      if (!matched && sameValueRepresentatives < MAX_REPRESENTATIVES) {
        next[index] = head.get(key) ?? -1;
        head.set(key, index);
      }
    }
  }

  const membersByRoot = new Map<number, number[]>();
  for (let index = 0; index < count; index++) {
    const root = find(index);
    const members = membersByRoot.get(root);
    if (members) members.push(index);
    else membersByRoot.set(root, [index]);
  }
  const clusters: NearDuplicateCluster[] = [];
  const duplicates = new Set<string>();
  // Roots are the smallest index of their set and indices follow (order, id), so clusters come out sorted.
  for (const [root, members] of [...membersByRoot].sort((a, b) => a[0] - b[0])) {
    if (members.length < 2) continue;
    let similarity = 1;
    for (const member of members) {
      if (member === root) continue;
      similarity = Math.min(similarity, estimateJaccard(signatures[member]!, signatures[root]!));
      duplicates.add(sorted[member]!.id);
    }
    clusters.push({
      kept: sorted[root]!.id,
      members: members.map((member) => sorted[member]!.id),
      similarity,
    });
  }
  return { clusters, duplicates };
}

function collectSorted(items: Iterable<SignedItem>, numPermutations: number): SignedItem[] {
  const collected: SignedItem[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) {
      throw new InfraLMError('INFRALM_ERR_USAGE', `near-duplicate input has the id ${item.id} twice`);
    }
    if (item.signature.length !== numPermutations) {
      throw new InfraLMError(
        'INFRALM_ERR_USAGE',
        `signature of ${item.id} has ${item.signature.length} values, expected ${numPermutations}`,
      );
    }
    seen.add(item.id);
    collected.push(item);
  }
  return collected.sort(compareOrder);
}

/** Code-unit comparison (not locale), so the result is the same on every machine. */
function compareOrder(a: { id: string; order: string }, b: { id: string; order: string }): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

function bandHash(signature: Uint32Array, offset: number, rows: number): number {
  let hash = 0x9747b28c ^ rows;
  for (let index = offset; index < offset + rows; index++) {
    let word = Math.imul(signature[index]!, 0xcc9e2d51);
    word = (word << 15) | (word >>> 17);
    hash ^= Math.imul(word, 0x1b873593);
    hash = (hash << 13) | (hash >>> 19);
    hash = (Math.imul(hash, 5) + 0xe6546b64) | 0;
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash | 0;
}

function bandEqual(a: Uint32Array, b: Uint32Array, offset: number, rows: number): boolean {
  for (let index = offset; index < offset + rows; index++) if (a[index] !== b[index]) return false;
  return true;
}

/**
 * One more band: miss_k ·= 1 − power_k at every grid point; returns Σ weight_k · miss_k. A small
 * function of its own, so V8 optimises it after a few calls instead of running it interpreted.
 */
function advanceMiss(miss: Float64Array, power: Float64Array, weights: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < miss.length; k++) {
    const value = miss[k]! * (1 - power[k]!);
    miss[k] = value;
    sum += weights[k]! * value;
  }
  return sum;
}

/** Points and weights of composite Simpson's rule on [from, to] (none when the interval is empty). */
function simpsonGrid(
  from: number,
  to: number,
): { points: Float64Array; weights: Float64Array; total: number } {
  if (to <= from) return { points: new Float64Array(0), weights: new Float64Array(0), total: 0 };
  const step = (to - from) / INTEGRATION_STEPS;
  const points = new Float64Array(INTEGRATION_STEPS + 1);
  const weights = new Float64Array(INTEGRATION_STEPS + 1);
  for (let index = 0; index <= INTEGRATION_STEPS; index++) {
    points[index] = from + index * step;
    const factor = index === 0 || index === INTEGRATION_STEPS ? 1 : index % 2 === 1 ? 4 : 2;
    weights[index] = (factor * step) / 3;
  }
  let total = 0;
  for (const weight of weights) total += weight;
  return { points, weights, total };
}

function checkOptions(threshold: number, numPermutations: number): void {
  if (!(threshold > 0 && threshold <= 1)) {
    throw new InfraLMError('INFRALM_ERR_CONFIG_INVALID', `threshold must be in (0, 1], got ${threshold}`);
  }
  if (!Number.isInteger(numPermutations) || numPermutations < 1) {
    throw new InfraLMError(
      'INFRALM_ERR_CONFIG_INVALID',
      `numPermutations must be a positive integer, got ${numPermutations}`,
    );
  }
}
