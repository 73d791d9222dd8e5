// biome-ignore-all lint/suspicious/noThenProperty: template if parts name their branches then/else.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: HCL sources use ${ } interpolation on purpose.
import { describe, expect, it } from 'vitest';
import type { BinaryOperator, Expression, Range, TemplatePart } from './ast.js';
import { parseExpression, parseHcl, parseTemplate } from './parse-native.js';
import { withoutRanges } from './without-ranges.js';

// Builders for expected trees (positions are checked separately with `at`).
const variable = (name: string): Expression => ({ type: 'variable', name }) as Expression;
const literal = (value: null | boolean | number | string): Expression =>
  ({ type: 'literal', value }) as Expression;
const getAttr = (object: Expression, name: string): Expression =>
  ({ type: 'get-attr', object, name }) as Expression;
const index = (collection: Expression, key: Expression): Expression =>
  ({ type: 'index', collection, key }) as Expression;
const binary = (operator: BinaryOperator, left: Expression, right: Expression): Expression =>
  ({ type: 'binary', operator, left, right }) as Expression;
const unary = (operator: '!' | '-', operand: Expression): Expression =>
  ({ type: 'unary', operator, operand }) as Expression;
const conditional = (condition: Expression, trueResult: Expression, falseResult: Expression): Expression =>
  ({ type: 'conditional', condition, trueResult, falseResult }) as Expression;
const template = (...parts: TemplatePart[]): Expression =>
  ({ type: 'template', parts, heredoc: false }) as Expression;
const text = (value: string): TemplatePart => ({ type: 'text', value }) as TemplatePart;
const interpolation = (expression: Expression): TemplatePart =>
  ({ type: 'interpolation', expression }) as TemplatePart;

/** A range as `line:column-line:column`. */
const at = (range: Range | undefined): string =>
  range ? `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}` : 'none';

/** Parses an expression that must be valid and returns it without positions. */
function shape(source: string): Expression {
  const result = parseExpression(source, 'test.hcl');
  expect(result.diagnostics).toEqual([]);
  return withoutRanges(result.expression!);
}

function expression(source: string): Expression {
  const result = parseExpression(source, 'test.hcl');
  expect(result.diagnostics).toEqual([]);
  return result.expression!;
}

describe('literals and variables', () => {
  it('parses numbers in every notation', () => {
    expect(shape('1')).toEqual(literal(1));
    expect(shape('1.5')).toEqual(literal(1.5));
    expect(shape('1e3')).toEqual(literal(1000));
    expect(shape('1.5E-2')).toEqual(literal(0.015));
    expect(shape('2e+2')).toEqual(literal(200));
  });

  it('parses the keywords true, false and null as literals, other names as variables', () => {
    expect(shape('true')).toEqual(literal(true));
    expect(shape('false')).toEqual(literal(false));
    expect(shape('null')).toEqual(literal(null));
    expect(shape('my-var_2')).toEqual(variable('my-var_2'));
  });
});

describe('operators', () => {
  it('applies HCL precedence, highest first', () => {
    expect(shape('a || b && c == d < e + f * g')).toEqual(
      binary(
        '||',
        variable('a'),
        binary(
          '&&',
          variable('b'),
          binary(
            '==',
            variable('c'),
            binary('<', variable('d'), binary('+', variable('e'), binary('*', variable('f'), variable('g')))),
          ),
        ),
      ),
    );
  });

  it('associates binary operators to the left', () => {
    expect(shape('a - b - c')).toEqual(binary('-', binary('-', variable('a'), variable('b')), variable('c')));
    expect(shape('x / y * z')).toEqual(binary('*', binary('/', variable('x'), variable('y')), variable('z')));
    expect(shape('a == b != c')).toEqual(
      binary('!=', binary('==', variable('a'), variable('b')), variable('c')),
    );
  });

  it('makes the conditional right-associative', () => {
    expect(shape('a ? b : c ? d : e')).toEqual(
      conditional(variable('a'), variable('b'), conditional(variable('c'), variable('d'), variable('e'))),
    );
    expect(shape('a ? b ? c : d : e')).toEqual(
      conditional(variable('a'), conditional(variable('b'), variable('c'), variable('d')), variable('e')),
    );
  });

  it('binds unary operators tighter than binary ones but looser than traversals', () => {
    expect(shape('!a && b || c')).toEqual(
      binary('||', binary('&&', unary('!', variable('a')), variable('b')), variable('c')),
    );
    expect(shape('a - -1')).toEqual(binary('-', variable('a'), unary('-', literal(1))));
    expect(shape('-x.y')).toEqual(unary('-', getAttr(variable('x'), 'y')));
    expect(shape('-46 + 5')).toEqual(binary('+', unary('-', literal(46)), literal(5)));
    expect(shape('!!a')).toEqual(unary('!', unary('!', variable('a'))));
  });

  it('keeps parentheses as nodes', () => {
    const parsed = expression('(a + b) * c');
    expect(withoutRanges(parsed)).toEqual(
      binary(
        '*',
        { type: 'parentheses', expression: binary('+', variable('a'), variable('b')) } as Expression,
        variable('c'),
      ),
    );
    expect(parsed.type === 'binary' && at(parsed.left.range)).toBe('1:1-1:8');
  });

  it('gives binary and conditional expressions the span of their operands', () => {
    const parsed = expression('cond ? "yes" : no');
    expect(at(parsed.range)).toBe('1:1-1:18');
    if (parsed.type !== 'conditional') throw new Error('expected a conditional');
    expect(at(parsed.trueResult.range)).toBe('1:8-1:13');
  });
});

