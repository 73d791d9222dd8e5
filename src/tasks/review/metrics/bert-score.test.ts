import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordLevelTokenizer, writeTinyEncoder } from './__fixtures__/tiny-encoder.js';
import { greedyBertScore, meanBertScore, rescaleBertScore, type TokenEmbeddings } from './bert-score.js';
import { createBertScorer, createOnnxEncoder, type TokenEncoder } from './onnx-encoder.js';

describe('greedy BERTScore matching on fixed embeddings', () => {
  it('computes P, R and F1 by hand (no special tokens)', () => {
    // Candidate a = (1,0), b = (1,1); reference c = (0,1). cos(a,c) = 0, cos(b,c) = 1/√2.
    // P = (0 + 1/√2)/2 = √2/4; R = max(0, 1/√2) = √2/2; F = 2·(√2/4)(√2/2)/(3√2/4) = √2/3.
    const candidate: TokenEmbeddings = {
      vectors: [
        [1, 0],
        [1, 1],
      ],
      weights: [1, 1],
    };
    const reference: TokenEmbeddings = { vectors: [[0, 1]], weights: [1] };
    const score = greedyBertScore(candidate, reference);
    expect(score.precision).toBeCloseTo(Math.SQRT2 / 4, 12);
    expect(score.recall).toBeCloseTo(Math.SQRT2 / 2, 12);
    expect(score.f1).toBeCloseTo(Math.SQRT2 / 3, 12);
  });

  it('matches against special tokens but gives them no weight, as bert_score does', () => {
    // Candidate [CLS]=(1,0) c1=(3,4)→(.6,.8) c2=(1,0) [SEP]=(0,1), weights 0 1 1 0.
    // Reference [CLS]=(1,0) r1=(0,2)→(0,1) [SEP]=(0,1), weights 0 1 0.
    // P: c1 → max(.6, .8, .8) = .8; c2 → max(1, 0, 0) = 1 (the reference's [CLS]); P = 1.8/2 = .9.
    // R: r1 → max(0, .8, 0, 1) = 1 (the candidate's [SEP]); R = 1. F = 2·.9·1/1.9 = 18/19.
    const candidate: TokenEmbeddings = {
      vectors: [
        [1, 0],
        [3, 4],
        [1, 0],
        [0, 1],
      ],
      weights: [0, 1, 1, 0],
    };
    const reference: TokenEmbeddings = {
      vectors: [
        [1, 0],
        [0, 2],
        [0, 1],
      ],
      weights: [0, 1, 0],
    };
    const score = greedyBertScore(candidate, reference);
    expect(score.precision).toBeCloseTo(0.9, 12);
    expect(score.recall).toBeCloseTo(1, 12);
    expect(score.f1).toBeCloseTo(18 / 19, 12);
  });

  it('scores empty sentences 0, a zero vector as cosine 0, and a sentence with itself 1', () => {
    const only = (vectors: number[][], weights: number[]): TokenEmbeddings => ({ vectors, weights });
    const specials = only(
      [
        [1, 0],
        [0, 1],
      ],
      [0, 0],
    );
    const sentence = only(
      [
        [1, 0],
        [2, 3],
        [0, 1],
      ],
      [0, 1, 0],
    );
    expect(greedyBertScore(specials, sentence)).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(greedyBertScore(sentence, specials)).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(greedyBertScore(only([], []), only([], []))).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(greedyBertScore(only([[0, 0]], [1]), only([[1, 0]], [1]))).toEqual({
      precision: 0,
      recall: 0,
      f1: 0,
    });
    const self = greedyBertScore(sentence, sentence);
    expect(self.precision).toBeCloseTo(1, 12);
    expect(self.f1).toBeCloseTo(1, 12);
  });

  it('rescales each of P, R, F with its baseline: (x - b)/(1 - b)', () => {
    const raw = { precision: 0.9, recall: 0.8, f1: 0.84 };
    // (0.9 - 0.8)/0.2 = 0.5; (0.8 - 0.8)/0.2 = 0; (0.84 - 0.8)/0.2 = 0.2.
    const scaled = rescaleBertScore(raw, 0.8);
    expect(scaled.precision).toBeCloseTo(0.5, 12);
    expect(scaled.recall).toBeCloseTo(0, 12);
    expect(scaled.f1).toBeCloseTo(0.2, 12);
    // Separate baselines: F is rescaled from the raw F (not recomputed from the rescaled P and R).
    const separate = rescaleBertScore(raw, { precision: 0.5, recall: 0.6, f1: 0.7 });
    expect(separate.precision).toBeCloseTo(0.8, 12);
    expect(separate.recall).toBeCloseTo(0.5, 12);
    expect(separate.f1).toBeCloseTo(0.14 / 0.3, 12);
    expect(meanBertScore([])).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(meanBertScore([raw, scaled]).recall).toBeCloseTo(0.4, 12);
  });
});

