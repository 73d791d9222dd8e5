import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAtomicWriter } from './atomic-write.js';

const directory = () => mkdtempSync(join(tmpdir(), 'infralm-atomic-'));

describe('createAtomicWriter', () => {
  it('shows nothing at the path until commit, then exactly what was written', async () => {
    const root = directory();
    const path = join(root, 'nested', 'out.jsonl');
    const writer = createAtomicWriter(path);
    const lines = Array.from(
      { length: 3000 },
      (_, index) => `{"n":${index},"s":"${'é'.repeat(index % 700)}"}\n`,
    );
    for (const line of lines) await writer.write(line); // several 1 MiB chunks
    expect(existsSync(path)).toBe(false);
    await writer.commit();
    expect(readFileSync(path, 'utf8')).toBe(lines.join(''));
    expect(readdirSync(join(root, 'nested'))).toEqual(['out.jsonl']);
  });

  it('keeps the old file and leaves no temporary file on abort', async () => {
    const root = directory();
    const path = join(root, 'out.txt');
    writeFileSync(path, 'old');
    const writer = createAtomicWriter(path);
    await writer.write('x'.repeat(2 << 20));
    await writer.abort();
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(root)).toEqual(['out.txt']);
    await expect(writer.write('y'.repeat(2 << 20))).rejects.toThrow(/write after commit or abort/);
  });
});
