import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRe2, findAllMatches, RegexSyntaxError, replaceAllMatches } from './re2.js';

const all = (pattern: string, text: string): (string | undefined)[][] =>
  findAllMatches(compileRe2(pattern), text).map((match) => [match.whole, ...match.groups]);
const replace = (pattern: string, text: string, template: string): string =>
  replaceAllMatches(compileRe2(pattern), text, template);

describe('RE2 semantics on a JS engine', () => {
  it('keeps RE2 meanings that differ from JS defaults', () => {
    expect(all('.', '\r\u2028')).toEqual([['\r'], ['\u2028']]);
    expect(all('\\s', '\v\t\u00a0')).toEqual([['\t']]);
    expect(all('a$', 'a\n')).toEqual([]);
    expect(all('(?m)^b$', 'a\nb\r\nb')).toEqual([['b']]);
    expect(all('(?s)a.b', 'a\nb')).toEqual([['a\nb']]);
    expect(all('(?U)a+', 'aaa')).toEqual([['a'], ['a'], ['a']]);
    expect(all('(?U)a+?', 'aaa')).toEqual([['aaa']]);
    expect(all('a(?i)b(?-i)c', 'aBc aBC')).toEqual([['aBc']]);
    expect(all('(?i:é)x', 'Éx éx ÉX')).toEqual([['Éx'], ['éx']]);
    expect(all('(?i)straße', 'STRASSE Straße')).toEqual([['Straße']]);
  });

  it('translates classes, escapes and named groups', () => {
    expect(all('[[:alpha:]]+', 'ab1c')).toEqual([['ab'], ['c']]);
    expect(all('[^[:space:]]+', 'a b')).toEqual([['a'], ['b']]);
    expect(all('\\pL+', 'héllo1')).toEqual([['héllo']]);
    expect(all('\\p{Greek}+', 'αβγ a')).toEqual([['αβγ']]);
    expect(all('\\PN', '1a')).toEqual([['a']]);
    expect(all('\\Qa.b\\E', 'a.b axb')).toEqual([['a.b']]);
    expect(all('\\x{263a}\\x41\\101\\0', '☺AA\0')).toEqual([['☺AA\0']]);
    expect(all('[a-c-e]+', 'a-e-z')).toEqual([['a-e-']]);
    expect(all('[]a]+', ']a]')).toEqual([[']a]']]);
    expect(all('a{,2}', 'a{,2}')).toEqual([['a{,2}']]);
    expect(all('\\A\\w+\\z', 'word')).toEqual([['word']]);
    expect(compileRe2('(?P<first>a)(?<second>b)(c)').groupNames).toEqual(['first', 'second', undefined]);
  });

  it('skips empty matches that touch the previous match, as Go does', () => {
    expect(all('a*', 'baaac')).toEqual([[''], ['aaa'], ['']]);
    expect(replace('a*', 'baaac', 'X')).toBe('XbXcX');
    expect(replace('', 'abc', '-')).toBe('-a-b-c-');
    expect(replace('x*', '😀', '-')).toBe('-😀-');
  });

  it('expands templates like Regexp.Expand', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Go's replacement syntax, not a JS template
    expect(replace('(\\w+)@(\\w+)', 'me@home', '$2 at ${1}')).toBe('home at me');
    expect(replace('(\\w+)@(\\w+)', 'me@home', '$1x|$$|$')).toBe('|$|$');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Go's replacement syntax, not a JS template
    expect(replace('(?P<user>\\w+)@\\w+', 'me@home', '${user}!')).toBe('me!');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Go's replacement syntax, not a JS template
    expect(replace('(a)', 'a', '${9}${unknown}$0')).toBe('a');
  });

  it.each([
    ['(?=a)', 'invalid or unsupported Perl syntax'],
    ['(?<=a)b', 'invalid or unsupported Perl syntax'],
    ['(a)\\1', 'invalid escape sequence'],
    ['a**', 'invalid nested repetition operator'],
    ['*a', 'missing argument to repetition operator'],
    ['a{1001}', 'invalid repeat count'],
    ['a{3,2}', 'invalid repeat count'],
    ['[abc', 'missing closing ]'],
    ['(abc', 'missing closing )'],
    ['abc)', 'unexpected )'],
    ['[z-a]', 'invalid character class range'],
    ['\\p{NotAScript}', 'invalid character class range'],
    ['(?P<a>x)(?P<a>y)', 'invalid named capture'],
    ['(?P<a-b>x)', 'invalid named capture'],
    ['\\C', 'invalid escape sequence'],
    ['\\', 'trailing backslash at end of expression'],
    ['(?i)a(?-i)b', 'turning off case folding is not supported'],
  ])('rejects %j', (pattern, code) => {
    expect(() => compileRe2(pattern)).toThrow(RegexSyntaxError);
    expect(() => compileRe2(pattern)).toThrow(code);
  });

  it('finds a quoted literal exactly where indexOf does', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }),
        (text, literal) => {
          fc.pre(!literal.includes('\\E'));
          const positions: number[] = [];
          for (
            let index = text.indexOf(literal);
            index >= 0;
            index = text.indexOf(literal, index + literal.length)
          )
            positions.push(index);
          expect(findAllMatches(compileRe2(`\\Q${literal}\\E`), text).map((match) => match.start)).toEqual(
            positions,
          );
        },
      ),
    );
  });
});
