import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJsonl, toJsonl } from './jsonl.js';

const file = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'infralm-jsonl-')), 'x.jsonl');
  writeFileSync(path, text);
  return path;
};

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('readJsonl', () => {
  it('round-trips any JSON values, with or without a final newline, skipping blank lines', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue(), { maxLength: 20 }), async (values) => {
        const text = toJsonl(values);
        expect(await collect(readJsonl(file(text)))).toEqual(
          values.map((v) => JSON.parse(JSON.stringify(v))),
        );
        expect(await collect(readJsonl(file(`\n${text.trimEnd()}`)))).toHaveLength(values.length);
      }),
      { numRuns: 50 },
    );
  });
  it('reads lines longer than a chunk', async () => {
    const big = { text: 'x'.repeat(3_000_000) };
    expect(await collect(readJsonl(file(`${JSON.stringify(big)}\n{"a":1}\n`)))).toEqual([big, { a: 1 }]);
  });
  it('decodes characters split across chunk boundaries', async () => {
    // 'é' (2 bytes) and '🚀' (4 bytes) land on the 1 MiB boundary at every offset of the padding.
    for (const pad of [1, 2, 3]) {
      const record = { text: `${'a'.repeat((1 << 20) - 10 - pad)}é🚀é🚀` };
      expect(await collect(readJsonl(file(`${JSON.stringify(record)}\n`)))).toEqual([record]);
    }
  });
  it('closes the file when the reader stops early', async () => {
    const path = file('{"a":1}\n{"a":2}\n');
    for await (const _ of readJsonl(path)) break;
    const { readdirSync } = await import('node:fs');
    const open = readdirSync('/proc/self/fd').length;
    for (let i = 0; i < 50; i++) for await (const _ of readJsonl(path)) break;
    expect(readdirSync('/proc/self/fd').length).toBeLessThanOrEqual(open);
  });
  it('names the file and line of a bad record', async () => {
    const path = file('{"a":1}\n{"a":\n');
    await expect(collect(readJsonl(path))).rejects.toThrow(`${path}:2`);
  });
});
