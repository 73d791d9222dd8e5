import { describe, expect, it } from 'vitest';
import { compileGlob, GlobPatternError } from './glob-pattern.js';

describe('doublestar glob patterns', () => {
  it.each([
    ['*.txt', 'a.txt', true],
    ['*.txt', 'dir/a.txt', false],
    ['**/*.txt', 'a.txt', true],
    ['**/*.txt', 'dir/sub/a.txt', true],
    ['dir/**', 'dir/sub/a.txt', true],
    ['dir/**/a.txt', 'dir/a.txt', true],
    ['?.md', 'a.md', true],
    ['?.md', 'ab.md', false],
    ['[a-c].md', 'b.md', true],
    ['[!a-c].md', 'b.md', false],
    ['{x,y}/*.tf', 'y/main.tf', true],
    ['{x,y}/*.tf', 'z/main.tf', false],
    ['\\*.txt', '*.txt', true],
    ['./files/*', 'files/a', true],
    ['a.b', 'axb', false],
  ])('%s against %s is %s', (pattern, path, expected) => {
    expect(compileGlob(pattern).test(path)).toBe(expected);
  });

  it('rejects malformed patterns', () => {
    expect(() => compileGlob('[abc')).toThrow(GlobPatternError);
    expect(() => compileGlob('{a,b')).toThrow(GlobPatternError);
    expect(() => compileGlob('a\\')).toThrow(GlobPatternError);
  });
});
