import { describe, expect, it } from 'vitest';
import { redact } from './redact.js';

// Names and values in separate fields of one object, outside YAML block style.
describe('credential name/value pairs and Terraform variable defaults', () => {
  it('redacts the value of a credential-named pair in flow YAML, JSON and HCL', () => {
    const cases: [string, string][] = [
      [
        'env:\n  - {name: DB_PASSWORD, value: FlowPairS3cret}\n',
        'env:\n  - {name: DB_PASSWORD, value: REDACTED_CREDS}\n',
      ],
      [
        '[{"environment": [{"value": "JsonPairS3cret", "name": "DB_PASSWORD"}]}]\n',
        '[{"environment": [{"value": "REDACTED_CREDS", "name": "DB_PASSWORD"}]}]\n',
      ],
      [
        'environment = [\n  { name = "API_KEY", value = "9f8e7d6c5b4a3928170" },\n  { name = "LOG_LEVEL", value = "debug" },\n]\n',
        'environment = [\n  { name = "API_KEY", value = "REDACTED_CREDS" },\n  { name = "LOG_LEVEL", value = "debug" },\n]\n',
      ],
      [
        '  environment {\n    name  = "STRIPE_SECRET"\n    value = "opaque-1234-abcd"\n  }\n',
        '  environment {\n    name  = "STRIPE_SECRET"\n    value = "REDACTED_CREDS"\n  }\n',
      ],
    ];
    for (const [text, expected] of cases) expect(redact(text).text).toBe(expected);
  });

  it('redacts the literal default of a credential-named Terraform variable', () => {
    expect(
      redact('variable "api_token" {\n  type    = string\n  default = "8f3a9c2e7b1d4f6a"\n}\n').text,
    ).toBe('variable "api_token" {\n  type    = string\n  default = "REDACTED_CREDS"\n}\n');
    expect(redact('variable "app_key" { default = "k-0123456789" }\n').text).toBe(
      'variable "app_key" { default = "REDACTED_CREDS" }\n',
    );
  });

  it('keeps expressions, references, empty defaults, other names and valueFrom', () => {
    for (const text of [
      '  environment {\n    name  = "DB_PASSWORD"\n    value = var.db_password\n  }\n',
      '{ name = "DB_PASSWORD", value = aws_secretsmanager_secret_version.db.secret_string }\n',
      '{"name": "DB_PASSWORD", "value": "${DB_PASSWORD}"}\n',
      'env:\n  - {name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}\n',
      'variable "db_password" {\n  type      = string\n  sensitive = true\n}\n\nvariable "region" {\n  default = "eu-west-1"\n}\n',
      'variable "db_password" {\n  default = ""\n}\n',
      'variable "password_length" {\n  default = "32"\n}\n',
      '{name: LOG_LEVEL, value: debug}\n',
    ]) {
      expect(redact(text).text).toBe(text);
    }
  });
});
