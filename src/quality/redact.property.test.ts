import fc from 'fast-check';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { fakeSecret } from './__fixtures__/fake-secrets.js';
import { findSensitive, REPLACEMENTS, type RedactionType, redact } from './redact.js';

// Generators of YAML-ish text with planted secrets, and of trigger-rich noise that probes the seams
// between detectors (a replacement next to text that could complete another pattern).

const octet = fc.integer({ min: 0, max: 255 });
/** Addresses that are always redacted: not 0.x/127.x/255.x. */
const address = fc
  .tuple(
    fc.integer({ min: 1, max: 254 }).filter((first) => first !== 127),
    octet,
    octet,
    octet,
  )
  .map((parts) => parts.join('.'));
const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/);
const email = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9._+-]{0,10}[a-z0-9]$/),
    label,
    fc.constantFrom('com', 'org', 'io', 'co.uk'),
  )
  .filter(([local]) => local !== 'git')
  .map(([local, domain, top]) => `${local}@${domain}.${top}`);
const seed = fc.integer({ min: 1, max: 1_000_000 });
const token = fc.oneof(
  seed.map(fakeSecret.openAiKey),
  seed.map(fakeSecret.awsAccessKeyId),
  seed.map(fakeSecret.githubToken),
  seed.map(fakeSecret.githubPat),
  seed.map(fakeSecret.slackToken),
  seed.map(fakeSecret.googleApiKey),
  seed.map(fakeSecret.jwt),
);
const word = fc.stringMatching(/^[A-Za-z0-9_.]{1,12}$/);
/** A secret to plant, as it appears in the text. */
const planted = fc.oneof(
  address,
  email,
  token,
  seed.map((value) => fakeSecret.privateKeyLines(value).join('\\n')),
);
const plainValue = fc.oneof(
  word,
  address,
  email,
  token,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell/Actions reference, not a template
  fc.constantFrom('true', '""', '${X}', '{{ .Values.x }}'),
);
const key = fc.oneof(
  fc.constantFrom(
    'password',
    'adminPassword',
    'DB_PASSWORD',
    'token',
    'apiKey',
    'client_secret',
    'secretName',
    'secretKeyRef',
    'name',
    'value',
    'data',
    'stringData',
    'image',
    'tag',
    'host',
    'args',
  ),
  fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_.-]{0,10}$/),
);
const indent = fc.integer({ min: 0, max: 6 }).map((width) => ' '.repeat(width));
const line = fc.oneof(
  fc.tuple(indent, key, plainValue).map(([space, name, value]) => `${space}${name}: ${value}`),
  fc.tuple(indent, key, plainValue).map(([space, name, value]) => `${space}${name}: "${value}"`),
  fc.tuple(indent, key, plainValue).map(([space, name, value]) => `${space}- ${name}: '${value}'`),
  fc
    .tuple(indent, key, plainValue, plainValue)
    .map(([space, name, first, second]) => `${space}${name}: |\n${space}  ${first}\n${space}  ${second}`),
  fc.tuple(indent, key, plainValue).map(([space, name, value]) => `${space}${name}:\n${space}  ${value}`),
  fc
    .tuple(indent, key, plainValue)
    .map(([space, name, value]) => `${space}- name: ${name}\n${space}  value: ${value}`),
  fc
    .tuple(indent, key, plainValue)
    .map(([space, name, value]) => `${space}- value: ${value}\n${space}  name: ${name}`),
  fc.tuple(key, plainValue).map(([name, value]) => `${name}=${value}`),
  fc.tuple(key, plainValue).map(([name, value]) => `  - --${name}=${value}`),
  fc.tuple(indent, plainValue).map(([space, value]) => `${space}- --token\n${space}- ${value}`),
  fc
    .tuple(word, word, plainValue)
    .map(([user, host, value]) => `url: https://${user}:${value}@${host}.example.com/`),
  fc.tuple(indent, planted).map(([space, value]) => `${space}note: ${value}`),
  fc.tuple(indent, planted).map(([space, value]) => `${space}- "${value}"`),
  fc.constantFrom('---', 'kind: Secret', 'data:', 'stringData:', '# comment', '', '  cidr: 10.0.0.0/16'),
  fc.constant(fakeSecret.privateKeyLines(3).join('\n')),
);
const yamlish = fc.array(line, { maxLength: 25 }).map((lines) => lines.join('\n'));

