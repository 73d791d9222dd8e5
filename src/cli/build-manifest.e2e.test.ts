import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../pipeline/fingerprint.js';
import { MUST_SURVIVE, PLANTED_SECRETS, writePlantedCorpus } from '../test-support/planted-corpus.js';

// These tests run the built CLI (dist/, made by `npm test` before vitest) as a user would.
const BIN = fileURLToPath(new URL('../../bin/infralm.js', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

function infralm(args: string[], environment: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...environment },
    timeout: 60_000,
  });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

function readTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of listFiles(root)) {
    if (file.includes('/logs/')) continue; // logs carry timestamps
    files.set(file.slice(root.length), readFileSync(file, 'utf8'));
  }
  return files;
}

describe.skipIf(!existsSync(DIST))('infralm build manifest (end to end)', () => {
  let corpus: string;
  beforeAll(() => {
    corpus = mkdtempSync(join(tmpdir(), 'infralm-corpus-'));
    writePlantedCorpus(corpus, 60);
  });

  it('writes gold splits and reports, with no planted secret left in gold/', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'infralm-ws-'));
    const run = infralm([
      'build',
      'manifest',
      '--input',
      corpus,
      '--workspace',
      workspace,
      '--json',
      '--quiet',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.stages.map((stage: { name: string }) => stage.name)).toContain('bias:manifest');
    // The bundled CLI takes its code version from the hash recorded when it was built.
    const built = readFileSync(
      fileURLToPath(new URL('../../dist/bundle/code-version.txt', import.meta.url)),
      'utf8',
    );
    const lock = JSON.parse(readFileSync(join(workspace, 'infralm.lock'), 'utf8'));
    expect(lock.stages['bias:manifest'].code.endsWith(`+${built.trim()}`)).toBe(true);
    for (const name of ['train', 'validation', 'test'])
      expect(existsSync(join(workspace, 'gold/manifest', `${name}.jsonl`))).toBe(true);
    for (const name of ['yield', 'schema', 'anomaly', 'bias'])
      expect(existsSync(join(workspace, 'reports/manifest', `${name}.json`))).toBe(true);

    const goldFiles = readTree(join(workspace, 'gold'));
    const gold = [...goldFiles.values()].join('\n');
    // JSON escaping would hide a secret containing `/` or `"`: check the decoded strings too,
    // including the tool-call arguments, which are JSON inside JSON.
    const strings: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') {
        strings.push(value);
        if (value.startsWith('{')) {
          try {
            collect(JSON.parse(value));
          } catch {}
        }
      } else if (value && typeof value === 'object') for (const item of Object.values(value)) collect(item);
    };
    for (const [path, text] of goldFiles) {
      if (path.endsWith('.jsonl'))
        for (const line of text.split('\n').filter(Boolean)) collect(JSON.parse(line));
    }
    const decoded = strings.join('\n');
    expect(decoded).toContain('apiVersion');
    for (const [name, secret] of Object.entries(PLANTED_SECRETS)) {
      expect(gold.includes(secret), `${name} leaked into gold/`).toBe(false);
      expect(decoded.includes(secret), `${name} leaked into gold/ (decoded)`).toBe(false);
    }
    for (const kept of MUST_SURVIVE) expect(decoded, `${kept} was destroyed`).toContain(kept);

    const yieldReport = JSON.parse(readFileSync(join(workspace, 'reports/manifest/yield.json'), 'utf8'));
    expect(yieldReport.records_written).toBeGreaterThan(10);
    // A token under a credential-named env var counts as credential_env (the container span wins).
    for (const type of ['ipv4', 'email', 'aws_access_key', 'private_key', 'secret_data', 'credential_env']) {
      expect(yieldReport.redactions[type], `no ${type} redaction counted`).toBeGreaterThan(0);
    }
    const schema = JSON.parse(readFileSync(join(workspace, 'reports/manifest/schema.json'), 'utf8'));
    expect(schema.pii_leaks).toBe(0);
    expect(schema.pass_rate_pct).toBe(100);
    // No secret in the logs either.
    const logs = listFiles(join(workspace, 'logs'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    for (const secret of Object.values(PLANTED_SECRETS)) expect(logs.includes(secret)).toBe(false);
  });

  it('skips unchanged stages on a rerun and reruns them with --force', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'infralm-ws-'));
    const args = ['build', 'manifest', '--input', corpus, '--workspace', workspace, '--json', '--quiet'];
    expect(infralm(args).code).toBe(0);
    const before = readTree(workspace);
    const again = JSON.parse(infralm(args).stdout);
    expect(again.stages.every((stage: { skipped: boolean }) => stage.skipped)).toBe(true);
    const forced = JSON.parse(infralm([...args, '--force']).stdout);
    expect(forced.stages.every((stage: { skipped: boolean }) => !stage.skipped)).toBe(true);
    expect(readTree(workspace)).toEqual(before);
  });

  it('a run killed part-way and started again ends with byte-identical outputs', () => {
    const reference = mkdtempSync(join(tmpdir(), 'infralm-ws-ref-'));
    const args = (workspace: string, workers = 2) => [
      'build',
      'manifest',
      '--input',
      corpus,
      '--workspace',
      workspace,
      '--quiet',
      '--set',
      'shard_documents=8',
      '--set',
      'parallel_min_bytes=0', // force the worker-thread path (shards start on a worker during ingest)
      '--workers',
      String(workers),
    ];
    // The reference runs on one thread: the worker path must give the same bytes.
    expect(infralm(args(reference, 1)).code).toBe(0);

    const resumed = mkdtempSync(join(tmpdir(), 'infralm-ws-kill-'));
    const killed = infralm(args(resumed), { INFRALM_FAULT_KILL_AFTER_SHARDS: '3' });
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(join(resumed, 'gold/manifest/train.jsonl'))).toBe(false);
    const rerun = infralm(args(resumed));
    expect(rerun.stderr).toBe('');
    expect(rerun.code).toBe(0);

    const expected = readTree(reference);
    const actual = readTree(resumed);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, bytes] of expected) {
      expect(actual.get(path), path).toBe(bytes);
    }
  });

  it('--strict exits 3 when the anomaly check raises a critical alert', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'infralm-ws-'));
    const run = infralm([
      'build',
      'manifest',
      '--input',
      corpus,
      '--workspace',
      workspace,
      '--quiet',
      '--strict',
      '--set',
      'manifest.anomaly.min_records=100000',
    ]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('too_few_records');
  });

  it('names the config key and line of a bad config', () => {
    const run = infralm(['build', 'manifest', '--input', corpus, '--set', 'manifest.dedup.threshold=7']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('manifest.dedup.threshold');
  });
});