describe('traversals', () => {
  it('parses attribute access, indexes and the legacy .0 index', () => {
    expect(shape('a.b[0].c')).toEqual(getAttr(index(getAttr(variable('a'), 'b'), literal(0)), 'c'));
    expect(shape('a.0.b')).toEqual(getAttr(index(variable('a'), literal(0)), 'b'));
    expect(shape('a["k"]')).toEqual(index(variable('a'), template(text('k'))));
    expect(shape('a[\n  var.i\n]')).toEqual(index(variable('a'), getAttr(variable('var'), 'i')));
  });

  it('spans each traversal from the root to its last step', () => {
    const parsed = expression('aws_instance.web[0].id');
    expect(at(parsed.range)).toBe('1:1-1:23');
    if (parsed.type !== 'get-attr' || parsed.object.type !== 'index') throw new Error('unexpected shape');
    expect(at(parsed.object.range)).toBe('1:1-1:20');
    expect(at(parsed.object.key.range)).toBe('1:18-1:19');
  });

  it('puts every step after a full splat into its steps', () => {
    const parsed = expression('a[*].b[0]');
    expect(withoutRanges(parsed)).toEqual({
      type: 'splat',
      kind: 'full',
      source: variable('a'),
      steps: [
        { type: 'attr', name: 'b' },
        { type: 'index', key: literal(0) },
      ],
    });
    if (parsed.type !== 'splat') throw new Error('expected a splat');
    expect(at(parsed.range)).toBe('1:1-1:10');
    expect(parsed.steps.map((step) => at(step.range))).toEqual(['1:5-1:7', '1:7-1:10']);
  });

  it('puts only attribute steps into an attribute splat', () => {
    expect(shape('a.*.b.c[0]')).toEqual(
      index(
        {
          type: 'splat',
          kind: 'attribute',
          source: variable('a'),
          steps: [
            { type: 'attr', name: 'b' },
            { type: 'attr', name: 'c' },
          ],
        } as Expression,
        literal(0),
      ),
    );
    expect(at(expression('a.*').range)).toBe('1:1-1:4');
  });

  it('nests a splat inside a full splat as a splat step', () => {
    expect(shape('a[*].b[*].c')).toEqual({
      type: 'splat',
      kind: 'full',
      source: variable('a'),
      steps: [
        { type: 'attr', name: 'b' },
        { type: 'splat', kind: 'full', steps: [{ type: 'attr', name: 'c' }] },
      ],
    });
  });
});

describe('function calls', () => {
  it('parses arguments, trailing commas, newlines and the final expansion', () => {
    expect(shape('f(a, b...)')).toEqual({
      type: 'call',
      name: 'f',
      args: [variable('a'), variable('b')],
      expandFinal: true,
    });
    expect(shape('max(\n  1,\n  2,\n)')).toEqual({
      type: 'call',
      name: 'max',
      args: [literal(1), literal(2)],
      expandFinal: false,
    });
  });

  it('joins provider function namespaces into the name', () => {
    const parsed = expression('provider::aws::arn_parse(x)');
    expect(withoutRanges(parsed)).toEqual({
      type: 'call',
      name: 'provider::aws::arn_parse',
      args: [variable('x')],
      expandFinal: false,
    });
    if (parsed.type !== 'call') throw new Error('expected a call');
    expect(at(parsed.nameRange)).toBe('1:1-1:25');
    expect(at(parsed.range)).toBe('1:1-1:28');
  });
});