const WORDS = ['bucket', 'acl', 'private', 'public', 'encrypt', 'logs'];

describe('BERTScore through an ONNX encoder built in the test', () => {
  let matrix: Float32Array;
  let width: number;
  let paths: { modelPath: string; tokenizerPath: string };
  const rowsOf = (ids: number[]) =>
    ids.map((id) => Array.from(matrix.subarray(id * width, (id + 1) * width)));
  const direct = (ids: number[]): TokenEmbeddings => ({
    vectors: rowsOf(ids),
    weights: ids.map((_, index) => (index === 0 || index === ids.length - 1 ? 0 : 1)),
  });
  let directory: string;
  let encoder: TokenEncoder;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'infralm-bertscore-'));
    const written = writeTinyEncoder(directory, WORDS);
    ({ matrix, width } = written);
    paths = written;
    encoder = await createOnnxEncoder({ model: paths.modelPath, tokenizer: paths.tokenizerPath });
  });
  afterAll(async () => {
    await encoder.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('embeds a sentence as the rows of E for [CLS] words [SEP], specials weighted 0', async () => {
    // "Bucket ACL nope" → [CLS] bucket acl [UNK] [SEP] = ids 2 4 5 1 3 (lower-cased; the unknown word is [UNK]).
    const embedded = await encoder.embed('  Bucket ACL nope ');
    expect(embedded.weights).toEqual([0, 1, 1, 1, 0]);
    expect(embedded.vectors.map((vector) => Array.from(vector))).toEqual(rowsOf([2, 4, 5, 1, 3]));
  });

  it('gives the same scores as the matching done directly on the matrix', async () => {
    const scorer = createBertScorer(encoder);
    const pairs: [string, string, number[], number[]][] = [
      ['private bucket', 'bucket acl private', [2, 6, 4, 3], [2, 4, 5, 6, 3]],
      ['public logs', 'encrypt logs', [2, 7, 9, 3], [2, 8, 9, 3]],
      ['', 'encrypt logs', [2, 3], [2, 8, 9, 3]],
    ];
    const scores = await scorer.scoreAll(
      pairs.map((pair) => pair[0]),
      pairs.map((pair) => pair[1]),
    );
    pairs.forEach(([, , candidateIds, referenceIds], index) => {
      const expected = greedyBertScore(direct(candidateIds), direct(referenceIds));
      expect(scores[index]!.precision).toBeCloseTo(expected.precision, 6);
      expect(scores[index]!.recall).toBeCloseTo(expected.recall, 6);
      expect(scores[index]!.f1).toBeCloseTo(expected.f1, 6);
    });
    expect(scores[2]).toEqual({ precision: 0, recall: 0, f1: 0 });
    const self = await scorer.score('acl private', 'ACL private');
    expect(self.f1).toBeCloseTo(1, 6);
    const rescaled = await createBertScorer(encoder, { baseline: 0.5 }).score(
      'private bucket',
      'bucket acl private',
    );
    expect(rescaled.f1).toBeCloseTo((scores[0]!.f1 - 0.5) / 0.5, 6);
  });

  it('truncates long sentences but keeps [CLS] and [SEP]', async () => {
    const short = await createOnnxEncoder({
      model: paths.modelPath,
      tokenizer: wordLevelTokenizer(WORDS),
      maxTokens: 4,
    });
    const embedded = await short.embed('bucket acl private public');
    expect(embedded.vectors.map((vector) => Array.from(vector))).toEqual(rowsOf([2, 4, 5, 3]));
    expect(embedded.weights).toEqual([0, 1, 1, 0]);
    await short.close();
  });

  it('names the missing file or the unknown output', async () => {
    await expect(
      createOnnxEncoder({ model: paths.modelPath, tokenizer: join(directory, 'nope.json') }),
    ).rejects.toThrow(/input not found: tokenizer .*nope\.json/);
    await expect(
      createOnnxEncoder({ model: join(directory, 'missing.onnx'), tokenizer: wordLevelTokenizer(WORDS) }),
    ).rejects.toThrow(/could not be loaded from .*missing\.onnx/);
    await expect(
      createOnnxEncoder({
        model: paths.modelPath,
        tokenizer: wordLevelTokenizer(WORDS),
        outputName: 'pooled',
      }),
    ).rejects.toThrow(/no output "pooled"/);
  });
});
