// Expression evaluation with HCL's semantics (hclsyntax's Value methods), over the value model of
// value.ts. Values Terraform only knows after apply are UNKNOWN and propagate; they are never guessed.
// Errors are thrown as EvaluationError carrying a Terraform-worded diagnostic, so that try() and
// can() can catch them; the caller turns an uncaught one into a diagnostic of the plan.

import type {
  BinaryExpression,
  Diagnostic,
  Expression,
  ForExpression,
  Range,
  SplatStep,
  TemplatePart,
} from '../hcl/ast.js';
import {
  compareStrings,
  convertToBool,
  convertToNumber,
  convertToString,
  isObjectValue,
  isUnknown,
  isWhollyKnown,
  makeObject,
  sortedKeys,
  TerraformSet,
  typeName,
  UNKNOWN,
  type Unknown,
  unknownFrom,
  type Value,
  type ValueObject,
  valuesEqual,
} from './value.js';

/** An evaluation failure with the diagnostic Terraform would print. */
export class EvaluationError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(`${diagnostic.summary}: ${diagnostic.detail}`);
    this.name = 'EvaluationError';
  }
}

/** Throws an EvaluationError for a range. */
export function fail(summary: string, detail: string, range?: Range): never {
  throw new EvaluationError({ severity: 'error', summary, detail, range });
}

/** One step of a traversal after its root name: `.name` or `[key]` (key already evaluated). */
export type TraversalStep =
  | { type: 'attr'; name: string; range: Range }
  | { type: 'index'; key: Value; range: Range };

/**
 * What an expression can refer to. `resolve` handles the root names that are namespaces
 * (`var`, `local`, `module`, `data`, resource types, `path`, `count`, `each`, ...): it consumes
 * the steps it needs and returns how many; the evaluator applies the rest.
 */
export interface EvaluationScope {
  resolve(root: string, steps: readonly TraversalStep[], range: Range): { value: Value; consumed: number };
  /** Calls a function by name (built-ins and anything else the scope offers). */
  callFunction(name: string, args: Value[], range: Range): Value;
}

/** Objects whose unset attributes are unknown rather than absent (resource and data instances). */
const openObjects = new WeakMap<object, Unknown>();

/** Marks an object as a resource-like value: reading an attribute it lacks gives `unknown`. */
export function markOpen<T extends ValueObject>(object: T, unknown: Unknown = UNKNOWN): T {
  openObjects.set(object, unknown);
  return object;
}

/** Evaluate an expression in a scope; throws EvaluationError. */
export function evaluate(expression: Expression, scope: EvaluationScope): Value {
  return new Evaluator(scope, new Map()).evaluate(expression);
}

class Evaluator {
  constructor(
    private readonly scope: EvaluationScope,
    /** Symbols bound by for expressions and template directives, innermost last. */
    private readonly symbols: ReadonlyMap<string, Value>,
  ) {}

  private child(bindings: [string, Value][]): Evaluator {
    const symbols = new Map(this.symbols);
    for (const [name, value] of bindings) symbols.set(name, value);
    return new Evaluator(this.scope, symbols);
  }

