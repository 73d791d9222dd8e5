// MinHash signatures over token shingles, for near-duplicate detection of manifests.
//
// Tokens are ASCII runs of [a-z0-9] after ASCII lowercasing; everything else (including `_`, `-`, `.`,
// `/`, `:` and non-ASCII characters) separates tokens, so `my_app`, `my-app` and `my.app` normalise the
// same way — vendored manifests often differ only in such spelling. A `#` at the start of the text or
// after whitespace starts a YAML comment up to the end of the line; a `#` inside a quoted scalar after a
// space is also dropped, which is acceptable for similarity purposes.
//
// Signature: one permutation hashing with optimal densification (Li, Owen and Zhang 2012; Shrivastava
// 2017). One seeded bijection g of the 32-bit space (odd multiply, add, murmur3's fmix32) permutes the
// shingle hashes; its range is cut into k equal bins and each bin keeps its smallest g. An empty bin
// borrows the value of the first non-empty bin on its own seeded probe sequence, which is the same for
// every document. Two sets then agree on a position with probability equal to their Jaccard
// similarity, as with k independent permutations, at one hash per shingle instead of k: the k-hash
// loop was the largest single cost of the manifest prepare stage.

import { InfraLMError } from '../core/errors.js';

const DEFAULT_PERMUTATIONS = 128;
const DEFAULT_SHINGLE_SIZE = 5;
const DEFAULT_SEED = 1;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const CHAR_HASH = 35; // '#'
const CHAR_NEWLINE = 10;

/** Options of `minhashSignature`. */
export interface MinhashOptions {
  /** Number of hash functions (signature length); 128 by default. */
  numPermutations?: number;
  /** Consecutive tokens per shingle; 5 by default. */
  shingleSize?: number;
  /** Seed of the permutation keys; equal seeds give equal signatures in every process. */
  seed?: number;
}

/** Lowercased [a-z0-9] tokens of a text with YAML comments removed. */
export function normalizeTokens(text: string): string[] {
  const tokens: string[] = [];
  scanTokens(text, (start, end) => {
    tokens.push(text.slice(start, end).toLowerCase());
  });
  return tokens;
}

/** MinHash signature of a text's token shingles (deterministic for equal options). */
export function minhashSignature(text: string, options: MinhashOptions = {}): Uint32Array {
  const numPermutations = options.numPermutations ?? DEFAULT_PERMUTATIONS;
  const shingleSize = options.shingleSize ?? DEFAULT_SHINGLE_SIZE;
  const seed = options.seed ?? DEFAULT_SEED;
  checkPositiveInteger('numPermutations', numPermutations);
  checkPositiveInteger('shingleSize', shingleSize);
  const shingles = shingleHashes(tokenHashes(text), shingleSize);
  const { multiplier, increment, probeSalt } = permutationKeys(seed);
  const signature = new Uint32Array(numPermutations);
  const filled = new Uint8Array(numPermutations);
  signature.fill(0xffffffff);
  let filledCount = 0;
  for (let index = 0; index < shingles.length; index++) {
    const value = fmix32((Math.imul(shingles[index]!, multiplier) + increment) | 0);
    // Bins are equal ranges of g: the bin is the high part of value · k / 2^32.
    const bin = Math.floor((value * numPermutations) / 4294967296);
    if (value < signature[bin]!) signature[bin] = value;
    if (!filled[bin]) {
      filled[bin] = 1;
      filledCount++;
    }
  }
  if (filledCount === numPermutations) return signature;
  // Densify from a copy, so every empty bin borrows an original value, never a borrowed one.
  const original = signature.slice();
  for (let bin = 0; bin < numPermutations; bin++) {
    if (filled[bin]) continue;
    for (let attempt = 1; ; attempt++) {
      const probe = fmix32(Math.imul(bin + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca77) ^ probeSalt);
      const donor = Math.floor((probe * numPermutations) / 4294967296);
      if (filled[donor]) {
        signature[bin] = original[donor]!;
        break;
      }
    }
  }
  return signature;
}

/** Fraction of equal positions of two signatures: an estimate of the Jaccard similarity of their sets. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) {
    throw new InfraLMError('INFRALM_ERR_USAGE', `signature lengths differ: ${a.length} and ${b.length}`);
  }
  if (a.length === 0) return 0;
  let equal = 0;
  for (let index = 0; index < a.length; index++) if (a[index] === b[index]) equal++;
  return equal / a.length;
}

/** Exact Jaccard similarity of the shingle sets of two token lists (reference for tests and audits). */
export function jaccard(tokensA: readonly string[], tokensB: readonly string[], shingleSize = 5): number {
  checkPositiveInteger('shingleSize', shingleSize);
  const setA = shingleSet(tokensA, shingleSize);
  const setB = shingleSet(tokensB, shingleSize);
  let intersection = 0;
  for (const shingle of setA) if (setB.has(shingle)) intersection++;
  const union = setA.size + setB.size - intersection;
  return union === 0 ? 1 : intersection / union;
}

