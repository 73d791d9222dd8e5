// biome-ignore-all lint/suspicious/noTemplateCurlyInString: HCL sources use ${ } interpolation on purpose.
import { describe, expect, it } from 'vitest';
import { lex } from './lexer.js';

/** Tokens as `type` or `type:value`, without positions. */
function tokens(source: string, mode: 'config' | 'template' = 'config'): string[] {
  return lex(source, mode).tokens.map((token) => (token.value ? `${token.type}:${token.value}` : token.type));
}

describe('lex', () => {
  it('scans identifiers with dashes, numbers and the longest operators', () => {
    expect(tokens('my-name_1 1.5e-3 1. ... == != <= >= && || :: => !')).toEqual([
      'ident:my-name_1',
      'number:1.5e-3',
      'number:1',
      '.',
      '...',
      '==',
      '!=',
      '<=',
      '>=',
      '&&',
      '||',
      '::',
      '=>',
      '!',
      'eof',
    ]);
  });

  it('scans a chained legacy index as one number, as hcl does', () => {
    expect(tokens('a.0.1')).toEqual(['ident:a', '.', 'number:0.1', 'eof']);
  });

  it('drops comments but keeps the newline a line comment ends with', () => {
    expect(tokens('a # one\nb // two\r\nc /* three\n */ d')).toEqual([
      'ident:a',
      'newline',
      'ident:b',
      'newline',
      'ident:c',
      'ident:d',
      'eof',
    ]);
    const comment = lex('a # one\n').tokens[1]!;
    expect([comment.start, comment.end]).toEqual([2, 8]);
  });

  it('scans quoted templates with sequences and resolved escapes', () => {
    expect(tokens('"a\\tb${x}c%{ if y ~}d"')).toEqual([
      'oquote',
      'literal:a\tb',
      'interp:${',
      'ident:x',
      'seq-end:}',
      'literal:c',
      'control:%{',
      'ident:if',
      'ident:y',
      'seq-end:~}',
      'literal:d',
      'cquote',
      'eof',
    ]);
  });

  it('tells object braces inside an interpolation from the brace that ends it', () => {
    expect(tokens('"${ {a = 1} }"')).toEqual([
      'oquote',
      'interp:${',
      '{',
      'ident:a',
      '=',
      'number:1',
      '}',
      'seq-end:}',
      'cquote',
      'eof',
    ]);
  });

  it('scans heredocs one line per literal, with the closing marker and its newline', () => {
    expect(tokens('<<-EOT\n  a ${b}\n  c\n  EOT\nx')).toEqual([
      'oheredoc:<<-EOT',
      'literal:  a ',
      'interp:${',
      'ident:b',
      'seq-end:}',
      'literal:\n',
      'literal:  c\n',
      'cheredoc',
      'newline',
      'ident:x',
      'eof',
    ]);
  });

  it('does not treat << without a marker and newline as a heredoc', () => {
    expect(tokens('<<EOT x')).toEqual(['<', '<', 'ident:EOT', 'ident:x', 'eof']);
  });

  it('scans bare templates line by line with escaped sequences', () => {
    expect(tokens('a $${b}\n%%{c} $5\n${d}', 'template')).toEqual([
      'literal:a ${b}\n',
      'literal:%{c} $5\n',
      'interp:${',
      'ident:d',
      'seq-end:}',
      'eof',
    ]);
  });

  it('ends a quoted string at a newline and reports it', () => {
    const result = lex('a = "x\nb = 1');
    expect(result.tokens.map((token) => token.type)).toEqual([
      'ident',
      '=',
      'oquote',
      'literal',
      'newline',
      'ident',
      '=',
      'number',
      'eof',
    ]);
    expect(result.problems.map((problem) => problem.summary)).toEqual(['Invalid multi-line string']);
  });

  it('reports characters the language does not use, once per repeated mistake', () => {
    const result = lex("a ; b ; 'c' @");
    expect(result.problems.map((problem) => [problem.summary, problem.start])).toEqual([
      ['Invalid character', 2],
      ['Invalid character', 8],
      ['Invalid character', 12],
    ]);
  });

  it('reports bad escapes with their exact span', () => {
    const result = lex('"\\u12 \\U0011FFFF \\q"');
    expect(result.problems.map((problem) => [problem.detail, problem.start, problem.end])).toEqual([
      ['The \\u escape sequence must be followed by four hexadecimal digits.', 1, 3],
      ['Cannot encode character U+11ffff in UTF-8.', 6, 16],
      ['The symbol "q" is not a valid escape sequence selector.', 17, 19],
    ]);
  });

  it('skips a byte order mark and accepts Unicode identifiers', () => {
    expect(tokens('\uFEFFnäme = 1')).toEqual(['ident:näme', '=', 'number:1', 'eof']);
  });
});
