import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Writes a tiny random-weight llama-architecture GGUF v3 model and a matching LoRA adapter, with no
// dependencies, so tests can run real llama.cpp inference. Ported from the proven script in
// notes/deps.md Appendix A: its metadata keys, tensor shapes and tokenizer choices are load-bearing
// (a missing feed_forward_length or head_count aborts the whole process), so change them with care.

const VALUE_TYPE = { u32: 4, i32: 5, f32: 6, bool: 7, string: 8, array: 9 } as const;
type ScalarType = Exclude<(typeof VALUE_TYPE)[keyof typeof VALUE_TYPE], 9>;
type MetadataValue =
  | { type: ScalarType; value: number | string | boolean }
  | { type: 9; element: ScalarType; values: Array<number | string | boolean> };

const GGML_TYPE_F32 = 0;
const ALIGNMENT = 32;

interface TensorSpec {
  name: string;
  /** ggml order: shape[0] is the row length (input dimension), shape[1] the number of rows. */
  shape: number[];
  data: Float32Array;
}

class ByteWriter {
  private readonly chunks: Buffer[] = [];
  size = 0;
  push(bytes: Buffer): void {
    this.chunks.push(bytes);
    this.size += bytes.length;
  }
  scalar(type: ScalarType, value: number | string | boolean): void {
    if (type === VALUE_TYPE.string) {
      const bytes = Buffer.from(value as string, 'utf8');
      this.u64(bytes.length);
      this.push(bytes);
      return;
    }
    const bytes = Buffer.alloc(type === VALUE_TYPE.bool ? 1 : 4);
    if (type === VALUE_TYPE.u32) bytes.writeUInt32LE(value as number);
    else if (type === VALUE_TYPE.i32) bytes.writeInt32LE(value as number);
    else if (type === VALUE_TYPE.f32) bytes.writeFloatLE(value as number);
    else bytes.writeUInt8(value ? 1 : 0);
    this.push(bytes);
  }
  u64(value: number): void {
    const bytes = Buffer.alloc(8);
    bytes.writeBigUInt64LE(BigInt(value));
    this.push(bytes);
  }
  padTo(alignment: number): void {
    const remainder = this.size % alignment;
    if (remainder) this.push(Buffer.alloc(alignment - remainder));
  }
  concat(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** Serialize a GGUF v3 file (all tensors F32) and write it; returns its size in bytes. */
function writeGguf(path: string, metadata: Array<[string, MetadataValue]>, tensors: TensorSpec[]): number {
  const header = new ByteWriter();
  header.push(Buffer.from('GGUF', 'ascii'));
  header.scalar(VALUE_TYPE.u32, 3);
  header.u64(tensors.length);
  header.u64(metadata.length);
  for (const [key, entry] of metadata) {
    header.scalar(VALUE_TYPE.string, key);
    header.scalar(VALUE_TYPE.u32, entry.type);
    if (entry.type === VALUE_TYPE.array) {
      header.scalar(VALUE_TYPE.u32, entry.element);
      header.u64(entry.values.length);
      for (const value of entry.values) header.scalar(entry.element, value);
    } else header.scalar(entry.type, entry.value);
  }
  let offset = 0;
  const offsets: number[] = [];
  for (const tensor of tensors) {
    const count = tensor.shape.reduce((product, dimension) => product * dimension, 1);
    if (count !== tensor.data.length) throw new Error(`${tensor.name}: shape ${tensor.shape} != data`);
    offsets.push(offset);
    header.scalar(VALUE_TYPE.string, tensor.name);
    header.scalar(VALUE_TYPE.u32, tensor.shape.length);
    for (const dimension of tensor.shape) header.u64(dimension);
    header.scalar(VALUE_TYPE.u32, GGML_TYPE_F32);
    header.u64(offset);
    offset = Math.ceil((offset + count * 4) / ALIGNMENT) * ALIGNMENT;
  }
  header.padTo(ALIGNMENT);
  const data = Buffer.alloc(offset);
  for (const [index, tensor] of tensors.entries()) {
    Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength).copy(
      data,
      offsets[index],
    );
  }
  const bytes = Buffer.concat([header.concat(), data]);
  writeFileSync(path, bytes);
  return bytes.length;
}

/** mulberry32: a small seedable generator, so the weights are the same on every run. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

function randomTensor(random: () => number, count: number, deviation: number): Float32Array {
  // Box-Muller normal samples.
  return Float32Array.from({ length: count }, () => {
    const first = Math.max(random(), 1e-12);
    return Math.sqrt(-2 * Math.log(first)) * Math.cos(2 * Math.PI * random()) * deviation;
  });
}

/** SentencePiece-style ("llama") vocabulary; token types: 1 normal, 2 unknown, 3 control, 6 byte. */
function buildVocabulary(): { tokens: string[]; scores: number[]; types: number[] } {
  const tokens: string[] = [];
  const scores: number[] = [];
  const types: number[] = [];
  const add = (token: string, score: number, type: number) => {
    tokens.push(token);
    scores.push(score);
    types.push(type);
  };
  // ids 0/1/2 are llama's defaults for unk/bos/eos.
  add('<unk>', 0, 2);
  add('<s>', 0, 3);
  add('</s>', 0, 3);
  // Byte fallback: the SPM tokenizer throws on an unencodable byte and looks newline up as <0x0A>.
  for (let byte = 0; byte < 256; byte++) add(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`, 0, 6);
  add('<|im_start|>', 0, 3);
  add('<|im_end|>', 0, 3);
  add('\u2581', -1, 1);
  for (let code = 33; code < 127; code++) add(String.fromCharCode(code), -2, 1);
  const words = [
    'resource',
    'module',
    'variable',
    'output',
    'true',
    'false',
    'null',
    'name',
    'type',
    'value',
  ];
  words.push('aws', 'kubernetes', 'deployment', 'service', 'terraform', 'yes', 'no', 'the', 'is', 'a');
  // SPM merges a pair only when the concatenation is a token, so every prefix must be one.
  const seen = new Set(tokens);
  for (const word of words) {
    for (let length = 1; length <= word.length; length++) {
      const piece = `\u2581${word.slice(0, length)}`;
      if (!seen.has(piece)) {
        seen.add(piece);
        add(piece, -3 + length, 1);
      }
    }
  }
  return { tokens, scores, types };
}

// node-llama-cpp picks its ChatML wrapper from this template.
const CHATML_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

const EMBEDDING = 64;
const LAYERS = 2;
const HEADS = 4;
const FEED_FORWARD = 128;

/** Write `tiny-llama.gguf` (~0.14 M parameters, F32) and `tiny-lora.gguf` into a directory. */
export function writeTinyGguf(
  directory: string,
  options: { contextLength?: number; seed?: number } = {},
): { model: string; lora: string } {
  mkdirSync(directory, { recursive: true });
  const model = join(directory, 'tiny-llama.gguf');
  const lora = join(directory, 'tiny-lora.gguf');
  const { tokens, scores, types } = buildVocabulary();
  const headDimension = EMBEDDING / HEADS;
  const u32 = (value: number): MetadataValue => ({ type: VALUE_TYPE.u32, value });
  const text = (value: string): MetadataValue => ({ type: VALUE_TYPE.string, value });
  writeGguf(
    model,
    [
      ['general.architecture', text('llama')],
      ['general.name', text('tiny-random-llama')],
      ['general.alignment', u32(ALIGNMENT)],
      ['general.file_type', u32(0)],
      ['llama.vocab_size', u32(tokens.length)],
      ['llama.context_length', u32(options.contextLength ?? 2048)],
      ['llama.embedding_length', u32(EMBEDDING)],
      ['llama.block_count', u32(LAYERS)],
      ['llama.feed_forward_length', u32(FEED_FORWARD)],
      ['llama.attention.head_count', u32(HEADS)],
      ['llama.attention.head_count_kv', u32(HEADS)],
      ['llama.attention.layer_norm_rms_epsilon', { type: VALUE_TYPE.f32, value: 1e-5 }],
      ['llama.rope.dimension_count', u32(headDimension)],
      ['llama.rope.freq_base', { type: VALUE_TYPE.f32, value: 10000 }],
      ['tokenizer.ggml.model', text('llama')],
      ['tokenizer.ggml.tokens', { type: VALUE_TYPE.array, element: VALUE_TYPE.string, values: tokens }],
      ['tokenizer.ggml.scores', { type: VALUE_TYPE.array, element: VALUE_TYPE.f32, values: scores }],
      ['tokenizer.ggml.token_type', { type: VALUE_TYPE.array, element: VALUE_TYPE.i32, values: types }],
      ['tokenizer.ggml.bos_token_id', u32(1)],
      ['tokenizer.ggml.eos_token_id', u32(2)],
      ['tokenizer.ggml.unknown_token_id', u32(0)],
      ['tokenizer.ggml.add_bos_token', { type: VALUE_TYPE.bool, value: true }],
      ['tokenizer.ggml.add_eos_token', { type: VALUE_TYPE.bool, value: false }],
      ['tokenizer.chat_template', text(CHATML_TEMPLATE)],
    ],
    modelTensors(tokens.length, options.seed ?? 42),
  );
  writeGguf(
    lora,
    [
      ['general.architecture', text('llama')],
      ['general.type', text('adapter')],
      ['adapter.type', text('lora')],
      ['adapter.lora.alpha', { type: VALUE_TYPE.f32, value: 4 }],
      ['general.name', text('tiny-random-lora')],
    ],
    loraTensors(4, 7),
  );
  return { model, lora };
}

function modelTensors(vocabulary: number, seed: number): TensorSpec[] {
  const random = mulberry32(seed);
  // A larger than usual spread so the random model has "opinions".
  const spread = 0.5;
  const ones = (count: number) => new Float32Array(count).fill(1);
  const tensors: TensorSpec[] = [
    {
      name: 'token_embd.weight',
      shape: [EMBEDDING, vocabulary],
      data: randomTensor(random, EMBEDDING * vocabulary, 1),
    },
  ];
  for (let layer = 0; layer < LAYERS; layer++) {
    const matrix = (name: string, inputs: number, outputs: number) =>
      tensors.push({
        name: `blk.${layer}.${name}.weight`,
        shape: [inputs, outputs],
        data: randomTensor(random, inputs * outputs, spread / Math.sqrt(inputs)),
      });
    tensors.push({ name: `blk.${layer}.attn_norm.weight`, shape: [EMBEDDING], data: ones(EMBEDDING) });
    matrix('attn_q', EMBEDDING, EMBEDDING);
    matrix('attn_k', EMBEDDING, EMBEDDING);
    matrix('attn_v', EMBEDDING, EMBEDDING);
    matrix('attn_output', EMBEDDING, EMBEDDING);
    tensors.push({ name: `blk.${layer}.ffn_norm.weight`, shape: [EMBEDDING], data: ones(EMBEDDING) });
    matrix('ffn_gate', EMBEDDING, FEED_FORWARD);
    matrix('ffn_up', EMBEDDING, FEED_FORWARD);
    matrix('ffn_down', FEED_FORWARD, EMBEDDING);
  }
  tensors.push({ name: 'output_norm.weight', shape: [EMBEDDING], data: ones(EMBEDDING) });
  tensors.push({
    name: 'output.weight',
    shape: [EMBEDDING, vocabulary],
    data: randomTensor(random, EMBEDDING * vocabulary, 1 / Math.sqrt(EMBEDDING)),
  });
  return tensors;
}

/** LoRA for attn_q, attn_v and ffn_down of every layer: A is [inputs, rank], B is [rank, outputs]. */
function loraTensors(rank: number, seed: number): TensorSpec[] {
  const random = mulberry32(seed);
  const tensors: TensorSpec[] = [];
  for (let layer = 0; layer < LAYERS; layer++) {
    const targets = [
      ['attn_q', EMBEDDING, EMBEDDING],
      ['attn_v', EMBEDDING, EMBEDDING],
      ['ffn_down', FEED_FORWARD, EMBEDDING],
    ] as const;
    for (const [name, inputs, outputs] of targets) {
      const base = `blk.${layer}.${name}.weight`;
      tensors.push({
        name: `${base}.lora_a`,
        shape: [inputs, rank],
        data: randomTensor(random, inputs * rank, 1 / Math.sqrt(inputs)),
      });
      tensors.push({
        name: `${base}.lora_b`,
        shape: [rank, outputs],
        data: randomTensor(random, rank * outputs, 2),
      });
    }
  }
  return tensors;
}
