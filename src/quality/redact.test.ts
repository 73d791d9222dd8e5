import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { fakeSecret, indentedPrivateKey } from './__fixtures__/fake-secrets.js';
import { findSensitive, REPLACEMENTS, type RedactionType, redact } from './redact.js';

const CREDS = REPLACEMENTS.credentials;

/** Every key path of every document (`0.spec.template.spec.containers.0.env.1.value`). */
function keyPaths(text: string): string[] {
  const paths: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) walk(item, `${path}.${index}`);
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`);
    } else paths.push(path);
  };
  for (const [index, document] of yaml.loadAll(text).entries()) walk(document, String(index));
  return paths;
}

/** Redact, and check what every pipeline relies on: valid YAML stays valid with the same keys, idempotence, no leftovers. */
function redactYaml(text: string) {
  const result = redact(text);
  expect(keyPaths(result.text)).toEqual(keyPaths(text));
  expect(redact(result.text).text).toBe(result.text);
  expect(findSensitive(result.text)).toEqual([]);
  return result;
}

describe('redact: every type planted in realistic YAML', () => {
  it('a Deployment: env pairs (either order), flags, an address, URL credentials, tokens, an email', () => {
    const openAiKey = fakeSecret.openAiKey();
    const slackToken = fakeSecret.slackToken();
    const jwt = fakeSecret.jwt();
    const input = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  annotations:
    owner: jane.doe@example.com
    rotation: "rotate ${openAiKey} monthly"
spec:
  template:
    spec:
      automountServiceAccountToken: false
      containers:
        - name: api
          image: nvcr.io/nvidia/tritonserver:23.10.0.1
          args:
            - --db-password=hunter2
            - --token
            - s3cr3t-t0ken
          command: ["/bin/api", "--api-key=abc123xyz"]
          env:
            - name: DB_PASSWORD
              value: hunter2
            - value: "correct-horse"
              name: API_TOKEN
            - name: DB_HOST
              value: 10.1.2.3
            - name: DATABASE_URL
              value: postgres://app:pa55w0rd@db.internal:5432/app
            - name: NOTIFY
              value: "curl -H 'Authorization: Bearer ${slackToken}' https://slack.com/api"
            - name: SESSION_SAMPLE
              value: ${jwt}
            - name: DB_PASSWORD_FILE
              value: /var/run/secrets/db
            - name: ADMIN_SECRET
              valueFrom:
                secretKeyRef:
                  name: admin
                  key: password
`;
    const expected = input
      .replace('jane.doe@example.com', REPLACEMENTS.email)
      .replace(openAiKey, REPLACEMENTS.openaiKey)
      .replace('--db-password=hunter2', `--db-password=${CREDS}`)
      .replace('- s3cr3t-t0ken', `- ${CREDS}`)
      .replace('--api-key=abc123xyz', `--api-key=${CREDS}`)
      .replace('value: hunter2', `value: ${CREDS}`)
      .replace('value: "correct-horse"', `value: "${CREDS}"`)
      .replace('value: 10.1.2.3', `value: ${REPLACEMENTS.ipv4}`)
      .replace('app:pa55w0rd@', `app:${CREDS}@`)
      .replace(slackToken, CREDS)
      .replace(jwt, CREDS);
    const result = redactYaml(input);
    expect(result.text).toBe(expected);
    expect(result.counts).toEqual({
      email: 1,
      openai_key: 1,
      credential_flag: 3,
      credential_env: 2,
      ipv4: 1,
      url_credentials: 1,
      slack_token: 1,
      jwt: 1,
    });
  });

  it('a ConfigMap with embedded files: AWS, GitHub, Google keys, an email, a property, a PEM, a nested block', () => {
    const awsKeyId = fakeSecret.awsAccessKeyId();
    const githubToken = fakeSecret.githubToken();
    const githubPat = fakeSecret.githubPat();
    const googleKey = fakeSecret.googleApiKey();
    const input = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  aws.ini: |
    [default]
    aws_access_key_id = ${awsKeyId}
    region = eu-west-1
  deploy.sh: |
    git clone https://x-access:\${GITHUB_TOKEN}@github.com/org/repo
    export GH_HELPER=${githubToken}
    echo ${githubPat} > /tmp/pat
  maps.json: |
    {"mapsKeyRef": "${googleKey}", "contact": "ops@example.org"}
  settings.properties: |
    db.password = hunter 2
    db.user = app
  tls.key: |
${indentedPrivateKey('    ')}
  app.yaml: |
    server:
      token: |
        multi
        line
      port: 8080
`;
    const result = redactYaml(input);
    expect(result.text).toBe(
      input
        .replace(awsKeyId, CREDS)
        .replace(githubToken, CREDS)
        .replace(githubPat, CREDS)
        .replace(googleKey, CREDS)
        .replace('ops@example.org', REPLACEMENTS.email)
        .replace('db.password = hunter 2', `db.password = ${CREDS}`)
        .replace(indentedPrivateKey('    '), `    ${CREDS}`)
        .replace('        multi\n        line', `        ${CREDS}`),
    );
    expect(result.counts).toEqual({
      aws_access_key: 1,
      github_token: 2,
      google_api_key: 1,
      email: 1,
      credential_field: 2,
      private_key: 1,
    });
  });

  it('a Secret: every data and stringData value, scalar, quoted and block, keys and comments kept', () => {
    const input = `apiVersion: v1
kind: Secret
metadata:
  name: db-credentials
  labels:
    app: db
type: Opaque
data:
  username: YWRtaW4=
  password: "aHVudGVyMg=="
  # a comment stays
  ca.crt: |
    LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t
    TUlJQ0FURQ==
stringData:
  config.yaml: |
    host: db.internal
    port: 5432
  empty: ""
  templated: "{{ .Values.password }}"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: not-a-secret
data:
  username: admin
`;
    const expected = `apiVersion: v1
kind: Secret
metadata:
  name: db-credentials
  labels:
    app: db
type: Opaque
data:
  username: ${CREDS}
  password: "${CREDS}"
  # a comment stays
  ca.crt: |
    ${CREDS}
stringData:
  config.yaml: |
    ${CREDS}
  empty: ""
  templated: "{{ .Values.password }}"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: not-a-secret
data:
  username: admin
`;
    const result = redactYaml(input);
    expect(result.text).toBe(expected);
    expect(result.counts).toEqual({ secret_data: 4 });
  });

  it('a Secret whose kind comes after its data, with CRLF line endings', () => {
    const input = ['data:', '  token: c2VjcmV0', 'kind: Secret', 'apiVersion: v1', ''].join('\r\n');
    const result = redactYaml(input);
    expect(result.text).toBe(
      ['data:', `  token: ${CREDS}`, 'kind: Secret', 'apiVersion: v1', ''].join('\r\n'),
    );
    expect(result.counts).toEqual({ secret_data: 1 });
  });

  it('a NetworkPolicy: CIDR blocks and their exceptions are kept', () => {
    const input = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-internal
spec:
  podSelector: {}
  ingress:
    - from:
        - ipBlock:
            cidr: 172.17.0.0/16
            except:
              - 172.17.1.0/24
  egress:
    - to:
        - ipBlock:
            cidr: "10.0.0.0/8"
      ports:
        - port: 53
`;
    const result = redactYaml(input);
    expect(result.text).toBe(input);
    expect(result.counts).toEqual({});
  });

  it('an Ingress: the single address in an allow-list and URL credentials, not the CIDR or secretName', () => {
    const input = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    nginx.ingress.kubernetes.io/whitelist-source-range: "10.0.0.0/8,203.0.113.7"
    nginx.ingress.kubernetes.io/auth-url: "https://auth:s3cret@auth.example.com/check"
spec:
  tls:
    - hosts: [web.example.com]
      secretName: web-tls
  rules:
    - host: web.example.com
`;
    const result = redactYaml(input);
    expect(result.text).toBe(
      input.replace('203.0.113.7', REPLACEMENTS.ipv4).replace('auth:s3cret@', `auth:${CREDS}@`),
    );
    expect(result.counts).toEqual({ ipv4: 1, url_credentials: 1 });
  });

  it('Helm values: quoted, commented, next-line, block, tagged, multi-line quoted and plain values', () => {
    const input = `image:
  repository: bitnami/postgresql
  tag: 15.4.0.1
auth:
  existingSecret: ""
  postgresPassword: "Sup3rS3cret!"
  replicationPasswordKey: repl
primary:
  extraEnvVars:
    - name: PGPASSWORD
      value: "fallback"
externalDatabase:
  url: "mysql://root:r00tpw@mysql.default.svc:3306/db"
  password:
    existingSecret: db
redis:
  password: hunter2 # inline comment stays
  token:
    on-the-next-line
  apiKey: >-
    folded
    value
  clientSecret: !!str 's3cr''et'
  passphrase: "multi
    line quoted"
  authToken: plain
    continued
  port: 6379
`;
    const expected = `image:
  repository: bitnami/postgresql
  tag: 15.4.0.1
auth:
  existingSecret: ""
  postgresPassword: "${CREDS}"
  replicationPasswordKey: repl
primary:
  extraEnvVars:
    - name: PGPASSWORD
      value: "${CREDS}"
externalDatabase:
  url: "mysql://root:${CREDS}@mysql.default.svc:3306/db"
  password:
    existingSecret: db
redis:
  password: ${CREDS} # inline comment stays
  token:
    ${CREDS}
  apiKey: >-
    ${CREDS}
  clientSecret: !!str '${CREDS}'
  passphrase: "${CREDS}"
  authToken: ${CREDS}
  port: 6379
`;
    const result = redactYaml(input);
    expect(result.text).toBe(expected);
    expect(result.counts).toEqual({ credential_field: 7, credential_env: 1, url_credentials: 1 });
  });

  it('JSON and HCL assignments', () => {
    const input = `{"password": "x1", "apiKey":"x2", "user": "bob"}
resource "aws_db_instance" "db" {
  password = "x3"
  secret_key = var.secret_key
  master_password = random_password.db.result
}
PGPASSWORD=x4 psql -h db
`;
    const result = redact(input);
    expect(result.text).toBe(
      input
        .replace('"x1"', `"${CREDS}"`)
        .replace('"x2"', `"${CREDS}"`)
        .replace('"x3"', `"${CREDS}"`)
        .replace('=x4', `=${CREDS}`),
    );
    expect(result.counts).toEqual({ credential_field: 4 });
  });
});

describe('redact: private keys', () => {
  const lines = fakeSecret.privateKeyLines(21);
  const [begin, , , , end] = lines;

  it('a block inside a double-quoted string with \\n escapes becomes one token inside the quotes', () => {
    const input = `private_key_pem: "${lines.join('\\n')}\\n"\nnext: 1\n`;
    const result = redactYaml(input);
    expect(result.text).toBe(`private_key_pem: "${CREDS}\\n"\nnext: 1\n`);
  });

  it('a JSON service-account key: the credential-named value as a whole, the rest of the JSON kept', () => {
    const input = `{"type": "service_account", "private_key": "${lines.join('\\n')}\\n", "project_id": "demo"}`;
    const result = redact(input);
    expect(result.text).toBe(`{"type": "service_account", "private_key": "${CREDS}", "project_id": "demo"}`);
    expect(result.counts).toEqual({ credential_field: 1 });
  });

  it('a raw PEM file and a heredoc', () => {
    expect(redact(`${lines.join('\n')}\n`).text).toBe(`${CREDS}\n`);
    const heredoc = `resource "tls" "k" {\n  content = <<EOF\n${lines.join('\n')}\nEOF\n}\n`;
    expect(redact(heredoc).text).toBe(`resource "tls" "k" {\n  content = <<EOF\n${CREDS}\nEOF\n}\n`);
  });

  it('BEGIN without END in a block scalar: redacted to the end of the block, next key kept', () => {
    const input = `data:\n  key.pem: |\n    ${begin}\n    ${lines[1]}\n    ${lines[2]}\n  other: value\n`;
    const result = redactYaml(input);
    expect(result.text).toBe(`data:\n  key.pem: |\n    ${CREDS}\n  other: value\n`);
    expect(result.counts).toEqual({ private_key: 1 });
  });

  it('BEGIN without END in a string: redacted to the closing quote', () => {
    const input = `a: "${begin}\\n${lines[1]}"\nb: "${lines.join('\\n')}"\n`;
    expect(redactYaml(input).text).toBe(`a: "${CREDS}"\nb: "${CREDS}"\n`);
  });

  it('a truncated key after `key:` does not swallow the next key', () => {
    const input = `a: ${begin}\nb: plain\n`;
    expect(redactYaml(input).text).toBe(`a: ${CREDS}\nb: plain\n`);
  });

  it('a certificate is not a private key', () => {
    const certificate = `tls.crt: |\n    -----BEGIN CERTIFICATE-----\n    MIIB\n    -----END CERTIFICATE-----\n`;
    expect(redact(certificate).text).toBe(certificate);
    expect(end).toContain('END');
  });
});

describe('redact: what must survive', () => {
  it('keeps CIDRs, image tags, versions, resource names, Secret references, booleans and local addresses', () => {
    const input = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: sk-learn-model-server-deployment-v2
  labels:
    version: v1.2.3.4
spec:
  template:
    spec:
      automountServiceAccountToken: false
      containers:
        - name: triton
          image: nvcr.io/nvidia/tritonserver:23.10.0.1
        - name: proxy
          image: "nginx:1.25.3.1"
          args:
            - --listen=0.0.0.0:8080
            - --upstream=127.0.0.1:9000
            - --netmask=255.255.255.0
            - --vpc=10.0.0.0/16
            - --build=1.2.3.4.5
            - --password-file=/etc/pw
            - --token
            - $(TOKEN)
          command: ["sh", "-c", "use --token to authenticate; git clone git@github.com:org/repo.git"]
          env:
            - name: TOKEN
              valueFrom:
                secretKeyRef:
                  name: api-token
                  key: token
            - name: GITHUB_TOKEN
              value: \${{ secrets.GITHUB_TOKEN }}
            - name: PASSWORD
              value: "{{ .Values.password }}"
            - name: DIGEST
              value: registry.example.com/app@sha256:0123abcd
            - name: LOCAL_USER
              value: admin@localhost
      volumes:
        - name: tls
          secret:
            secretName: my-tls
        - name: projected
          projected:
            sources:
              - serviceAccountToken:
                  path: token
permissions:
  id-token: write
settings:
  max_tokens: 64
  tokenPath: /var/run/token
  passwordFile: /etc/pw
  serviceAccountToken: true
  password: ""
  secret: ~
  credentials: null
  existingSecret: my-secret
`;
    const result = redactYaml(input);
    expect(result.text).toBe(input);
    expect(result.counts).toEqual({});
    expect(findSensitive(input)).toEqual([]);
  });
});

