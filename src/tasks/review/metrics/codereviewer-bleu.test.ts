import { describe, expect, it } from 'vitest';
import {
  codeReviewerBleu,
  codeReviewerPrepare,
  codeReviewerSentenceBleu,
  nistNormalize,
  roundLikePython2,
  splitPuncts,
} from './codereviewer-bleu.js';
import { CODEREVIEWER_STOPWORDS } from './codereviewer-stopwords.js';

describe('CodeReviewer tokenisation', () => {
  it('has the 592-word list of stopwords.txt', () => {
    expect(CODEREVIEWER_STOPWORDS.size).toBe(592);
    for (const word of ['about', "ain't", 'co.', 'the', 'zer', 'use', 'value'])
      expect(CODEREVIEWER_STOPWORDS.has(word)).toBe(true);
    expect(CODEREVIEWER_STOPWORDS.has('a')).toBe(false);
  });

  it('removes stop words case-sensitively, before lower-casing, on wordpunct tokens', () => {
    // wordpunct: "The" "bucket" "isn" "'" "t" "private" "!!" — "isn't" never survives as one token.
    expect(codeReviewerPrepare("The bucket isn't private!!")).toBe("The bucket isn ' t private !!");
    expect(codeReviewerPrepare('the bucket is private')).toBe('bucket private');
    expect(splitPuncts("  The bucket isn ' t private !! ")).toBe("the bucket isn ' t private ! !");
  });

  it('applies the NIST normalisation: underscores, slashes and colons are spaced, not digits', () => {
    expect(nistNormalize('aws_s3_bucket.logs')).toEqual(['aws', '_', 's3', '_', 'bucket', '.', 'logs']);
    expect(nistNormalize('10.0.0.0/16, 3.5 a-1 1-b &amp;')).toEqual([
      '10.0.0.0',
      '/',
      '16',
      ',',
      '3.5',
      'a-1',
      '1',
      '-',
      'b',
      '&',
    ]);
  });
});

describe('CodeReviewer BLEU against hand-computed values', () => {
  it('pair 1: "Use a private ACL" vs "Make the ACL private" = 48^(-1/4)', () => {
    // Prepared: "Use a private ACL" (no stop word: "Use" is capitalised, "a" is not in the list) and
    // "Make ACL private" ("the" removed). Lower-cased: test [use a private acl] (4), ref [make acl
    // private] (3). Matches: 1-grams 2/4 (private, acl), 2-grams 0/3, 3-grams 0/2, 4-grams 0/1;
    // smoothing adds 1 above unigrams: log p = [ln 2/4 + ln 1/4 + ln 1/3 + ln 1/2] / 4 = -ln(48)/4.
    // BP = min(0, 1 - (3+1)/(4+1)) = 0. BLEU = 48^(-1/4) = 0.379918 → 37.99.
    const value = codeReviewerSentenceBleu('Use a private ACL', 'Make the ACL private');
    expect(value).toBeCloseTo(0.3799178, 6);
    expect(codeReviewerBleu(['Use a private ACL'], ['Make the ACL private']).rounded).toBe(37.99);
  });

  it('pair 2: a short candidate pays the +1-smoothed brevity penalty = (2/9)^(1/4)·e^(-3/4)', () => {
    // Test "Bucket is public!" → [bucket public !] (3; "is" removed). Reference "The bucket is
    // public, make it private." → [the bucket public , private .] (6; is, make, it removed).
    // 1-grams 2/3 (bucket, public); 2-grams (1+1)/(2+1) ("bucket public"); 3-grams (0+1)/(1+1);
    // 4-grams (0+1)/(0+1). log p = ln(2/3 · 2/3 · 1/2 · 1)/4 = ln(2/9)/4.
    // BP = 1 - (6+1)/(3+1) = -3/4. BLEU = 0.686589 · 0.472367 = 0.324322 → 32.43.
    const value = codeReviewerSentenceBleu('Bucket is public!', 'The bucket is public, make it private.');
    expect(value).toBeCloseTo(0.324322, 6);
    expect(codeReviewerBleu(['Bucket is public!'], ['The bucket is public, make it private.']).rounded).toBe(
      32.43,
    );
  });

  it('pair 3: underscores split by NIST normalisation: "aws_s3_bucket" vs "aws_instance" = 75^(-1/4)', () => {
    // Test [aws _ s3 _ bucket] (5), ref [aws _ instance] (3). 1-grams 2/5 (aws, one "_" clipped to 1);
    // 2-grams (1+1)/(4+1) ("aws _"); 3-grams (0+1)/(3+1); 4-grams (0+1)/(2+1).
    // log p = ln(2/5 · 2/5 · 1/4 · 1/3)/4 = ln(1/75)/4; BP = min(0, 1 - 4/6) = 0 → 0.339809 → 33.98.
    expect(codeReviewerSentenceBleu('aws_s3_bucket', 'aws_instance')).toBeCloseTo(0.3398088, 6);
  });

  it('averages sentence scores ×100 and rounds like Python', () => {
    const result = codeReviewerBleu(
      ['Use a private ACL', 'Bucket is public!'],
      ['Make the ACL private', 'The bucket is public, make it private.'],
    );
    // (0.379918 + 0.324322) / 2 × 100 = 35.212.
    expect(result.bleu).toBeCloseTo(35.212, 2);
    expect(result.rounded).toBe(35.21);
    expect(result.sentences).toHaveLength(2);
  });

  it('edge cases: identical, empty prediction, both empty, all wrong, no pairs', () => {
    expect(codeReviewerSentenceBleu('Pin the provider version.', 'pin the provider version.')).toBeCloseTo(
      1,
      12,
    );
    // Empty test: every log term is log(min)-log(min) = 0 or log 1 - log 1; BP = 1 - (2+1)/(0+1) = -2.
    expect(codeReviewerSentenceBleu('', 'Add tags')).toBeCloseTo(Math.exp(-2), 12);
    // A prediction of stop words only is empty too.
    expect(codeReviewerSentenceBleu('the', 'Add tags')).toBeCloseTo(Math.exp(-2), 12);
    expect(codeReviewerSentenceBleu('', '')).toBe(1);
    // No unigram matches: log(min) - log(1) = -708.4, /4 → e^-177 ≈ 1e-77.
    const wrong = codeReviewerSentenceBleu('foo', 'bar');
    expect(wrong).toBeGreaterThan(0);
    expect(wrong).toBeLessThan(1e-70);
    expect(codeReviewerBleu(['foo'], ['bar']).rounded).toBe(0);
    expect(codeReviewerBleu([], [])).toEqual({ bleu: 0, rounded: 0, sentences: [] });
    expect(() => codeReviewerBleu(['a'], [])).toThrow(/one reference per candidate/);
  });

  it('rounds halves to even on exact binary ties, like Python round(x, 2)', () => {
    expect(roundLikePython2(0.125)).toBe(0.12);
    expect(roundLikePython2(0.375)).toBe(0.38);
    expect(roundLikePython2(2.675)).toBe(2.67); // 2.675 is 2.67499999... in binary
    expect(roundLikePython2(37.99178)).toBe(37.99);
  });
});
