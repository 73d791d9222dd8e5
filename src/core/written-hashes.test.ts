import { appendFileSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashContents } from '../pipeline/fingerprint.js';
import { createAtomicWriter, writeFileAtomic, writeFileAtomicSync } from './atomic-write.js';
import { sha256 } from './hash.js';
import { writtenSha256 } from './written-hashes.js';

const directory = () => mkdtempSync(join(tmpdir(), 'infralm-written-'));

describe('written hashes', () => {
  it('knows the sha256 of what each atomic writer wrote', async () => {
    const root = directory();
    writeFileAtomicSync(join(root, 'a.txt'), 'alpha');
    await writeFileAtomic(join(root, 'b.txt'), Buffer.from('beta'));
    const writer = createAtomicWriter(join(root, 'c.jsonl'));
    for (let index = 0; index < 5000; index++)
      await writer.write(`{"n":${index},"pad":"${'é'.repeat(300)}"}\n`);
    await writer.commit();
    for (const name of ['a.txt', 'b.txt', 'c.jsonl']) {
      const path = join(root, name);
      expect(writtenSha256(path)).toBe(sha256(readFileSync(path)));
    }
  });

  it('forgets a file changed in place or replaced by another writer', () => {
    const root = directory();
    const edited = join(root, 'edited.txt');
    writeFileAtomicSync(edited, 'one');
    appendFileSync(edited, 'two');
    expect(writtenSha256(edited)).toBeUndefined();

    const replaced = join(root, 'replaced.txt');
    writeFileAtomicSync(replaced, 'one');
    writeFileSync(`${replaced}.new`, 'one');
    renameSync(`${replaced}.new`, replaced);
    expect(writtenSha256(replaced)).toBeUndefined();
    expect(writtenSha256(join(root, 'never-written.txt'))).toBeUndefined();
  });

  it('gives hashContents the value reading every file gives', () => {
    const root = directory();
    writeFileAtomicSync(join(root, 'x', 'one.txt'), 'one');
    writeFileAtomicSync(join(root, 'x', 'two.txt'), 'two');
    writeFileSync(join(root, 'x', 'plain.txt'), 'not through a writer');
    const recorded = hashContents(root);
    // Replacing each written file with an identical copy makes the registry miss: everything is read.
    for (const name of ['one.txt', 'two.txt']) {
      const path = join(root, 'x', name);
      writeFileSync(`${path}.copy`, readFileSync(path));
      renameSync(`${path}.copy`, path);
      expect(writtenSha256(path)).toBeUndefined();
    }
    expect(hashContents(root)).toBe(recorded);
  });
});