describe('redact: email edge cases', () => {
  it.each([
    ['user@host', 'user@host'],
    ['image@sha256:abc', 'image@sha256:abc'],
    ['see https://user@example.com/x', 'see https://user@example.com/x'],
    ['mailto:jo.doe+tag@sub.example.co.uk.', `mailto:${REPLACEMENTS.email}.`],
    ['<ops@example.org>', `<${REPLACEMENTS.email}>`],
    ['a@b@example.com', 'a@b@example.com'],
  ])('%s', (input, expected) => {
    expect(redact(input).text).toBe(expected);
  });
});

describe('redact: IPv4 edge cases', () => {
  const ip = REPLACEMENTS.ipv4;
  it.each([
    ['8.8.8.8', ip],
    ['192.168.0.10,10.1.2.3', `${ip},${ip}`],
    ['http://10.0.0.5:8080/', `http://${ip}:8080/`],
    ['at 10.1.2.3.', `at ${ip}.`],
    ['999.1.1.1', '999.1.1.1'],
    ['1.2.3.4.5', '1.2.3.4.5'],
    ['v1.2.3.4', 'v1.2.3.4'],
    ['V1.2.3.4', 'V1.2.3.4'],
    ['repo:1.2.3.4', 'repo:1.2.3.4'],
    ['::ffff:10.1.2.3', `::ffff:${ip}`],
    ['1.2.3.4:5.6.7.8', `${ip}:${ip}`],
    ['server: 1.2.3.4', `server: ${ip}`],
    ['appVersion: "1.2.3.4"', 'appVersion: "1.2.3.4"'],
    ['0.0.0.0 127.0.0.53 255.255.0.0', '0.0.0.0 127.0.0.53 255.255.0.0'],
  ])('%s', (input, expected) => {
    expect(redact(input).text).toBe(expected);
  });
});