  evaluate(expression: Expression): Value {
    switch (expression.type) {
      case 'literal':
        return expression.value;
      case 'parentheses':
        return this.evaluate(expression.expression);
      case 'template':
        return this.template(expression.parts, expression.range);
      case 'variable':
      case 'get-attr':
      case 'index':
        return this.traversal(expression);
      case 'splat':
        return this.splat(expression.kind, expression.source, expression.steps, expression.range);
      case 'call':
        return this.call(expression.name, expression.args, expression.expandFinal, expression.range);
      case 'conditional': {
        const condition = this.evaluate(expression.condition);
        // Terraform (1.11) keeps the result unknown even when both results are equal (recorded:
        // data-read-deferred), so no shortcut here.
        if (isUnknown(condition)) return condition;
        const truth = convertToBool(condition);
        if (condition === null || truth === undefined) {
          fail(
            'Incorrect condition type',
            `The condition expression must be of type bool, not ${typeName(condition)}.`,
            expression.condition.range,
          );
        }
        const chosen = this.evaluate(truth ? expression.trueResult : expression.falseResult);
        return this.unifyWithOther(chosen, truth ? expression.falseResult : expression.trueResult);
      }
      case 'binary':
        return this.binary(expression);
      case 'unary': {
        const operand = this.evaluate(expression.operand);
        if (isUnknown(operand)) return operand;
        if (expression.operator === '!') {
          const truth = convertToBool(operand);
          if (operand === null || truth === undefined || isUnknown(truth))
            fail(
              'Invalid operand',
              `Unsuitable value for unary operand: bool required, not ${typeName(operand)}.`,
              expression.range,
            );
          return !truth;
        }
        const number = convertToNumber(operand);
        if (operand === null || number === undefined || isUnknown(number))
          fail(
            'Invalid operand',
            `Unsuitable value for unary operand: number required, not ${typeName(operand)}.`,
            expression.range,
          );
        return -number;
      }
      case 'tuple':
        return expression.items.map((item) => this.evaluate(item));
      case 'object': {
        const entries: [string, Value][] = [];
        for (const item of expression.items) {
          const key = this.evaluate(item.key);
          if (isUnknown(key)) return key;
          const name = convertToString(key);
          if (key === null || name === undefined || isUnknown(name))
            fail(
              'Incorrect key type',
              `Can't use this value as a key: string required, not ${typeName(key)}.`,
              item.key.range,
            );
          entries.push([name, this.evaluate(item.value)]);
        }
        return makeObject(entries);
      }
      case 'for':
        return this.forExpression(expression);
    }
  }

  /**
   * HCL gives both results of a conditional one type: `c ? toset(x) : []` is a set either way, and
   * `c ? 1 : "a"` a string. The other branch is evaluated only for its type; its errors do not count.
   */
  private unifyWithOther(chosen: Value, other: Expression): Value {
    if (chosen === null || isUnknown(chosen)) return chosen;
    const needsOther =
      (Array.isArray(chosen) && !(chosen instanceof TerraformSet)) ||
      typeof chosen === 'number' ||
      typeof chosen === 'boolean';
    if (!needsOther) return chosen;
    // When the other branch fails or is unknown with these inputs, its syntax still says its type.
    const unwrapped = other.type === 'parentheses' ? other.expression : other;
    const syntacticSet = unwrapped.type === 'call' && unwrapped.name === 'toset';
    let otherValue: Value;
    try {
      otherValue = this.evaluate(other);
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      otherValue = UNKNOWN;
    }
    const otherIsSet = otherValue instanceof TerraformSet || (isUnknown(otherValue) && syntacticSet);
    if (Array.isArray(chosen) && otherIsSet) return TerraformSet.of(chosen);
    if ((typeof chosen === 'number' || typeof chosen === 'boolean') && typeof otherValue === 'string') {
      return convertToString(chosen) as string;
    }
    return chosen;
  }

  // --- traversals -------------------------------------------------------------------------------

  /** Flattens `a.b[c].d` into its root and steps, evaluating index keys. */
  private traversal(expression: Expression): Value {
    const steps: TraversalStep[] = [];
    let node = expression;
    while (node.type === 'get-attr' || node.type === 'index') {
      if (node.type === 'get-attr') {
        steps.unshift({ type: 'attr', name: node.name, range: node.range });
        node = node.object;
      } else {
        steps.unshift({ type: 'index', key: this.evaluate(node.key), range: node.range });
        node = node.collection;
      }
    }
    let value: Value;
    let rest: TraversalStep[];
    if (node.type === 'variable') {
      if (this.symbols.has(node.name)) {
        value = this.symbols.get(node.name) as Value;
        rest = steps;
      } else {
        const resolved = this.scope.resolve(node.name, steps, node.range);
        value = resolved.value;
        rest = steps.slice(resolved.consumed);
      }
    } else {
      value = this.evaluate(node);
      rest = steps;
    }
    for (const step of rest) value = applyStep(value, step);
    return value;
  }

  private splat(kind: 'full' | 'attribute', source: Expression, steps: SplatStep[], range: Range): Value {
    void kind;
    void range;
    return this.splatOver(this.evaluate(source), steps);
  }

  /** Applies splat steps to every element of a value (HCL: null gives [], a non-list is wrapped). */
  private splatOver(collection: Value, steps: SplatStep[]): Value {
    if (isUnknown(collection)) return collection;
    const items: readonly Value[] =
      collection === null
        ? []
        : Array.isArray(collection)
          ? collection
          : collection instanceof TerraformSet
            ? collection.items
            : [collection];
    return items.map((item) => {
      let value = item;
      for (const step of steps) {
        if (step.type === 'splat') value = this.splatOver(value, step.steps);
        else if (step.type === 'attr') value = applyStep(value, step);
        else value = applyStep(value, { type: 'index', key: this.evaluate(step.key), range: step.range });
      }
      return value;
    });
  }

