import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from './parse-unified-diff.js';
import { renderNumberedHunks } from './render-numbered-hunks.js';

const { files } = parseUnifiedDiff(
  [
    'diff --git a/old.tf b/main.tf',
    'similarity index 80%',
    'rename from old.tf',
    'rename to main.tf',
    '--- a/old.tf',
    '+++ b/main.tf',
    '@@ -8,3 +8,3 @@ resource "aws_s3_bucket" "logs" {',
    '   bucket = "logs"',
    '-  acl    = "public-read"\r',
    '+  acl    = "private"\r',
    ' }',
    '@@ -120 +120,2 @@',
    ' last',
    '+more',
    '\\ No newline at end of file',
    'diff --git a/logo.png b/logo.png',
    'Binary files a/logo.png and b/logo.png differ',
    'diff --git a/run.sh b/run.sh',
    'old mode 100644',
    'new mode 100755',
  ].join('\n'),
);

describe('renderNumberedHunks', () => {
  it('shows old and new numbers, markers and hunk headers, without carriage returns', () => {
    expect(renderNumberedHunks(files[0]!)).toBe(
      [
        'main.tf (renamed from old.tf)',
        '@@ -8,3 +8,3 @@ resource "aws_s3_bucket" "logs" {',
        '  8   8     bucket = "logs"',
        '  9     -   acl    = "public-read"',
        '      9 +   acl    = "private"',
        ' 10  10   }',
        '@@ -120 +120,2 @@',
        '120 120   last',
        '    121 + more',
        '          \\ No newline at end of file',
      ].join('\n'),
    );
  });

  it('adds positions as a first column on request, and can leave out the file line', () => {
    const text = renderNumberedHunks(files[0]!, { positions: true, fileHeader: false }).split('\n');
    expect(text[0]).toBe('  @@ -8,3 +8,3 @@ resource "aws_s3_bucket" "logs" {');
    expect(text[1]).toBe('1   8   8     bucket = "logs"');
    expect(text[5]).toBe('  @@ -120 +120,2 @@');
    expect(text[6]).toBe('6 120 120   last');
    expect(text[8]).toBe(`8${' '.repeat(11)}\\ No newline at end of file`);
  });

  it('says so for binary files and files without hunks', () => {
    expect(renderNumberedHunks(files[1]!)).toBe('logo.png (modified)\n(binary file: no lines to show)');
    expect(renderNumberedHunks(files[2]!)).toBe(
      'run.sh (modified, mode 100644 → 100755)\n(no content changes)',
    );
  });
});