describe('redact: seams between detectors (counterexamples found by fuzzing)', () => {
  const jwt = fakeSecret.jwt();
  it.each([
    'aa@aa.comaa@a0.com',
    'a0@a0.co.uka0@a0.com',
    `${jwt}${jwt}DB_PASSWORD=${fakeSecret.awsAccessKeyId()}1.0.0.0`,
    '1.0.0.0/1.0.0.0',
    '1.0.0.0/1aa@aa.com',
    '10.0.0.0/16+a@b.com',
    '10.1.2.3://:x@y.io',
    `${fakeSecret.openAiKey()}://:aa@a0.com`,
    `${fakeSecret.googleApiKey()}://:a0@a0.com`,
    'a@b.tag: 1.2.3.4',
    'aa@a0.com-----BEGIN RSA PRIVATE KEY-----',
    `sk-1.2.3.4-${'AbCdEfGhIj'}1234567890`,
  ])('%s: one pass is final', (input) => {
    const once = redact(input).text;
    expect(redact(once).text).toBe(once);
    expect(findSensitive(once)).toEqual([]);
  });

  it('partially overlapping spans merge into one replacement, so neither leaks', () => {
    const lines = fakeSecret.privateKeyLines(41);
    const input = `token=xoxb-12345${lines.join('\n')}\n`;
    const result = redact(input);
    for (const line of lines.slice(1, 4)) expect(result.text).not.toContain(line);
    expect(result.text).toBe(`token=${CREDS}\n`);
  });
});

