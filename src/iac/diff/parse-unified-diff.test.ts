import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDiffFile } from './find-diff-file.js';
import { parseUnifiedDiff } from './parse-unified-diff.js';
import { lineToPosition, positionToLine } from './position-to-line.js';
import type { DiffFile } from './types.js';

function only(text: string): DiffFile {
  const parsed = parseUnifiedDiff(text);
  expect(parsed.diagnostics).toEqual([]);
  expect(parsed.files).toHaveLength(1);
  return parsed.files[0]!;
}

const TWO_FILES = [
  'diff --git a/main.tf b/main.tf',
  'index 3b18e51..a9c1d3e 100644',
  '--- a/main.tf',
  '+++ b/main.tf',
  '@@ -1,4 +1,5 @@ terraform {',
  ' provider "aws" {',
  '-  region = "us-east-1"',
  '+  region = "eu-west-1"',
  '+  profile = "ci"',
  ' }',
  ' ',
  '@@ -20,3 +21,2 @@ resource "aws_s3_bucket" "logs" {',
  '   bucket = "logs"',
  '-  acl    = "public-read"',
  ' }',
  'diff --git a/variables.tf b/variables.tf',
  'index 1111111..2222222 100644',
  '--- a/variables.tf',
  '+++ b/variables.tf',
  '@@ -5,2 +5,3 @@',
  ' variable "region" {}',
  '+variable "profile" {}',
  ' variable "tags" {}',
  '',
].join('\n');