  // --- calls ------------------------------------------------------------------------------------

  private call(name: string, argExpressions: Expression[], expandFinal: boolean, range: Range): Value {
    if (name === 'try') return this.tryCall(argExpressions, range);
    if (name === 'can') {
      if (argExpressions.length !== 1)
        fail('Invalid function call', 'Function "can" expects exactly one argument.', range);
      try {
        const value = this.evaluate(argExpressions[0]!);
        return isWhollyKnown(value) ? true : (unknownFrom([value]) ?? UNKNOWN);
      } catch (error) {
        if (error instanceof EvaluationError) return false;
        throw error;
      }
    }
    const args = argExpressions.map((argument) => this.evaluate(argument));
    if (expandFinal) {
      const last = args.pop() ?? null;
      if (isUnknown(last)) return last;
      if (Array.isArray(last)) args.push(...last);
      else if (last instanceof TerraformSet) args.push(...last.items);
      else
        fail(
          'Invalid expanding argument value',
          'The expanding argument (indicated by ...) must be of a tuple, list, or set type.',
          argExpressions.at(-1)?.range ?? range,
        );
    }
    const result = this.scope.callFunction(name, args, range);
    // Functions answer UNKNOWN for unknown inputs; keep the inputs' cause.
    return isUnknown(result) ? (unknownFrom(args) ?? result) : result;
  }

  private tryCall(argExpressions: Expression[], range: Range): Value {
    if (argExpressions.length === 0)
      fail('Invalid function call', 'Function "try" requires at least one argument.', range);
    const errors: string[] = [];
    for (const argument of argExpressions) {
      try {
        const value = this.evaluate(argument);
        // An unknown result might yet fail: try() cannot decide, so its result is unknown (Terraform).
        return isWhollyKnown(value) ? value : (unknownFrom([value]) ?? UNKNOWN);
      } catch (error) {
        if (!(error instanceof EvaluationError)) throw error;
        errors.push(error.diagnostic.detail);
      }
    }
    fail(
      'Error in function call',
      `Call to function "try" failed: no expression succeeded:\n- ${errors.join('\n- ')}`,
      range,
    );
  }

  // --- operators --------------------------------------------------------------------------------

  private binary(expression: BinaryExpression): Value {
    const { operator } = expression;
    if (operator === '&&' || operator === '||') {
      const left = this.boolOperand(this.evaluate(expression.left), expression.left.range);
      // Known short circuits (HCL >= 2.20): false && x is false, true || x is true.
      if (left === false && operator === '&&') return false;
      if (left === true && operator === '||') return true;
      const right = this.boolOperand(this.evaluate(expression.right), expression.right.range);
      if (isUnknown(left) || isUnknown(right)) return unknownFrom([left, right])!;
      return operator === '&&' ? left && right : left || right;
    }
    const left = this.evaluate(expression.left);
    const right = this.evaluate(expression.right);
    if (operator === '==' || operator === '!=') {
      const unknown = unknownFrom([left, right]);
      if (unknown) return unknown;
      const equal = valuesEqual(left, right);
      return operator === '==' ? equal : !equal;
    }
    const a = this.numberOperand(left, expression.left.range);
    const b = this.numberOperand(right, expression.right.range);
    if (isUnknown(a) || isUnknown(b)) return unknownFrom([a, b])!;
    switch (operator) {
      case '<':
        return a < b;
      case '>':
        return a > b;
      case '<=':
        return a <= b;
      case '>=':
        return a >= b;
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        if (b === 0)
          fail('Operation failed', "Error during operation: can't divide by zero.", expression.range);
        return a / b;
      case '%':
        if (b === 0)
          fail('Operation failed', "Error during operation: can't use modulo by zero.", expression.range);
        // Go's big.Float modulo keeps the sign of the dividend, as JS's % does.
        return a % b;
    }
  }

  private boolOperand(value: Value, range: Range): boolean | Unknown {
    if (isUnknown(value)) return value;
    const truth = value === null ? undefined : convertToBool(value);
    if (truth === undefined)
      fail(
        'Invalid operand',
        `Unsuitable value for left operand: a bool is required, not ${typeName(value)}.`,
        range,
      );
    return truth;
  }

