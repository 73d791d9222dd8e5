import { InfraLMError } from '../../../core/errors.js';
import { CODEREVIEWER_STOPWORDS } from './codereviewer-stopwords.js';

// BLEU exactly as CodeReviewer's evaluation computes it: `bleu_fromstr(predictions, golds,
// rmstop=True)` of microsoft/CodeBERT CodeReviewer/code/evaluator/smooth_bleu.py (commit 5488f12b),
// the script behind the paper's review-comment BLEU. Per prediction/reference pair:
//
//  1. nltk `wordpunct_tokenize` (regex `\w+|[^\w\s]+`, Unicode `\w`), tokens joined by one space;
//  2. stop words removed: tokens equal to an entry of its stopwords.txt. The comparison is
//     case-sensitive and comes BEFORE lower-casing, so "the" is removed but "The" is kept;
//  3. `computeMaps`: lower-cased, then `splitPuncts` (`[\w]+|[^\s\w]`: punctuation one char a token);
//  4. `bleu([reference], prediction)`: the MOSES/NIST `normalize` (unescape &lt; &gt; &quot; &amp;,
//     lower-case, space out `{|}~[\]^_\`` space `!"#$%&()*+:;<=>?@/` — so `aws_s3_bucket` becomes five
//     tokens — and `.`/`,` unless next to a digit, and `-` after a digit), then sentence BLEU-4 with
//     "smooth 1": add one to the matched and total counts of 2-, 3- and 4-grams (not unigrams),
//     every log taken of (count + sys.float_info.min), and the brevity penalty
//     min(0, 1 - (reflen + 1) / (testlen + 1)) (also +1-smoothed), BLEU = exp(mean log p + BP);
//  5. the corpus score is the mean of the sentence BLEUs × 100; CodeReviewer rounds it to 2 places.
//
// Consequences kept on purpose: an empty prediction against a reference of n tokens scores
// exp(-n) (its unigram term is log(min) - log(min) = 0), and two empty strings score 100.
// Where CodeReviewer would divide by zero (no pairs at all) this returns 0.

/** Python's `str.isspace` characters, which `\s` and `str.split()` use. */
const SPACE =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** Python's Unicode `\w`: letters, numbers, underscore. */
const WORD = '\\p{L}\\p{N}_';
const WORD_PUNCT = new RegExp(`[${WORD}]+|[^${WORD}${SPACE}]+`, 'gu');
const SPLIT_PUNCTS = new RegExp(`[${WORD}]+|[^${SPACE}${WORD}]`, 'gu');
const PYTHON_SPACE_RUN = new RegExp(`[${SPACE}]+`, 'u');
const PYTHON_SPACE_EDGES = new RegExp(`^[${SPACE}]+|[${SPACE}]+$`, 'gu');

const NORMALIZE_PUNCTUATION = /([\x7B-\x7E\x5B-\x60\x20-\x26\x28-\x2B\x3A-\x40\x2F])/gu;
const PERIOD_COMMA_AFTER = /([^0-9])([.,])/gu;
const PERIOD_COMMA_BEFORE = /([.,])([^0-9])/gu;
const DASH_AFTER_DIGIT = /([0-9])(-)/gu;

/** `sys.float_info.min`, added inside every log. */
const FLOAT_MIN = 2.2250738585072014e-308;
const ORDER = 4;

function pythonSplit(text: string): string[] {
  const trimmed = text.replace(PYTHON_SPACE_EDGES, '');
  return trimmed === '' ? [] : trimmed.split(PYTHON_SPACE_RUN);
}

/** Steps 1–2: wordpunct tokens without stop words, joined by spaces (what bleu_fromstr passes on). */
export function codeReviewerPrepare(text: string, removeStopwords = true): string {
  const tokens = text.match(WORD_PUNCT) ?? [];
  return (removeStopwords ? tokens.filter((token) => !CODEREVIEWER_STOPWORDS.has(token)) : tokens).join(' ');
}

/** Step 3: `splitPuncts(text.strip().lower())`. */
export function splitPuncts(text: string): string {
  return (text.replace(PYTHON_SPACE_EDGES, '').toLowerCase().match(SPLIT_PUNCTS) ?? []).join(' ');
}

