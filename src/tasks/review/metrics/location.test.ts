import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HunkSpan } from '../types.js';
import { fileCounts, hunkCounts, type Located, locationCounts, matchLocations } from './location.js';

const at = (path: string, side: 'LEFT' | 'RIGHT', line: number): Located => ({ path, side, line });

describe('matchLocations', () => {
  const references = [
    at('a.tf', 'RIGHT', 10),
    at('a.tf', 'RIGHT', 12),
    at('a.tf', 'LEFT', 5),
    at('b.tf', 'RIGHT', 3),
  ];
  const predictions = [
    at('a.tf', 'RIGHT', 11),
    at('a.tf', 'RIGHT', 11),
    at('a.tf', 'RIGHT', 20),
    at('a.tf', 'RIGHT', 5), // same line number as a LEFT reference: other side, no match
    at('c.tf', 'RIGHT', 3), // same line as b.tf's reference: other path, no match
  ];

  it('matches nothing at k = 0 when no line is exact', () => {
    expect(locationCounts(predictions, references, 0)).toEqual({
      truePositives: 0,
      falsePositives: 5,
      falseNegatives: 4,
    });
  });

  it('matches one-to-one within ±3: two predictions on line 11 take references 10 and 12', () => {
    // Candidates at distance 1: (p0,r10) (p0,r12) (p1,r10) (p1,r12). Earliest reference first: r10 goes
    // to p0 (earlier of two equal predictions), then r12 to p1. p2 (line 20) and p3/p4 match nothing.
    expect(matchLocations(predictions, references, 3)).toEqual([
      { prediction: 0, reference: 0, distance: 1 },
      { prediction: 1, reference: 1, distance: 1 },
    ]);
    // P = 2/5, R = 2/4.
    expect(locationCounts(predictions, references, 3)).toEqual({
      truePositives: 2,
      falsePositives: 3,
      falseNegatives: 2,
    });
  });

  it('takes the nearest pair first, then the earliest reference', () => {
    // p11–r10 and p11–r12 are both at 1: r10 is earlier, so p11 takes it; p13–r12 (1) beats p13–r10 (3).
    expect(
      matchLocations(
        [at('a', 'RIGHT', 13), at('a', 'RIGHT', 11)],
        [at('a', 'RIGHT', 12), at('a', 'RIGHT', 10)],
        3,
      ),
    ).toEqual([
      { prediction: 1, reference: 1, distance: 1 },
      { prediction: 0, reference: 0, distance: 1 },
    ]);
  });

  it('is greedy, not a maximum matching: the nearest pair can cost a match', () => {
    // p12–r13 (1) is taken first; p12–r10 (2) and p16–r13 (3) then find a side used. One match, not two.
    expect(
      locationCounts(
        [at('a', 'RIGHT', 12), at('a', 'RIGHT', 16)],
        [at('a', 'RIGHT', 10), at('a', 'RIGHT', 13)],
        3,
      ),
    ).toEqual({
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 1,
    });
  });

  it('never matches an index twice and never matches beyond k (property)', () => {
    const place = fc.record({
      path: fc.constantFrom('a', 'b'),
      side: fc.constantFrom<'LEFT' | 'RIGHT'>('LEFT', 'RIGHT'),
      line: fc.integer({ min: 1, max: 30 }),
    });
    fc.assert(
      fc.property(
        fc.array(place, { maxLength: 12 }),
        fc.array(place, { maxLength: 12 }),
        fc.nat(5),
        (p, r, k) => {
          const matches = matchLocations(p, r, k);
          expect(new Set(matches.map((match) => match.prediction)).size).toBe(matches.length);
          expect(new Set(matches.map((match) => match.reference)).size).toBe(matches.length);
          for (const match of matches) {
            expect(p[match.prediction]!.path).toBe(r[match.reference]!.path);
            expect(p[match.prediction]!.side).toBe(r[match.reference]!.side);
            expect(Math.abs(p[match.prediction]!.line - r[match.reference]!.line)).toBeLessThanOrEqual(k);
          }
          // Pairs within k sort before those at k + 1, so a wider tolerance keeps every match and may add.
          const wider = matchLocations(p, r, k + 1);
          expect(wider.slice(0, matches.length)).toEqual(matches);
        },
      ),
    );
  });
});

describe('hunk and file level', () => {
  const hunks: HunkSpan[] = [
    { path: 'a.tf', oldStart: 1, oldLines: 8, newStart: 1, newLines: 9 },
    { path: 'a.tf', oldStart: 20, oldLines: 4, newStart: 21, newLines: 5 },
  ];

  it('counts hunks holding a comment, and a prediction on no hunk as a false positive of its own', () => {
    const references = [at('a.tf', 'RIGHT', 3), at('a.tf', 'LEFT', 21)]; // hunk 0; hunk 1 (old 20..23)
    const predictions = [at('a.tf', 'RIGHT', 5), at('a.tf', 'RIGHT', 9), at('a.tf', 'RIGHT', 40)];
    // Predicted units {hunk 0, outside 40}; reference units {hunk 0, hunk 1}: tp 1, fp 1, fn 1.
    expect(hunkCounts(predictions, references, hunks)).toEqual({
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 1,
    });
    // Old line 24 is past hunk 1's old range (20..23); new line 25 is its last new line.
    expect(hunkCounts([at('a.tf', 'LEFT', 24)], [at('a.tf', 'RIGHT', 25)], hunks)).toEqual({
      truePositives: 0,
      falsePositives: 1,
      falseNegatives: 1,
    });
  });

  it('a side with no lines holds no comment (a deleted file has no RIGHT lines)', () => {
    const deleted: HunkSpan[] = [{ path: 'gone.tf', oldStart: 1, oldLines: 2, newStart: 0, newLines: 0 }];
    expect(hunkCounts([at('gone.tf', 'RIGHT', 1)], [at('gone.tf', 'LEFT', 1)], deleted)).toEqual({
      truePositives: 0,
      falsePositives: 1,
      falseNegatives: 1,
    });
  });

  it('counts files holding a comment', () => {
    expect(
      fileCounts(
        [at('a.tf', 'RIGHT', 1), at('c.tf', 'RIGHT', 1), at('a.tf', 'LEFT', 9)],
        [at('a.tf', 'RIGHT', 7), at('b.tf', 'RIGHT', 1)],
      ),
    ).toEqual({
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 1,
    });
  });
});
