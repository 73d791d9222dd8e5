import { describe, expect, it } from 'vitest';
import { redact } from './redact.js';

// Secrets the indentation-based scanner cannot follow: flow style, JSON, Secrets inside a List.
describe('Secret objects in flow style, JSON and Lists', () => {
  it('redacts every data and stringData value, whatever the key is called', () => {
    const flow =
      'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {ca.crt: Y2VydGlmaWNhdGU=, user: YWRtaW4=}\n';
    expect(redact(flow).text).toBe(
      'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {ca.crt: REDACTED_CREDS, user: REDACTED_CREDS}\n',
    );

    const json =
      '{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "stringData": {"config": "opaque-value-42"}}';
    expect(redact(json).text).toBe(
      '{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "stringData": {"config": "REDACTED_CREDS"}}',
    );

    const list = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- apiVersion: v1',
      '  kind: Secret',
      '  metadata:',
      '    name: s',
      '  stringData:',
      '    settings.ini: |',
      '      endpoint=https://example.org',
      '      opaque=zq8vN2kLm4',
      '',
    ].join('\n');
    const redacted = redact(list);
    expect(redacted.text).not.toContain('zq8vN2kLm4');
    expect(redacted.text).not.toContain('endpoint=https://example.org');
    expect(redacted.counts.secret_data).toBeGreaterThan(0);
  });

  it('leaves placeholders, other kinds and a second pass alone', () => {
    const placeholder = 'kind: Secret\ndata: {password: "{{ .Values.password }}"}\n';
    expect(redact(placeholder).text).toBe(placeholder);
    const configMap = 'kind: ConfigMap\ndata: {greeting: hello-world}\n';
    expect(redact(configMap).text).toBe(configMap);
    const once = redact('kind: Secret\ndata: {token: dG9rZW4xMjM0NQ==}\n').text;
    expect(redact(once).text).toBe(once);
  });

  it('finds the kind however it is quoted or spaced, and leaves objects that only name Secrets alone', () => {
    const spaced = "{'kind' :  'Secret', data: {token: dG9rZW4tdmFsdWU=}}\n";
    expect(redact(spaced).text).toBe("{'kind' :  'Secret', data: {token: REDACTED_CREDS}}\n");
    const sealed = 'kind: SealedSecret\nspec: {encryptedData: {ca.crt: AgBy3i4OJSWK+PiTySYZZA==}}\n';
    expect(redact(sealed).text).toBe(sealed);
    const provider = 'kind: SecretProviderClass\nspec: {parameters: {objects: "array"}}\n';
    expect(redact(provider).text).toBe(provider);
  });
});
