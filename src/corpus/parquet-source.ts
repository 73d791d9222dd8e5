import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  type AsyncBuffer,
  asyncBufferFromFile,
  type FileMetaData,
  parquetMetadataAsync,
  parquetReadObjects,
  parquetSchema,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { InfraLMError } from '../core/errors.js';
import { sha256 } from '../core/hash.js';
import type { Document, Provenance } from '../core/types.js';
import { countSkip, createSourceStats } from './source-stats.js';
import type { SourceStats } from './types.js';

// Reads Hugging Face parquet in the-stack-dedup layout one row group at a time, so neither a local
// file nor a remote one (byte-range requests) is ever held in memory whole.

/** Options of parquetSource. */
export interface ParquetSourceOptions {
  /** Stop after this many documents were yielded (and fetch nothing more). */
  maxRows?: number;
  /** Hugging Face token for gated datasets (sent as `Authorization: Bearer`), e.g. process.env.HF_TOKEN. */
  token?: string;
  /** fetch implementation for remote files (default: the global fetch). */
  fetch?: typeof fetch;
  /** Counters to fill while streaming. */
  stats?: SourceStats;
}

/** The-stack-dedup columns a document is built from. */
export const THE_STACK_COLUMNS = [
  'content',
  'max_stars_repo_name',
  'max_stars_repo_head_hexsha',
  'max_stars_repo_path',
  'max_stars_repo_licenses',
] as const;

type TheStackRow = Partial<Record<(typeof THE_STACK_COLUMNS)[number], unknown>>;

// The footer of a large parquet file is tens of KiB; hyparquet fetches more when it is bigger.
const FOOTER_FETCH_BYTES = 64 * 1024;

/** The URL as shown in messages: no credentials, no query (signed URLs carry secrets there). */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '<invalid URL>';
  }
}

function isRemote(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/** An AsyncBuffer over HTTP range requests that turns every failure into a clear InfraLMError. */
async function remoteFile(
  url: string,
  token: string | undefined,
  fetchFunction: typeof fetch,
): Promise<AsyncBuffer> {
  const shown = displayUrl(url);
  const request = async (start: number, endInclusive: number): Promise<Response> => {
    const headers: Record<string, string> = { Range: `bytes=${start}-${endInclusive}` };
    if (token) headers.Authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await fetchFunction(url, { headers, redirect: 'follow' });
    } catch (error) {
      throw new InfraLMError('INFRALM_ERR_HTTP', `${shown}: ${(error as Error).message}`, { cause: error });
    }
    if (response.status === 206) return response;
    await response.body?.cancel().catch(() => undefined);
    const status = `${shown} answered ${response.status} ${response.statusText}`.trim();
    if (response.status === 401 || response.status === 403) {
      const hint = token
        ? 'the token was refused or has no access to this gated dataset (accept its terms on the Hub)'
        : 'no token was given; the dataset is gated: set HF_TOKEN';
      throw new InfraLMError('INFRALM_ERR_HTTP', `${status}: ${hint}`);
    }
    if (response.status === 404) throw new InfraLMError('INFRALM_ERR_HTTP', `${status}: no such file`);
    throw new InfraLMError('INFRALM_ERR_HTTP', `${status} to a range request (expected 206 Partial Content)`);
  };

  // A one-byte request learns the size from Content-Range and checks access before any real work.
  const first = await request(0, 0);
  await first.arrayBuffer();
  const total = /\/(\d+)\s*$/.exec(first.headers.get('content-range') ?? '');
  if (!total)
    throw new InfraLMError('INFRALM_ERR_HTTP', `${shown}: 206 response without a Content-Range size`);
  const byteLength = Number(total[1]);
  const fetchRange = async (start: number, end: number): Promise<Uint8Array> => {
    const bytes = new Uint8Array(await (await request(start, end - 1)).arrayBuffer());
    if (bytes.byteLength !== end - start) {
      throw new InfraLMError(
        'INFRALM_ERR_HTTP',
        `${shown}: asked for bytes ${start}-${end - 1}, received ${bytes.byteLength} bytes`,
      );
    }
    return bytes;
  };
  // The footer read also covers the end of the last row group; keeping it avoids fetching that twice.
  let tail: { start: number; bytes: Uint8Array } | undefined;
  return {
    byteLength,
    async slice(start: number, end = byteLength): Promise<ArrayBuffer> {
      if (end <= start) return new ArrayBuffer(0);
      let bytes: Uint8Array;
      if (tail && end > tail.start) {
        const cached = tail.bytes.subarray(Math.max(0, start - tail.start), end - tail.start);
        if (start >= tail.start) return cached.slice().buffer;
        bytes = new Uint8Array(end - start);
        bytes.set(await fetchRange(start, tail.start));
        bytes.set(cached, tail.start - start);
      } else {
        bytes = await fetchRange(start, end);
      }
      if (end === byteLength && (!tail || start < tail.start)) tail = { start, bytes };
      return bytes.buffer.byteLength === bytes.byteLength
        ? (bytes.buffer as ArrayBuffer)
        : bytes.slice().buffer;
    },
  };
}

function parquetError(name: string, error: unknown): InfraLMError {
  if (InfraLMError.isInstance(error)) return error;
  return new InfraLMError('INFRALM_ERR_PARQUET', `${name}: ${(error as Error).message}`, { cause: error });
}

