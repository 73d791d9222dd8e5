// A tiny ONNX "encoder" and WordLevel tokenizer built for tests: ids → rows of a seeded matrix E
// (Gather), times the attention mask, so the output for a sentence is exactly E[ids] and any score
// can be recomputed from E directly. Vocabulary ids 0–3 are [PAD] [UNK] [CLS] [SEP].

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'];

/** A matrix of uniform values in [-0.5, 0.5) from a linear congruential generator. */
export function seededMatrix(rows: number, columns: number, seed: number): Float32Array {
  let state = seed >>> 0;
  const out = new Float32Array(rows * columns);
  for (let index = 0; index < out.length; index++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[index] = state / 2 ** 32 - 0.5;
  }
  return out;
}

/** The ONNX model: input_ids and attention_mask [1, n] → last_hidden_state [1, n, width]. */
export function tinyEncoderModel(matrix: Float32Array, width: number): Uint8Array {
  const { DataType } = onnx.TensorProto;
  const { INT } = onnx.AttributeProto.AttributeType;
  const sequence = (name: string) => ({
    name,
    type: { tensorType: { elemType: DataType.INT64, shape: { dim: [{ dimValue: 1 }, { dimParam: 'n' }] } } },
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'tiny-encoder',
      node: [
        { opType: 'Gather', input: ['E', 'input_ids'], output: ['rows'], attribute: [{ name: 'axis', type: INT, i: 0 }] },
        {
          opType: 'Cast',
          input: ['attention_mask'],
          output: ['mask_float'],
          attribute: [{ name: 'to', type: INT, i: DataType.FLOAT }],
        },
        { opType: 'Unsqueeze', input: ['mask_float', 'last_axis'], output: ['mask_column'] },
        { opType: 'Mul', input: ['rows', 'mask_column'], output: ['last_hidden_state'] },
      ],
      initializer: [
        {
          name: 'E',
          dims: [matrix.length / width, width],
          dataType: DataType.FLOAT,
          rawData: new Uint8Array(matrix.buffer.slice(matrix.byteOffset, matrix.byteOffset + matrix.byteLength)),
        },
        { name: 'last_axis', dims: [1], dataType: DataType.INT64, int64Data: [2] },
      ],
      input: [sequence('input_ids'), sequence('attention_mask')],
      output: [
        {
          name: 'last_hidden_state',
          type: {
            tensorType: {
              elemType: DataType.FLOAT,
              shape: { dim: [{ dimValue: 1 }, { dimParam: 'n' }, { dimValue: width }] },
            },
          },
        },
      ],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** A tokenizer.json: lower-case, split on whitespace, whole words, [CLS] … [SEP]. */
export function wordLevelTokenizer(words: readonly string[]): Record<string, unknown> {
  const vocabulary = [...SPECIAL_TOKENS, ...words];
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'WhitespaceSplit' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
      },
    },
    decoder: null,
    model: {
      type: 'WordLevel',
      vocab: Object.fromEntries(vocabulary.map((word, id) => [word, id])),
      unk_token: '[UNK]',
    },
  };
}

/** Write encoder.onnx and tokenizer.json into a folder; returns their paths and the matrix. */
export function writeTinyEncoder(
  directory: string,
  words: readonly string[],
  options: { width?: number; seed?: number } = {},
): { modelPath: string; tokenizerPath: string; matrix: Float32Array; width: number } {
  const width = options.width ?? 5;
  const matrix = seededMatrix(SPECIAL_TOKENS.length + words.length, width, options.seed ?? 7);
  const modelPath = join(directory, 'encoder.onnx');
  const tokenizerPath = join(directory, 'tokenizer.json');
  writeFileSync(modelPath, tinyEncoderModel(matrix, width));
  writeFileSync(tokenizerPath, JSON.stringify(wordLevelTokenizer(words)));
  return { modelPath, tokenizerPath, matrix, width };
}
