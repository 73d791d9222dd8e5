import { describe, expect, it } from 'vitest';
import { Bm25Index, tokenize } from './bm25-index.js';

describe('Bm25Index', () => {
  it('tokenizes on non-alphanumerics, lowercased', () => {
    expect(tokenize('Deploy tensorflow/serving:2.19 with 1 GPU')).toEqual([
      'deploy',
      'tensorflow',
      'serving',
      '2',
      '19',
      'with',
      '1',
      'gpu',
    ]);
  });

  it('scores by hand: idf = ln(1 + (N − df + 0.5)/(df + 0.5)), k1 = 1.2, b = 0.75', () => {
    const index = new Bm25Index();
    index.add('deploy nginx');
    index.add('deploy redis cache');
    // N = 2, df(redis) = 1: idf = ln(2). Document 1 has length 3, the average is 2.5:
    // 2.2·ln 2 / (1 + 1.2·(0.25 + 0.75·3/2.5)) = 2.2·ln 2 / 2.38.
    expect(index.idf('redis')).toBeCloseTo(Math.log(2), 12);
    expect(index.score('redis', 1)).toBeCloseTo((2.2 * Math.log(2)) / 2.38, 12);
    expect(index.score('redis', 0)).toBe(0);
    // df(deploy) = 2: idf = ln(1 + 0.5/2.5) = ln 1.2, still positive.
    expect(index.idf('deploy')).toBeCloseTo(Math.log(1.2), 12);
    expect(index.search('a redis please')).toEqual([{ document: 1, score: index.score('redis', 1) }]);
  });

  it('breaks ties by the earlier document and handles an empty index', () => {
    const index = new Bm25Index();
    index.add('alpha');
    index.add('alpha');
    expect(index.search('alpha', 2).map((hit) => hit.document)).toEqual([0, 1]);
    expect(new Bm25Index().search('alpha')).toEqual([]);
  });
});