describe('parseUnifiedDiff', () => {
  it('reads several files and hunks with counts, sections and numbers', () => {
    const { files, diagnostics } = parseUnifiedDiff(TWO_FILES);
    expect(diagnostics).toEqual([]);
    expect(files.map((file) => [file.path, file.status, file.hunks.length])).toEqual([
      ['main.tf', 'modified', 2],
      ['variables.tf', 'modified', 1],
    ]);
    const [first, second] = files[0]!.hunks;
    expect(first).toMatchObject({
      oldStart: 1,
      oldLines: 4,
      newStart: 1,
      newLines: 5,
      section: 'terraform {',
    });
    expect(first!.header).toBe('@@ -1,4 +1,5 @@ terraform {');
    expect(first!.lines.map((line) => [line.kind, line.oldLine, line.newLine, line.position])).toEqual([
      ['context', 1, 1, 1],
      ['removed', 2, undefined, 2],
      ['added', undefined, 2, 3],
      ['added', undefined, 3, 4],
      ['context', 3, 4, 5],
      ['context', 4, 5, 6],
    ]);
    // The second header takes position 7; its first line is 8.
    expect(second!.headerPosition).toBe(7);
    expect(second!.lines.map((line) => [line.kind, line.oldLine, line.newLine, line.position])).toEqual([
      ['context', 20, 21, 8],
      ['removed', 21, undefined, 9],
      ['context', 22, 22, 10],
    ]);
    // Positions restart at the next file.
    expect(files[1]!.hunks[0]!.lines.map((line) => line.position)).toEqual([1, 2, 3]);
    expect(files[1]!.startLine).toBe(16);
  });

  it('reads hunk headers without counts as one line', () => {
    const file = only('--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n');
    expect(file.hunks[0]).toMatchObject({ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, section: '' });
    const added = only(
      'diff --git a/y b/y\nnew file mode 100644\n--- /dev/null\n+++ b/y\n@@ -0,0 +1 @@\n+only\n',
    );
    expect(added.hunks[0]).toMatchObject({ oldStart: 0, oldLines: 0, newStart: 1, newLines: 1 });
    expect(added.hunks[0]!.lines[0]).toMatchObject({ kind: 'added', newLine: 1, position: 1 });
    const mixed = only('--- a/z\n+++ b/z\n@@ -1 +1,8 @@\n-x\n+1\n+2\n+3\n+4\n+5\n+6\n+7\n+8\n');
    expect(mixed.hunks[0]!.lines.map((line) => line.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(mixed.hunks[0]!.lines.at(-1)).toMatchObject({ newLine: 8, position: 9 });
  });

  it('counts "\\ No newline at end of file" as a position on the old side, the new side and both', () => {
    const oldSide = only('--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
    expect(oldSide.hunks[0]!.lines.map((line) => [line.kind, line.position])).toEqual([
      ['context', 1],
      ['removed', 2],
      ['no-newline', 3],
      ['added', 4],
    ]);
    expect(oldSide.hunks[0]!.lines[1]!.noNewlineAtEnd).toBe(true);
    expect(oldSide.hunks[0]!.lines[2]!.text).toBe('No newline at end of file');
    expect(positionToLine(oldSide, 4)).toEqual({ line: 2, side: 'RIGHT' });
    expect(positionToLine(oldSide, 3)).toBeUndefined();

    const newSide = only('--- a/f\n+++ b/f\n@@ -1 +1,2 @@\n-a\n+a\n+b\n\\ No newline at end of file\n');
    expect(newSide.hunks[0]!.lines.map((line) => [line.kind, line.position])).toEqual([
      ['removed', 1],
      ['added', 2],
      ['added', 3],
      ['no-newline', 4],
    ]);

    const both = only(
      '--- a/f\n+++ b/f\n@@ -1 +1 @@\n-e\n\\ No newline at end of file\n+f\n\\ No newline at end of file\n' +
        '@@ -9 +9 @@\n-y\n+z\n',
    );
    expect(both.hunks.map((hunk) => hunk.lines.length)).toEqual([4, 2]);
    expect(both.hunks[1]!.headerPosition).toBe(5);
    expect(positionToLine(both, 3)).toEqual({ line: 1, side: 'RIGHT' });
    expect(lineToPosition(both, 9, 'RIGHT')).toBe(7);

    const context = only('--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n+new\n a\n b\n\\ No newline at end of file\n');
    expect(context.hunks[0]!.lines.map((line) => line.kind)).toEqual([
      'added',
      'context',
      'context',
      'no-newline',
    ]);
  });

  it('reads content lines that look like headers by the hunk counts (a diff of a diff)', () => {
    const file = only(
      [
        '--- a/p.patch',
        '+++ b/p.patch',
        '@@ -1,3 +1,3 @@',
        '---- a/x',
        '-+++ b/x',
        '+--- c/x',
        '++++ d/x',
        ' @@ -1 +1 @@',
        '',
      ].join('\n'),
    );
    expect(file.hunks[0]!.lines.map((line) => [line.kind, line.text])).toEqual([
      ['removed', '--- a/x'],
      ['removed', '+++ b/x'],
      ['added', '--- c/x'],
      ['added', '+++ d/x'],
      ['context', '@@ -1 +1 @@'],
    ]);
  });

  it('reads renames with and without content changes, copies and mode changes', () => {
    const { files, diagnostics } = parseUnifiedDiff(
      [
        'diff --git a/old name.tf b/new name.tf',
        'similarity index 100%',
        'rename from old name.tf',
        'rename to new name.tf',
        'diff --git a/modules/a.tf b/modules/b.tf',
        'similarity index 88%',
        'rename from modules/a.tf',
        'rename to modules/b.tf',
        'index 1234567..89abcde 100644',
        '--- a/modules/a.tf',
        '+++ b/modules/b.tf',
        '@@ -2 +2 @@',
        '-x = 1',
        '+x = 2',
        'diff --git a/base.tf b/copy.tf',
        'similarity index 100%',
        'copy from base.tf',
        'copy to copy.tf',
        'diff --git a/run.sh b/run.sh',
        'old mode 100644',
        'new mode 100755',
      ].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(
      files.map((file) => [file.path, file.oldPath, file.status, file.hunks.length, file.similarity]),
    ).toEqual([
      ['new name.tf', 'old name.tf', 'renamed', 0, 100],
      ['modules/b.tf', 'modules/a.tf', 'renamed', 1, 88],
      ['copy.tf', 'base.tf', 'copied', 0, 100],
      ['run.sh', 'run.sh', 'modified', 0, undefined],
    ]);
    expect(files[3]).toMatchObject({ oldMode: '100644', newMode: '100755' });
    // A comment names the new path; the old one still finds a renamed file.
    expect(findDiffFile(files, 'modules/b.tf')).toBe(files[1]);
    expect(findDiffFile(files, 'modules/a.tf')).toBe(files[1]);
    expect(findDiffFile(files, 'nowhere.tf')).toBeUndefined();
    expect(lineToPosition(files[1]!, 2, 'LEFT')).toBe(1);
    expect(lineToPosition(files[0]!, 1, 'RIGHT')).toBeUndefined();
  });

  it('reads binary files, new and deleted files, and empty files', () => {
    const { files, diagnostics } = parseUnifiedDiff(
      [
        'diff --git a/logo.png b/logo.png',
        'index 1111111..2222222 100644',
        'Binary files a/logo.png and b/logo.png differ',
        'diff --git a/icon.png b/icon.png',
        'new file mode 100644',
        'index 0000000..3333333',
        'GIT binary patch',
        'literal 12',
        'zcmZ?wbhEHbRA5kG',
        '',
        'literal 0',
        'HcmV?d00001',
        '',
        'diff --git a/gone.tf b/gone.tf',
        'deleted file mode 100644',
        'index 4444444..0000000',
        '--- a/gone.tf',
        '+++ /dev/null',
        '@@ -1,2 +0,0 @@',
        '-a = 1',
        '-b = 2',
        'diff --git a/empty.txt b/empty.txt',
        'new file mode 100644',
        'index 0000000..e69de29',
        'diff --git a/also empty.txt b/also empty.txt',
        'deleted file mode 100644',
        'index e69de29..0000000',
        'diff --git a/fresh.tf b/fresh.tf',
        'new file mode 100644',
        'index 0000000..5555555',
        '--- /dev/null',
        '+++ b/fresh.tf',
        '@@ -0,0 +1,2 @@',
        '+c = 3',
        '+d = 4',
      ].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(files.map((file) => [file.path, file.status, file.binary, file.hunks.length])).toEqual([
      ['logo.png', 'modified', true, 0],
      ['icon.png', 'added', true, 0],
      ['gone.tf', 'removed', false, 1],
      ['empty.txt', 'added', false, 0],
      ['also empty.txt', 'removed', false, 0],
      ['fresh.tf', 'added', false, 1],
    ]);
    expect(positionToLine(files[0]!, 1)).toBeUndefined();
    expect(positionToLine(files[2]!, 2)).toEqual({ line: 2, side: 'LEFT' });
    expect(positionToLine(files[5]!, 2)).toEqual({ line: 2, side: 'RIGHT' });
  });

  it('unquotes octal UTF-8 escapes and keeps names with spaces and tabs', () => {
    const { files, diagnostics } = parseUnifiedDiff(
      [
        'diff --git "a/t\\303\\251st.tf" "b/t\\303\\251st.tf"',
        'index 1111111..2222222 100644',
        '--- "a/t\\303\\251st.tf"',
        '+++ "b/t\\303\\251st.tf"',
        '@@ -1 +1 @@',
        '-x',
        '+y',
        'diff --git a/with space.txt b/with space.txt',
        'index 1111111..2222222 100644',
        '--- a/with space.txt\t',
        '+++ b/with space.txt\t',
        '@@ -1 +1 @@',
        '-x',
        '+y',
        'diff --git "a/ta\\tb" "b/ta\\tb"',
        'new file mode 100644',
        'index 0000000..e69de29',
        'diff --git "a/r\\303\\251" b/plain',
        'similarity index 100%',
        'rename from "r\\303\\251"',
        'rename to plain',
        'diff --git a/plain2 "b/q\\"uote"',
        'similarity index 100%',
        'rename from plain2',
        'rename to "q\\"uote"',
      ].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(files.map((file) => [file.path, file.oldPath])).toEqual([
      ['tést.tf', 'tést.tf'],
      ['with space.txt', 'with space.txt'],
      ['ta\tb', 'ta\tb'],
      ['plain', 'ré'],
      ['q"uote', 'plain2'],
    ]);
  });

  it('keeps the carriage returns of CRLF content without miscounting', () => {
    const file = only('--- a/w.txt\n+++ b/w.txt\n@@ -1,3 +1,3 @@\n a\r\n-b\r\n+B\r\n \r\n');
    expect(file.hunks[0]!.lines.map((line) => [line.kind, line.text, line.raw])).toEqual([
      ['context', 'a\r', ' a\r'],
      ['removed', 'b\r', '-b\r'],
      ['added', 'B\r', '+B\r'],
      ['context', '\r', ' \r'],
    ]);
    expect(lineToPosition(file, 3, 'RIGHT')).toBe(4);
    // A diff saved with CRLF line ends throughout still parses: header lines lose their `\r`.
    const converted = parseUnifiedDiff(
      'diff --git a/k.tf b/k.tf\r\nindex 1..2 100644\r\n--- a/k.tf\r\n+++ b/k.tf\r\n@@ -1 +1 @@ s\r\n-a\r\n+b\r\n',
    );
    expect(converted.diagnostics).toEqual([]);
    expect(converted.files[0]).toMatchObject({ path: 'k.tf' });
    expect(converted.files[0]!.hunks[0]!.section).toBe('s');
  });

  it('reads plain diff -u output with timestamps', () => {
    const file = only(
      '--- old/main.tf\t2024-01-01 10:00:00.000000000 +0000\n+++ new/main.tf\t2024-01-02 10:00:00.000000000 +0000\n' +
        '@@ -1 +1 @@\n-a\n+b\n',
    );
    expect([file.path, file.oldPath]).toEqual(['new/main.tf', 'old/main.tf']);
  });

  it('returns what parses and diagnostics with line numbers for garbage', () => {
    const text = [
      'diff --git a/good1.tf b/good1.tf',
      '--- a/good1.tf',
      '+++ b/good1.tf',
      '@@ -1,3 +1,3 @@',
      ' a',
      '-b',
      '+B',
      'diff --git a/broken.tf b/broken.tf',
      '--- a/broken.tf',
      '+++ b/broken.tf',
      '@@ -x +1 @@',
      'this is not a diff line',
      'diff --git a/good2.tf b/good2.tf',
      '--- a/good2.tf',
      '+++ b/good2.tf',
      '@@ -1 +1 @@',
      '-c',
      '+C',
    ].join('\n');
    const { files, diagnostics } = parseUnifiedDiff(text);
    expect(files.map((file) => file.path)).toEqual(['good1.tf', 'broken.tf', 'good2.tf']);
    expect(files[0]!.hunks[0]!.lines).toHaveLength(3);
    expect(files[2]!.hunks[0]!.lines).toHaveLength(2);
    expect(diagnostics.map((diagnostic) => diagnostic.line)).toEqual([4, 11, 12]);
    expect(diagnostics[0]!.message).toMatch(/ends early: 1 old and 1 new lines missing/);
    expect(diagnostics[1]!.message).toMatch(/not a hunk header/);
    expect(diagnostics[2]!.message).toMatch(/unexpected line/);
    expect(parseUnifiedDiff('hello\nworld\n')).toEqual({
      files: [],
      diagnostics: [{ line: 1, message: 'no file header ("diff --git" or "---"/"+++") found' }],
    });
    expect(parseUnifiedDiff('')).toEqual({ files: [], diagnostics: [] });
    expect(parseUnifiedDiff('@@ -1 +1 @@\n-a\n+b\n').diagnostics[0]!.message).toMatch(/outside any file/);
    const combined = parseUnifiedDiff('diff --cc a.tf\nindex 1,2..3\n@@@ -1,1 -1,1 +1,1 @@@\n- a\n +b\n');
    expect(combined.files).toEqual([]);
    expect(combined.diagnostics[0]!.message).toMatch(/combined/);
  });

  it('reads a diff saved with a byte-order mark', () => {
    const { files, diagnostics } = parseUnifiedDiff(
      '\uFEFFdiff --git a/a.tf b/a.tf\n--- a/a.tf\n+++ b/a.tf\n@@ -1 +1 @@\n-a\n+b\n',
    );
    expect(diagnostics).toEqual([]);
    expect(files.map((file) => file.path)).toEqual(['a.tf']);
  });

  it('ignores a commit message before the first file (git format-patch)', () => {
    const { files, diagnostics } = parseUnifiedDiff(
      'From 1234 Mon Sep 17 00:00:00 2001\nSubject: [PATCH] x\n\n---\n a.tf | 2 +-\n\n' +
        'diff --git a/a.tf b/a.tf\n--- a/a.tf\n+++ b/a.tf\n@@ -1 +1 @@\n-a\n+b\n',
    );
    expect(diagnostics).toEqual([]);
    expect(files.map((file) => file.path)).toEqual(['a.tf']);
  });
});

// The real thing: git itself writes the diff, and every line number must point at the right line
// of the real files on disk.
const hasGit = spawnSync('git', ['--version']).status === 0;

describe.skipIf(!hasGit)('parseUnifiedDiff on real git output', () => {
  it('maps every line of every hunk to the files git diffed', () => {
    const root = mkdtempSync(join(tmpdir(), 'infralm-diff-git-'));
    const environment = {
      ...process.env,
      HOME: root,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    };
    const git = (...args: string[]): string => {
      const result = spawnSync('git', args, { cwd: root, env: environment, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
      return result.stdout;
    };
    try {
      git('init', '-q', '.');
      const numbered = (count: number, tag: string): string =>
        Array.from({ length: count }, (_, index) => `${tag} ${index + 1}\n`).join('');
      const write = (name: string, content: string | Buffer): void => {
        mkdirSync(join(root, name, '..'), { recursive: true });
        writeFileSync(join(root, name), content);
      };
      write('main.tf', numbered(40, 'line'));
      write('tést.tf', 'x\ny\n');
      write('with space.tf', 'a\nb\nc\n');
      write('eof.txt', 'e');
      write('crlf.txt', 'one\r\ntwo\r\nthree\r\n');
      write('logo.bin', Buffer.from([0, 1, 2, 3]));
      write('modules/old.tf', numbered(12, 'module'));
      write('gone.tf', 'gone 1\ngone 2\n');
      write('run.sh', 'echo\n');
      git('add', '-A');
      git('commit', '-qm', 'base');
      const before = new Map<string, string>();
      for (const name of [
        'main.tf',
        'tést.tf',
        'with space.tf',
        'eof.txt',
        'crlf.txt',
        'modules/old.tf',
        'gone.tf',
      ]) {
        before.set(name, readFileSync(join(root, name), 'utf8'));
      }
      before.set('modules/new.tf', before.get('modules/old.tf')!);
      const main = numbered(40, 'line').split('\n');
      main.splice(2, 1, 'changed 3');
      main.splice(20, 2);
      main.splice(35, 0, 'inserted a', 'inserted b');
      write('main.tf', main.join('\n'));
      write('tést.tf', 'x\nY\n');
      write('with space.tf', 'a\nB\nc\n');
      write('eof.txt', 'e\nf');
      write('crlf.txt', 'one\r\nTWO\r\nthree\r\n');
      write('logo.bin', Buffer.from([0, 1, 2, 4]));
      git('mv', 'modules/old.tf', 'modules/new.tf');
      write('modules/new.tf', numbered(12, 'module').replace('module 11', 'module eleven'));
      git('rm', '-q', 'gone.tf');
      write('fresh.tf', 'fresh 1\nfresh 2\n');
      chmodSync(join(root, 'run.sh'), 0o755);
      git('add', '-A');
      const diffText = git('diff', '--cached', '-M');
      const parsed = parseUnifiedDiff(diffText);
      expect(parsed.diagnostics).toEqual([]);
      expect(parsed.files.map((file) => [file.path, file.status, file.binary]).sort()).toEqual(
        [
          ['crlf.txt', 'modified', false],
          ['eof.txt', 'modified', false],
          ['fresh.tf', 'added', false],
          ['gone.tf', 'removed', false],
          ['logo.bin', 'modified', true],
          ['main.tf', 'modified', false],
          ['modules/new.tf', 'renamed', false],
          ['run.sh', 'modified', false],
          ['tést.tf', 'modified', false],
          ['with space.tf', 'modified', false],
        ].sort(),
      );
      expect(parsed.files.find((file) => file.path === 'modules/new.tf')!.oldPath).toBe('modules/old.tf');
      expect(parsed.files.find((file) => file.path === 'main.tf')!.hunks.length).toBe(3);
      let checked = 0;
      for (const file of parsed.files) {
        const oldLines = (before.get(file.oldPath) ?? '').split('\n');
        const newLines =
          file.status === 'removed' ? [] : readFileSync(join(root, file.path), 'utf8').split('\n');
        for (const hunk of file.hunks) {
          for (const line of hunk.lines) {
            if (line.oldLine !== undefined) expect(oldLines[line.oldLine - 1]).toBe(line.text);
            if (line.newLine !== undefined) expect(newLines[line.newLine - 1]).toBe(line.text);
            if (line.kind !== 'no-newline') {
              const location = positionToLine(file, line.position)!;
              expect(lineToPosition(file, location.line, location.side)).toBe(line.position);
              checked++;
            }
          }
        }
      }
      expect(checked).toBeGreaterThan(30);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
