import { describe, expect, it } from 'vitest';
import { redact } from './redact.js';

// Well-known token formats that are secrets whatever key holds them (each prefix is documented by its
// service); values are built here, not real.
describe('service tokens and connection-string keys', () => {
  const tokens: [string, string][] = [
    ['Stripe secret key', `sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`],
    ['Stripe restricted key', `rk_test_${'51HxABCDEFGHIJKLMNOPQRstu'}`],
    ['Hugging Face token', `hf_${'AbCdEfGhIjKlMnOpQrStUvWxYz012345'}`],
    ['npm token', `npm_${'a'.repeat(36)}`],
    ['GitLab personal access token', `glpat-${'x1y2z3A4B5C6D7E8F9G0'}`],
    ['Google OAuth access token', `ya29.${'a0AfH6SMBqwertyuiopasdfgh'}`],
    ['SendGrid key', `SG.${'a'.repeat(22)}.${'b'.repeat(43)}`],
    ['Slack webhook', 'https://hooks.slack.com/services/T0123ABCD/B0123ABCD/abcdefghijklmnopqrstuvwx'],
  ];
  for (const [name, token] of tokens) {
    it(`redacts a ${name} under any key`, () => {
      const text = `env:\n  - name: SETTING\n    value: "${token}"\n`;
      const result = redact(text);
      expect(result.text).toBe('env:\n  - name: SETTING\n    value: "REDACTED_CREDS"\n');
    });
  }

  it('replaces only the key of an Azure connection string and a SAS signature', () => {
    const text =
      'data:\n  conn: "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==;EndpointSuffix=core.windows.net"\n  url: "https://acct.blob.core.windows.net/c?sv=2020-08-04&sig=AbCdEfGhIjKlMnOpQr%2B%3D"\n';
    expect(redact(text).text).toBe(
      'data:\n  conn: "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=REDACTED_CREDS;EndpointSuffix=core.windows.net"\n  url: "https://acct.blob.core.windows.net/c?sv=2020-08-04&sig=REDACTED_CREDS"\n',
    );
  });

  it('keeps look-alikes: publishable Stripe keys and short or embedded prefixes', () => {
    for (const text of [
      'key: pk_live_4eC39HqLyjWDarjtT1zdp7dc\n',
      'image: registry/hf_tools:1.0\n',
      'name: my-npm_cache\n',
    ]) {
      expect(redact(text).text).toBe(text);
    }
  });
});
