import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { stableStringify } from '../core/hash.js';
import type { Document } from '../core/types.js';
import {
  documentLine,
  readBronze,
  readBronzeManifest,
  readBronzeShard,
  takeHandedOffShard,
  writeBronze,
} from './bronze-store.js';

const temporaryDirectories: string[] = [];
function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'infralm-bronze-'));
  temporaryDirectories.push(directory);
  return directory;
}
afterEach(() => {
  for (const directory of temporaryDirectories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function makeDocument(index: number, size = 20): Document {
  const text = `# document ${index} ${'x'.repeat(size)} ü\n`;
  return {
    id: createHash('sha256').update(text).digest('hex'),
    // Keys in a non-sorted order on purpose: shards must not depend on construction order.
    text,
    source: { path: `dir/file-${index}.yaml`, kind: 'directory', repo: 'acme/widgets', license: 'MIT' },
  };
}

async function* stream(documents: Document[]): AsyncGenerator<Document> {
  for (const document of documents) yield document;
}

async function collect(documents: AsyncIterable<Document>): Promise<Document[]> {
  const out: Document[] = [];
  for await (const document of documents) out.push(document);
  return out;
}

function snapshot(directory: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(directory).sort()) files[name] = readFileSync(join(directory, name), 'utf8');
  return files;
}

describe('writeBronze', () => {
  it('writes JSONL shards and a manifest that describe each other exactly', async () => {
    const directory = temporaryDirectory();
    const documents = Array.from({ length: 7 }, (_, index) => makeDocument(index));
    const manifest = await writeBronze(directory, stream(documents), { shardDocuments: 3 });
    expect(manifest.shards.map((shard) => [shard.file, shard.documents])).toEqual([
      ['shard-00000.jsonl', 3],
      ['shard-00001.jsonl', 3],
      ['shard-00002.jsonl', 1],
    ]);
    for (const shard of manifest.shards) {
      const bytes = readFileSync(join(directory, shard.file));
      expect(shard.bytes).toBe(bytes.length);
      expect(shard.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(bytes.toString('utf8').trimEnd().split('\n')).toHaveLength(shard.documents);
    }
    expect(manifest).toMatchObject({ version: 1, documents: 7 });
    expect(manifest.bytes).toBe(manifest.shards.reduce((sum, shard) => sum + shard.bytes, 0));
    expect(JSON.parse(readFileSync(join(directory, 'manifest.json'), 'utf8'))).toEqual(manifest);
    expect(await readBronzeManifest(directory)).toEqual(manifest);
    expect(await collect(readBronze(directory))).toEqual(documents);
    expect(await collect(readBronzeShard(join(directory, 'shard-00002.jsonl')))).toEqual([documents[6]]);
  });

  it('produces byte-identical files on a second run, and drops shards of a longer earlier run', async () => {
    const directory = temporaryDirectory();
    const documents = Array.from({ length: 10 }, (_, index) => makeDocument(index));
    await writeBronze(directory, stream(documents), { shardDocuments: 2 });
    const first = snapshot(directory);
    await writeBronze(directory, stream(documents), { shardDocuments: 2 });
    expect(snapshot(directory)).toEqual(first);

    await writeBronze(directory, stream(documents.slice(0, 3)), { shardDocuments: 2 });
    expect(Object.keys(snapshot(directory))).toEqual([
      'manifest.json',
      'shard-00000.jsonl',
      'shard-00001.jsonl',
    ]);
    expect(snapshot(directory)['shard-00000.jsonl']).toBe(first['shard-00000.jsonl']);
  });

  it('starts a new shard before the byte limit is passed; an oversized document gets its own shard', async () => {
    const directory = temporaryDirectory();
    const small = makeDocument(1, 10);
    const huge = makeDocument(2, 5000);
    const lineBytes = Buffer.byteLength(
      `${JSON.stringify({ id: small.id, source: small.source, text: small.text })}\n`,
    );
    const manifest = await writeBronze(directory, stream([small, small, small, huge, small]), {
      shardBytes: lineBytes * 2,
    });
    expect(manifest.shards.map((shard) => shard.documents)).toEqual([2, 1, 1, 1]);
    expect(manifest.shards[0]!.bytes).toBe(lineBytes * 2);
  });

  it('writes an empty store for an empty stream and refuses bad limits', async () => {
    const directory = temporaryDirectory();
    expect(await writeBronze(join(directory, 'empty'), stream([]))).toEqual({
      version: 1,
      documents: 0,
      bytes: 0,
      shards: [],
    });
    await expect(writeBronze(directory, stream([]), { shardDocuments: 0 })).rejects.toMatchObject({
      code: 'INFRALM_ERR_USAGE',
    });
  });

  it('keeps every shard within its limits and every document in order (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat({ max: 400 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 50, max: 1500 }),
        async (sizes, shardDocuments, shardBytes) => {
          const directory = temporaryDirectory();
          const documents = sizes.map((size, index) => makeDocument(index, size));
          const manifest = await writeBronze(directory, stream(documents), { shardDocuments, shardBytes });
          for (const shard of manifest.shards) {
            expect(shard.documents).toBeGreaterThan(0);
            expect(shard.documents).toBeLessThanOrEqual(shardDocuments);
            if (shard.documents > 1) expect(shard.bytes).toBeLessThanOrEqual(shardBytes);
          }
          expect(await collect(readBronze(directory))).toEqual(documents);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('reading a bronze store', () => {
  it('explains a missing, malformed or invalid manifest', async () => {
    const directory = temporaryDirectory();
    await expect(readBronzeManifest(directory)).rejects.toMatchObject({
      code: 'INFRALM_ERR_INPUT_NOT_FOUND',
    });
    const manifestPath = join(directory, 'manifest.json');
    writeFileSync(manifestPath, '{ not json');
    await expect(readBronzeManifest(directory)).rejects.toMatchObject({
      code: 'INFRALM_ERR_RECORD_PARSE',
      location: { file: manifestPath },
    });
    writeFileSync(manifestPath, JSON.stringify({ version: 2, documents: 0, bytes: 0, shards: [] }));
    await expect(readBronzeManifest(directory)).rejects.toMatchObject({
      code: 'INFRALM_ERR_RECORD_PARSE',
      message: expect.stringContaining('version'),
    });
  });

  it('names the shard and line of a record that does not parse or is not a Document', async () => {
    const directory = temporaryDirectory();
    const shard = join(directory, 'shard-00000.jsonl');
    writeFileSync(shard, `${JSON.stringify(makeDocument(0))}\n{"id": 1\n`);
    await expect(collect(readBronzeShard(shard))).rejects.toMatchObject({
      code: 'INFRALM_ERR_RECORD_PARSE',
      location: { file: shard, line: 2 },
    });
    writeFileSync(shard, `${JSON.stringify({ id: 'x', text: 'y' })}\n`);
    await expect(collect(readBronzeShard(shard))).rejects.toMatchObject({
      code: 'INFRALM_ERR_RECORD_PARSE',
      message: expect.stringContaining('record 1'),
    });
  });
});

describe('shards handed off in memory', () => {
  it('hands each shard out once, exactly as reading its file gives it, and only for its hash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record(
            {
              text: fc.string({ unit: 'binary' }),
              commit: fc.option(
                fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 40, maxLength: 40 }),
                { nil: undefined },
              ),
              license: fc.option(fc.constantFrom('MIT', 'Apache-2.0'), { nil: undefined }),
            },
            { requiredKeys: ['text'] },
          ),
          { minLength: 1, maxLength: 12 },
        ),
        async (specs) => {
          const directory = temporaryDirectory();
          const documents: Document[] = specs.map((spec, index) => ({
            id: String(index),
            text: spec.text,
            source: { kind: 'directory', path: `f${index}.yaml`, commit: spec.commit, license: spec.license },
          }));
          const manifest = await writeBronze(directory, stream(documents), { shardDocuments: 5 });
          for (const shard of manifest.shards) {
            const path = join(directory, shard.file);
            expect(takeHandedOffShard(path, 'not-the-hash')).toBeUndefined();
          }
          await writeBronze(directory, stream(documents), { shardDocuments: 5 });
          for (const shard of manifest.shards) {
            const path = join(directory, shard.file);
            const handed = takeHandedOffShard(path, shard.sha256);
            expect(handed).toEqual(await collect(readBronzeShard(path)));
            expect(JSON.stringify(handed)).toBe(JSON.stringify(await collect(readBronzeShard(path))));
            expect(takeHandedOffShard(path, shard.sha256)).toBeUndefined();
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('documentLine', () => {
  it('gives the same bytes as a generic sorted-key rendering', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            kind: fc.string(),
            path: fc.string(),
            repo: fc.string(),
            commit: fc.string(),
            license: fc.string(),
          },
          { requiredKeys: ['kind', 'path'] },
        ),
        fc.string(),
        fc.option(fc.string(), { nil: undefined }),
        (source, text, extra) => {
          const document =
            extra === undefined ? { id: 'x', text, source } : { id: 'x', text, source: { ...source, extra } };
          expect(documentLine(document)).toBe(stableStringify(document));
        },
      ),
    );
  });
});
