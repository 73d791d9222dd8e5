import { describe, expect, it } from 'vitest';
import { parseHeaderPath, readQuotedPath, splitDiffGitNames, unquoteGitPath } from './git-path.js';

describe('git paths', () => {
  it('unquotes C-style names with octal UTF-8 bytes and simple escapes', () => {
    expect(unquoteGitPath('"t\\303\\251st.tf"')).toBe('tést.tf');
    expect(unquoteGitPath('"\\346\\227\\245\\346\\234\\254.tf"')).toBe('日本.tf');
    expect(unquoteGitPath('"a\\tb\\n\\"c\\"\\\\"')).toBe('a\tb\n"c"\\');
    expect(unquoteGitPath('plain name.tf')).toBe('plain name.tf');
    expect(unquoteGitPath('"unterminated')).toBe('"unterminated');
    expect(readQuotedPath('"ünïcode" rest')).toEqual({ name: 'ünïcode', length: 9, quoted: true });
  });

  it('reads header fields: quoted names, a tab after names with spaces, timestamps', () => {
    expect(parseHeaderPath('"b/t\\303\\251st.tf"')).toBe('b/tést.tf');
    expect(parseHeaderPath('b/with space.tf\t')).toBe('b/with space.tf');
    expect(parseHeaderPath('new/main.tf\t2024-01-02 10:00:00 +0000')).toBe('new/main.tf');
    expect(parseHeaderPath('b/crlf.tf\r')).toBe('b/crlf.tf');
  });

  it('splits diff --git lines, also with spaces and mixed quoting', () => {
    expect(splitDiffGitNames('diff --git a/x.tf b/x.tf')).toEqual({ oldName: 'a/x.tf', newName: 'b/x.tf' });
    expect(splitDiffGitNames('diff --git a/a b/c b/a b/c')).toEqual({
      oldName: 'a/a b/c',
      newName: 'b/a b/c',
    });
    expect(splitDiffGitNames('diff --git "a/t\\303\\251" "b/t\\303\\251"')).toEqual({
      oldName: 'a/té',
      newName: 'b/té',
    });
    expect(splitDiffGitNames('diff --git a/plain "b/q\\"x"')).toEqual({
      oldName: 'a/plain',
      newName: 'b/q"x',
    });
    expect(splitDiffGitNames('diff --git "a/q\\"x" b/plain')).toEqual({
      oldName: 'a/q"x',
      newName: 'b/plain',
    });
    expect(splitDiffGitNames('diff --git a/old.tf b/new.tf')).toEqual({
      oldName: 'a/old.tf',
      newName: 'b/new.tf',
    });
    expect(splitDiffGitNames('diff --git x.tf x.tf')).toEqual({ oldName: 'x.tf', newName: 'x.tf' });
    expect(splitDiffGitNames('diff --git nospace')).toBeUndefined();
  });
});
