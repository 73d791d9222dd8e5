import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SchemaElement } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InfraLMError } from '../core/errors.js';
import type { Document } from '../core/types.js';
import { displayUrl, parquetSource, theStackDocument } from './parquet-source.js';
import { createSourceStats } from './source-stats.js';

interface Row {
  content: string | null;
  hexsha: string;
  size: number;
  ext: string;
  lang: string;
  max_stars_repo_path: string;
  max_stars_repo_name: string;
  max_stars_repo_head_hexsha: string;
  max_stars_repo_licenses: string[];
}

const ROWS_PER_GROUP = 5;
const GROUPS = 8;

/** Deterministic, poorly compressible text, so byte counts reflect row counts. */
function pseudoRandomText(seed: number, length: number): string {
  let state = seed * 2654435761;
  let text = `# file ${seed}\n`;
  while (text.length < length) {
    state = (state * 1103515245 + 12345) % 2147483648;
    text += String.fromCharCode(97 + (state % 26));
    if (state % 61 === 0) text += '\n';
  }
  return text;
}

function makeRows(count: number, offset = 0): Row[] {
  return Array.from({ length: count }, (_, index) => {
    const number = index + offset;
    const content = pseudoRandomText(number, 8000);
    return {
      content,
      hexsha: createHash('sha1').update(content).digest('hex'),
      size: content.length,
      ext: 'tf',
      lang: 'HCL',
      max_stars_repo_path: `modules/m${number}/main.tf`,
      max_stars_repo_name: `owner${number % 3}/repo${number}`,
      max_stars_repo_head_hexsha: createHash('sha1').update(`commit ${number}`).digest('hex'),
      max_stars_repo_licenses: number % 2 === 0 ? ['MIT'] : ['Apache-2.0', 'MIT'],
    };
  });
}