/** Licences as one SPDX-style expression: a list (or a JSON list in a string) joined with ' AND '. */
function licenseExpression(value: unknown): string | undefined {
  let list: unknown = value;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (!trimmed.startsWith('[')) return trimmed === '' ? undefined : trimmed;
    try {
      list = JSON.parse(trimmed);
    } catch {
      return trimmed;
    }
  }
  if (!Array.isArray(list)) return undefined;
  const names = list.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
  return names.length === 0 ? undefined : names.map((name) => name.trim()).join(' AND ');
}

/** A the-stack row as a Document, or the reason it cannot be one. */
export function theStackDocument(row: TheStackRow): Document | { skip: string } {
  const { content, max_stars_repo_path: path } = row;
  if (typeof content !== 'string') return { skip: 'missing-content' };
  if (typeof path !== 'string' || path === '') return { skip: 'missing-path' };
  const source: Provenance = { kind: 'the-stack', path };
  if (typeof row.max_stars_repo_name === 'string') source.repo = row.max_stars_repo_name;
  if (typeof row.max_stars_repo_head_hexsha === 'string') source.commit = row.max_stars_repo_head_hexsha;
  const license = licenseExpression(row.max_stars_repo_licenses);
  if (license !== undefined) source.license = license;
  return { id: sha256(content), text: content, source: orderedProvenance(source) };
}

function orderedProvenance(source: Provenance): Provenance {
  const { kind, repo, commit, path, license } = source;
  return {
    kind,
    ...(repo === undefined ? {} : { repo }),
    ...(commit === undefined ? {} : { commit }),
    path,
    ...(license === undefined ? {} : { license }),
  };
}

async function readMetadata(file: AsyncBuffer, name: string): Promise<FileMetaData> {
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file, { initialFetchSize: FOOTER_FETCH_BYTES });
  } catch (error) {
    throw parquetError(name, error);
  }
  const present = new Set(parquetSchema(metadata).children.map((child) => child.element.name));
  const missing = THE_STACK_COLUMNS.filter((column) => !present.has(column));
  if (missing.length > 0) {
    throw new InfraLMError(
      'INFRALM_ERR_PARQUET',
      `${name} lacks the-stack column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
    );
  }
  return metadata;
}

interface RowBudget {
  /** Documents still wanted; Infinity without maxRows. */
  remaining: number;
}

async function* readParquetFile(
  file: AsyncBuffer,
  name: string,
  budget: RowBudget,
  stats: SourceStats,
): AsyncGenerator<Document> {
  const metadata = await readMetadata(file, name);
  let groupStart = 0;
  for (const rowGroup of metadata.row_groups) {
    const groupEnd = groupStart + Number(rowGroup.num_rows);
    // Within a row group, read only as many rows as are still wanted; skipped rows make us read on.
    let rowStart = groupStart;
    while (rowStart < groupEnd && budget.remaining > 0) {
      const rowEnd = Math.min(groupEnd, rowStart + budget.remaining);
      let rows: TheStackRow[];
      try {
        rows = (await parquetReadObjects({
          file,
          metadata,
          columns: [...THE_STACK_COLUMNS],
          rowStart,
          rowEnd,
          compressors,
        })) as TheStackRow[];
      } catch (error) {
        throw parquetError(name, error);
      }
      for (const row of rows) {
        stats.seen++;
        const document = theStackDocument(row);
        if ('skip' in document) {
          countSkip(stats, document.skip);
          continue;
        }
        stats.yielded++;
        stats.bytes += Buffer.byteLength(document.text, 'utf8');
        budget.remaining--;
        yield document;
      }
      rowStart = rowEnd;
    }
    if (budget.remaining <= 0) return;
    groupStart = groupEnd;
  }
}

async function localParquetFiles(location: string): Promise<string[]> {
  const path = resolve(location);
  const stats = await stat(path).catch(() => undefined);
  if (!stats) throw new InfraLMError('INFRALM_ERR_INPUT_NOT_FOUND', path);
  if (!stats.isDirectory()) return [path];
  const names = (await readdir(path, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.parquet'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
  if (names.length === 0)
    throw new InfraLMError('INFRALM_ERR_INPUT_NOT_FOUND', `no *.parquet files under ${path}`);
  return names;
}

/**
 * Stream the-stack-dedup parquet (a local file, a local directory of `*.parquet` files in sorted order,
 * or an http(s) URL read with byte-range requests) as Documents, row group by row group, stopping as
 * soon as `maxRows` documents were yielded.
 */
export async function* parquetSource(
  location: string,
  options: ParquetSourceOptions = {},
): AsyncGenerator<Document> {
  const stats = options.stats ?? createSourceStats();
  const budget: RowBudget = { remaining: options.maxRows ?? Number.POSITIVE_INFINITY };
  if (budget.remaining <= 0) return;
  if (isRemote(location)) {
    const file = await remoteFile(location, options.token, options.fetch ?? globalThis.fetch);
    yield* readParquetFile(file, displayUrl(location), budget, stats);
    return;
  }
  for (const path of await localParquetFiles(location)) {
    const file = await asyncBufferFromFile(path);
    yield* readParquetFile(file, path, budget, stats);
    if (budget.remaining <= 0) return;
  }
}
