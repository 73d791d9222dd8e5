import { describe, expect, it } from 'vitest';
import { canComment } from './can-comment.js';
import { parseUnifiedDiff } from './parse-unified-diff.js';

const { files } = parseUnifiedDiff(
  [
    'diff --git a/main.tf b/main.tf',
    '--- a/main.tf',
    '+++ b/main.tf',
    '@@ -1,4 +1,5 @@',
    ' provider "aws" {',
    '-  region = "us-east-1"',
    '+  region = "eu-west-1"',
    '+  profile = "ci"',
    ' }',
    ' ',
    '@@ -20,3 +21,2 @@',
    '   bucket = "logs"',
    '-  acl    = "public-read"',
    ' }',
    'diff --git a/logo.png b/logo.png',
    'Binary files a/logo.png and b/logo.png differ',
  ].join('\n'),
);
const main = files[0]!;
const logo = files[1]!;

describe('canComment', () => {
  it('accepts a line in a hunk on its side and says its position', () => {
    expect(canComment(main, { line: 3, side: 'RIGHT' })).toEqual({ ok: true, position: 4 });
    expect(canComment(main, { line: 2, side: 'LEFT' })).toEqual({ ok: true, position: 2 });
    expect(canComment(main, { line: 3 })).toEqual({ ok: true, position: 4 });
  });

  it('refuses lines outside the hunks, or on the side where they do not exist', () => {
    expect(canComment(main, { line: 10, side: 'RIGHT' })).toEqual({
      ok: false,
      reason: 'line 10 (RIGHT) of main.tf is not in any hunk of the diff',
    });
    expect(canComment(main, { line: 5, side: 'LEFT' }).ok).toBe(false);
    expect(canComment(main, { line: 0, side: 'RIGHT' }).ok).toBe(false);
    expect(canComment(main, { line: 1.5, side: 'RIGHT' }).ok).toBe(false);
    expect(canComment(main, {}).ok).toBe(false);
  });

  it('accepts a multi-line range inside one hunk, also across sides', () => {
    expect(canComment(main, { startLine: 1, startSide: 'RIGHT', line: 3, side: 'RIGHT' })).toEqual({
      ok: true,
      position: 4,
      startPosition: 1,
    });
    expect(canComment(main, { startLine: 2, startSide: 'LEFT', line: 3, side: 'RIGHT' })).toEqual({
      ok: true,
      position: 4,
      startPosition: 2,
    });
    // start_side defaults to side.
    expect(canComment(main, { startLine: 21, line: 22, side: 'RIGHT' }).ok).toBe(true);
  });

  it('refuses ranges across hunks, backwards or of one line', () => {
    const across = canComment(main, { startLine: 4, line: 21, side: 'RIGHT' });
    expect(across).toEqual({
      ok: false,
      reason: 'start line 4 (RIGHT) and line 21 (RIGHT) are in different hunks',
    });
    expect(canComment(main, { startLine: 3, line: 1, side: 'RIGHT' }).ok).toBe(false);
    expect(canComment(main, { startLine: 3, line: 3, side: 'RIGHT' }).ok).toBe(false);
    // The same context line from LEFT (old 3) to RIGHT (new 4) is one diff line, not a range.
    expect(canComment(main, { startLine: 3, startSide: 'LEFT', line: 4, side: 'RIGHT' }).ok).toBe(false);
    expect(canComment(main, { startLine: 9, line: 3, side: 'RIGHT' }).ok).toBe(false);
    expect(canComment(main, { startSide: 'LEFT', line: 3, side: 'RIGHT' }).ok).toBe(false);
  });

  it('takes file-level comments (subject_type file) without a line, binary files included', () => {
    expect(canComment(main, { subjectType: 'file' })).toEqual({ ok: true });
    expect(canComment(logo, { subjectType: 'file' })).toEqual({ ok: true });
    expect(canComment(logo, { line: 1, side: 'RIGHT' })).toEqual({
      ok: false,
      reason: 'logo.png is a binary file; only file-level comments fit',
    });
  });
});
