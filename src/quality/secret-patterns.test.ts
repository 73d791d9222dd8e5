import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passesPrecheck, presentNeedles, SECRET_RULES } from './secret-patterns.js';

const NEEDLES = [
  ...new Set(SECRET_RULES.flatMap((rule) => (rule.precheck instanceof RegExp ? [] : rule.precheck))),
];

describe('presentNeedles', () => {
  it('finds exactly the needles that occur, overlapping and adjacent ones included (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom(...NEEDLES),
      fc.constantFrom('https://', 'sk-sk_live_', 'ghp_ghp_', 'AKIASIA', 'hooks.slack.com/x@', '--', 'SG.SG'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        const expected = new Set(NEEDLES.filter((needle) => text.includes(needle)));
        expect(presentNeedles(text)).toEqual(expected);
        for (const rule of SECRET_RULES) {
          expect(passesPrecheck(rule.precheck, text, presentNeedles(text))).toBe(
            passesPrecheck(rule.precheck, text),
          );
        }
      }),
      { numRuns: 400 },
    );
  });
});
