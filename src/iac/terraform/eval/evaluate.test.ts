// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL templates, not JavaScript ones.
import { describe, expect, it } from 'vitest';
import { callFunction } from '../functions/index.js';
import { parseExpression } from '../hcl/index.js';
import { EvaluationError, type EvaluationScope, evaluate, markOpen } from './evaluate.js';
import { convertToType, parseTypeConstraint } from './type-constraint.js';
import { makeObject, STATIC_UNKNOWN, TerraformSet, UNKNOWN, type Value } from './value.js';

// Expected values follow HCL's specification (hclsyntax/spec.md) and Terraform's documentation.

const computed = markOpen(makeObject([['name', 'web']]));

function scope(variables: Record<string, Value> = {}): EvaluationScope {
  return {
    resolve(root, steps, range) {
      if (root === 'var') {
        const step = steps[0];
        if (step?.type !== 'attr' || !(step.name in variables))
          throw new EvaluationError({
            severity: 'error',
            summary: 'Reference to undeclared input variable',
            detail: '',
            range,
          });
        return { value: variables[step.name]!, consumed: 1 };
      }
      if (root === 'res') return { value: computed, consumed: 0 };
      if (root === 'data') return { value: STATIC_UNKNOWN, consumed: 0 };
      throw new EvaluationError({ severity: 'error', summary: 'Invalid reference', detail: root, range });
    },
    callFunction: (name, args) =>
      callFunction(name, args, {
        readFile: () => undefined,
        listFiles: () => undefined,
        renderTemplate: () => null,
      }),
  };
}

function value(text: string, variables?: Record<string, Value>): Value {
  const parsed = parseExpression(text, 'test.tf');
  if (!parsed.expression)
    throw new Error(parsed.diagnostics.map((diagnostic) => diagnostic.detail).join('; '));
  return evaluate(parsed.expression, scope(variables));
}

describe('evaluate', () => {
  it('applies operator precedence and associativity', () => {
    expect(value('1 + 2 * 3')).toBe(7);
    expect(value('10 - 4 - 3')).toBe(3);
    expect(value('!false && true || false')).toBe(true);
    expect(value('true ? 1 : false ? 2 : 3')).toBe(1);
    expect(value('false ? 1 : false ? 2 : 3')).toBe(3);
    expect(value('7 % 3 == 1 && "a" != "b"')).toBe(true);
    expect(value('"5" + 1')).toBe(6);
  });

  it("renders templates and heredocs, and keeps a lone interpolation's type", () => {
    expect(value('"a-${var.n}-${true}"', { n: 2 })).toBe('a-2-true');
    expect(value('"${var.list}"', { list: ['x'] })).toEqual(['x']);
    expect(value('"%{ for x in var.l }${x},%{ endfor }"', { l: ['a', 'b'] })).toBe('a,b,');
    expect(value('"%{ if var.on }yes%{ else }no%{ endif }"', { on: false })).toBe('no');
    expect(() => value('"x${var.n}"', { n: null })).toThrow(/null value/);
  });

  it('evaluates for expressions with filters, grouping and object keys', () => {
    expect(value('[for i, x in ["a", "b", "c"] : "${i}${x}" if x != "b"]')).toEqual(['0a', '2c']);
    expect(value('{for k, v in {b = 2, a = 1} : v => k}')).toEqual({ 1: 'a', 2: 'b' });
    expect(value('{for x in ["a", "b", "a"] : x => x...}')).toEqual({ a: ['a', 'a'], b: ['b'] });
    expect(() => value('{for x in ["a", "a"] : x => x}')).toThrow(/Duplicate object key/);
  });

  it('splats lists, wraps single values and maps null to an empty list', () => {
    expect(value('var.l[*].n', { l: [{ n: 1 }, { n: 2 }] })).toEqual([1, 2]);
    expect(value('var.o[*].n', { o: { n: 5 } })).toEqual([5]);
    expect(value('var.o[*].n', { o: null })).toEqual([]);
    expect(value('var.l.*.n', { l: [{ n: 3 }] })).toEqual([3]);
  });

  it('propagates unknowns with their cause and reads unset attributes of resources as unknown', () => {
    expect(value('res.arn')).toBe(UNKNOWN);
    expect(value('res.name')).toBe('web');
    expect(value('length(data) + 1')).toBe(STATIC_UNKNOWN);
    expect(value('"${res.arn}-x"')).toBe(UNKNOWN);
    expect(value('[res.arn, 1]')).toEqual([UNKNOWN, 1]);
    expect(value('false && res.arn')).toBe(false);
  });

  it('gives try() and can() their meaning', () => {
    expect(value('try(var.missing, "fallback")')).toBe('fallback');
    expect(value('can(var.missing)')).toBe(false);
    expect(value('can(var.n)', { n: 1 })).toBe(true);
    expect(() => value('try(var.a, var.b)')).toThrow(/no expression succeeded/);
  });

  it('unifies the results of a conditional (a tuple beside a set becomes a set)', () => {
    expect(value('false ? toset(["a"]) : []')).toBeInstanceOf(TerraformSet);
    expect(value('true ? 1 : "a"')).toBe('1');
  });

  it('reports errors with their source range', () => {
    try {
      value('1 + {}');
      expect.unreachable();
    } catch (error) {
      expect((error as EvaluationError).diagnostic.range).toMatchObject({
        filename: 'test.tf',
        start: { line: 1, column: 5 },
      });
    }
  });
});

describe('type constraints', () => {
  const type = (text: string) => parseTypeConstraint(parseExpression(text, 't.tf').expression!);

  it('converts values as Terraform does for variables', () => {
    expect(convertToType(['b', 'a', 'b'], type('set(string)'), undefined)).toEqual(
      TerraformSet.of(['a', 'b']),
    );
    expect(convertToType([1, true], type('list(string)'), undefined)).toEqual(['1', 'true']);
    expect(convertToType({ a: '1' }, type('map(number)'), undefined)).toEqual({ a: 1 });
    expect(
      convertToType(
        { name: 'x' },
        type('object({ name = string, size = optional(number, 3), tags = optional(map(string)) })'),
        undefined,
      ),
    ).toEqual({ name: 'x', size: 3, tags: null });
    expect(() => convertToType({}, type('object({ name = string })'), undefined)).toThrow(
      /attribute "name" is required/,
    );
    expect(() => convertToType('x', type('number'), undefined)).toThrow(/number required/);
  });
});
