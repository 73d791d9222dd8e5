// biome-ignore-all lint/suspicious/noTemplateCurlyInString: HCL sources use ${ } interpolation on purpose.
// biome-ignore-all lint/suspicious/noThenProperty: template if parts name their branches then/else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BinaryOperator, Expression, Position, SplatStep, TemplatePart } from './ast.js';
import { parseTerraformJson } from './parse-json.js';
import { parseExpression, parseHcl, parseTemplate } from './parse-native.js';
import { printExpression } from './print-expression.js';
import { withoutRanges } from './without-ranges.js';

/** A fixed seed keeps runs deterministic; change it locally to explore new cases. */
const SEED = 20_240_611;

const SNIPPETS = [
  `terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0" }
  }
}
`,
  `resource "aws_instance" "web" {
  count         = var.create ? length(var.subnets) : 0
  ami           = data.aws_ami.ubuntu.id
  subnet_id     = element(var.subnets, count.index)
  tags          = merge(var.tags, { Name = "\${var.name}-\${count.index}" })
  user_data     = <<-EOT
    #!/bin/bash
    echo "%{ for ip in var.ips ~}\${ip} %{ endfor ~}"
  EOT
  lifecycle { ignore_changes = [tags["Owner"]] }
}
`,
  `locals {
  ids   = aws_instance.web[*].id
  names = { for k, v in var.map : k => upper(v) if v != null }
  all   = {for s in var.list : s => s...}
  legacy = aws_instance.web.0.id
  fn = provider::aws::arn_parse(var.arn).region
}
# comment
output "x" { value = local.ids }
`,
  `variable "subnets" {
  type    = list(object({ cidr = string, az = optional(string, "a") }))
  default = []
  validation {
    condition     = alltrue([for s in var.subnets : can(cidrhost(s.cidr, 0))])
    error_message = "Bad \\"cidr\\": \${join(", ", var.subnets[*].cidr)}."
  }
}
`,
];

const TOKEN_SOUP = [
  '{',
  '}',
  '"',
  '${',
  '%{',
  '~}',
  '<<EOT\n',
  '<<-EOT\n',
  'EOT',
  '\n',
  '\r\n',
  '=',
  'a',
  'b.c',
  '1',
  '1.5e3',
  '[',
  ']',
  '(',
  ')',
  '.',
  '*',
  '[*]',
  '#',
  '//',
  '/*',
  '*/',
  '\\',
  ',',
  ':',
  '?',
  '...',
  '=>',
  'for',
  'in',
  'if',
  'endif',
  ' ',
  '\t',
  '-',
  '!',
  '&&',
  '$${',
  "'",
  ';',
  'é',
  '😀',
  '\uFEFF',
  '\uD800',
];

/** Every position object anywhere in a parse result. */
function* positions(value: unknown): Generator<Position> {
  if (Array.isArray(value)) {
    for (const item of value) yield* positions(item);
  } else if (value !== null && typeof value === 'object') {
    if ('byte' in value && 'line' in value && 'column' in value) {
      yield value as Position;
      return;
    }
    for (const item of Object.values(value)) yield* positions(item);
  }
}

/** Checks that every position lies within the text and agrees with a direct count of its prefix. */
function expectPositionsInside(text: string, result: unknown): void {
  const bytes = Buffer.from(text);
  for (const position of positions(result)) {
    expect(position.byte).toBeGreaterThanOrEqual(0);
    expect(position.byte).toBeLessThanOrEqual(bytes.length);
    const before = bytes.subarray(0, position.byte).toString();
    const lines = before.split('\n');
    const lastLine = lines.at(-1)!.replace(/^\uFEFF/, lines.length === 1 ? '' : '\uFEFF');
    expect(position.line).toBe(lines.length);
    expect(position.column).toBe([...lastLine].length + 1);
  }
}

function applyEdits(text: string, edits: Array<{ at: number; remove: number; insert: string }>): string {
  let result = text;
  for (const edit of edits) {
    const at = edit.at % (result.length + 1);
    result = result.slice(0, at) + edit.insert + result.slice(at + edit.remove);
  }
  return result;
}

