import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { writeFileAtomicSync, writeJsonAtomic } from '../core/atomic-write.js';
import { InfraLMError } from '../core/errors.js';
import { sha256, stableStringify } from '../core/hash.js';
import { readJsonl } from '../core/jsonl.js';
import type { Document } from '../core/types.js';
import type { BronzeManifest, BronzeShard } from './types.js';

// The bronze layer: documents as JSONL shards plus a manifest. The manifest is written last and
// removed first, so a store with a manifest is complete; nothing time-dependent is written, so two
// runs over the same documents give byte-identical files.

/** Options of writeBronze. */
export interface WriteBronzeOptions {
  /** Most documents per shard (default 512). */
  shardDocuments?: number;
  /** Most bytes per shard (default 4 MiB); a single larger document gets a shard of its own. */
  shardBytes?: number;
  /** Called as each shard is complete on disk, so later work can start before the store is. */
  onShard?: (shard: BronzeShard) => void;
}

export const MANIFEST_FILE = 'manifest.json';

// Shards this process has just written, kept (up to a byte budget) for the stage that reads them
// next in the same process: it takes them from here instead of parsing the JSONL back. Each entry
// holds exactly what reading the file gives (the same fields, undefined ones left out) and is keyed
// by path and content hash, so a file changed since cannot be mistaken for it; an entry is
// handed out once.
const HANDOFF_BUDGET_BYTES = 64 * 1024 * 1024;
const handedOff = new Map<string, { sha256: string; bytes: number; documents: Document[] }>();
let handedOffBytes = 0;

/** The documents of a shard this process just wrote, once, or undefined (read the file then). */
export function takeHandedOffShard(path: string, sha256: string): Document[] | undefined {
  const entry = handedOff.get(path);
  if (!entry) return undefined;
  handedOff.delete(path);
  handedOffBytes -= entry.bytes;
  return entry.sha256 === sha256 ? entry.documents : undefined;
}

/** Drop a shard's in-memory copy (its reader runs elsewhere, in a worker). */
export function forgetHandedOffShard(path: string): void {
  const entry = handedOff.get(path);
  if (!entry) return;
  handedOff.delete(path);
  handedOffBytes -= entry.bytes;
}

/** The document as reading its JSONL line gives it back (documentLine's key order), or undefined for other shapes. */
function asRead(document: Document): Document | undefined {
  const given = document.source as unknown as Record<string, unknown>;
  if (Object.keys(document).length !== 3 || !Object.keys(given).every((key) => PROVENANCE_KEYS.has(key))) {
    return undefined;
  }
  const source: Record<string, string> = {};
  for (const key of SORTED_PROVENANCE_KEYS) {
    const value = given[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') return undefined;
    source[key] = value;
  }
  return { id: document.id, source: source as unknown as Document['source'], text: document.text };
}

const SHARD_FILE = /^shard-(\d+)\.jsonl$/;

/** `shard-00000.jsonl` for shard 0. */
export function shardFileName(index: number): string {
  return `shard-${String(index).padStart(5, '0')}.jsonl`;
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new InfraLMError('INFRALM_ERR_USAGE', `${name} must be a positive integer, got ${value}`);
  }
  return value;
}

const SORTED_PROVENANCE_KEYS = ['commit', 'kind', 'license', 'path', 'repo'] as const;
const PROVENANCE_KEYS = new Set<string>(SORTED_PROVENANCE_KEYS);

/**
 * Sorted keys, so the same document gives the same line whichever source built it. Documents with
 * only the known provenance fields take a fixed-order fast path (a generic recursive sort was a
 * tenth of the ingest time); both give the same bytes.
 */
export function documentLine(document: Document): string {
  const source = document.source;
  const known =
    Object.keys(document).length === 3 && Object.keys(source).every((key) => PROVENANCE_KEYS.has(key));
  if (!known) return stableStringify(document);
  return JSON.stringify({
    id: document.id,
    source: {
      commit: source.commit,
      kind: source.kind,
      license: source.license,
      path: source.path,
      repo: source.repo,
    },
    text: document.text,
  });
}

/**
 * Write documents to `directory` as JSONL shards (each written atomically, at most one shard held in
 * memory) and then `manifest.json`. Shard boundaries depend only on the documents.
 */
