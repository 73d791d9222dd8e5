import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLinkHeader } from './link-header.js';

describe('parseLinkHeader', () => {
  it('reads the relations of a GitHub Link header', () => {
    const header =
      '<https://api.github.com/repositories/1300192/issues?page=2>; rel="prev", ' +
      '<https://api.github.com/repositories/1300192/issues?page=4>; rel="next", ' +
      '<https://api.github.com/repositories/1300192/issues?page=515>; rel="last", ' +
      '<https://api.github.com/repositories/1300192/issues?page=1>; rel="first"';
    expect(parseLinkHeader(header)).toEqual({
      prev: 'https://api.github.com/repositories/1300192/issues?page=2',
      next: 'https://api.github.com/repositories/1300192/issues?page=4',
      last: 'https://api.github.com/repositories/1300192/issues?page=515',
      first: 'https://api.github.com/repositories/1300192/issues?page=1',
    });
  });

  it('accepts unquoted and multiple relation types, and nothing at all', () => {
    expect(parseLinkHeader('<https://x/a?page=2>; rel=next')).toEqual({ next: 'https://x/a?page=2' });
    expect(parseLinkHeader('<https://x/b>; rel="next last"')).toEqual({
      next: 'https://x/b',
      last: 'https://x/b',
    });
    expect(parseLinkHeader(undefined)).toEqual({});
    expect(parseLinkHeader('')).toEqual({});
  });

  it('round-trips any set of links with commas, semicolons and equals signs in URLs (property)', () => {
    const url = fc
      .stringMatching(/^[a-z0-9/?&=,;:%.+-]{0,30}$/)
      .map((tail) => `https://api.github.com/${tail}`);
    const relation = fc.constantFrom('next', 'prev', 'first', 'last');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(relation, url), { selector: ([name]) => name, maxLength: 4 }),
        (links) => {
          const header = links.map(([name, target]) => `<${target}>; rel="${name}"`).join(', ');
          expect(parseLinkHeader(header)).toEqual(Object.fromEntries(links));
        },
      ),
    );
  });
});
