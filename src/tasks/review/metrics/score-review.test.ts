import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scored } from '../../../core/types.js';
import type { ReviewComment, ReviewTarget } from '../types.js';
import { writeTinyEncoder } from './__fixtures__/tiny-encoder.js';
import { meanBertScore } from './bert-score.js';
import { codeReviewerBleu } from './codereviewer-bleu.js';
import { createBertScorer, createOnnxEncoder } from './onnx-encoder.js';
import { scoreReview, scoreReviewWithBertScore, textPairs } from './score-review.js';

const comment = (path: string, side: 'LEFT' | 'RIGHT', line: number, body: string): ReviewComment => ({
  path,
  side,
  line,
  body,
});

// P1: two references in one hunk; one prediction 2 lines off, one on no hunk.
// P2: the prediction failed. P3: exact place, other words; its target carries no hunks.
const pairs: Scored<ReviewTarget>[] = [
  {
    id: 'p1',
    prediction: {
      comments: [
        comment('a.tf', 'RIGHT', 30, 'Add tags'),
        comment('a.tf', 'RIGHT', 12, 'Pin the provider version'),
      ],
    },
    target: {
      comments: [
        comment('a.tf', 'RIGHT', 10, 'Pin the provider version'),
        comment('a.tf', 'LEFT', 4, 'Why remove the lifecycle block?'),
      ],
      hunks: [{ path: 'a.tf', oldStart: 1, oldLines: 8, newStart: 1, newLines: 12 }],
    },
    strata: { file_type: 'terraform', comments: '2-3' },
  },
  {
    id: 'p2',
    prediction: undefined,
    target: {
      comments: [comment('k.yaml', 'RIGHT', 5, 'Set resource limits')],
      hunks: [{ path: 'k.yaml', oldStart: 0, oldLines: 0, newStart: 1, newLines: 20 }],
    },
    strata: { file_type: 'kubernetes', comments: '1' },
  },
  {
    id: 'p3',
    prediction: { comments: [comment('b.tf', 'RIGHT', 3, 'Make the ACL private')] },
    target: { comments: [comment('b.tf', 'RIGHT', 3, 'Use a private ACL')] },
    strata: { file_type: 'terraform', comments: '1' },
  },
];

describe('scoreReview against hand-computed values', () => {
  const { values, by } = scoreReview(pairs);

  it('location P/R/F1 at k = 0 and k = 3', () => {
    // k=0: only P3 matches. tp 1, fp 2 (P1's two), fn 3 → P 1/3, R 1/4, F1 = (2·1/12)/(7/12) = 2/7.
    expect(values.location_k0_precision).toBeCloseTo(1 / 3, 12);
    expect(values.location_k0_recall).toBeCloseTo(1 / 4, 12);
    expect(values.location_k0_f1).toBeCloseTo(2 / 7, 12);
    // k=3: P1's line 12 matches line 10 too. tp 2, fp 1, fn 2 → P 2/3, R 1/2, F1 = (2/3)/(7/6) = 4/7.
    expect(values.location_k3_precision).toBeCloseTo(2 / 3, 12);
    expect(values.location_k3_recall).toBeCloseTo(1 / 2, 12);
    expect(values.location_k3_f1).toBeCloseTo(4 / 7, 12);
  });

  it('hunk and file level', () => {
    // Hunks (P1, P2; P3 has none): P1 predicted {hunk 0, outside 30} vs {hunk 0}; P2 {} vs {hunk 0}.
    // tp 1, fp 1, fn 1 → 1/2 each.
    expect(values.hunk_examples).toBe(2);
    expect(values.hunk_precision).toBeCloseTo(0.5, 12);
    expect(values.hunk_recall).toBeCloseTo(0.5, 12);
    // Files: P1 a.tf ✓, P2 k.yaml missed, P3 b.tf ✓ → tp 2, fp 0, fn 1: P 1, R 2/3, F1 4/5.
    expect(values.file_precision).toBe(1);
    expect(values.file_recall).toBeCloseTo(2 / 3, 12);
    expect(values.file_f1).toBeCloseTo(4 / 5, 12);
  });

  it('counts and failures', () => {
    expect(values).toMatchObject({
      examples: 3,
      predicted_comments: 3,
      reference_comments: 4,
      text_examples: 3,
      matched_pairs: 2,
    });
    expect(values.parse_failure_rate).toBeCloseTo(1 / 3, 12);
  });

  it('pairs bodies per example (joined in place order) and per location match', () => {
    expect(textPairs(pairs)).toEqual({
      examples: [
        {
          candidate: 'Pin the provider version\nAdd tags',
          reference: 'Why remove the lifecycle block?\nPin the provider version',
        },
        { candidate: '', reference: 'Set resource limits' },
        { candidate: 'Make the ACL private', reference: 'Use a private ACL' },
      ],
      matched: [
        { candidate: 'Pin the provider version', reference: 'Pin the provider version' },
        { candidate: 'Make the ACL private', reference: 'Use a private ACL' },
      ],
    });
    const examples = textPairs(pairs).examples;
    expect(values.bleu).toBe(
      codeReviewerBleu(
        examples.map((pair) => pair.candidate),
        examples.map((pair) => pair.reference),
      ).bleu,
    );
  });

  it('BLEU over matched pairs by hand', () => {
    // Identical pair: 1. "Make the ACL private" vs "Use a private ACL": test [make acl private] (3),
    // ref [use a private acl] (4); 1-grams 2/3; 2-grams (0+1)/(2+1); 3-grams (0+1)/(1+1); 4-grams
    // (0+1)/(0+1) → log p = ln(1/9)/4; BP = 1 - 5/4 = -1/4 → 9^(-1/4)·e^(-1/4) = 0.449641.
    // Mean × 100 = (100 + 44.9641)/2 = 72.482.
    expect(values.bleu_matched).toBeCloseTo((100 + 100 * 9 ** -0.25 * Math.exp(-0.25)) / 2, 9);
    expect(values.bleu_matched).toBeCloseTo(72.482, 3);
  });

  it('breaks the figures down by stratum', () => {
    // Terraform = P1 + P3: k=3 tp 2, fp 1, fn 1.
    expect(by!.file_type!.terraform!.location_k3_precision).toBeCloseTo(2 / 3, 12);
    expect(by!.file_type!.terraform!.location_k3_recall).toBeCloseTo(2 / 3, 12);
    expect(by!.file_type!.kubernetes).toMatchObject({
      examples: 1,
      parse_failure_rate: 1,
      location_k3_recall: 0,
    });
    expect(Object.keys(by!.comments!)).toEqual(['1', '2-3']);
  });
});