/** The MOSES/NIST `normalize` of smooth_bleu.py (preserve_case False): its tokens. */
export function nistNormalize(text: string): string[] {
  let value = text
    .replace(/<skipped>/g, '')
    .replace(/-\n/g, '')
    .replace(/\n/g, ' ');
  value = value
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&');
  value = ` ${value} `.toLowerCase();
  value = value
    .replace(NORMALIZE_PUNCTUATION, ' $1 ')
    .replace(PERIOD_COMMA_AFTER, '$1 $2 ')
    .replace(PERIOD_COMMA_BEFORE, ' $1 $2')
    .replace(DASH_AFTER_DIGIT, '$1 $2 ');
  return pythonSplit(value);
}

function countNgrams(words: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (let size = 1; size <= ORDER; size++) {
    for (let start = 0; start + size <= words.length; start++) {
      const gram = `${size}\u0000${words.slice(start, start + size).join(' ')}`;
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
  }
  return counts;
}

/** Step 4: `bleu([reference], candidate)[0]` (0–1) on strings already through steps 1–3. */
export function smoothSentenceBleu(reference: string, candidate: string): number {
  const referenceWords = nistNormalize(reference);
  const testWords = nistNormalize(candidate);
  const referenceCounts = countNgrams(referenceWords);
  const correct = new Array<number>(ORDER).fill(0);
  for (const [gram, count] of countNgrams(testWords)) {
    const size = Number(gram.slice(0, gram.indexOf('\u0000')));
    correct[size - 1]! += Math.min(referenceCounts.get(gram) ?? 0, count);
  }
  let logBleu = 0;
  for (let k = 0; k < ORDER; k++) {
    const guess = Math.max(testWords.length - k, 0);
    const add = k > 0 ? 1 : 0;
    logBleu += Math.log(correct[k]! + add + FLOAT_MIN) - Math.log(guess + add + FLOAT_MIN);
  }
  logBleu /= ORDER;
  const brevity = Math.min(0, 1 - (referenceWords.length + 1) / (testWords.length + 1));
  return Math.exp(logBleu + brevity);
}

/** One pair through steps 1–4: CodeReviewer's sentence BLEU (0–1). */
export function codeReviewerSentenceBleu(
  candidate: string,
  reference: string,
  removeStopwords = true,
): number {
  return smoothSentenceBleu(
    splitPuncts(codeReviewerPrepare(reference, removeStopwords)),
    splitPuncts(codeReviewerPrepare(candidate, removeStopwords)),
  );
}

/** Python's `round(value, 2)`: the exact binary value rounded to 2 places, ties to even. */
export function roundLikePython2(value: number): number {
  if (!Number.isFinite(value)) return value;
  // A double is exactly halfway between two hundredths only at an eighth (x.125, x.375, ...).
  if (Number.isInteger(value * 8) && !Number.isInteger(value * 100)) {
    const low = Math.floor(value * 100);
    return (low % 2 === 0 ? low : low + 1) / 100;
  }
  return Number(value.toFixed(2));
}

/** The corpus BLEU: mean sentence BLEU × 100, also rounded as CodeReviewer reports it. */
export function codeReviewerBleu(
  candidates: readonly string[],
  references: readonly string[],
  options: { removeStopwords?: boolean } = {},
): { bleu: number; rounded: number; sentences: number[] } {
  if (candidates.length !== references.length) {
    throw new InfraLMError(
      'INFRALM_ERR_USAGE',
      `BLEU needs one reference per candidate, got ${candidates.length} candidates and ${references.length} references`,
    );
  }
  const removeStopwords = options.removeStopwords ?? true;
  const sentences = candidates.map((candidate, index) =>
    codeReviewerSentenceBleu(candidate, references[index]!, removeStopwords),
  );
  if (sentences.length === 0) return { bleu: 0, rounded: 0, sentences };
  let sum = 0;
  for (const value of sentences) sum += value;
  const bleu = (sum * 100) / sentences.length;
  return { bleu, rounded: roundLikePython2(bleu), sentences };
}