/** Fragments that sit on the seams between detectors; concatenated at random. */
const fragment = fc.oneof(
  fc.constantFrom(
    'password',
    'Token',
    'secret',
    ': ',
    ':',
    '=',
    ' ',
    '\n',
    '  ',
    '- ',
    '--',
    '"',
    "'",
    '\\n',
    '|',
    '#',
    '@',
    '.',
    '://',
    '/',
    'a',
    'Z',
    '1',
    '10.1.2.3',
    'x@y.io',
    'sk-',
    'eyJ',
    'kind: Secret\n',
    'data:\n',
    '---\n',
    '-----BEGIN RSA PRIVATE KEY-----',
    '-----END RSA PRIVATE KEY-----',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell/Actions reference, not a template
    '${A}',
    '{{',
    '- name: ',
    'value: ',
    'DB_PASSWORD',
    '--token',
    '\\',
    '&a ',
    '!!str ',
    '>-',
    '{',
    '}',
    ',',
    '\r\n',
    REPLACEMENTS.credentials,
    REPLACEMENTS.email,
    REPLACEMENTS.ipv4,
    REPLACEMENTS.openaiKey,
  ),
  token,
  address,
  email,
);
const noise = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(''));
const anyText = fc.oneof(yamlish, noise, fc.string({ maxLength: 200 }));

/** Structured YAML: documents of mappings with plain, quoted, block, nested and env-list values. */
const yamlValue = fc.oneof(
  word,
  address,
  email,
  token,
  fc.constantFrom('true', '""', '"{{ .Values.x }}"', 'hunter2 # c'),
);
const nestedKey = fc.oneof(key, fc.constantFrom('password', 'token', 'tls.key', 'config.yaml'));
function mappingLines(depth: number): fc.Arbitrary<string[]> {
  const indentText = '  '.repeat(depth);
  const entry: fc.Arbitrary<string[]> = fc.oneof(
    fc.tuple(nestedKey, yamlValue).map(([name, value]) => [`${indentText}${name}: ${value}`]),
    fc.tuple(nestedKey, yamlValue).map(([name, value]) => [`${indentText}${name}: "${value}"`]),
    fc
      .tuple(nestedKey, yamlValue, yamlValue)
      .map(([name, first, second]) => [
        `${indentText}${name}: |`,
        `${indentText}  ${first}`,
        `${indentText}  ${second}`,
      ]),
    fc
      .tuple(nestedKey, seed)
      .map(([name, value]) => [
        `${indentText}${name}: |`,
        ...fakeSecret.privateKeyLines(value).map((line) => `${indentText}  ${line}`),
      ]),
    fc
      .tuple(nestedKey, yamlValue)
      .map(([name, value]) => [`${indentText}${name}:`, `${indentText}  ${value}`]),
    fc
      .tuple(nestedKey, yamlValue, yamlValue)
      .map(([name, first, second]) => [`${indentText}${name}: "${first}`, `${indentText}  ${second}"`]),
    fc
      .tuple(key, yamlValue, fc.boolean())
      .map(([name, value, valueFirst]) =>
        valueFirst
          ? [`${indentText}env:`, `${indentText}  - value: ${value}`, `${indentText}    name: ${name}`]
          : [`${indentText}env:`, `${indentText}  - name: ${name}`, `${indentText}    value: ${value}`],
      ),
    fc
      .tuple(yamlValue)
      .map(([value]) => [`${indentText}args:`, `${indentText}  - --token`, `${indentText}  - ${value}`]),
  );
  const nested: fc.Arbitrary<string[]> =
    depth >= 2
      ? entry
      : fc.oneof(
          entry,
          fc
            .tuple(nestedKey, mappingLines(depth + 1))
            .map(([name, lines]) => [`${indentText}${name}:`, ...lines]),
        );
  // Distinct keys per mapping: duplicate keys are a YAML error.
  return fc
    .uniqueArray(fc.tuple(fc.stringMatching(/^k[a-z]{1,6}$/), nested), {
      minLength: 1,
      maxLength: 5,
      selector: ([prefix]) => prefix,
    })
    .map((entries) =>
      entries.flatMap(([prefix, lines], index) =>
        // Make the first key of each entry unique by prefixing it (the nested lines keep their own).
        lines.map((line, lineIndex) =>
          lineIndex === 0 ? line.replace(/^(\s*)/, `$1${prefix}${index}_`) : line,
        ),
      ),
    );
}
const validYaml = fc
  .array(
    fc
      .tuple(fc.boolean(), mappingLines(0))
      .map(([secret, lines]) =>
        secret ? ['kind: Secret', 'data:', ...lines.map((line) => `  ${line}`)].join('\n') : lines.join('\n'),
      ),
    { minLength: 1, maxLength: 3 },
  )
  .map((documents) => `${documents.join('\n---\n')}\n`);