function shingleSet(tokens: readonly string[], shingleSize: number): Set<string> {
  const shingles = new Set<string>();
  // Mirrors shingleHashes: fewer tokens than a shingle (even none) make one shingle of all of them.
  if (tokens.length <= shingleSize) {
    shingles.add(tokens.join('\u0000'));
    return shingles;
  }
  for (let start = 0; start + shingleSize <= tokens.length; start++) {
    shingles.add(tokens.slice(start, start + shingleSize).join('\u0000'));
  }
  return shingles;
}

/** Calls `visit(start, end)` for each token; a single forward pass, so no backtracking cost. */
function scanTokens(text: string, visit: (start: number, end: number) => void): void {
  const length = text.length;
  let start = -1;
  let previousIsSpace = true;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (isTokenCode(code)) {
      if (start < 0) start = index;
      previousIsSpace = false;
      continue;
    }
    if (start >= 0) {
      visit(start, index);
      start = -1;
    }
    if (code === CHAR_HASH && previousIsSpace) {
      const newline = text.indexOf('\n', index + 1);
      if (newline < 0) return;
      index = newline;
      previousIsSpace = true;
      continue;
    }
    previousIsSpace = isSpaceCode(code);
  }
  if (start >= 0) visit(start, length);
}

/** FNV-1a hashes of the lowercased tokens, without building token strings. */
function tokenHashes(text: string): Uint32Array {
  // Tokens are separated, so there are at most (length + 1) / 2 of them: sized once, the loop never
  // calls out to grow the array (a call first reached after V8 optimised the loop deoptimises it).
  const hashes = new Uint32Array((text.length >>> 1) + 1);
  let count = 0;
  const length = text.length;
  let hash = FNV_OFFSET;
  let inToken = false;
  let previousIsSpace = true;
  for (let index = 0; index < length; index++) {
    let code = text.charCodeAt(index);
    if (code >= 65 && code <= 90) code |= 0x20;
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
      hash = Math.imul(hash ^ code, FNV_PRIME);
      inToken = true;
      previousIsSpace = false;
      continue;
    }
    if (inToken) {
      hashes[count++] = hash;
      hash = FNV_OFFSET;
      inToken = false;
    }
    if (code === CHAR_HASH && previousIsSpace) {
      // A comment: skip to the end of the line (a plain loop, for the same reason as above).
      while (index + 1 < length && text.charCodeAt(index + 1) !== CHAR_NEWLINE) index++;
      if (index + 1 >= length) break;
      index++;
      previousIsSpace = true;
      continue;
    }
    previousIsSpace = code === 32 || code === CHAR_NEWLINE || code === 9 || code === 13;
  }
  if (inToken) hashes[count++] = hash;
  return hashes.subarray(0, count);
}

/** One 32-bit hash per window of `shingleSize` token hashes (murmur3 over the 32-bit words). */
function shingleHashes(tokens: Uint32Array, shingleSize: number): Uint32Array {
  const width = Math.min(shingleSize, tokens.length);
  const count = Math.max(1, tokens.length - shingleSize + 1);
  const shingles = new Uint32Array(count);
  for (let start = 0; start < count; start++) {
    let hash = 0x9747b28c;
    for (let offset = 0; offset < width; offset++) {
      let word = Math.imul(tokens[start + offset]!, 0xcc9e2d51);
      word = (word << 15) | (word >>> 17);
      word = Math.imul(word, 0x1b873593);
      hash ^= word;
      hash = (hash << 13) | (hash >>> 19);
      hash = (Math.imul(hash, 5) + 0xe6546b64) | 0;
    }
    hash ^= width;
    shingles[start] = fmix32(hash);
  }
  return shingles;
}

const keyCache = new Map<number, { multiplier: number; increment: number; probeSalt: number }>();

/** The permutation's keys (odd multiplier, increment) and the probe salt, from a seeded splitmix32 stream. */
function permutationKeys(seed: number): { multiplier: number; increment: number; probeSalt: number } {
  const cached = keyCache.get(seed);
  if (cached) return cached;
  const next = splitmix32(seed);
  const keys = { multiplier: next() | 1, increment: next(), probeSalt: next() };
  keyCache.set(seed, keys);
  return keys;
}

function splitmix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 16), 0x21f0aaad);
    value = Math.imul(value ^ (value >>> 15), 0x735a2d97);
    return (value ^ (value >>> 15)) | 0;
  };
}

function fmix32(input: number): number {
  let value = input;
  value ^= value >>> 16;
  value = Math.imul(value, 0x85ebca6b);
  value ^= value >>> 13;
  value = Math.imul(value, 0xc2b2ae35);
  return (value ^ (value >>> 16)) >>> 0;
}

function isTokenCode(code: number): boolean {
  const lower = code >= 65 && code <= 90 ? code | 0x20 : code;
  return (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57);
}

function isSpaceCode(code: number): boolean {
  return code === 32 || code === CHAR_NEWLINE || code === 9 || code === 13;
}

function checkPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new InfraLMError('INFRALM_ERR_CONFIG_INVALID', `${name} must be a positive integer, got ${value}`);
  }
}