describe('scoreReview edge cases', () => {
  const target = (comments: ReviewComment[]): ReviewTarget => ({ comments });
  const one = comment('a.tf', 'RIGHT', 1, 'Pin it');

  it('no predictions: precision and recall 0 against references; BLEU of empty text exp(-n)', () => {
    const { values } = scoreReview([
      { id: 'x', prediction: { comments: [] }, target: target([one]), strata: {} },
    ]);
    expect(values).toMatchObject({
      location_k0_precision: 0,
      location_k0_recall: 0,
      location_k3_f1: 0,
      file_recall: 0,
    });
    // "Pin it" → [pin] ("it" is a stop word): the empty candidate scores e^(-1) × 100.
    expect(values.bleu).toBeCloseTo(100 * Math.exp(-1), 9);
    expect(values.matched_pairs).toBe(0);
    expect(values.bleu_matched).toBe(0);
  });

  it('no references: an empty answer is perfect, any comment is a false positive; no text to compare', () => {
    const silent = scoreReview([
      { id: 'x', prediction: { comments: [] }, target: target([]), strata: {} },
    ]).values;
    expect(silent).toMatchObject({
      location_k0_precision: 1,
      location_k0_recall: 1,
      file_f1: 1,
      text_examples: 0,
      bleu: 0,
    });
    const chatty = scoreReview([
      { id: 'x', prediction: target([one]), target: target([]), strata: {} },
    ]).values;
    expect(chatty).toMatchObject({ location_k3_precision: 0, location_k3_recall: 0, file_precision: 0 });
  });

  it('all wrong and empty bodies', () => {
    const { values } = scoreReview([
      {
        id: 'x',
        prediction: target([comment('b.tf', 'RIGHT', 1, ''), comment('a.tf', 'LEFT', 1, '')]),
        target: target([one, comment('a.tf', 'RIGHT', 20, '')]),
        strata: {},
      },
    ]);
    expect(values).toMatchObject({ location_k3_precision: 0, location_k3_recall: 0, file_precision: 0.5 });
    expect(scoreReview([]).values).toMatchObject({ examples: 0, parse_failure_rate: 0, bleu: 0 });
  });
});

describe('scoreReviewWithBertScore', () => {
  it('adds BERTScore means over the same text pairs, through a real (tiny) ONNX encoder', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'infralm-review-score-'));
    try {
      const words = [
        'pin',
        'the',
        'provider',
        'version',
        'add',
        'tags',
        'make',
        'acl',
        'private',
        'use',
        'a',
      ];
      const { modelPath, tokenizerPath } = writeTinyEncoder(directory, words);
      const encoder = await createOnnxEncoder({ model: modelPath, tokenizer: tokenizerPath });
      const scorer = createBertScorer(encoder);
      const metrics = await scoreReviewWithBertScore(pairs, scorer);
      const text = textPairs(pairs);
      const examples = meanBertScore(
        await scorer.scoreAll(
          text.examples.map((pair) => pair.candidate),
          text.examples.map((pair) => pair.reference),
        ),
      );
      expect(metrics.values.bertscore_f1).toBeCloseTo(examples.f1, 12);
      expect(metrics.values.bertscore_precision).toBeCloseTo(examples.precision, 12);
      // Matched pairs: the identical one scores 1; the mean is (1 + F(ACL pair)) / 2.
      const acl = await scorer.score('Make the ACL private', 'Use a private ACL');
      expect(metrics.values.bertscore_matched_f1).toBeCloseTo((1 + acl.f1) / 2, 6);
      // The failed prediction is an empty candidate: its raw scores are 0, pulling the mean down.
      expect((await scorer.score('', 'Set resource limits')).f1).toBe(0);
      expect(metrics.values.location_k3_f1).toBeCloseTo(4 / 7, 12);
      await encoder.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