function parses(text: string): boolean {
  try {
    yaml.loadAll(text);
    return true;
  } catch {
    return false;
  }
}

const REPLACEMENT_BY_TYPE: Record<RedactionType, string> = {
  ipv4: REPLACEMENTS.ipv4,
  email: REPLACEMENTS.email,
  openai_key: REPLACEMENTS.openaiKey,
  aws_access_key: REPLACEMENTS.credentials,
  github_token: REPLACEMENTS.credentials,
  slack_token: REPLACEMENTS.credentials,
  google_api_key: REPLACEMENTS.credentials,
  service_token: REPLACEMENTS.credentials,
  private_key: REPLACEMENTS.credentials,
  jwt: REPLACEMENTS.credentials,
  url_credentials: REPLACEMENTS.credentials,
  http_credentials: REPLACEMENTS.credentials,
  credential_field: REPLACEMENTS.credentials,
  credential_env: REPLACEMENTS.credentials,
  credential_flag: REPLACEMENTS.credentials,
  secret_data: REPLACEMENTS.credentials,
};

// REDACT_PROPERTY_RUNS raises the run count for a longer local fuzzing session.
const RUNS = { numRuns: Number(process.env.REDACT_PROPERTY_RUNS ?? 300) };

describe('redact properties', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = redact(text).text;
        expect(redact(once).text).toBe(once);
      }),
      RUNS,
    );
  });

  it('leaves nothing that findSensitive reports', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(findSensitive(redact(text).text)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('removes every planted secret', () => {
    fc.assert(
      fc.property(yamlish, planted, fc.nat(), (text, secret, at) => {
        const lines = text.split('\n');
        lines.splice(at % (lines.length + 1), 0, `planted: ${secret}`);
        expect(redact(lines.join('\n')).text).not.toContain(secret);
      }),
      RUNS,
    );
  });

  it('keeps valid YAML valid', () => {
    fc.assert(
      fc.property(validYaml, (text) => {
        fc.pre(parses(text));
        const redacted = redact(text).text;
        expect(parses(redacted), redacted).toBe(true);
      }),
      RUNS,
    );
  });

  it('returns text without trigger substrings unchanged', () => {
    const quiet = fc.string({
      unit: fc.constantFrom(
        ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \n\t"\'#|>{}[],.!?*&%_/',
      ),
      maxLength: 300,
    });
    const trigger = /[@:=-]|eyJ|A(?:KI|SI|BI|CC)A|AIza|[0-9]\.[0-9]/;
    fc.assert(
      fc.property(quiet, (text) => {
        fc.pre(!trigger.test(text));
        expect(redact(text)).toEqual({ text, counts: {} });
      }),
      RUNS,
    );
  });

  it('counts sum to the number of replacements, which are exactly the findSensitive spans', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { text: redacted, counts } = redact(text);
        const findings = findSensitive(text);
        const sum = Object.values(counts).reduce((total, count) => total + count, 0);
        expect(sum).toBe(findings.length);
        let rebuilt = '';
        let position = 0;
        const byType: Partial<Record<RedactionType, number>> = {};
        for (const finding of findings) {
          expect(finding.index).toBeGreaterThanOrEqual(position);
          rebuilt += text.slice(position, finding.index) + REPLACEMENT_BY_TYPE[finding.type];
          position = finding.index + finding.length;
          byType[finding.type] = (byType[finding.type] ?? 0) + 1;
        }
        expect(rebuilt + text.slice(position)).toBe(redacted);
        expect(counts).toEqual(byType);
      }),
      RUNS,
    );
  });
});
