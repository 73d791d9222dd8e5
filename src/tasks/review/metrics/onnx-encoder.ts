import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { InfraLMError } from '../../../core/errors.js';
import {
  type BertScore,
  type BertScoreBaseline,
  greedyBertScore,
  rescaleBertScore,
  type TokenEmbeddings,
} from './bert-score.js';

// Token embeddings from an ONNX encoder (an export of a BERT-like model whose chosen output is the
// hidden states [1, n, d] — export the layer BERTScore should use as that output) and a local
// tokenizer.json, for BERTScore. One sentence per run: no padding, so no mask can leak into the
// vectors. Sentences are trimmed (bert_score strips them) and truncated to maxTokens, keeping the
// special tokens the post-processor adds at both ends. onnxruntime-node is loaded on first use, so
// importing this module costs nothing until a scorer is made.

/** Options of createOnnxEncoder. */
export interface OnnxEncoderOptions {
  /** The ONNX model: a file path or its bytes. */
  model: string | Uint8Array;
  /** The tokenizer: a tokenizer.json path or its parsed content. */
  tokenizer: string | Record<string, unknown>;
  /** tokenizer_config.json content; by default read from beside a tokenizer path when present. */
  tokenizerConfig?: Record<string, unknown>;
  /** The output holding the token vectors (default: the model's first output). */
  outputName?: string;
  /** Longest sequence, special tokens included (default 512, BERT's limit). */
  maxTokens?: number;
}

/** Turns a sentence into weighted token vectors. */
export interface TokenEncoder {
  embed(text: string): Promise<TokenEmbeddings>;
  close(): Promise<void>;
}

async function readJson(path: string, what: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new InfraLMError('INFRALM_ERR_INPUT_NOT_FOUND', `${what} ${path}`);
    throw error;
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new InfraLMError('INFRALM_ERR_RECORD_PARSE', `${what} is not JSON: ${(error as Error).message}`, {
      location: { file: path },
    });
  }
}

const TOKEN_KEYS = [
  'unk_token',
  'bos_token',
  'eos_token',
  'pad_token',
  'cls_token',
  'sep_token',
  'mask_token',
];

/** tokenizer_config.json with AddedToken objects flattened to strings and unk_token filled in. */
function tokenizerSettings(
  tokenizerJson: Record<string, unknown>,
  config: Record<string, unknown>,
): Record<string, unknown> {
  const settings: Record<string, unknown> = { ...config };
  for (const key of TOKEN_KEYS) {
    const value = settings[key];
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as { content?: unknown }).content === 'string'
    )
      settings[key] = (value as { content: string }).content;
  }
  // A WordLevel model reads its unknown token from the config, not from tokenizer.json.
  const model = tokenizerJson.model as { unk_token?: unknown } | undefined;
  if (settings.unk_token === undefined && typeof model?.unk_token === 'string')
    settings.unk_token = model.unk_token;
  return settings;
}

/** The [start, end) of `inner` inside `full`, or undefined. */
function locate(full: readonly number[], inner: readonly number[]): [number, number] | undefined {
  for (let start = 0; start + inner.length <= full.length; start++) {
    let equal = true;
    for (let index = 0; index < inner.length && equal; index++) equal = full[start + index] === inner[index];
    if (equal) return [start, start + inner.length];
  }
  return undefined;
}