const STRING = { type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' } as const;

/** A the-stack-dedup shaped parquet file (licences as a real LIST<STRING> column). */
function theStackParquet(
  rows: Row[],
  options: { codec?: 'UNCOMPRESSED' | 'SNAPPY' | 'ZSTD'; omit?: string[] } = {},
): Uint8Array {
  const omit = new Set(options.omit ?? []);
  const columns = (Object.keys(rows[0]!) as (keyof Row)[]).filter((name) => !omit.has(name));
  const schema: SchemaElement[] = [{ name: 'root', num_children: columns.length }];
  for (const name of columns) {
    if (name === 'size') schema.push({ name, type: 'INT64', repetition_type: 'OPTIONAL' });
    else if (name === 'max_stars_repo_licenses') {
      schema.push(
        { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', ...STRING },
      );
    } else schema.push({ name, ...STRING });
  }
  const buffer = parquetWriteBuffer({
    columnData: columns.map((name) => ({
      name,
      data: rows.map((row) => (name === 'size' ? BigInt(row.size) : row[name])),
    })),
    schema,
    rowGroupSize: ROWS_PER_GROUP,
    codec: options.codec ?? 'UNCOMPRESSED',
    compressors: { ZSTD: zstdRawFrame },
  });
  return new Uint8Array(buffer);
}

/**
 * A valid Zstandard frame made of raw (stored) blocks, per RFC 8878 §3.1. Node 20 has no zstd
 * compressor and hyparquet-writer ships none, so this exercises the real ZSTD decoding path of
 * hyparquet-compressors without compressing.
 */
function zstdRawFrame(input: Uint8Array): Uint8Array {
  const maximumBlock = 128 * 1024;
  const parts: Uint8Array[] = [];
  const header = new Uint8Array(9);
  header.set([0x28, 0xb5, 0x2f, 0xfd]); // magic number
  header[4] = 0b1010_0000; // 4-byte frame content size, single segment
  new DataView(header.buffer).setUint32(5, input.length, true);
  parts.push(header);
  let offset = 0;
  do {
    const size = Math.min(maximumBlock, input.length - offset);
    const last = offset + size >= input.length ? 1 : 0;
    const blockHeader = last | (size << 3); // block type 0 = raw
    parts.push(new Uint8Array([blockHeader & 0xff, (blockHeader >> 8) & 0xff, (blockHeader >> 16) & 0xff]));
    parts.push(input.subarray(offset, offset + size));
    offset += size;
  } while (offset < input.length);
  return Buffer.concat(parts);
}

function expectedDocument(row: Row): Document {
  return {
    id: createHash('sha256')
      .update(row.content ?? '')
      .digest('hex'),
    text: row.content ?? '',
    source: {
      kind: 'the-stack',
      repo: row.max_stars_repo_name,
      commit: row.max_stars_repo_head_hexsha,
      path: row.max_stars_repo_path,
      license: row.max_stars_repo_licenses.join(' AND '),
    },
  };
}

async function collect(documents: AsyncIterable<Document>): Promise<Document[]> {
  const out: Document[] = [];
  for await (const document of documents) out.push(document);
  return out;
}

const temporaryDirectories: string[] = [];
function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'infralm-parquet-source-'));
  temporaryDirectories.push(directory);
  return directory;
}
afterEach(() => {
  for (const directory of temporaryDirectories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

const ROWS = makeRows(ROWS_PER_GROUP * GROUPS);

describe('parquetSource (local)', () => {
  it('reads every row of a local file as a Document, in order', async () => {
    const path = join(temporaryDirectory(), 'data.parquet');
    writeFileSync(path, theStackParquet(ROWS));
    const stats = createSourceStats();
    const documents = await collect(parquetSource(path, { stats }));
    expect(documents).toEqual(ROWS.map(expectedDocument));
    expect(documents[1]?.source.license).toBe('Apache-2.0 AND MIT');
    expect(stats).toMatchObject({ seen: ROWS.length, yielded: ROWS.length, skipped: {} });
  });

  it('reads a ZSTD-compressed file and stops at maxRows inside a row group', async () => {
    const path = join(temporaryDirectory(), 'zstd.parquet');
    writeFileSync(path, theStackParquet(ROWS, { codec: 'ZSTD' }));
    expect(await collect(parquetSource(path, { maxRows: 7 }))).toEqual(
      ROWS.slice(0, 7).map(expectedDocument),
    );
  });

  it('reads a directory of parquet files in sorted order, maxRows spanning files', async () => {
    const directory = temporaryDirectory();
    const first = makeRows(3, 100);
    const second = makeRows(4, 200);
    mkdirSync(join(directory, 'data'));
    writeFileSync(join(directory, 'data', 'train-00001.parquet'), theStackParquet(second));
    writeFileSync(join(directory, 'data', 'train-00000.parquet'), theStackParquet(first));
    writeFileSync(join(directory, 'README.md'), '# not parquet');
    const all = await collect(parquetSource(directory));
    expect(all).toEqual([...first, ...second].map(expectedDocument));
    const some = await collect(parquetSource(directory, { maxRows: 5 }));
    expect(some).toEqual([...first, ...second.slice(0, 2)].map(expectedDocument));
  });

  it('counts rows without content as skipped and reads on to fill maxRows', async () => {
    const rows = makeRows(6);
    rows[1]!.content = null;
    rows[2]!.content = null;
    const path = join(temporaryDirectory(), 'gaps.parquet');
    writeFileSync(path, theStackParquet(rows));
    const stats = createSourceStats();
    const documents = await collect(parquetSource(path, { maxRows: 3, stats }));
    expect(documents).toEqual([rows[0]!, rows[3]!, rows[4]!].map(expectedDocument));
    expect(stats).toMatchObject({ seen: 5, yielded: 3, skipped: { 'missing-content': 2 } });
  });

  it('names the file and the missing columns', async () => {
    const path = join(temporaryDirectory(), 'not-the-stack.parquet');
    writeFileSync(path, theStackParquet(makeRows(2), { omit: ['content', 'max_stars_repo_licenses'] }));
    const error = await collect(parquetSource(path)).catch((caught: unknown) => caught);
    expect(InfraLMError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INFRALM_ERR_PARQUET' });
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain('content, max_stars_repo_licenses');
  });

  it('gives a clear error for a file that is not parquet and for a missing path', async () => {
    const path = join(temporaryDirectory(), 'broken.parquet');
    writeFileSync(path, 'this is not parquet at all');
    await expect(collect(parquetSource(path))).rejects.toMatchObject({
      code: 'INFRALM_ERR_PARQUET',
      message: expect.stringContaining(path),
    });
    await expect(collect(parquetSource(join(path, 'absent.parquet')))).rejects.toMatchObject({
      code: 'INFRALM_ERR_INPUT_NOT_FOUND',
    });
  });
});

describe('theStackDocument', () => {
  it('accepts licences as a list, a JSON list in a string, or a plain string', () => {
    const base = { content: 'x', max_stars_repo_path: 'a.tf', max_stars_repo_name: 'o/r' };
    const license = (value: unknown) => {
      const document = theStackDocument({ ...base, max_stars_repo_licenses: value });
      return 'skip' in document ? document.skip : document.source.license;
    };
    expect(license(['MIT', 'BSD-3-Clause'])).toBe('MIT AND BSD-3-Clause');
    expect(license('["Apache-2.0"]')).toBe('Apache-2.0');
    expect(license('MIT')).toBe('MIT');
    expect(license([])).toBeUndefined();
    expect(license(null)).toBeUndefined();
    expect(theStackDocument({ ...base, max_stars_repo_path: null })).toEqual({ skip: 'missing-path' });
  });
});

describe('parquetSource (remote)', () => {
  const TOKEN = 'test-token';
  const fileBytes = theStackParquet(ROWS);
  let server: Server;
  let base: string;
  let bytesServed = 0;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(`${request.method} ${request.url} ${request.headers.range ?? ''}`);
      if (request.url === '/moved/data.parquet') {
        response.writeHead(302, { Location: '/data.parquet' }).end();
        return;
      }
      if (request.headers.authorization !== `Bearer ${TOKEN}`) {
        response.writeHead(401, { 'Content-Type': 'text/plain' }).end('unauthorized');
        return;
      }
      if (request.url === '/no-range/data.parquet') {
        bytesServed += fileBytes.length;
        response.writeHead(200, { 'Content-Length': fileBytes.length }).end(fileBytes);
        return;
      }
      if (!request.url?.startsWith('/data.parquet')) {
        response.writeHead(404).end('not found');
        return;
      }
      const range = /^bytes=(\d+)-(\d+)$/.exec(request.headers.range ?? '');
      if (!range) {
        response.writeHead(416).end();
        return;
      }
      const start = Number(range[1]);
      const end = Math.min(Number(range[2]), fileBytes.length - 1);
      const body = fileBytes.subarray(start, end + 1);
      bytesServed += body.length;
      response
        .writeHead(206, {
          'Content-Range': `bytes ${start}-${end}/${fileBytes.length}`,
          'Content-Length': body.length,
          'Accept-Ranges': 'bytes',
        })
        .end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('reads the file over range requests with the bearer token, following redirects', async () => {
    bytesServed = 0;
    requests.length = 0;
    const documents = await collect(parquetSource(`${base}/moved/data.parquet`, { token: TOKEN }));
    expect(documents).toEqual(ROWS.map(expectedDocument));
    expect(requests.every((line) => /bytes=\d+-\d+$/.test(line))).toBe(true);
    // Every byte at most once (the footer read is reused for the last row group), plus the 1-byte probe.
    expect(bytesServed).toBeLessThanOrEqual(fileBytes.length + 1);
  });

  it('fetches far fewer bytes than the file when maxRows is smaller than one row group', async () => {
    bytesServed = 0;
    const documents = await collect(parquetSource(`${base}/data.parquet`, { token: TOKEN, maxRows: 2 }));
    expect(documents).toEqual(ROWS.slice(0, 2).map(expectedDocument));
    expect(bytesServed).toBeLessThan(fileBytes.length / 2);
  });

  it('explains a missing or refused token without ever printing the token', async () => {
    const missing = await collect(parquetSource(`${base}/data.parquet`)).catch((error: unknown) => error);
    expect(missing).toMatchObject({ code: 'INFRALM_ERR_HTTP' });
    expect((missing as Error).message).toContain(`${base}/data.parquet answered 401`);
    expect((missing as Error).message).toContain('HF_TOKEN');

    const secret = 'hf_secretSECRETsecret';
    const refused = await collect(
      parquetSource(`${base}/data.parquet?token=${secret}`, { token: secret }),
    ).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'INFRALM_ERR_HTTP' });
    expect((refused as Error).message).toContain('401');
    expect((refused as Error).message).not.toContain(secret);
    expect(JSON.stringify(refused)).not.toContain(secret);
  });

  it('fails clearly on 404 and on a server that ignores ranges', async () => {
    await expect(collect(parquetSource(`${base}/absent.parquet`, { token: TOKEN }))).rejects.toMatchObject({
      code: 'INFRALM_ERR_HTTP',
      message: expect.stringContaining('404'),
    });
    await expect(
      collect(parquetSource(`${base}/no-range/data.parquet`, { token: TOKEN })),
    ).rejects.toMatchObject({
      code: 'INFRALM_ERR_HTTP',
      message: expect.stringContaining('expected 206'),
    });
  });

  it('reports a connection failure as an HTTP error naming the URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/data.parquet`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(collect(parquetSource(url))).rejects.toMatchObject({
      code: 'INFRALM_ERR_HTTP',
      message: expect.stringContaining(url),
    });
  });

  it('shows URLs without credentials or query', () => {
    expect(displayUrl('https://user:pass@huggingface.co/datasets/x/resolve/main/a.parquet?sig=abc')).toBe(
      'https://huggingface.co/datasets/x/resolve/main/a.parquet',
    );
  });
});