export async function writeBronze(
  directory: string,
  documents: AsyncIterable<Document>,
  options: WriteBronzeOptions = {},
): Promise<BronzeManifest> {
  const shardDocuments = positiveInteger(options.shardDocuments, 512, 'shardDocuments');
  const shardBytes = positiveInteger(options.shardBytes, 4 * 1024 * 1024, 'shardBytes');
  rmSync(join(directory, MANIFEST_FILE), { force: true });

  const shards: BronzeShard[] = [];
  // Lines are encoded one by one: a non-ASCII character widens only its own line's string, and the
  // shard is one concatenation of bytes instead of a joined (possibly two-byte) string to encode.
  let lines: Buffer[] = [];
  let copies: (Document | undefined)[] = [];
  let pendingBytes = 0;
  const flush = () => {
    const bytes = Buffer.concat(lines, pendingBytes);
    const file = shardFileName(shards.length);
    const path = join(directory, file);
    const shard = { file, documents: lines.length, bytes: bytes.length, sha256: sha256(bytes) };
    writeFileAtomicSync(path, bytes, { sha256: shard.sha256 });
    shards.push(shard);
    forgetHandedOffShard(path);
    if (handedOffBytes + bytes.length <= HANDOFF_BUDGET_BYTES && copies.every((copy) => copy !== undefined)) {
      handedOff.set(path, { sha256: shard.sha256, bytes: bytes.length, documents: copies as Document[] });
      handedOffBytes += bytes.length;
    }
    options.onShard?.(shard);
    lines = [];
    copies = [];
    pendingBytes = 0;
  };

  for await (const document of documents) {
    const encoded = Buffer.from(`${documentLine(document)}\n`, 'utf8');
    if (lines.length > 0 && (lines.length >= shardDocuments || pendingBytes + encoded.length > shardBytes))
      flush();
    lines.push(encoded);
    copies.push(asRead(document));
    pendingBytes += encoded.length;
  }
  if (lines.length > 0) flush();
  removeStaleShards(directory, shards.length);

  const manifest: BronzeManifest = {
    version: 1,
    documents: shards.reduce((sum, shard) => sum + shard.documents, 0),
    bytes: shards.reduce((sum, shard) => sum + shard.bytes, 0),
    shards,
  };
  await writeJsonAtomic(join(directory, MANIFEST_FILE), manifest);
  return manifest;
}

/** Shards left by an earlier, longer run would otherwise sit beside the new manifest. */
function removeStaleShards(directory: string, count: number): void {
  let names: string[] = [];
  try {
    names = readdirSync(directory);
  } catch {}
  for (const name of names) {
    const match = SHARD_FILE.exec(name);
    if (match && Number(match[1]) >= count) rmSync(join(directory, name), { force: true });
  }
}

// zod/mini like the config schema: this module loads with every command.
const countSchema = () => z.number().check(z.int(), z.nonnegative());
const manifestSchema = z.object({
  version: z.literal(1),
  documents: countSchema(),
  bytes: countSchema(),
  shards: z.array(
    z.object({
      file: z.string().check(z.regex(SHARD_FILE)),
      documents: countSchema(),
      bytes: countSchema(),
      sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
    }),
  ),
});

/** Read and check `directory/manifest.json`. */
export async function readBronzeManifest(directory: string): Promise<BronzeManifest> {
  const path = join(directory, MANIFEST_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InfraLMError('INFRALM_ERR_INPUT_NOT_FOUND', `${path} (no finished bronze store here)`, {
      cause: error,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InfraLMError('INFRALM_ERR_RECORD_PARSE', (error as Error).message, {
      location: { file: path },
    });
  }
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new InfraLMError(
      'INFRALM_ERR_RECORD_PARSE',
      `bronze manifest ${where}${issue?.message ?? 'invalid'}`,
      {
        location: { file: path },
      },
    );
  }
  return parsed.data as BronzeManifest;
}

function isDocument(value: unknown): value is Document {
  if (typeof value !== 'object' || value === null) return false;
  const { id, text, source } = value as Record<string, unknown>;
  if (typeof id !== 'string' || typeof text !== 'string') return false;
  if (typeof source !== 'object' || source === null) return false;
  const { kind, path } = source as Record<string, unknown>;
  return typeof kind === 'string' && typeof path === 'string';
}

/** Stream the documents of one shard file. */
export async function* readBronzeShard(path: string): AsyncGenerator<Document> {
  let record = 0;
  for await (const value of readJsonl(path)) {
    record++;
    if (!isDocument(value)) {
      throw new InfraLMError(
        'INFRALM_ERR_RECORD_PARSE',
        `record ${record} is not a Document (id, text, source)`,
        {
          location: { file: path },
        },
      );
    }
    yield value;
  }
}

/** Stream every document of a finished bronze store, shard by shard in manifest order. */
export async function* readBronze(directory: string): AsyncGenerator<Document> {
  const manifest = await readBronzeManifest(directory);
  for (const shard of manifest.shards) yield* readBronzeShard(join(directory, shard.file));
}