describe('collections', () => {
  it('parses tuples with trailing commas and newlines', () => {
    expect(shape('[\n  a,\n  b,\n]')).toEqual({ type: 'tuple', items: [variable('a'), variable('b')] });
    expect(shape('[]')).toEqual({ type: 'tuple', items: [] });
  });

  it('parses object keys: bare names are literal strings, other keys are expressions', () => {
    expect(shape('{ a = 1, "b" = 2, (var.k) = 3, c: 4\n d = 5 }')).toEqual({
      type: 'object',
      items: [
        { key: literal('a'), value: literal(1) },
        { key: template(text('b')), value: literal(2) },
        { key: { type: 'parentheses', expression: getAttr(variable('var'), 'k') }, value: literal(3) },
        { key: literal('c'), value: literal(4) },
        { key: literal('d'), value: literal(5) },
      ],
    });
    expect(shape('{ null = 1, true = 2 }')).toEqual({
      type: 'object',
      items: [
        { key: literal('null'), value: literal(1) },
        { key: literal('true'), value: literal(2) },
      ],
    });
  });

  it('parses tuple and object for expressions with conditions and grouping', () => {
    expect(shape('[for s in var.list : upper(s) if s != ""]')).toEqual({
      type: 'for',
      valueVariable: 's',
      collection: getAttr(variable('var'), 'list'),
      valueExpression: { type: 'call', name: 'upper', args: [variable('s')], expandFinal: false },
      condition: binary('!=', variable('s'), template(text(''))),
      grouping: false,
    });
    expect(shape('{\n  for k, v in m :\n  v => k...\n}')).toEqual({
      type: 'for',
      keyVariable: 'k',
      valueVariable: 'v',
      collection: variable('m'),
      keyExpression: variable('v'),
      valueExpression: variable('k'),
      grouping: true,
    });
  });
});

describe('quoted templates', () => {
  it('resolves every escape sequence', () => {
    expect(shape(String.raw`"a\nb\rc\td\"e\\f\u00e9\U0001F600"`)).toEqual(
      template(text('a\nb\rc\td"e\\fé😀')),
    );
    expect(shape('"$${literal} %%{also}"')).toEqual(template(text('${literal} %{also}')));
    expect(shape('"cost: $5 and 100%"')).toEqual(template(text('cost: $5 and 100%')));
  });

  it('parses interpolations and keeps an empty string as one empty text part', () => {
    expect(shape('"x-${var.n}-y"')).toEqual(
      template(text('x-'), interpolation(getAttr(variable('var'), 'n')), text('-y')),
    );
    const empty = expression('""');
    expect(withoutRanges(empty)).toEqual(template(text('')));
    if (empty.type !== 'template') throw new Error('expected a template');
    expect(at(empty.parts[0]!.range)).toBe('1:2-1:2');
  });

  it('applies strip markers to the adjacent literal text only', () => {
    expect(shape('"hello ${~ "world" }"')).toEqual(
      template(text('hello'), interpolation(template(text('world')))),
    );
    expect(shape('"${"hello" ~}${" world"}"')).toEqual(
      template(interpolation(template(text('hello'))), interpolation(template(text(' world')))),
    );
    expect(shape('"a  ${~x~}  b"')).toEqual(template(text('a'), interpolation(variable('x')), text('b')));
  });

  it('parses if and for directives', () => {
    expect(shape('"%{ if a }yes%{ else }no%{ endif }"')).toEqual(
      template({
        type: 'if',
        condition: variable('a'),
        then: [text('yes')],
        else: [text('no')],
      } as TemplatePart),
    );
    expect(shape('"%{ for k, v in m }${k}%{ endfor }"')).toEqual(
      template({
        type: 'for',
        keyVariable: 'k',
        valueVariable: 'v',
        collection: variable('m'),
        body: [interpolation(variable('k'))],
      } as TemplatePart),
    );
  });

  it('locates parts in code points and bytes', () => {
    const parsed = expression('"é${x}"');
    if (parsed.type !== 'template') throw new Error('expected a template');
    const [first, second] = parsed.parts;
    expect(at(first!.range)).toBe('1:2-1:3');
    expect(at(second!.range)).toBe('1:3-1:7');
    expect(second!.range.start.byte).toBe(3);
  });
});