  private numberOperand(value: Value, range: Range): number | Unknown {
    if (isUnknown(value)) return value;
    const number = value === null ? undefined : convertToNumber(value);
    if (number === undefined)
      fail(
        'Invalid operand',
        `Unsuitable value for operand: a number is required, not ${typeName(value)}.`,
        range,
      );
    return number;
  }

  // --- templates --------------------------------------------------------------------------------

  private template(parts: TemplatePart[], range: Range): Value {
    // "${x}" alone is x itself, not its string form (hclsyntax's TemplateWrapExpr).
    if (parts.length === 1 && parts[0]!.type === 'interpolation') return this.evaluate(parts[0]!.expression);
    const rendered = this.renderParts(parts);
    void range;
    return rendered;
  }

  private renderParts(parts: TemplatePart[]): string | Unknown {
    let out = '';
    const unknowns: Unknown[] = [];
    for (const part of parts) {
      switch (part.type) {
        case 'text':
          out += part.value;
          break;
        case 'interpolation': {
          const value = this.evaluate(part.expression);
          if (isUnknown(value)) {
            unknowns.push(value);
            break;
          }
          if (value === null)
            fail(
              'Invalid template interpolation value',
              'The expression result is null. Cannot include a null value in a string template.',
              part.range,
            );
          const text = convertToString(value);
          if (text === undefined)
            fail(
              'Invalid template interpolation value',
              `Cannot include the given value in a string template: string required, not ${typeName(value)}.`,
              part.range,
            );
          if (isUnknown(text)) unknowns.push(text);
          else out += text;
          break;
        }
        case 'if': {
          const condition = this.evaluate(part.condition);
          if (isUnknown(condition)) {
            unknowns.push(condition);
            break;
          }
          const truth = condition === null ? undefined : convertToBool(condition);
          if (truth === undefined || isUnknown(truth))
            fail(
              'Invalid template if directive',
              `The condition must be of type bool, not ${typeName(condition)}.`,
              part.range,
            );
          const rendered = this.renderParts(truth ? part.then : part.else);
          if (isUnknown(rendered)) unknowns.push(rendered);
          else out += rendered;
          break;
        }
        case 'for': {
          const collection = this.evaluate(part.collection);
          if (isUnknown(collection)) {
            unknowns.push(collection);
            break;
          }
          for (const [key, value] of iterate(collection, part.range)) {
            const bindings: [string, Value][] = [[part.valueVariable, value]];
            if (part.keyVariable) bindings.push([part.keyVariable, key]);
            const rendered = this.child(bindings).renderParts(part.body);
            if (isUnknown(rendered)) unknowns.push(rendered);
            else out += rendered;
          }
          break;
        }
      }
    }
    return unknowns.length > 0 ? unknownFrom(unknowns)! : out;
  }

  // --- for expressions --------------------------------------------------------------------------

  private forExpression(expression: ForExpression): Value {
    const collection = this.evaluate(expression.collection);
    if (isUnknown(collection)) return collection;
    if (collection === null)
      fail(
        'Iteration over null value',
        "A null value cannot be used as the collection in a 'for' expression.",
        expression.collection.range,
      );
    const isObjectForm = expression.keyExpression !== undefined;
    const tupleItems: Value[] = [];
    const objectEntries = new Map<string, Value[]>();
    const unknowns: Unknown[] = [];
    for (const [key, value] of iterate(collection, expression.collection.range)) {
      const bindings: [string, Value][] = [[expression.valueVariable, value]];
      if (expression.keyVariable) bindings.push([expression.keyVariable, key]);
      const inner = this.child(bindings);
      if (expression.condition) {
        const condition = inner.evaluate(expression.condition);
        if (isUnknown(condition)) {
          unknowns.push(condition);
          continue;
        }
        const truth = condition === null ? undefined : convertToBool(condition);
        if (truth === undefined || isUnknown(truth))
          fail(
            "Invalid 'for' condition",
            `The 'if' clause value is invalid: bool required, not ${typeName(condition)}.`,
            expression.condition.range,
          );
        if (!truth) continue;
      }
      if (!isObjectForm) {
        tupleItems.push(inner.evaluate(expression.valueExpression));
        continue;
      }
      const keyValue = inner.evaluate(expression.keyExpression!);
      if (isUnknown(keyValue)) {
        unknowns.push(keyValue);
        continue;
      }
      const name = keyValue === null ? undefined : convertToString(keyValue);
      if (name === undefined || isUnknown(name))
        fail(
          'Invalid object key',
          `The key expression produced an invalid result: string required, not ${typeName(keyValue)}.`,
          expression.keyExpression!.range,
        );
      const itemValue = inner.evaluate(expression.valueExpression);
      const existing = objectEntries.get(name);
      if (existing && !expression.grouping)
        fail(
          'Duplicate object key',
          `Two different items produced the key "${name}" in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.`,
          expression.keyExpression!.range,
        );
      if (existing) existing.push(itemValue);
      else objectEntries.set(name, [itemValue]);
    }
    if (unknowns.length > 0) return unknownFrom(unknowns)!;
    if (!isObjectForm) return tupleItems;
    return makeObject(
      [...objectEntries].map(([key, values]): [string, Value] => [
        key,
        expression.grouping ? values : values[0]!,
      ]),
    );
  }
}

