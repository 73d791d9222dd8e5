import { describe, expect, it } from 'vitest';
import type { Diagnostic } from './ast.js';
import { parseExpression, parseHcl, parseTemplate } from './parse-native.js';

/** Diagnostics as `summary@line:column-line:column`. */
function located(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => {
    const range = diagnostic.range!;
    return `${diagnostic.summary}@${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
  });
}

// Expected summaries and ranges were checked against `terraform validate -json` (Terraform 1.11, hcl 2.23).
const BROKEN_INPUTS: Array<[name: string, source: string, expected: string[]]> = [
  ['name without equals', 'locals {\n  a 1\n}\n', ['Argument or block definition required@2:3-2:4']],
  ['invalid expression token', 'locals {\n  a = )\n}\n', ['Invalid expression@2:7-2:8']],
  ['unclosed block', 'locals {\n  a = 1\n', ['Unclosed configuration block@1:8-1:9']],
  ['two arguments on a line', 'locals {\n  a = 1 b = 2\n}\n', ['Missing newline after argument@2:9-2:10']],
  ['comma after an argument', 'locals {\n  a = 1,\n}\n', ['Unexpected comma after argument@2:8-2:9']],
  [
    'semicolon',
    'locals {\n  a = 1 ; \n}\n',
    ['Invalid character@2:9-2:10', 'Missing newline after argument@2:9-2:10'],
  ],
  ['single quotes', "locals {\n  a = 'x'\n}\n", ['Invalid character@2:7-2:8', 'Invalid expression@2:7-2:8']],
  [
    'string split over lines',
    'locals {\n  a = "abc\n}\n',
    ['Invalid multi-line string@2:11-3:1', 'Unterminated template string@2:11-3:1'],
  ],
  ['quoted argument name', 'locals {\n  "a" = 1\n}\n', ['Invalid argument name@2:3-2:4']],
  ['invalid escape', 'locals {\n  a = "x\\qy"\n}\n', ['Invalid escape sequence@2:9-2:11']],
  ['missing comma in a tuple', 'locals {\n  a = [1, 2\n  b = 3\n}\n', ['Missing item separator@3:3-3:4']],
  [
    'conditional without colon',
    'locals {\n  a = true ? 1\n}\n',
    ['Missing false expression in conditional@2:15-3:1'],
  ],
  [
    'unknown directive',
    'locals {\n  a = "%{ iff x }y%{ endif }"\n}\n',
    ['Invalid template control keyword@2:11-2:14', 'Unexpected endif directive@2:19-2:29'],
  ],
  ['if without endif', 'locals {\n  a = "%{ if x }y"\n}\n', ['Unexpected end of template@2:18-2:19']],
  ['equals sign after block labels', 'resource "a" "b" = {\n}\n', ['Invalid block definition@1:18-1:19']],
  [
    'two arguments in a one-line block',
    'locals { a = 1, b = 2 }\n',
    ['Invalid single-argument block definition@1:15-1:16'],
  ],
  [
    'bitwise operator',
    'locals {\n  a = b & c\n}\n',
    ['Unsupported operator@2:9-2:10', 'Missing newline after argument@2:9-2:10'],
  ],
  ['chained legacy index', 'locals {\n  a = b.0.1\n}\n', ['Invalid legacy index syntax@2:9-2:12']],
  [
    'object items on one line',
    'locals {\n  a = { x = 1 y = 2 }\n}\n',
    ['Missing attribute separator@2:15-2:16'],
  ],
  ['for without in', 'locals {\n  a = [for x y : x]\n}\n', ["Invalid 'for' expression@2:14-2:15"]],
  ['missing argument comma', 'locals {\n  a = f(1 2)\n}\n', ['Missing argument separator@2:11-2:12']],
  ['unbalanced parentheses', 'locals {\n  a = (1 + 2\n}\n', ['Unbalanced parentheses@3:1-3:2']],
  ['block brace on the next line', 'resource "a" "b"\n{\n}\n', ['Invalid block definition@1:17-2:1']],
  ['redefined attribute', 'locals {\n  a = 1\n  a = 2\n}\n', ['Attribute redefined@3:3-3:4']],
];

describe('syntax errors', () => {
  it.each(BROKEN_INPUTS)('reports %s as hcl does', (_name, source, expected) => {
    expect(located(parseHcl(source, 'main.tf').diagnostics)).toEqual(expected);
  });

  it('uses hcl wording in details', () => {
    const [diagnostic] = parseHcl('locals {\n  a = 1 b = 2\n}\n', 'main.tf').diagnostics;
    expect(diagnostic).toMatchObject({
      severity: 'error',
      summary: 'Missing newline after argument',
      detail: 'An argument definition must end with a newline.',
    });
    const [unterminated] = parseHcl('a = <<EOT\nno end\n', 'main.tf').diagnostics;
    expect(unterminated).toMatchObject({
      summary: 'Unterminated template string',
      detail: 'No closing marker was found for the string.',
    });
  });

  it('recovers at the next line or closing brace so later blocks still come through', () => {
    const file = parseHcl(
      [
        'resource "a" "one" {',
        '  broken = (1 +',
        '  fine = 2',
        '}',
        'junk junk junk',
        '"quoted" = 3',
        'resource "a" "two" {',
        '  x = [1 2]',
        '  y = 3',
        '}',
        'output "o" { value = 1 }',
      ].join('\n'),
      'main.tf',
    );
    expect(located(file.diagnostics)).toEqual([
      'Unbalanced parentheses@3:8-3:9',
      'Invalid block definition@5:15-6:1',
      'Missing item separator@8:10-8:11',
    ]);
    // As in hcl, a block whose header is broken is kept, with an empty body.
    expect(file.body.blocks.map((block) => `${block.type}.${block.labels.join('.')}`)).toEqual([
      'resource.a.one',
      'junk.junk.junk',
      'resource.a.two',
      'output.o',
    ]);
    expect(file.body.blocks[2]!.body.attributes.map((attribute) => attribute.name)).toEqual(['x', 'y']);
    expect(file.body.blocks[3]!.body.attributes[0]!.name).toBe('value');
  });

  it('reports an unterminated comment instead of misreading it', () => {
    expect(located(parseHcl('a = 1 /* never closed\nb = 2\n', 'main.tf').diagnostics)).toEqual([
      'Unterminated comment@1:7-1:9',
    ]);
  });

  it('reports extra characters after a standalone expression', () => {
    expect(located(parseExpression('a b', 'cli').diagnostics)).toEqual([
      'Extra characters after expression@1:3-1:4',
    ]);
    expect(located(parseExpression('', 'cli').diagnostics)).toEqual(['Missing expression@1:1-1:1']);
  });

  it('reports unbalanced directives in bare templates', () => {
    expect(located(parseTemplate('a%{ endfor }b', 'x.tftpl').diagnostics)).toEqual([
      'Unexpected endfor directive@1:2-1:13',
    ]);
  });

  it('reports, rather than crashes on, deeply nested input of every kind', () => {
    for (const deep of [
      `a = ${'('.repeat(5000)}1${')'.repeat(5000)}\n`,
      `a = ${'-'.repeat(20000)}1\n`,
      `a = "${'${"'.repeat(3000)}"\n`,
      `a = b${'[*]'.repeat(20000)}\n`,
      `a = ${'['.repeat(20000)}\n`,
    ]) {
      const file = parseHcl(deep, 'main.tf');
      expect(file.diagnostics.map((diagnostic) => diagnostic.summary)).toContain(
        'Expression too deeply nested',
      );
    }
    const blocks = parseHcl(`${'b {\n'.repeat(20000)}${'}\n'.repeat(20000)}`, 'main.tf');
    expect(blocks.diagnostics.map((diagnostic) => diagnostic.summary)).toEqual(['Blocks nested too deeply']);
    // Template directives nest without recursion, so any depth parses.
    const directives = parseHcl(
      `a = "${'%{ if x }'.repeat(20000)}${'%{ endif }'.repeat(20000)}"\n`,
      'main.tf',
    );
    expect(directives.diagnostics).toEqual([]);
  });
});
