// Encoding built-ins: base64decode base64encode base64gzip csvdecode jsondecode jsonencode
// textdecodebase64 textencodebase64 urlencode yamldecode yamlencode.

import { constants, crc32, deflateRawSync } from 'node:zlib';
import { isWhollyKnown, UNKNOWN, type Value } from '../eval/value.js';
import { CsvDecodeError, decodeCsv } from './csv-decode.js';
import { defineFunction, type TerraformFunction } from './define-function.js';
import { argumentProblem, callProblem } from './function-call-error.js';
import { decodeJson, encodeJson, JsonSyntaxError, JsonValueError } from './json-codec.js';
import { charsetFor, TextEncodingError } from './text-encoding.js';
import { decodeYaml, YamlDecodeError } from './yaml-decode.js';
import { encodeYaml } from './yaml-encode.js';

/** Go's base64.StdEncoding.DecodeString: padding required, \r and \n ignored. Returns the bad offset on failure. */
export function decodeStandardBase64(text: string): Uint8Array | number {
  const compact = text.replace(/[\r\n]/g, '');
  const invalid = /[^A-Za-z0-9+/=]/.exec(compact);
  if (invalid) return invalid.index;
  const padding = compact.indexOf('=');
  if (padding >= 0 && (!/^={1,2}$/.test(compact.slice(padding)) || compact.length % 4 !== 0)) return padding;
  if (compact.length % 4 !== 0) return compact.length - (compact.length % 4);
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function utf8OrUndefined(bytes: Uint8Array): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Go's url.QueryEscape: unreserved characters kept, space as "+", the rest percent-encoded in UTF-8. */
export function queryEscape(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    const character = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(character)) out += character;
    else if (character === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * gzip framed as Terraform's Go code writes it: a bare header (no timestamp, OS "unknown"), the deflate
 * stream sync-flushed, then an empty final stored block. zlib picks the same fixed-Huffman blocks as
 * Go for short strings; for long ones the compressed bytes can differ (the decompressed text is equal).
 */
function goGzip(text: string): Buffer {
  const data = Buffer.from(text, 'utf8');
  const header = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]);
  const body = deflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH });
  const finalBlock = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data) >>> 0, 0);
  trailer.writeUInt32LE(data.length >>> 0, 4);
  return Buffer.concat([header, body, finalBlock, trailer]);
}

function withTextEncoding<T>(operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    if (error instanceof TextEncodingError) throw argumentProblem(error.argumentIndex, error.message);
    throw error;
  }
}

/** The encoding built-ins. */
export const ENCODING_FUNCTIONS: TerraformFunction[] = [
  defineFunction({
    name: 'base64decode',
    parameters: [{ name: 'str', type: 'string' }],
    implementation: ([text]) => {
      const bytes = decodeStandardBase64(text as string);
      // Terraform quotes the input here; it may be a secret, so this message leaves it out.
      if (typeof bytes === 'number')
        throw callProblem(`failed to decode base64 data (invalid symbol at offset ${bytes})`);
      const decoded = utf8OrUndefined(bytes);
      if (decoded === undefined)
        throw callProblem('the result of decoding the provided string is not valid UTF-8');
      return decoded;
    },
  }),
  defineFunction({
    name: 'base64encode',
    parameters: [{ name: 'str', type: 'string' }],
    implementation: ([text]) => Buffer.from(text as string, 'utf8').toString('base64'),
  }),
  defineFunction({
    name: 'base64gzip',
    parameters: [{ name: 'str', type: 'string' }],
    implementation: ([text]) => goGzip(text as string).toString('base64'),
  }),
  defineFunction({
    name: 'csvdecode',
    parameters: [{ name: 'str', type: 'string' }],
    implementation: ([text]) => {
      try {
        return decodeCsv(text as string);
      } catch (error) {
        if (error instanceof CsvDecodeError) throw callProblem(error.message);
        throw error;
      }
    },
  }),
  defineFunction({
    name: 'jsondecode',
    parameters: [{ name: 'str', type: 'string' }],
    implementation: ([text]) => {
      try {
        return decodeJson(text as string);
      } catch (error) {
        if (error instanceof JsonSyntaxError) throw callProblem(error.message);
        throw error;
      }
    },
  }),
  defineFunction({
    name: 'jsonencode',
    parameters: [{ name: 'val', type: 'any', allowNull: true }],
    implementation: ([value]) => {
      if (!isWhollyKnown(value as Value)) return UNKNOWN;
      try {
        return encodeJson(value as Value);
      } catch (error) {
        if (error instanceof JsonValueError) throw callProblem(error.message);
        throw error;
      }
    },
  }),
  defineFunction({
    name: 'textdecodebase64',
    parameters: [
      { name: 'source', type: 'string' },
      { name: 'encoding', type: 'string' },
    ],
    implementation: ([source, encoding]) =>
      withTextEncoding(() => {
        const charset = charsetFor(encoding as string);
        const bytes = decodeStandardBase64(source as string);
        if (typeof bytes === 'number') {
          throw argumentProblem(0, `the given value is has an invalid base64 symbol at offset ${bytes}`);
        }
        const decoded = charset.decode(bytes);
        if (decoded.includes('\ufffd')) {
          throw argumentProblem(
            0,
            `the given string contains symbols that are not defined for ${charset.name}`,
          );
        }
        return decoded;
      }),
  }),
  defineFunction({
    name: 'textencodebase64',
    parameters: [
      { name: 'string', type: 'string' },
      { name: 'encoding', type: 'string' },
    ],
    implementation: ([text, encoding]) =>
      withTextEncoding(() =>
        Buffer.from(charsetFor(encoding as string).encode(text as string)).toString('base64'),
      ),
  }),
  defineFunction({
    name: 'urlencode',
    parameters: [{ name: 'str', type: 'string' }],
    implementation: ([text]) => queryEscape(text as string),
  }),
  defineFunction({
    name: 'yamldecode',
    parameters: [{ name: 'src', type: 'string' }],
    implementation: ([text]) => {
      try {
        return decodeYaml(text as string);
      } catch (error) {
        if (error instanceof YamlDecodeError) throw callProblem(error.message);
        throw error;
      }
    },
  }),
  defineFunction({
    name: 'yamlencode',
    parameters: [{ name: 'value', type: 'any', allowNull: true }],
    implementation: ([value]) => (isWhollyKnown(value as Value) ? encodeYaml(value as Value) : UNKNOWN),
  }),
];
