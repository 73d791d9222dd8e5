import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { offerWritten, takeWritten } from './written-handoff.js';

const file = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'infralm-handoff-')), 'values.jsonl');
  writeFileSync(path, text);
  return path;
};

describe('written hand-off', () => {
  it('hands the values of a file this process wrote out once', () => {
    const path = file('{"a":1}\n');
    offerWritten(path, '{"a":1}\n', [{ a: 1 }]);
    expect(takeWritten(path)).toEqual([{ a: 1 }]);
    expect(takeWritten(path)).toBeUndefined();
    expect(takeWritten(join(path, '..', 'other.jsonl'))).toBeUndefined();
  });

  it('refuses a file whose bytes changed since (same size), and one that is gone', () => {
    const changed = file('{"a":1}\n');
    offerWritten(changed, '{"a":1}\n', [{ a: 1 }]);
    writeFileSync(changed, '{"a":2}\n'); // same size, new content
    expect(takeWritten(changed)).toBeUndefined();

    const replaced = file('{"a":1}\n');
    offerWritten(replaced, '{"a":1}\n', [{ a: 1 }]);
    const twin = `${replaced}.new`;
    writeFileSync(twin, '{"a":1}\n');
    renameSync(twin, replaced); // another file with the same bytes: parsing it gives the same values
    expect(takeWritten(replaced)).toEqual([{ a: 1 }]);

    const missing = join(mkdtempSync(join(tmpdir(), 'infralm-handoff-')), 'never-written.jsonl');
    offerWritten(missing, '1\n', [1]);
    expect(takeWritten(missing)).toBeUndefined();
  });

  it('keeps nothing beyond its byte budget', () => {
    const big = file('x');
    offerWritten(big, Buffer.alloc(65 * 1024 * 1024), ['huge']);
    expect(takeWritten(big)).toBeUndefined();
  });
});