describe('heredocs', () => {
  function heredoc(source: string) {
    const file = parseHcl(source, 'main.tf');
    expect(file.diagnostics).toEqual([]);
    return file.body.attributes[0]!.expression;
  }

  it('keeps the newline before the closing marker and escapes nothing but $${', () => {
    expect(withoutRanges(heredoc('x = <<EOT\nhello \\n $${a}\n  world\nEOT\n'))).toEqual({
      type: 'template',
      heredoc: true,
      parts: [text('hello \\n ${a}\n  world\n')],
    });
  });

  it('strips the smallest common indentation in the <<- form, ignoring blank lines', () => {
    const parsed = heredoc('x = <<-EOT\n    first\n\n      second ${y}\n    EOT\n');
    expect(withoutRanges(parsed)).toEqual({
      type: 'template',
      heredoc: true,
      parts: [text('first\n\n  second '), interpolation(variable('y')), text('\n')],
    });
    if (parsed.type !== 'template') throw new Error('expected a template');
    expect(at(parsed.range)).toBe('1:5-5:8');
    // The first text part starts after the removed indentation.
    expect(at(parsed.parts[0]!.range)).toBe('2:5-4:14');
  });

  it('counts a line starting with a sequence as unindented', () => {
    expect(withoutRanges(heredoc('x = <<-EOT\n    a\n${b}\nEOT\n'))).toMatchObject({
      parts: [text('    a\n'), interpolation(variable('b')), text('\n')],
    });
  });

  it('strips only within the current line token, as hcl scans heredocs line by line', () => {
    // Checked against `terraform console` (Terraform 1.11): "  item a\n  item b\n".
    const parsed = heredoc('x = <<EOT\n%{ for x in l ~}\n  item ${x}\n%{ endfor ~}\nEOT\n');
    expect(withoutRanges(parsed)).toMatchObject({
      parts: [
        {
          type: 'for',
          valueVariable: 'x',
          body: [text('  item '), interpolation(variable('x')), text('\n')],
        },
        text(''),
      ],
    });
    expect(withoutRanges(heredoc('x = <<EOT\nhello\n  %{~ if a }b%{ endif }\nEOT\n'))).toMatchObject({
      parts: [text('hello\n'), { type: 'if' }, text('\n')],
    });
  });

  it('allows an indented closing marker and ends the attribute after it', () => {
    const file = parseHcl('a = <<-EOT\n  x\n  EOT\nb = 1\n', 'main.tf');
    expect(file.diagnostics).toEqual([]);
    expect(file.body.attributes.map((attribute) => attribute.name)).toEqual(['a', 'b']);
    expect(at(file.body.attributes[0]!.range)).toBe('1:1-3:6');
  });
});

describe('bare templates', () => {
  it('parses a whole file as template text', () => {
    const result = parseTemplate(
      'Hello ${name}!\n%{ for s in list ~}\n- ${s}\n%{ endfor }',
      'greeting.tftpl',
    );
    expect(result.diagnostics).toEqual([]);
    expect(withoutRanges(result.template)).toEqual({
      type: 'template',
      heredoc: false,
      parts: [
        text('Hello '),
        interpolation(variable('name')),
        text('!\n'),
        {
          type: 'for',
          valueVariable: 's',
          collection: variable('list'),
          body: [text('- '), interpolation(variable('s')), text('\n')],
        },
      ],
    });
    expect(at(result.template!.range)).toBe('1:1-4:12');
  });
});

