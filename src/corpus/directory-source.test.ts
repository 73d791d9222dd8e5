import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Document } from '../core/types.js';
import { directoryFingerprint, directorySource } from './directory-source.js';
import { createSourceStats } from './source-stats.js';

const temporaryDirectories: string[] = [];
function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'infralm-directory-source-'));
  temporaryDirectories.push(directory);
  return directory;
}
afterEach(() => {
  for (const directory of temporaryDirectories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function write(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

async function collect(documents: AsyncIterable<Document>): Promise<Document[]> {
  const out: Document[] = [];
  for await (const document of documents) out.push(document);
  return out;
}

describe('directorySource', () => {
  it('yields every regular file in sorted depth-first order with sha256 ids and provenance', async () => {
    const root = temporaryDirectory();
    // Created out of order on purpose: the walk must sort.
    write(join(root, 'z.tf'), 'resource "z" "z" {}\n');
    write(join(root, 'b', 'd.yaml'), 'kind: D\n');
    write(join(root, 'a.yaml'), 'kind: A\n');
    write(join(root, 'b', 'c', 'e.yml'), 'kind: E — ünïcode\n');
    write(join(root, 'B.yaml'), 'kind: UpperB\n');
    const stats = createSourceStats();
    const documents = await collect(directorySource(root, { stats }));
    expect(documents.map((document) => document.source.path)).toEqual([
      'B.yaml',
      'a.yaml',
      'b/c/e.yml',
      'b/d.yaml',
      'z.tf',
    ]);
    const unicode = documents[2]!;
    expect(unicode.text).toBe('kind: E — ünïcode\n');
    expect(unicode.id).toBe(createHash('sha256').update(Buffer.from(unicode.text, 'utf8')).digest('hex'));
    expect(unicode.source).toEqual({ kind: 'directory', repo: root.split('/').at(-1), path: 'b/c/e.yml' });
    expect(stats).toEqual({
      seen: 5,
      yielded: 5,
      bytes: documents.reduce((sum, document) => sum + Buffer.byteLength(document.text), 0),
      skipped: {},
    });
  });

  it('skips .git and node_modules, and counts too-large and binary files instead of throwing', async () => {
    const root = temporaryDirectory();
    write(join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    write(join(root, 'node_modules', 'x', 'index.yaml'), 'kind: Ignored\n');
    write(join(root, 'big.yaml'), 'a'.repeat(2000));
    write(join(root, 'exact.yaml'), 'b'.repeat(1000));
    write(join(root, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    write(join(root, 'late-nul.txt'), `${'c'.repeat(9000)}\u0000`);
    const stats = createSourceStats();
    const documents = await collect(directorySource(root, { stats, maxBytes: 1000 }));
    expect(documents.map((document) => document.source.path)).toEqual(['exact.yaml']);
    expect(stats.skipped).toEqual({ 'too-large': 2, binary: 1 });
    expect(stats.seen).toBe(4);

    // With room for it, a NUL past the first 8 KB does not make a file binary.
    const roomy = await collect(directorySource(root, { maxBytes: 10_000 }));
    expect(roomy.map((document) => document.source.path)).toEqual(['big.yaml', 'exact.yaml', 'late-nul.txt']);
  });

  it('follows symlinks inside the root, skips those leading outside, and survives symlink cycles', async () => {
    const outside = temporaryDirectory();
    write(join(outside, 'secret.yaml'), 'password: hunter2\n');
    const root = temporaryDirectory();
    write(join(root, 'real', 'app.yaml'), 'kind: App\n');
    symlinkSync(join(root, 'real', 'app.yaml'), join(root, 'alias.yaml'));
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'escape.yaml'));
    symlinkSync(outside, join(root, 'escape-directory'));
    symlinkSync(join(root, 'real'), join(root, 'real', 'loop'));
    symlinkSync(join(root, 'missing.yaml'), join(root, 'dangling.yaml'));
    const stats = createSourceStats();
    const documents = await collect(directorySource(root, { stats }));
    expect(documents.map((document) => document.source.path)).toEqual(['alias.yaml', 'real/app.yaml']);
    expect(documents.some((document) => document.text.includes('hunter2'))).toBe(false);
    expect(stats.skipped).toEqual({ 'symlink-outside-root': 2, 'broken-symlink': 1 });
  });

  const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;
  it.skipIf(!hasMkfifo)('passes over FIFOs without blocking on them', async () => {
    const root = temporaryDirectory();
    write(join(root, 'a.yaml'), 'kind: A\n');
    execFileSync('mkfifo', [join(root, 'pipe.yaml')]);
    symlinkSync(join(root, 'pipe.yaml'), join(root, 'pipe-link.yaml'));
    const documents = await collect(directorySource(root));
    expect(documents.map((document) => document.source.path)).toEqual(['a.yaml']);
  });

  it('reports the fingerprint directoryFingerprint gives, which changes with a name, size or mtime', async () => {
    const root = temporaryDirectory();
    write(join(root, 'b', 'app.yaml'), 'kind: App\n');
    write(join(root, 'big.yaml'), 'x'.repeat(100));
    write(join(root, 'node_modules', 'ignored.yaml'), 'kind: Ignored\n');
    symlinkSync(join(root, 'b', 'app.yaml'), join(root, 'alias.yaml'));
    symlinkSync(join(root, 'missing.yaml'), join(root, 'dangling.yaml'));
    const reported = async () => {
      let value: string | undefined;
      await collect(
        directorySource(root, { maxBytes: 50, onFingerprint: (fingerprint) => (value = fingerprint) }),
      );
      return value;
    };
    const first = await reported();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(directoryFingerprint(root)).toBe(first);

    write(join(root, 'node_modules', 'ignored.yaml'), 'kind: Still ignored\n');
    expect(directoryFingerprint(root)).toBe(first);
    const seen = new Set([first]);
    const changes = [
      () => utimesSync(join(root, 'big.yaml'), new Date(2020, 0, 1), new Date(2020, 0, 1)), // too large, still counted
      () => write(join(root, 'b', 'app.yaml'), 'kind: Apps\n'),
      () => write(join(root, 'b', 'new.yaml'), ''),
      () => rmSync(join(root, 'alias.yaml')),
    ];
    for (const change of changes) {
      change();
      const now = await reported();
      expect(directoryFingerprint(root)).toBe(now);
      expect(seen.has(now!)).toBe(false);
      seen.add(now!);
    }
    expect(directoryFingerprint(join(root, 'absent'))).toBe('missing');
  });

  it('throws INFRALM_ERR_INPUT_NOT_FOUND for a missing root', async () => {
    const missing = join(temporaryDirectory(), 'absent');
    await expect(collect(directorySource(missing))).rejects.toMatchObject({
      code: 'INFRALM_ERR_INPUT_NOT_FOUND',
      message: expect.stringContaining(missing),
    });
  });

  const k8s = '/work/shared/corpora/k8s';
  it.skipIf(!existsSync(k8s))('streams the shared k8s corpus with its provenance', async () => {
    const stats = createSourceStats();
    const started = performance.now();
    const repositories = new Map<string, number>();
    let kserve: Document | undefined;
    for await (const document of directorySource(k8s, { stats })) {
      const key = `${document.source.repo} ${document.source.commit} ${document.source.license}`;
      repositories.set(key, (repositories.get(key) ?? 0) + 1);
      if (
        document.source.path === 'config/default/kustomization.yaml' &&
        document.source.repo === 'kserve/kserve'
      ) {
        kserve = document;
      }
    }
    // Reported, not asserted: timings vary by machine.
    console.info(
      `k8s corpus: ${stats.yielded} documents, ${stats.bytes} bytes in ${(performance.now() - started).toFixed(0)} ms`,
    );
    // 1,994 data files plus 5 LICENSE files (SOURCES.md).
    expect(stats).toMatchObject({ seen: 1999, yielded: 1999, skipped: {} });
    expect(repositories.get('kserve/kserve aaac4e294dae2c7b1aa1886447793f3aa1c30912 Apache-2.0')).toBe(
      515 + 54 + 1,
    );
    expect(repositories.size).toBe(5);
    expect(kserve?.text).toContain('kind: Kustomization');
  });
});
