// Complexity guards, not throughput tests. JavaScript regexes backtrack, so a pattern or scanner that is
// quadratic on some input takes minutes on 200 KB of it (AutoMend's email regex spent 9.4 s on one 94 KB
// file). Each input below is built to hit one pattern's worst case: long runs of its own character
// classes, repeated near-matches, missing terminators. Linear code handles 200 KB in milliseconds; the
// 1.5 s bound is ~100x that, so it only fails on super-linear behaviour, not on a slow machine.

import { describe, expect, it } from 'vitest';
import { findSensitive, redact } from './redact.js';

// REDACT_ADVERSARIAL_SIZE lets a developer rerun at 4x the size and compare times (linear: ~4x).
const SIZE = Number(process.env.REDACT_ADVERSARIAL_SIZE ?? 200_000);
const BOUND_MS = 1500;

/** `unit` repeated to about SIZE chars. */
function repeat(unit: string, size = SIZE): string {
  return unit.repeat(Math.ceil(size / unit.length));
}

const KEY_BEGIN = `-----BEGIN ${'RSA'} PRIVATE KEY-----`;
const KEY_END = `-----END ${'RSA'} PRIVATE KEY-----`;

const ADVERSARIAL: Record<string, string> = {
  // email
  'email: a@a@a@…': repeat('a@'),
  'email: local-part run, no @': repeat('a'),
  'email: local part then @a.a.a… without TLD': `${repeat('a.')}@${repeat('a.')}`,
  'email: @a. repeated': repeat('@a.'),
  'email: a.b@ repeated': repeat('a.b@'),
  'email: /u@h.io inside one long URL token': `https://${repeat('/u@h.io')}`,
  // ipv4
  'ipv4: 1.1.1.1.1…': repeat('1.'),
  'ipv4: many real addresses': repeat('10.1.2.3 '),
  'ipv4: image-tag colons a:1.1.1.1:1.1.1.1…': `a${repeat(':1.1.1.1')}`,
  'ipv4: 255.255.255.2555 repeated': repeat('255.255.255.2555 '),
  'ipv4: digit run': repeat('1'),
  'ipv4: version key with many quads': repeat('tag: 1.2.3.4\n'),
  // service tokens, connection-string keys, Slack webhooks, flow-style Secrets
  'service: hf_ repeated': repeat('hf_'),
  'service: hf_ then a long run': `hf_${repeat('a')}`,
  'service: sk_live_ repeated': repeat('sk_live_'),
  'service: SG. near-misses': repeat('SG.aaaaaaaaaaaaaaaaaaaaaa.'),
  'service: AccountKey= repeated': repeat('AccountKey='),
  'service: sig= then a long run': `?sig=${repeat('A')}`,
  'slack: webhook prefix repeated': repeat('https://hooks.slack.com/services/'),
  'secret objects: flow Secret repeated': `kind: Secret\ndata: {${repeat('k: v, ')}}\n`,
  // openai
  'openai: sk- repeated': repeat('sk-'),
  'openai: sk- then long lower run': `sk-${repeat('a')}`,
  'openai: many keys': repeat('sk-AbCdEfGh1234567890XyZ '),
  // aws / github / slack / google
  'aws: AKIA repeated': repeat('AKIA'),
  'github: ghp_ repeated': repeat('ghp_'),
  'github: ghp_ + long run + _': `ghp_${repeat('a')}_`,
  'github: github_pat_ + long run without _': `github_pat_${repeat('a')}`,
  'github: github_pat_ repeated': repeat('github_pat_'),
  'slack: xoxb- repeated': repeat('xoxb-'),
  'google: AIza repeated': repeat('AIza'),
  // jwt
  'jwt: eyJeyJ…': repeat('eyJ'),
  'jwt: eyJ. repeated': repeat('eyJ.'),
  'jwt: eyJaaaaa. repeated': repeat('eyJaaaaa.'),
  // url credentials
  'url: a:// repeated': repeat('a://'),
  'url: a://x: then run without @': `a://x:${repeat('b')}`,
  'url: a://x: then @@@…': `a://x:${repeat('@')}`,
  'url: a://x:b repeated': repeat('a://x:b'),
  'url: long scheme-like run': `${repeat('a')}://u:p@h`,
  // private keys
  'pem: BEGIN repeated on one line': repeat(KEY_BEGIN),
  'pem: BEGIN … END pairs on one line': repeat(`${KEY_BEGIN} x ${KEY_END} `),
  'pem: BEGIN per line, no END': repeat(`${KEY_BEGIN}\n`),
  'pem: quoted BEGIN per line, never closed': repeat(`"${KEY_BEGIN}\n`),
  'pem: \\n-escaped BEGIN repeated': `"${repeat(`\\n${KEY_BEGIN}`)}`,
  'pem: END repeated': repeat(`${KEY_END}\n`),
  'pem: -----BEGIN without PRIVATE KEY': repeat('-----BEGIN '),
  // credential fields and flags
  'field: password: + 200 KB': `password: ${repeat('a')}`,
  'field: password: " + 200 KB unterminated': `password: "${repeat('a')}`,
  'field: "password": " + 200 KB of backslashes': `"password": "${repeat('\\')}`,
  'field: password= repeated on one line': repeat('password='),
  'field: a_password=a_password=…': repeat('a_password='),
  'field: password: repeated on one line': repeat('password: '),
  'field: secret secret … (hits without separator)': repeat('secret '),
  'field: password_password_… (word not at key end)': repeat('password_'),
  'field: key with blanks before colon': `password${repeat(' ')}`,
  'field: password: | then 10,000 lines': `password: |\n${repeat('  abc\n')}`,
  'field: staircase of unterminated quotes': Array.from(
    { length: 600 },
    (_, depth) => `${' '.repeat(depth)}password: "x`,
  ).join('\n'),
  'field: password:\\n then blank lines': `password:\n${repeat('   \n')}`,
  'flag: --token repeated': repeat('--token '),
  'flag: --password= repeated': repeat('--password='),
  'flag: - --token lines': repeat('- --token\n'),
  // env pairs
  'env: 10,000 lines of - name: X_PASSWORD': repeat('- name: X_PASSWORD\n'),
  'env: name/value pairs': repeat('- name: X_PASSWORD\n  value: hunter2\n'),
  'env: one mapping with many names': `- value: x\n${repeat('  name: X_PASSWORD\n')}`,
  // secret data
  'secret: 10,000 data entries': `kind: Secret\ndata:\n${repeat('  k: dmFsdWU=\n')}`,
  'secret: many documents': repeat('---\nkind: Secret\ndata:\n  a: b\n'),
  'secret: block values': `kind: Secret\nstringData:\n${repeat('  f: |\n    line\n')}`,
  // line scanner corner cases
  'yaml: a: + blanks': `a:${repeat(' ')}`,
  'yaml: colons without blanks': repeat('a:'),
  'yaml: hashes': repeat('#'),
  'yaml: blank-hash pairs': repeat(' #'),
  'yaml: double quotes': repeat('"'),
  'yaml: single quotes': repeat("'"),
  'yaml: dashes': repeat('- '),
  'yaml: deep indentation': `${repeat(' ')}password: x`,
  'authorization: one long credential': `Authorization: Basic ${repeat('A')}$`,
  'authorization: repeated schemes': repeat('authorization: bearer '),
  'kubeconfig: key-data names': repeat('client-key-data-'),
  'pairs: credential names without values': repeat('{name: PASSWORD, '),
  'pairs: HCL names then one far value': `${repeat('name = "API_KEY"\n')}value = "x"`,
  'pairs: terraform variables without defaults': repeat('variable "password" {'),
  'flags: quoted credential flags in a flow sequence': `[${repeat('"--token", ')}]`,
  'mixed trigger characters': repeat("a@1.2.3.4:\"--token='x' password: sk-eyJ://#\n"),
};

describe('linear time on adversarial 200 KB inputs', () => {
  const timings: string[] = [];
  for (const [name, text] of Object.entries(ADVERSARIAL)) {
    it(name, () => {
      const start = performance.now();
      const result = redact(text);
      findSensitive(result.text);
      const elapsed = performance.now() - start;
      timings.push(`${elapsed.toFixed(1).padStart(8)} ms  ${name}`);
      expect(elapsed).toBeLessThan(BOUND_MS);
    });
  }
  it('prints the measured times', () => {
    if (process.env.REDACT_TIMINGS) console.log(timings.join('\n'));
    expect(timings.length).toBe(Object.keys(ADVERSARIAL).length);
  });
});