const soup = fc.array(fc.constantFrom(...TOKEN_SOUP), { maxLength: 40 }).map((parts) => parts.join(''));
const mutatedSnippet = fc
  .tuple(
    fc.constantFrom(...SNIPPETS),
    fc.array(
      fc.record({
        at: fc.nat(),
        remove: fc.nat({ max: 3 }),
        insert: fc.oneof(fc.constant(''), fc.constantFrom(...TOKEN_SOUP), fc.string({ maxLength: 2 })),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([snippet, edits]) => applyEdits(snippet, edits));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), soup, mutatedSnippet);

describe('parsers on arbitrary input', () => {
  it('parse the sample snippets without diagnostics', () => {
    for (const snippet of SNIPPETS) expect(parseHcl(snippet, 'main.tf').diagnostics).toEqual([]);
  });

  it('never throw, and every position lies inside the text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const file = parseHcl(text, 'main.tf');
        expect(file.body).toBeDefined();
        expectPositionsInside(text, file);
        expectPositionsInside(text, parseExpression(text, 'x'));
        expectPositionsInside(text, parseTemplate(text, 'x.tftpl'));
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('report a range for every diagnostic of a broken snippet', () => {
    fc.assert(
      fc.property(mutatedSnippet, (text) => {
        for (const diagnostic of parseHcl(text, 'main.tf').diagnostics) {
          expect(diagnostic.range).toBeDefined();
          expect(diagnostic.range!.start.byte).toBeLessThanOrEqual(diagnostic.range!.end.byte);
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('never throw on arbitrary JSON-ish input', () => {
    const jsonSoup = fc
      .array(
        fc.constantFrom(
          '{',
          '}',
          '[',
          ']',
          '"',
          ':',
          ',',
          '"a"',
          '"${x}"',
          '"\\u00e9"',
          '\\',
          '1',
          '-',
          'true',
          'nul',
          ' ',
          '\n',
        ),
        {
          maxLength: 40,
        },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(jsonSoup, fc.json(), fc.string({ unit: 'binary', maxLength: 40 })), (text) => {
        expectPositionsInside(text, parseTerraformJson(text, 'main.tf.json'));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

// ---- round trip: random expression trees printed and parsed back --------------------------------------

const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if', 'else', 'endif', 'endfor']);
const name = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,6}$/).filter((candidate) => !KEYWORDS.has(candidate));
const LEVEL: Record<BinaryOperator, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '>': 4,
  '<=': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

const placeholder = {
  filename: 't',
  start: { line: 1, column: 1, byte: 0 },
  end: { line: 1, column: 1, byte: 0 },
};
const node = <T extends object>(fields: T) => ({ ...fields, range: placeholder }) as unknown as Expression;
const parentheses = (expression: Expression): Expression => node({ type: 'parentheses', expression });

/** Binding strength: 0 conditional, 1-6 binary levels, 7 unary, 8 terms. */
function strength(expression: Expression): number {
  if (expression.type === 'conditional') return 0;
  if (expression.type === 'binary') return LEVEL[expression.operator];
  if (expression.type === 'unary') return 7;
  return 8;
}

/** A term that traversal steps can follow without changing how it parses. */
function traversable(expression: Expression, allowAttributeSplat = false): Expression {
  const isSplat = expression.type === 'splat' && !(allowAttributeSplat && expression.kind === 'attribute');
  const isNumber = expression.type === 'literal' && typeof expression.value === 'number';
  return strength(expression) < 8 || isSplat || isNumber ? parentheses(expression) : expression;
}

/** Inserts the parentheses the printed text needs to parse back into the same tree. */
function canonical(expression: Expression): Expression {
  switch (expression.type) {
    case 'binary': {
      const level = LEVEL[expression.operator];
      const left = canonical(expression.left);
      const right = canonical(expression.right);
      return {
        ...expression,
        left: strength(left) < level ? parentheses(left) : left,
        right: strength(right) <= level ? parentheses(right) : right,
      };
    }
    case 'conditional': {
      const condition = canonical(expression.condition);
      return {
        ...expression,
        condition: strength(condition) === 0 ? parentheses(condition) : condition,
        trueResult: canonical(expression.trueResult),
        falseResult: canonical(expression.falseResult),
      };
    }
    case 'unary': {
      const operand = canonical(expression.operand);
      return { ...expression, operand: strength(operand) < 7 ? parentheses(operand) : operand };
    }
    case 'get-attr':
      return { ...expression, object: traversable(canonical(expression.object)) };
    case 'index':
      return {
        ...expression,
        collection: traversable(canonical(expression.collection), true),
        key: canonical(expression.key),
      };
    case 'splat':
      return {
        ...expression,
        source: traversable(canonical(expression.source)),
        steps: expression.steps.map(canonicalStep),
      };
    case 'call':
      return { ...expression, args: expression.args.map(canonical) };
    case 'tuple':
      return { ...expression, items: expression.items.map(canonical) };
    case 'object':
      return {
        ...expression,
        items: expression.items.map((item) => ({ key: canonical(item.key), value: canonical(item.value) })),
      };
    case 'for':
      return {
        ...expression,
        collection: canonical(expression.collection),
        valueExpression: canonical(expression.valueExpression),
        ...(expression.keyExpression ? { keyExpression: canonical(expression.keyExpression) } : {}),
        ...(expression.condition ? { condition: canonical(expression.condition) } : {}),
      };
    case 'template':
      return { ...expression, parts: expression.parts.map(canonicalPart) };
    case 'parentheses':
      return { ...expression, expression: canonical(expression.expression) };
    default:
      return expression;
  }
}

function canonicalStep(step: SplatStep): SplatStep {
  if (step.type === 'index') return { ...step, key: canonical(step.key) };
  if (step.type === 'splat') return { ...step, steps: step.steps.map(canonicalStep) };
  return step;
}

function canonicalPart(part: TemplatePart): TemplatePart {
  switch (part.type) {
    case 'interpolation':
      return { ...part, expression: canonical(part.expression) };
    case 'if':
      return {
        ...part,
        condition: canonical(part.condition),
        then: part.then.map(canonicalPart),
        else: part.else.map(canonicalPart),
      };
    case 'for':
      return { ...part, collection: canonical(part.collection), body: part.body.map(canonicalPart) };
    default:
      return part;
  }
}

/** Template parts as the parser produces them: adjacent texts merged, no empty texts. */
function normalizeParts(parts: TemplatePart[]): TemplatePart[] {
  const result: TemplatePart[] = [];
  for (const part of parts) {
    const previous = result.at(-1);
    if (part.type === 'text' && previous?.type === 'text') previous.value += part.value;
    else result.push(part.type === 'text' ? { ...part } : part);
  }
  return result.filter((part) => part.type !== 'text' || part.value !== '');
}

const textValue = fc
  .array(
    fc.constantFrom('a', 'B', ' ', '\n', '\t', '"', '\\', '{', '}', '${', '%{', '$x', '%d', '~', 'é', '😀'),
    {
      minLength: 1,
      maxLength: 5,
    },
  )
  .map((parts) => parts.join(''))
  // A literal `$` or `%` right before a sequence cannot be written in HCL, so the generator avoids it.
  .filter((value) => !/[$%]$/.test(value));

const number = fc.oneof(
  fc.nat({ max: 1_000_000 }),
  fc.nat({ max: 400 }).map((value) => value / 8),
  fc.constant(1e21),
);

const expressionTree = fc
  .letrec<{ expression: Expression; part: TemplatePart; step: SplatStep }>((tie) => {
    const expression = tie('expression');
    const parts = fc.array(tie('part'), { maxLength: 3 }).map(normalizeParts);
    return {
      expression: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.oneof(number, fc.boolean(), fc.constant(null)).map((value) => node({ type: 'literal', value })),
        name.map((variable) => node({ type: 'variable', name: variable })),
        parts
          .filter((list) => list.length > 0)
          .map((list) => node({ type: 'template', parts: list, heredoc: false })),
        fc
          .tuple(expression, name)
          .map(([object, attribute]) => node({ type: 'get-attr', object, name: attribute })),
        fc.tuple(expression, expression).map(([collection, key]) => node({ type: 'index', collection, key })),
        fc
          .tuple(
            expression,
            fc.constantFrom('full' as const, 'attribute' as const),
            fc.array(tie('step'), { maxLength: 3 }),
          )
          .map(([source, kind, steps]) =>
            node({
              type: 'splat',
              kind,
              source,
              steps: kind === 'full' ? steps : steps.filter((step) => step.type === 'attr'),
            }),
          ),
        fc
          .tuple(
            fc.oneof(
              name,
              fc.tuple(name, name).map(([space, fn]) => `provider::${space}::${fn}`),
            ),
            fc.array(expression, { maxLength: 3 }),
            fc.boolean(),
          )
          .map(([callee, args, expand]) =>
            node({ type: 'call', name: callee, args, expandFinal: expand && args.length > 0 }),
          ),
        fc
          .tuple(expression, expression, expression)
          .map(([condition, trueResult, falseResult]) =>
            node({ type: 'conditional', condition, trueResult, falseResult }),
          ),
        fc
          .tuple(fc.constantFrom(...(Object.keys(LEVEL) as BinaryOperator[])), expression, expression)
          .map(([operator, left, right]) => node({ type: 'binary', operator, left, right })),
        fc
          .tuple(fc.constantFrom('!' as const, '-' as const), expression)
          .map(([operator, operand]) => node({ type: 'unary', operator, operand })),
        fc.array(expression, { maxLength: 3 }).map((items) => node({ type: 'tuple', items })),
        fc
          .array(
            fc.tuple(
              fc.oneof(
                name.map((key) => node({ type: 'literal', value: key })),
                textValue.map((key) =>
                  node({
                    type: 'template',
                    parts: [{ type: 'text', value: key, range: placeholder }],
                    heredoc: false,
                  }),
                ),
                expression.map(parentheses),
              ),
              expression,
            ),
            { maxLength: 3 },
          )
          .map((items) => node({ type: 'object', items: items.map(([key, value]) => ({ key, value })) })),
        fc
          .record({
            keyVariable: fc.option(name, { nil: undefined }),
            valueVariable: name,
            collection: expression,
            keyExpression: fc.option(expression, { nil: undefined }),
            valueExpression: expression,
            condition: fc.option(expression, { nil: undefined }),
            grouping: fc.boolean(),
          })
          .map((fields) =>
            node({ type: 'for', ...fields, grouping: fields.keyExpression !== undefined && fields.grouping }),
          ),
        expression.map(parentheses),
      ),
      part: fc.oneof(
        { depthSize: 'small' },
        textValue.map((value) => ({ type: 'text', value, range: placeholder }) as TemplatePart),
        expression.map(
          (inner) => ({ type: 'interpolation', expression: inner, range: placeholder }) as TemplatePart,
        ),
        fc.tuple(expression, parts, parts).map(
          ([condition, thenParts, elseParts]) =>
            ({
              type: 'if',
              condition,
              then: thenParts,
              else: elseParts,
              range: placeholder,
            }) as TemplatePart,
        ),
        fc.tuple(fc.option(name, { nil: undefined }), name, expression, parts).map(
          ([keyVariable, valueVariable, collection, body]) =>
            ({
              type: 'for',
              keyVariable,
              valueVariable,
              collection,
              body,
              range: placeholder,
            }) as TemplatePart,
        ),
      ),
      step: fc.oneof(
        name.map((attribute) => ({ type: 'attr', name: attribute, range: placeholder }) as SplatStep),
        expression.map((key) => ({ type: 'index', key, range: placeholder }) as SplatStep),
      ),
    };
  })
  .expression.map(canonical);

describe('printed expressions', () => {
  it('parse back into the same tree', () => {
    fc.assert(
      fc.property(expressionTree, (tree) => {
        const text = printExpression(tree);
        const result = parseExpression(text, 'printed.hcl');
        expect(result.diagnostics).toEqual([]);
        expect(withoutRanges(result.expression)).toEqual(withoutRanges(tree));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('print nested splats and provider functions as written', () => {
    for (const source of [
      'a[*].b[*].c',
      'a.*.b.c[0]',
      'provider::aws::arn_parse(x).region',
      '{for k, v in m : k => v... if v}',
    ]) {
      expect(printExpression(parseExpression(source, 'x').expression!)).toBe(source);
    }
  });
});