describe('findSensitive', () => {
  it('reports type, offset and length of each secret, in order, without changing anything', () => {
    const githubToken = fakeSecret.githubToken(31);
    const text = `owner: a@example.com\nhost: 10.9.8.7\ntoken: ${githubToken}\n`;
    const findings = findSensitive(text);
    expect(findings.map((finding) => finding.type)).toEqual<RedactionType[]>([
      'email',
      'ipv4',
      'credential_field',
    ]);
    expect(findings.map((finding) => text.slice(finding.index, finding.index + finding.length))).toEqual([
      'a@example.com',
      '10.9.8.7',
      githubToken,
    ]);
  });

  it('does not report the replacement tokens themselves', () => {
    const text = Object.values(REPLACEMENTS)
      .map((token) => `password: ${token}\nx: ${token}\n"token": "${token}"\n--secret=${token}`)
      .join('\n');
    expect(findSensitive(text)).toEqual([]);
  });
});

describe('REPLACEMENTS', () => {
  it("are AutoMend's tokens", () => {
    expect(REPLACEMENTS).toEqual({
      ipv4: 'IPV4_REDACTED',
      email: 'REDACTED_EMAIL',
      openaiKey: 'sk-REDACTED',
      credentials: 'REDACTED_CREDS',
    });
  });
});
