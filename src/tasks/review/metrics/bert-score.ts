// BERTScore's matching (Zhang et al. 2020) as the reference implementation (Tiiiger/bert_score,
// utils.greedy_cos_idf) computes it with idf off:
//
//   every token vector is divided by its L2 norm; sim(i, j) = cosine of candidate token i and
//   reference token j, over ALL tokens of both sentences (special tokens included);
//   P = Σ_i w_i · max_j sim(i, j) / Σ_i w_i      over candidate tokens
//   R = Σ_j w_j · max_i sim(i, j) / Σ_j w_j      over reference tokens
//   F = 2PR / (P + R)
//
// with w = 1 for every token except the ones the tokenizer's post-processor adds ([CLS]/[SEP],
// <s>/</s>), which get 0: bert_score sets idf_dict[cls] = idf_dict[sep] = 0 when idf is off, so they
// are matched against but never averaged. An "empty" sentence (no weighted token) gives P = R = 0,
// and F = 0 whenever it is 0/0 — bert_score's "Empty candidate sentence detected; setting raw
// BERTscores to 0". A zero vector has no direction: its cosines are taken as 0.
// Baseline rescaling (bert_score's rescale_with_baseline) maps each of P, R and F with its own
// baseline b: (x - b) / (1 - b); F is rescaled from the raw F, not recomputed from rescaled P and R.

/** A sentence's token vectors and their weights (1, or 0 for added special tokens). */
export interface TokenEmbeddings {
  vectors: readonly ArrayLike<number>[];
  weights: readonly number[];
}

/** Precision, recall and F1 of one candidate/reference pair. */
export interface BertScore {
  precision: number;
  recall: number;
  f1: number;
}

/** Baselines for rescaling: one number for all three, or one each. */
export type BertScoreBaseline = number | BertScore;

function unit(vector: ArrayLike<number>): Float64Array {
  let norm = 0;
  for (let index = 0; index < vector.length; index++) norm += vector[index]! * vector[index]!;
  norm = Math.sqrt(norm);
  const out = new Float64Array(vector.length);
  if (norm === 0) return out;
  for (let index = 0; index < vector.length; index++) out[index] = vector[index]! / norm;
  return out;
}

function dot(left: Float64Array, right: Float64Array): number {
  let sum = 0;
  for (let index = 0; index < left.length; index++) sum += left[index]! * right[index]!;
  return sum;
}

/** Greedy cosine matching of one pair (see the module comment). */
export function greedyBertScore(candidate: TokenEmbeddings, reference: TokenEmbeddings): BertScore {
  const candidateUnits = candidate.vectors.map(unit);
  const referenceUnits = reference.vectors.map(unit);
  const candidateWeight = candidate.weights.reduce((sum, weight) => sum + weight, 0);
  const referenceWeight = reference.weights.reduce((sum, weight) => sum + weight, 0);
  if (
    candidateWeight === 0 ||
    referenceWeight === 0 ||
    candidateUnits.length === 0 ||
    referenceUnits.length === 0
  )
    return { precision: 0, recall: 0, f1: 0 };
  const bestForReference = new Array<number>(referenceUnits.length).fill(Number.NEGATIVE_INFINITY);
  let precision = 0;
  candidateUnits.forEach((vector, i) => {
    let best = Number.NEGATIVE_INFINITY;
    referenceUnits.forEach((other, j) => {
      const similarity = dot(vector, other);
      if (similarity > best) best = similarity;
      if (similarity > bestForReference[j]!) bestForReference[j] = similarity;
    });
    precision += candidate.weights[i]! * best;
  });
  precision /= candidateWeight;
  let recall = 0;
  bestForReference.forEach((best, j) => {
    recall += reference.weights[j]! * best;
  });
  recall /= referenceWeight;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Baseline rescaling, (x - b) / (1 - b), each of P, R and F with its own baseline. */
export function rescaleBertScore(score: BertScore, baseline: BertScoreBaseline): BertScore {
  const b = typeof baseline === 'number' ? { precision: baseline, recall: baseline, f1: baseline } : baseline;
  return {
    precision: (score.precision - b.precision) / (1 - b.precision),
    recall: (score.recall - b.recall) / (1 - b.recall),
    f1: (score.f1 - b.f1) / (1 - b.f1),
  };
}

/** Means of P, R and F over pairs (0 for none). */
export function meanBertScore(scores: readonly BertScore[]): BertScore {
  if (scores.length === 0) return { precision: 0, recall: 0, f1: 0 };
  const sum = { precision: 0, recall: 0, f1: 0 };
  for (const score of scores) {
    sum.precision += score.precision;
    sum.recall += score.recall;
    sum.f1 += score.f1;
  }
  return {
    precision: sum.precision / scores.length,
    recall: sum.recall / scores.length,
    f1: sum.f1 / scores.length,
  };
}