describe('configuration bodies', () => {
  const source = [
    '# A comment',
    'resource "aws_instance" "web" {',
    '  ami   = "ami-123" // trailing comment',
    '  count = 2 /* inline */',
    '',
    '  ebs_block_device { volume_size = 10 }',
    '  lifecycle {',
    '    create_before_destroy = true',
    '  }',
    '}',
    'locals { single = 1 }',
    'bare_label ident_label {',
    '}',
  ].join('\n');

  it('parses blocks, labels, attributes and one-line blocks', () => {
    const file = parseHcl(source, 'main.tf');
    expect(file.diagnostics).toEqual([]);
    const [resource, locals, bare] = file.body.blocks;
    expect(resource).toMatchObject({ type: 'resource', labels: ['aws_instance', 'web'] });
    expect(resource!.body.attributes.map((attribute) => attribute.name)).toEqual(['ami', 'count']);
    expect(resource!.body.blocks.map((block) => block.type)).toEqual(['ebs_block_device', 'lifecycle']);
    expect(withoutRanges(resource!.body.blocks[0]!.body.attributes)).toEqual([
      { name: 'volume_size', expression: literal(10) },
    ]);
    expect(locals!.body.attributes[0]!.name).toBe('single');
    expect(bare).toMatchObject({ type: 'bare_label', labels: ['ident_label'] });
  });

  it('gives exact ranges for blocks, labels, attributes and bodies', () => {
    const file = parseHcl(source, 'main.tf');
    const resource = file.body.blocks[0]!;
    expect(at(resource.range)).toBe('2:1-10:2');
    expect(at(resource.typeRange)).toBe('2:1-2:9');
    expect(resource.labelRanges.map(at)).toEqual(['2:10-2:24', '2:25-2:30']);
    expect(at(resource.body.range)).toBe('2:31-10:2');
    const ami = resource.body.attributes[0]!;
    expect(at(ami.range)).toBe('3:3-3:20');
    expect(at(ami.nameRange)).toBe('3:3-3:6');
    expect(at(resource.body.blocks[0]!.range)).toBe('6:3-6:40');
    expect(at(file.body.range)).toBe('1:1-13:2');
  });

  it('counts columns in code points and bytes in UTF-8, after a byte order mark', () => {
    const file = parseHcl('\uFEFFa = "日本"\nb = "😀" # é\nc = 1\r\nd = 2\n', 'main.tf');
    expect(file.diagnostics).toEqual([]);
    const [a, b, c, d] = file.body.attributes;
    expect(a!.nameRange.start).toEqual({ line: 1, column: 1, byte: 3 });
    expect(a!.range.end).toEqual({ line: 1, column: 9, byte: 15 });
    expect(b!.range.end).toEqual({ line: 2, column: 8, byte: 26 });
    expect(c!.nameRange.start).toEqual({ line: 3, column: 1, byte: 32 });
    expect(d!.nameRange.start).toEqual({ line: 4, column: 1, byte: 39 });
  });

  it('rejects a redefined attribute and keeps the first definition', () => {
    const file = parseHcl('x = 1\nblock {\n  y = 1\n  y = 2\n}\nx = 3\n', 'main.tf');
    expect(
      file.diagnostics.map((diagnostic) => [diagnostic.summary, diagnostic.detail, at(diagnostic.range)]),
    ).toEqual([
      [
        'Attribute redefined',
        'The argument "y" was already set at main.tf:3,3-4. Each argument may be set only once.',
        '4:3-4:4',
      ],
      [
        'Attribute redefined',
        'The argument "x" was already set at main.tf:1,1-2. Each argument may be set only once.',
        '6:1-6:2',
      ],
    ]);
    expect(withoutRanges(file.body.attributes)).toEqual([{ name: 'x', expression: literal(1) }]);
    expect(withoutRanges(file.body.blocks[0]!.body.attributes)).toEqual([
      { name: 'y', expression: literal(1) },
    ]);
  });

  it('ignores newlines inside brackets but ends attributes at newlines in bodies', () => {
    const file = parseHcl('x = f(\n  1,\n  2\n)\ny = {\n  a = 1\n  b = [\n    2\n  ]\n}\n', 'main.tf');
    expect(file.diagnostics).toEqual([]);
    expect(file.body.attributes.map((attribute) => attribute.name)).toEqual(['x', 'y']);
  });

  it('places expressions parsed with a start position', () => {
    const result = parseExpression('var.x', 'cli', { line: 3, column: 10, byte: 40 });
    expect(result.expression!.range.start).toEqual({ line: 3, column: 10, byte: 40 });
    expect(result.expression!.range.end).toEqual({ line: 3, column: 15, byte: 45 });
  });
});
