import { describe, expect, it } from 'vitest';
import { isCredentialName, isNonSecretValue } from './credential-names.js';

describe('isCredentialName', () => {
  it.each([
    'password',
    'passwd',
    'pwd',
    'passphrase',
    'secret',
    'token',
    'credentials',
    'adminPassword',
    'db_password',
    'db-password',
    'node.session.auth.password',
    'DB_PASSWORD',
    'AWS_SECRET_ACCESS_KEY',
    'awsSecretAccessKey',
    'AWSSecretKey',
    'clientSecret',
    'client_secret',
    'api-key',
    'apiKey',
    'apikey',
    'x-api-key',
    'accessKey',
    'accesskey',
    'secret_key',
    'secretKey',
    'private_key',
    'privateKey',
    'accessToken',
    'auth_token',
    'authtoken',
    'rootpassword',
    's3Password',
    'PGPASSWORD',
    'GITHUB_TOKEN',
  ])('%s is a credential name', (name) => {
    expect(isCredentialName(name)).toBe(true);
  });

  it.each([
    'secretName',
    'secretRef',
    'secretKeyRef',
    'secretKey_id',
    'tokenPath',
    'passwordFile',
    'password_file',
    'tokenFile',
    'max_tokens',
    'secrets',
    'imagePullSecrets',
    'tokenizer',
    'bypassword',
    'notatoken',
    'existingSecret',
    'existing-secret',
    'id-token',
    'AWS_ACCESS_KEY_ID',
    'key',
    'name',
    'replicationPasswordKey',
    'secretAccessKeyName',
    'pw',
    '',
  ])('%s is not a credential name', (name) => {
    expect(isCredentialName(name)).toBe(false);
  });
});

describe('isNonSecretValue', () => {
  it.each([
    '',
    '  ',
    '""',
    "''",
    'true',
    'False',
    'null',
    '~',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell/Actions reference, not a template
    '${DB_PASSWORD}',
    '$(cat /run/token)',
    '$TOKEN',
    '{{ .Values.password }}',
    'prefix-{{ .Values.x }}',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell/Actions reference, not a template
    '${{ secrets.GITHUB_TOKEN }}',
    'REDACTED_CREDS',
    ' REDACTED_CREDS ',
    'sk-REDACTED',
  ])('%j is kept', (value) => {
    expect(isNonSecretValue(value)).toBe(true);
  });

  it.each(['hunter2', 'changeme', '$2y$12$4K/VkmDd1q1Orb3xAt82zu', 'REDACTED_CREDSx', 'bm90LWEtc2VjcmV0'])(
    '%j is a secret',
    (value) => {
      expect(isNonSecretValue(value)).toBe(false);
    },
  );
});