/** (key, value) pairs of a collection as a `for` sees them: index for lists, key for maps, value for sets. */
export function iterate(collection: Value, range: Range): [Value, Value][] {
  if (Array.isArray(collection)) return collection.map((value, index) => [index, value]);
  if (collection instanceof TerraformSet) return collection.items.map((value) => [value, value]);
  if (isObjectValue(collection)) return sortedKeys(collection).map((key) => [key, collection[key]!]);
  fail(
    'Iteration over non-iterable value',
    `A value of type ${typeName(collection)} cannot be used as the collection in a 'for' expression.`,
    range,
  );
}

/** Apply one traversal step to a value, as HCL does. */
export function applyStep(value: Value, step: TraversalStep): Value {
  if (isUnknown(value)) return value;
  if (step.type === 'attr') {
    if (value === null)
      fail(
        'Attempt to get attribute from null value',
        'This value is null, so it does not have any attributes.',
        step.range,
      );
    if (isObjectValue(value)) {
      if (Object.hasOwn(value, step.name)) return value[step.name]!;
      const open = openObjects.get(value);
      if (open) return open;
      fail(
        'Unsupported attribute',
        `This object does not have an attribute named "${step.name}".`,
        step.range,
      );
    }
    if (Array.isArray(value) || value instanceof TerraformSet)
      fail(
        'Unsupported attribute',
        `Can't access attributes on a list of objects. Did you mean to access attribute "${step.name}" for a specific element of the list, or across all elements of the list?`,
        step.range,
      );
    fail(
      'Unsupported attribute',
      `Can't access attributes on a primitive-typed value (${typeName(value)}).`,
      step.range,
    );
  }
  const key = step.key;
  if (value === null)
    fail('Attempt to index null value', 'This value is null, so it does not have any indices.', step.range);
  if (isUnknown(key)) return key;
  if (Array.isArray(value)) {
    const index = key === null ? undefined : convertToNumber(key);
    if (index === undefined || isUnknown(index) || !Number.isInteger(index))
      fail(
        'Invalid index',
        `The given key does not identify an element in this collection value: a number is required.`,
        step.range,
      );
    if (index < 0 || index >= value.length)
      fail(
        'Invalid index',
        'The given key does not identify an element in this collection value: the given index is greater than or equal to the length of the collection.',
        step.range,
      );
    return value[index]!;
  }
  if (isObjectValue(value)) {
    const name = key === null ? undefined : convertToString(key);
    if (name === undefined || isUnknown(name))
      fail(
        'Invalid index',
        `The given key does not identify an element in this collection value: string required, not ${typeName(key)}.`,
        step.range,
      );
    if (Object.hasOwn(value, name)) return value[name]!;
    const open = openObjects.get(value);
    if (open) return open;
    fail('Invalid index', `The given key does not identify an element in this collection value.`, step.range);
  }
  if (value instanceof TerraformSet)
    fail(
      'Invalid index',
      "Elements of a set are identified only by their value and don't have any separate index or key to select with, so it's only possible to perform operations across all elements of the set.",
      step.range,
    );
  fail('Invalid index', `This value does not have any indices.`, step.range);
}

/** Sort helper re-exported for planners that order instance keys as Terraform does. */
export function compareInstanceKeys(left: string | number, right: string | number): number {
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  return compareStrings(String(left), String(right));
}
