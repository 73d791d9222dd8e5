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

describe('HTTP Authorization credentials and kubeconfig keys', () => {
  it('redacts the credentials after the scheme, in YAML headers and curl flags', () => {
    expect(redact('headers:\n  Authorization: Basic YWRtaW46cGFzc3dvcmQxMjM=\n').text).toBe(
      'headers:\n  Authorization: REDACTED_CREDS\n'.replace('REDACTED_CREDS', 'Basic REDACTED_CREDS'),
    );
    expect(redact(`args: ["-H", "authorization: Bearer 4f9c2a7e1b5d8f0a4c6e9b2d"]\n`).text).toBe(
      'args: ["-H", "authorization: Bearer REDACTED_CREDS"]\n',
    );
    const counts = redact('- "Authorization: Token abcdef0123456789"\n').counts;
    expect(counts).toEqual({ http_credentials: 1 });
  });

  it('leaves references and prose alone', () => {
    for (const text of [
      'Authorization: Bearer $TOKEN\n',
      'Authorization: Bearer ${API_TOKEN}\n',
      'Authorization: "Bearer {{ .Values.token }}"\n',
      '# Authorization: Basic auth is used by the ingress\n',
    ]) {
      expect(redact(text).text).toBe(text);
    }
  });

  it('redacts an inline kubeconfig private key (client-key-data) but not the certificate', () => {
    const text =
      'users:\n- name: admin\n  user:\n    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t\n    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQ==\n';
    expect(redact(text).text).toBe(
      'users:\n- name: admin\n  user:\n    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t\n    client-key-data: REDACTED_CREDS\n',
    );
    expect(redact('metadata:\n  name: monkey-data\n').text).toBe('metadata:\n  name: monkey-data\n');
  });
});

describe('credential flags in flow sequences', () => {
  it('redacts the item after a quoted credential flag, not references, paths or other flags', () => {
    expect(redact('args: ["--secret", "Zq3vN8kLm4Rt7Yw2"]\n').text).toBe(
      'args: ["--secret", "REDACTED_CREDS"]\n',
    );
    expect(redact("command: ['app', '--api-key', 'k-8f3a9c2e7b1d', '--v']\n").text).toBe(
      "command: ['app', '--api-key', 'REDACTED_CREDS', '--v']\n",
    );
    for (const text of [
      'args: ["--token", "$(TOKEN)"]\n',
      'args: ["--token", "{{ .Values.token }}"]\n',
      'args: ["--token", "--verbose"]\n',
      'args: ["--password-file", "/etc/pw"]\n',
    ]) {
      expect(redact(text).text).toBe(text);
    }
  });
});
