// Hash and crypto built-ins: base64sha256 base64sha512 bcrypt filebase64sha256 filebase64sha512 filemd5
// filesha1 filesha256 filesha512 md5 rsadecrypt sha1 sha256 sha512 uuid uuidv5. uuid() and bcrypt()
// are random, so a static planner can only call them unknown.

import { createHash, createPrivateKey } from 'node:crypto';
import { UNKNOWN } from '../eval/value.js';
import { defineFunction, type FunctionContext, type TerraformFunction } from './define-function.js';
import { argumentProblem, callProblem } from './function-call-error.js';

type Algorithm = 'md5' | 'sha1' | 'sha256' | 'sha512';

function digest(algorithm: Algorithm, data: Uint8Array | string, encoding: 'hex' | 'base64'): string {
  return createHash(algorithm).update(data).digest(encoding);
}

const stringHash = (name: string, algorithm: Algorithm, encoding: 'hex' | 'base64'): TerraformFunction =>
  defineFunction({
    name,
    parameters: [{ name: 'str', type: 'string' }],
    implementation: ([text]) => digest(algorithm, text as string, encoding),
  });

/** Reads a file through the context, failing the way Go's os.Open does for a missing file. */
export function readFileOrFail(context: FunctionContext, path: string): Uint8Array {
  const data = context.readFile(path);
  if (data === undefined) throw callProblem(`open ${path}: no such file or directory`);
  return data;
}

const fileHash = (name: string, algorithm: Algorithm, encoding: 'hex' | 'base64'): TerraformFunction =>
  defineFunction({
    name,
    parameters: [{ name: 'path', type: 'string' }],
    implementation: ([path], context) => digest(algorithm, readFileOrFail(context, path as string), encoding),
  });

const NAMESPACES: Record<string, string> = {
  dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
  x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
};

/** Parses a UUID in the forms google/uuid accepts (plain, urn:uuid:, braced, or 32 hex digits). */
function parseUuid(text: string): Buffer | undefined {
  let body = text;
  if (body.length === 45 && body.toLowerCase().startsWith('urn:uuid:')) body = body.slice(9);
  else if (body.length === 38 && body.startsWith('{') && body.endsWith('}')) body = body.slice(1, -1);
  if (/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(body)) {
    return Buffer.from(body.replaceAll('-', ''), 'hex');
  }
  if (/^[0-9a-fA-F]{32}$/.test(body)) return Buffer.from(body, 'hex');
  return undefined;
}

/** RFC 4122 version 5 (SHA-1, name-based) UUID. */
export function uuidV5(namespace: Buffer, name: string): string {
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function modularPower(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let power = base % modulus;
  let remaining = exponent;
  while (remaining > 0n) {
    if (remaining & 1n) result = (result * power) % modulus;
    power = (power * power) % modulus;
    remaining >>= 1n;
  }
  return result;
}

function base64UrlToBigInt(text: string): bigint {
  const hex = Buffer.from(text, 'base64url').toString('hex');
  return hex === '' ? 0n : BigInt(`0x${hex}`);
}

/**
 * RSA PKCS #1 v1.5 decryption done with BigInt arithmetic, because Node no longer offers PKCS #1 v1.5
 * padding for private decryption. Never puts key material or plaintext into error messages.
 */
function rsaDecrypt(ciphertext: string, privateKeyPem: string): string {
  if (!/^[A-Za-z0-9+/\r\n]*={0,2}[\r\n]*$/.test(ciphertext)) {
    throw argumentProblem(0, 'failed to decode input: cipher text must be base64-encoded');
  }
  let jwk: { n?: string; d?: string; kty?: string };
  try {
    jwk = createPrivateKey(privateKeyPem).export({ format: 'jwk' }) as typeof jwk;
  } catch {
    throw argumentProblem(1, 'invalid private key: the key could not be parsed');
  }
  if (jwk.kty !== 'RSA' || !jwk.n || !jwk.d)
    throw argumentProblem(1, 'invalid private key type: not an RSA key');
  const modulus = base64UrlToBigInt(jwk.n);
  const exponent = base64UrlToBigInt(jwk.d);
  const size = Buffer.from(jwk.n, 'base64url').length;
  const cipherBytes = Buffer.from(ciphertext, 'base64');
  const cipher = BigInt(`0x${cipherBytes.toString('hex') || '0'}`);
  if (cipherBytes.length > size || cipher >= modulus)
    throw callProblem('failed to decrypt: crypto/rsa: decryption error');
  const plain = modularPower(cipher, exponent, modulus)
    .toString(16)
    .padStart(size * 2, '0');
  const block = Buffer.from(plain, 'hex');
  const separator = block.indexOf(0, 2);
  if (block[0] !== 0 || block[1] !== 2 || separator < 10)
    throw callProblem('failed to decrypt: crypto/rsa: decryption error');
  return block.subarray(separator + 1).toString('utf8');
}

/** The hash and crypto built-ins. */
export const HASHING_FUNCTIONS: TerraformFunction[] = [
  stringHash('base64sha256', 'sha256', 'base64'),
  stringHash('base64sha512', 'sha512', 'base64'),
  defineFunction({
    name: 'bcrypt',
    parameters: [{ name: 'str', type: 'string' }],
    variadic: { name: 'cost', type: 'number' },
    implementation: (args) => {
      if (args.length > 2) throw callProblem('bcrypt() takes no more than two arguments');
      return UNKNOWN;
    },
  }),
  fileHash('filebase64sha256', 'sha256', 'base64'),
  fileHash('filebase64sha512', 'sha512', 'base64'),
  fileHash('filemd5', 'md5', 'hex'),
  fileHash('filesha1', 'sha1', 'hex'),
  fileHash('filesha256', 'sha256', 'hex'),
  fileHash('filesha512', 'sha512', 'hex'),
  stringHash('md5', 'md5', 'hex'),
  defineFunction({
    name: 'rsadecrypt',
    parameters: [
      { name: 'ciphertext', type: 'string' },
      { name: 'privatekey', type: 'string' },
    ],
    implementation: ([ciphertext, key]) => rsaDecrypt(ciphertext as string, key as string),
  }),
  stringHash('sha1', 'sha1', 'hex'),
  stringHash('sha256', 'sha256', 'hex'),
  stringHash('sha512', 'sha512', 'hex'),
  defineFunction({ name: 'uuid', parameters: [], implementation: () => UNKNOWN }),
  defineFunction({
    name: 'uuidv5',
    parameters: [
      { name: 'namespace', type: 'string' },
      { name: 'name', type: 'string' },
    ],
    implementation: ([namespace, name]) => {
      const known = NAMESPACES[namespace as string];
      const bytes = known ? (parseUuid(known) as Buffer) : parseUuid(namespace as string);
      if (!bytes) {
        throw callProblem(`uuidv5() doesn't support namespace ${namespace as string} (invalid UUID format)`);
      }
      return uuidV5(bytes, name as string);
    },
  }),
];