/** Load an ONNX encoder and its tokenizer (see the module comment). */
export async function createOnnxEncoder(options: OnnxEncoderOptions): Promise<TokenEncoder> {
  const tokenizerJson =
    typeof options.tokenizer === 'string'
      ? await readJson(options.tokenizer, 'tokenizer')
      : options.tokenizer;
  let config = options.tokenizerConfig;
  if (config === undefined && typeof options.tokenizer === 'string') {
    const beside = join(dirname(options.tokenizer), 'tokenizer_config.json');
    config = await readJson(beside, 'tokenizer config').catch((error: unknown) => {
      if (InfraLMError.isInstance(error) && error.code === 'INFRALM_ERR_INPUT_NOT_FOUND') return {};
      throw error;
    });
  }
  const tokenizer = new Tokenizer(tokenizerJson, tokenizerSettings(tokenizerJson, config ?? {}));
  const specialIds = new Set(
    [...tokenizer.get_added_tokens_decoder().values()]
      .filter((token) => token.special)
      .map((token) => token.id),
  );
  const ort = await import('onnxruntime-node');
  let session: InferenceSession;
  try {
    session =
      typeof options.model === 'string'
        ? await ort.InferenceSession.create(options.model)
        : await ort.InferenceSession.create(options.model);
  } catch (error) {
    const where = typeof options.model === 'string' ? options.model : 'the model bytes';
    throw new InfraLMError('INFRALM_ERR_INPUT_NOT_FOUND', `ONNX encoder could not be loaded from ${where}`, {
      cause: error,
    });
  }
  const outputName = options.outputName ?? session.outputNames[0];
  if (outputName === undefined || !session.outputNames.includes(outputName)) {
    throw new InfraLMError(
      'INFRALM_ERR_USAGE',
      `ONNX encoder has no output "${outputName ?? ''}" (outputs: ${session.outputNames.join(', ')})`,
    );
  }
  const maxTokens = options.maxTokens ?? 512;
  const ids = (text: string, special: boolean): number[] => {
    // An unknown word without a configured unknown token comes back as null.
    const encoded: (number | null | undefined)[] = tokenizer.encode(text, {
      add_special_tokens: special,
    }).ids;
    const missing = encoded.findIndex((id: number | null | undefined) => typeof id !== 'number');
    if (missing !== -1) {
      throw new InfraLMError(
        'INFRALM_ERR_USAGE',
        `tokenizer has no id for a token of "${text.slice(0, 40)}" (no unknown token configured)`,
      );
    }
    return encoded as number[];
  };
  return {
    async embed(text) {
      const sentence = text.trim();
      const full = ids(sentence, true);
      const inner = ids(sentence, false);
      const span = locate(full, inner);
      let tokens = full;
      let weights: number[];
      if (span) {
        const [start, end] = span;
        const prefix = full.slice(0, start);
        const suffix = full.slice(end);
        const room = Math.max(0, maxTokens - prefix.length - suffix.length);
        tokens = [...prefix, ...inner.slice(0, room), ...suffix];
        weights = tokens.map((_, index) =>
          index >= prefix.length && index < prefix.length + Math.min(room, inner.length) ? 1 : 0,
        );
      } else {
        tokens = full.slice(0, maxTokens);
        weights = tokens.map((id) => (specialIds.has(id) ? 0 : 1));
      }
      const length = tokens.length;
      const feeds: Record<string, Tensor> = {};
      for (const name of session.inputNames) {
        const values =
          name === 'input_ids'
            ? tokens.map(BigInt)
            : name === 'attention_mask'
              ? tokens.map(() => 1n)
              : name === 'token_type_ids'
                ? tokens.map(() => 0n)
                : name === 'position_ids'
                  ? tokens.map((_, index) => BigInt(index))
                  : undefined;
        if (!values)
          throw new InfraLMError('INFRALM_ERR_USAGE', `ONNX encoder input "${name}" is not supported`);
        feeds[name] = new ort.Tensor('int64', BigInt64Array.from(values), [1, length]);
      }
      const output = (await session.run(feeds))[outputName]!;
      const dims = output.dims;
      const width = dims[dims.length - 1]!;
      const rows = dims.length === 3 ? dims[1]! : dims[0]!;
      if ((dims.length !== 3 && dims.length !== 2) || rows !== length) {
        throw new InfraLMError(
          'INFRALM_ERR_USAGE',
          `ONNX encoder output "${outputName}" has shape [${dims.join(', ')}], expected [1, ${length}, d]`,
        );
      }
      const data = output.data as Float32Array;
      const vectors = Array.from({ length }, (_, row) => data.subarray(row * width, (row + 1) * width));
      return { vectors, weights };
    },
    async close() {
      await session.release();
    },
  };
}

/** Scores candidate/reference pairs with an encoder. */
export interface BertScorer {
  score(candidate: string, reference: string): Promise<BertScore>;
  /** Pairwise scores of two equally long lists (each distinct sentence embedded once). */
  scoreAll(candidates: readonly string[], references: readonly string[]): Promise<BertScore[]>;
}

/** A BERTScore scorer over an encoder, with optional baseline rescaling. */
export function createBertScorer(
  encoder: TokenEncoder,
  options: { baseline?: BertScoreBaseline } = {},
): BertScorer {
  const finish = (score: BertScore) =>
    options.baseline === undefined ? score : rescaleBertScore(score, options.baseline);
  const scoreAll = async (candidates: readonly string[], references: readonly string[]) => {
    if (candidates.length !== references.length) {
      throw new InfraLMError(
        'INFRALM_ERR_USAGE',
        `BERTScore needs one reference per candidate, got ${candidates.length} and ${references.length}`,
      );
    }
    const embedded = new Map<string, TokenEmbeddings>();
    for (const text of [...candidates, ...references])
      if (!embedded.has(text)) embedded.set(text, await encoder.embed(text));
    return candidates.map((candidate, index) =>
      finish(greedyBertScore(embedded.get(candidate)!, embedded.get(references[index]!)!)),
    );
  };
  return {
    async score(candidate, reference) {
      return (await scoreAll([candidate], [reference]))[0]!;
    },
    scoreAll,
  };
}
