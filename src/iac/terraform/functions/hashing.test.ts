import { constants, generateKeyPairSync, publicEncrypt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UNKNOWN, type Value } from '../eval/value.js';
import type { FunctionContext } from './define-function.js';
import { callFunction } from './registry.js';

const files: Record<string, Uint8Array> = { 'hello.txt': new TextEncoder().encode('Hello World') };
const context: FunctionContext = {
  readFile: (path) => files[path],
  listFiles: () => undefined,
  renderTemplate: () => null,
};
const call = (name: string, ...args: Value[]): Value => callFunction(name, args, context);

describe('hash functions (documentation examples)', () => {
  it.each([
    ['md5', ['hello world'], '5eb63bbbe01eeed093cb22bb8f5acdc3'],
    ['sha1', ['hello world'], '2aae6c35c94fcfb415dbe95f408b9ce91ee846ed'],
    ['sha256', ['hello world'], 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9'],
    [
      'sha512',
      ['hello world'],
      '309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f',
    ],
    ['base64sha256', ['hello world'], 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek='],
    [
      'base64sha512',
      ['hello world'],
      'MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw==',
    ],
    ['uuidv5', ['dns', 'www.terraform.io'], 'a5008fae-b28c-5ba5-96cd-82b4c53552d6'],
    ['uuidv5', ['url', 'https://www.terraform.io/'], '9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5'],
    ['uuidv5', ['oid', '1.3.6.1.4'], 'af9d40a5-7a36-5c07-b23a-851cd99fbfa5'],
    [
      'uuidv5',
      ['6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.terraform.io'],
      'a5008fae-b28c-5ba5-96cd-82b4c53552d6',
    ],
    ['filemd5', ['hello.txt'], 'b10a8db164e0754105b7a99be72e3fe5'],
    ['filesha1', ['hello.txt'], '0a4d55a8d778e5022fab701977c5d840bbc486d0'],
    ['filesha256', ['hello.txt'], 'a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e'],
    ['filebase64sha256', ['hello.txt'], 'pZGm1Av0IEBKARczz7exkNYsZb8LzaMrV7J32a2fFG4='],
  ] as [string, Value[], Value][])('%s(%j) = %j', (name, args, expected) => {
    expect(call(name, ...args)).toBe(expected);
  });

  it('derives the x500 namespace and rejects unknown namespaces', () => {
    expect(call('uuidv5', 'x500', 'CN=Terraform')).toBe(
      call('uuidv5', '6ba7b814-9dad-11d1-80b4-00c04fd430c8', 'CN=Terraform'),
    );
    expect(() => call('uuidv5', 'tada', 'x')).toThrow("uuidv5() doesn't support namespace tada");
  });

  it('never guesses random values', () => {
    expect(call('uuid')).toBe(UNKNOWN);
    expect(call('bcrypt', 'secret')).toBe(UNKNOWN);
    expect(call('bcrypt', 'secret', 12)).toBe(UNKNOWN);
    expect(call('sha256', UNKNOWN)).toBe(UNKNOWN);
  });

  it('fails for a missing file like os.Open', () => {
    expect(() => call('filesha256', 'missing.txt')).toThrow('open missing.txt: no such file or directory');
  });

  it('decrypts RSA PKCS #1 v1.5 ciphertext without echoing key material', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const ciphertext = publicEncrypt(
      { key: publicKey, padding: constants.RSA_PKCS1_PADDING },
      Buffer.from('s3cret'),
    ).toString('base64');
    expect(call('rsadecrypt', ciphertext, pem)).toBe('s3cret');
    expect(() => call('rsadecrypt', ciphertext, 'not a key')).toThrow('invalid private key');
    expect(() => call('rsadecrypt', ciphertext, 'not a key')).not.toThrow(/not a key/);
    expect(() => call('rsadecrypt', '!!', pem)).toThrow('cipher text must be base64-encoded');
  });
});
