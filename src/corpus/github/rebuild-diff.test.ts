import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff, positionToLine } from '../../iac/diff/index.js';
import { quoteGitPath, rebuildDiffFromFiles } from './rebuild-diff.js';
import type { PullRequestFile } from './types.js';

/** A hunk body of random kinds and its header, with counts that agree. */
const hunkArbitrary = fc
  .array(fc.tuple(fc.constantFrom(' ', '-', '+'), fc.stringMatching(/^[a-z =";{}]{0,12}$/)), {
    minLength: 1,
    maxLength: 8,
  })
  .map((lines) => lines.map(([marker, text]) => `${marker}${text}`));

function patchOf(hunks: string[][], kind: 'modified' | 'added' | 'removed'): string {
  const out: string[] = [];
  let oldStart = 1;
  let newStart = 1;
  for (const lines of hunks) {
    const body =
      kind === 'added'
        ? lines.map((line) => `+${line.slice(1)}`)
        : kind === 'removed'
          ? lines.map((line) => `-${line.slice(1)}`)
          : lines;
    const oldCount = body.filter((line) => line[0] !== '+').length;
    const newCount = body.filter((line) => line[0] !== '-').length;
    out.push(
      `@@ -${oldCount === 0 ? 0 : oldStart},${oldCount} +${newCount === 0 ? 0 : newStart},${newCount} @@`,
      ...body,
    );
    oldStart += oldCount + 3;
    newStart += newCount + 3;
    if (kind !== 'modified') break;
  }
  return out.join('\n');
}

const segment = fc.constantFrom('main', 'x y', 'té', '"q"', 'back\\slash', '漢', 'tab\there', 'v1.2');
const nameArbitrary = fc
  .array(segment, { minLength: 1, maxLength: 3 })
  .map((parts) => `${parts.join('/')}.tf`);

const fileArbitrary = fc.record({
  name: nameArbitrary,
  previous: nameArbitrary,
  status: fc.constantFrom('modified', 'added', 'removed', 'renamed', 'binary'),
  hunks: fc.array(hunkArbitrary, { minLength: 1, maxLength: 3 }),
});

describe('rebuildDiffFromFiles', () => {
  it('gives back the files, names, statuses and hunk lines the diff parser reads (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fileArbitrary, { minLength: 1, maxLength: 5, selector: (file) => file.name }),
        (specs) => {
          const taken = new Set(specs.map((spec) => spec.name));
          const files: PullRequestFile[] = specs.map((spec) => {
            if (spec.status === 'binary') return { filename: spec.name, status: 'added' };
            const kind = spec.status === 'renamed' ? 'modified' : spec.status;
            const file: PullRequestFile = {
              filename: spec.name,
              status: spec.status as PullRequestFile['status'],
              patch: patchOf(spec.hunks, kind as 'modified' | 'added' | 'removed'),
            };
            if (spec.status === 'renamed' && !taken.has(spec.previous))
              file.previous_filename = spec.previous;
            if (spec.status === 'renamed' && file.previous_filename === undefined) file.status = 'modified';
            return file;
          });
          const diff = parseUnifiedDiff(rebuildDiffFromFiles(files));
          expect(diff.diagnostics).toEqual([]);
          expect(diff.files.map((file) => file.path)).toEqual(files.map((file) => file.filename));
          diff.files.forEach((parsed, index) => {
            const file = files[index]!;
            expect(parsed.status).toBe(file.status);
            expect(parsed.oldPath).toBe(file.previous_filename ?? file.filename);
            const lines = parsed.hunks.flatMap((hunk) => [
              hunk.header,
              ...hunk.lines.map((line) => line.raw),
            ]);
            expect(lines).toEqual(file.patch ? file.patch.split('\n') : []);
            // Positions count from the file's first hunk header, as in the patch itself.
            const patchLines = file.patch?.split('\n') ?? [];
            patchLines.forEach((line, position) => {
              if (position > 0 && !line.startsWith('@@'))
                expect(positionToLine(parsed, position)).toBeDefined();
            });
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('writes git headers: new/deleted file modes, renames, and no hunks for a binary file', () => {
    const text = rebuildDiffFromFiles([
      { filename: 'new.tf', status: 'added', patch: '@@ -0,0 +1 @@\n+x' },
      { filename: 'gone.tf', status: 'removed', patch: '@@ -1 +0,0 @@\n-x' },
      { filename: 'b/moved.tf', previous_filename: 'a/moved.tf', status: 'renamed' },
      { filename: 'logo.png', status: 'added' },
    ]);
    expect(text).toBe(
      [
        'diff --git a/new.tf b/new.tf',
        'new file mode 100644',
        '--- /dev/null',
        '+++ b/new.tf',
        '@@ -0,0 +1 @@',
        '+x',
        'diff --git a/gone.tf b/gone.tf',
        'deleted file mode 100644',
        '--- a/gone.tf',
        '+++ /dev/null',
        '@@ -1 +0,0 @@',
        '-x',
        'diff --git a/a/moved.tf b/b/moved.tf',
        'rename from a/moved.tf',
        'rename to b/moved.tf',
        'diff --git a/logo.png b/logo.png',
        'new file mode 100644',
        '',
      ].join('\n'),
    );
    const parsed = parseUnifiedDiff(text);
    expect(parsed.files.map((file) => [file.path, file.status, file.hunks.length])).toEqual([
      ['new.tf', 'added', 1],
      ['gone.tf', 'removed', 1],
      ['b/moved.tf', 'renamed', 0],
      ['logo.png', 'added', 0],
    ]);
  });

  it('C-quotes names the way git does', () => {
    expect(quoteGitPath('a/plain name.tf')).toBe('a/plain name.tf');
    expect(quoteGitPath('a/té.tf')).toBe('"a/t\\303\\251.tf"');
    expect(quoteGitPath('a/"q"\\.tf')).toBe('"a/\\"q\\"\\\\.tf"');
    expect(quoteGitPath('a/tab\there')).toBe('"a/tab\\there"');
  });
});
