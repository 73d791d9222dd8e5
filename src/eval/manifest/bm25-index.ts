// Okapi BM25 over short texts (instructions). idf uses Lucene's non-negative form
// ln(1 + (N − df + 0.5) / (df + 0.5)), so a term in every document still counts a little.

export interface Bm25Options {
  k1?: number;
  b?: number;
}

/** Lowercase alphanumeric tokens ("tensorflow/serving:2.19" → tensorflow, serving, 2, 19). */
export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((token) => token !== '');
}

/** An in-memory BM25 index; documents are numbered in the order they were added. */
export class Bm25Index {
  private readonly k1: number;
  private readonly b: number;
  private readonly termFrequencies: Map<string, number>[] = [];
  private readonly lengths: number[] = [];
  private readonly documentFrequency = new Map<string, number>();
  private totalLength = 0;

  constructor(options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
  }

  /** Number of documents. */
  get size(): number {
    return this.lengths.length;
  }

  /** Add a document; returns its number. */
  add(text: string): number {
    const frequencies = new Map<string, number>();
    const tokens = tokenize(text);
    for (const token of tokens) frequencies.set(token, (frequencies.get(token) ?? 0) + 1);
    for (const token of frequencies.keys())
      this.documentFrequency.set(token, (this.documentFrequency.get(token) ?? 0) + 1);
    this.termFrequencies.push(frequencies);
    this.lengths.push(tokens.length);
    this.totalLength += tokens.length;
    return this.lengths.length - 1;
  }

  /** The idf of a term. */
  idf(term: string): number {
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** BM25 score of one document for a query. */
  score(query: string, document: number): number {
    const frequencies = this.termFrequencies[document];
    if (!frequencies) return 0;
    const averageLength = this.size === 0 ? 0 : this.totalLength / this.size;
    const lengthNorm = averageLength === 0 ? 1 : this.lengths[document]! / averageLength;
    let score = 0;
    for (const term of tokenize(query)) {
      const tf = frequencies.get(term) ?? 0;
      if (tf === 0) continue;
      score += (this.idf(term) * tf * (this.k1 + 1)) / (tf + this.k1 * (1 - this.b + this.b * lengthNorm));
    }
    return score;
  }

  /** The best-scoring documents, highest first (ties: the earlier document). */
  search(query: string, limit = 1): { document: number; score: number }[] {
    const results: { document: number; score: number }[] = [];
    for (let document = 0; document < this.size; document++)
      results.push({ document, score: this.score(query, document) });
    results.sort((a, b) => b.score - a.score || a.document - b.document);
    return results.slice(0, limit);
  }
}
