import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InfraLMError } from '../core/errors.js';
import { estimateJaccard, jaccard, minhashSignature, normalizeTokens } from './minhash.js';

const yamlCharacter = fc.constantFrom(
  'a',
  'B',
  'z',
  '0',
  '9',
  ' ',
  '\t',
  '\n',
  '\r',
  '#',
  ':',
  '-',
  '_',
  '.',
  '/',
  '"',
  'é',
  'İ',
  '😀',
);
const yamlLikeText = fc.string({ unit: yamlCharacter, maxLength: 200 });

describe('normalizeTokens', () => {
  it('lowercases and splits on everything but ASCII letters and digits', () => {
    expect(normalizeTokens('apiVersion: apps/v1\nkind: Deployment')).toEqual([
      'apiversion',
      'apps',
      'v1',
      'kind',
      'deployment',
    ]);
    expect(normalizeTokens('my_app my-app my.app')).toEqual(['my', 'app', 'my', 'app', 'my', 'app']);
    expect(normalizeTokens('café naïve')).toEqual(['caf', 'na', 've']);
  });

  it('drops YAML comments at line start or after whitespace, keeps # inside a scalar', () => {
    const text =
      '# header comment\nimage: nginx:1.25 # pinned tag\nurl: http://example.com/#anchor\n  #indented\nlast';
    expect(normalizeTokens(text)).toEqual([
      'image',
      'nginx',
      '1',
      '25',
      'url',
      'http',
      'example',
      'com',
      'anchor',
      'last',
    ]);
    expect(normalizeTokens('a#b')).toEqual(['a', 'b']);
    expect(normalizeTokens('#only a comment')).toEqual([]);
    expect(normalizeTokens('')).toEqual([]);
  });

  it('yields only [a-z0-9]+ tokens and is idempotent on its own output', () => {
    fc.assert(
      fc.property(yamlLikeText, (text) => {
        const tokens = normalizeTokens(text);
        for (const token of tokens) expect(token).toMatch(/^[a-z0-9]+$/);
        expect(normalizeTokens(tokens.join(' '))).toEqual(tokens);
      }),
    );
  });

  it('does not slow down on long runs of separators or comment markers', () => {
    const text = `${' #'.repeat(200_000)}\n${'a_'.repeat(200_000)}`;
    expect(normalizeTokens(text)).toHaveLength(200_000);
  });
});

describe('minhashSignature', () => {
  it('hashes the same tokens as normalizeTokens (signature of text = signature of its tokens)', () => {
    fc.assert(
      fc.property(yamlLikeText, fc.integer({ min: 1, max: 6 }), (text, shingleSize) => {
        const options = { numPermutations: 16, shingleSize };
        expect(minhashSignature(text, options)).toEqual(
          minhashSignature(normalizeTokens(text).join(' '), options),
        );
      }),
    );
  });

  it('is deterministic for a seed and changes with the seed', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n';
    const first = minhashSignature(text);
    expect(first).toHaveLength(128);
    expect(minhashSignature(text)).toEqual(first);
    expect(minhashSignature(text, { seed: 2 })).not.toEqual(first);
    expect(minhashSignature(text, { numPermutations: 64 })).toHaveLength(64);
  });

  it('makes one shingle of all tokens when there are fewer than shingleSize', () => {
    expect(minhashSignature('a b')).toEqual(minhashSignature('A  B'));
    expect(estimateJaccard(minhashSignature('a b'), minhashSignature('b a'))).toBe(0);
    expect(estimateJaccard(minhashSignature(''), minhashSignature('# just a comment'))).toBe(1);
    expect(jaccard(['a', 'b'], ['b', 'a'])).toBe(0);
    expect(jaccard([], [])).toBe(1);
  });

  it('estimates the exact shingle Jaccard similarity', () => {
    const vocabulary = fc.constantFrom('name', 'image', 'port', 'spec', 'app', 'web', '80', 'v1', 'env', 'x');
    fc.assert(
      fc.property(
        fc.array(vocabulary, { minLength: 50, maxLength: 300 }),
        fc.array(fc.tuple(fc.nat(), vocabulary), { maxLength: 40 }),
        (base, edits) => {
          const edited = [...base];
          for (const [position, token] of edits) edited[position % edited.length] = token;
          const exact = jaccard(base, edited);
          const options = { numPermutations: 512 };
          const estimate = estimateJaccard(
            minhashSignature(base.join(' '), options),
            minhashSignature(edited.join(' '), options),
          );
          // Standard error at 512 permutations is at most 0.022; 0.12 is more than five of them.
          expect(Math.abs(estimate - exact)).toBeLessThan(0.12);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('is unbiased over seeds, also for sets smaller than the signature (densified bins)', () => {
    // 40 and 400 distinct tokens: most of 128 bins are empty for the small pair, none for the large one.
    for (const size of [40, 400]) {
      const base = Array.from({ length: size }, (_, index) => `t${index}`);
      const edited = base.map((token, index) => (index % 4 === 0 ? `u${index}` : token));
      const exact = jaccard(base, edited, 1);
      let total = 0;
      const seeds = 300;
      for (let seed = 1; seed <= seeds; seed++) {
        const options = { numPermutations: 128, shingleSize: 1, seed };
        total += estimateJaccard(
          minhashSignature(base.join(' '), options),
          minhashSignature(edited.join(' '), options),
        );
      }
      // Standard error of the mean over 300 seeds is below 0.01.
      expect(Math.abs(total / seeds - exact), `${size} tokens`).toBeLessThan(0.03);
    }
  });

  it('rejects bad options and mismatched signatures with InfraLMError', () => {
    expect(() => minhashSignature('a', { numPermutations: 0 })).toThrow(InfraLMError);
    expect(() => minhashSignature('a', { shingleSize: 1.5 })).toThrow(/shingleSize/);
    expect(() => estimateJaccard(new Uint32Array(2), new Uint32Array(3))).toThrow(InfraLMError);
    expect(() => jaccard(['a'], ['a'], 0)).toThrow(InfraLMError);
  });
});
