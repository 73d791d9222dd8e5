// Expressions of HCL native syntax, following hclsyntax/parser.go: conditionals, binary operators by
// precedence, unary operators, terms with their traversals and splats, calls, collections and for
// expressions. Templates are left to the subclass, since they contain expressions in turn.

import type { BinaryOperator, Expression, LiteralExpression, SplatStep, TemplateExpression } from './ast.js';
import { isKeyword, TokenCursor } from './token-cursor.js';
import type { Token, TokenType } from './tokens.js';

/** Binary operators and their precedence levels (higher binds tighter), as in hcl's binaryOps. */
const BINARY_OPERATORS: Partial<Record<TokenType, { operator: BinaryOperator; level: number }>> = {
  '||': { operator: '||', level: 1 },
  '&&': { operator: '&&', level: 2 },
  '==': { operator: '==', level: 3 },
  '!=': { operator: '!=', level: 3 },
  '<': { operator: '<', level: 4 },
  '>': { operator: '>', level: 4 },
  '<=': { operator: '<=', level: 4 },
  '>=': { operator: '>=', level: 4 },
  '+': { operator: '+', level: 5 },
  '-': { operator: '-', level: 5 },
  '*': { operator: '*', level: 6 },
  '/': { operator: '/', level: 6 },
  '%': { operator: '%', level: 6 },
};

/** Deeper nesting of terms than this is reported instead of risking the call stack. */
const MAXIMUM_NESTING = 256;

export abstract class ExpressionParser extends TokenCursor {
  private nesting = 0;

  /** A quoted template or heredoc, after its opening token. */
  protected abstract finishTemplate(open: Token): TemplateExpression;

  /** One expression, including conditionals. */
  parseExpression(): Expression {
    return this.parseConditional();
  }

  protected parseConditional(): Expression {
    const conditionMark = this.diagnostics.length;
    const condition = this.parseBinary(1);
    if (this.recovery && this.failedSince(conditionMark)) return condition;
    if (this.peek().type !== '?') return condition;
    this.read();

    const trueMark = this.diagnostics.length;
    const trueResult = this.parseExpression();
    if (this.recovery && this.failedSince(trueMark)) return condition;

    const colon = this.peek();
    if (colon.type !== ':') {
      this.error(
        'Missing false expression in conditional',
        'The conditional operator (...?...:...) requires a false expression, delimited by a colon.',
        colon,
      );
      return condition;
    }
    this.read();
    const falseMark = this.diagnostics.length;
    const falseResult = this.parseExpression();
    if (this.recovery && this.failedSince(falseMark)) return condition;
    return {
      type: 'conditional',
      condition,
      trueResult,
      falseResult,
      range: this.between(condition.range, falseResult.range),
    };
  }

  /**
   * Binary operations whose operators bind at least as tightly as `minimumLevel`, by precedence climbing:
   * the same trees as hcl's one-function-per-level recursion (left-associative within a level).
   */
  protected parseBinary(minimumLevel: number): Expression {
    const mark = this.diagnostics.length;
    let left = this.parseWithTraversals();
    if (this.recovery && this.failedSince(mark)) return left;
    for (;;) {
      const entry = BINARY_OPERATORS[this.peek().type];
      if (entry === undefined || entry.level < minimumLevel) return left;
      this.read();
      const rightMark = this.diagnostics.length;
      const right = this.parseBinary(entry.level + 1);
      left = {
        type: 'binary',
        operator: entry.operator,
        left,
        right,
        range: this.between(left.range, right.range),
      };
      if (this.recovery && this.failedSince(rightMark)) return left;
    }
  }

  /**
   * A term with its traversal steps. Every kind of nesting (parentheses, operands, collections, index
   * keys, interpolations) passes through here, so this is where depth is limited.
   */
  protected parseWithTraversals(): Expression {
    const start = this.peek();
    if (this.nesting >= MAXIMUM_NESTING) {
      this.tooDeep(start);
      return this.placeholder(this.tokenRange(start));
    }
    this.nesting++;
    const expression = this.parseTraversals(this.parseTerm());
    this.nesting--;
    return expression;
  }

  /** Attribute access, indexing and splats following a term. */
  protected parseTraversals(from: Expression): Expression {
    let result = from;
    for (;;) {
      const step = this.parseStep(false);
      if (step === undefined) return result;
      const range = this.between(from.range, step.range);
      switch (step.type) {
        case 'attr':
          result = { type: 'get-attr', object: result, name: step.name, range };
          break;
        case 'index':
          result = { type: 'index', collection: result, key: step.key, range };
          break;
        case 'splat':
          result = { type: 'splat', kind: step.kind, source: result, steps: step.steps, range };
          break;
      }
    }
  }

  /** Every step after a full splat `[*]`: they all apply to each element. */
  protected parseSplatSteps(): SplatStep[] {
    const steps: SplatStep[] = [];
    for (;;) {
      const step = this.parseStep(false);
      if (step === undefined) return steps;
      steps.push(step);
    }
  }

  /**
   * One traversal step: `.name`, `.0` (legacy index), `[key]`, `.*` with its attribute steps, or `[*]` with
   * all steps after it. `attributeOnly` limits the steps to those an attribute splat accepts.
   */
  protected parseStep(attributeOnly: boolean): SplatStep | undefined {
    const next = this.peek();
    if (next.type === '.') {
      const dot = this.read();
      const after = this.peek();
      if (after.type === 'ident') {
        this.read();
        return { type: 'attr', name: after.value, range: this.range(dot.start, after.end) };
      }
      if (after.type === 'number') {
        this.read();
        return { type: 'index', key: this.legacyIndexKey(after), range: this.range(dot.start, after.end) };
      }
      if (after.type === '*' && !attributeOnly) {
        const star = this.read();
        const steps: SplatStep[] = [];
        const range = this.range(dot.start, star.end);
        while (this.peek().type === '.') {
          const following = this.peekSecond();
          if (following.type !== 'ident' && following.type !== 'number') {
            this.read();
            if (!this.recovery) {
              if (following.type === '*') {
                this.error(
                  'Nested splat expression not allowed',
                  'A splat expression (*) cannot be used inside another attribute-only splat expression.',
                  following,
                );
              } else {
                this.error('Invalid attribute name', 'An attribute name is required after a dot.', following);
              }
            }
            this.recovery = true;
            break;
          }
          const step = this.parseStep(true)!;
          steps.push(step);
          range.end = step.range.end;
        }
        return { type: 'splat', kind: 'attribute', steps, range };
      }
      this.error('Invalid attribute name', 'An attribute name is required after a dot.', after);
      this.recovery = true;
      return undefined;
    }
    if (next.type !== '[' || attributeOnly) return undefined;

    const open = this.read();
    if (this.peek().type === '*') {
      this.read();
      let close: Token | undefined = this.peek();
      if (close.type === ']') {
        this.read();
      } else {
        if (!this.recovery) {
          this.error(
            'Missing close bracket on splat index',
            'The star for a full splat operator must be immediately followed by a closing bracket ("]").',
            close,
          );
        }
        close = this.recover(']');
      }
      const range = this.range(open.start, close?.end ?? this.previous.end);
      // Each nested splat recurses; count it like a term so chains of `[*]` cannot exhaust the stack.
      this.nesting++;
      const steps = this.nesting < MAXIMUM_NESTING ? this.parseSplatSteps() : this.tooDeep(open);
      this.nesting--;
      const last = steps[steps.length - 1];
      if (last) range.end = last.range.end;
      return { type: 'splat', kind: 'full', steps, range };
    }

    this.includeNewlines.push(false);
    const mark = this.diagnostics.length;
    const key = this.parseExpression();
    let close: Token | undefined;
    if (this.recovery && this.failedSince(mark)) {
      close = this.recover(']');
    } else if (this.peek().type === ']') {
      close = this.read();
    } else {
      if (!this.recovery) {
        this.error(
          'Missing close bracket on index',
          'The index operator must end with a closing bracket ("]").',
          this.peek(),
        );
      }
      close = this.recover(']');
    }
    this.includeNewlines.pop();
    return { type: 'index', key, range: this.range(open.start, close?.end ?? this.previous.end) };
  }

  /** The key of a legacy `.0` index; `.0.1` scans as one number and is rejected as hcl does. */
  protected legacyIndexKey(number: Token): LiteralExpression {
    const range = this.tokenRange(number);
    const dot = number.value.indexOf('.');
    if (dot >= 0) {
      const first = number.value.slice(0, dot);
      const second = number.value.slice(dot + 1);
      this.error(
        'Invalid legacy index syntax',
        `When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax instead, like [${first}][${second}].`,
        range,
      );
      return this.placeholder(range);
    }
    return { type: 'literal', value: this.numberValue(number), range };
  }

  protected numberValue(token: Token): number {
    const value = Number(token.value);
    if (Number.isNaN(value) || token.value.indexOf('.') !== token.value.lastIndexOf('.')) {
      this.error('Invalid number literal', 'Failed to recognize the value of this number literal.', token);
      return 0;
    }
    return value;
  }

  protected parseTerm(): Expression {
    const start = this.peek();
    switch (start.type) {
      case '(':
        return this.parseParentheses();
      case 'number': {
        this.read();
        return { type: 'literal', value: this.numberValue(start), range: this.tokenRange(start) };
      }
      case 'ident': {
        this.read();
        const next = this.peek().type;
        if (next === '(' || next === '::') return this.finishCall(start);
        const range = this.tokenRange(start);
        switch (start.value) {
          case 'true':
            return { type: 'literal', value: true, range };
          case 'false':
            return { type: 'literal', value: false, range };
          case 'null':
            return { type: 'literal', value: null, range };
          default:
            return { type: 'variable', name: start.value, range };
        }
      }
      case 'oquote':
      case 'oheredoc':
        this.read();
        return this.finishTemplate(start);
      case '-':
      case '!': {
        this.read();
        // The operand is a term with its traversals only, so `-a + b` is `(-a) + b`.
        const operand = this.parseWithTraversals();
        return {
          type: 'unary',
          operator: start.type,
          operand,
          range: this.between(this.tokenRange(start), operand.range),
        };
      }
      case '[':
        return this.parseTuple();
      case '{':
        return this.parseObject();
      default:
        if (!this.recovery) {
          if (start.type === 'eof') {
            this.error(
              'Missing expression',
              'Expected the start of an expression, but found the end of the file.',
              start,
            );
          } else {
            this.error(
              'Invalid expression',
              'Expected the start of an expression, but found an invalid expression token.',
              start,
            );
          }
        }
        this.recovery = true;
        return this.placeholder(this.tokenRange(start));
    }
  }

  /** Reports nesting beyond the limit; returns no steps so a splat can end there. */
  private tooDeep(at: Token): SplatStep[] {
    if (!this.recovery) {
      this.error(
        'Expression too deeply nested',
        `Expressions may be nested at most ${MAXIMUM_NESTING} levels deep.`,
        at,
      );
    }
    this.recovery = true;
    return [];
  }

  protected parseParentheses(): Expression {
    const open = this.read();
    this.includeNewlines.push(false);
    const mark = this.diagnostics.length;
    const expression = this.parseExpression();
    if (this.failedSince(mark)) {
      this.recover(')');
      this.includeNewlines.pop();
      return expression;
    }
    const close = this.peek();
    if (close.type === ')') {
      this.read();
    } else {
      this.error(
        'Unbalanced parentheses',
        'Expected a closing parenthesis to terminate the expression.',
        close,
      );
      this.recovery = true;
    }
    this.includeNewlines.pop();
    return { type: 'parentheses', expression, range: this.range(open.start, this.previous.end) };
  }

  protected finishCall(nameToken: Token): Expression {
    let opener = this.read();
    let name = nameToken.value;
    let nameEnd = nameToken.end;
    while (opener.type === '::') {
      const part = this.read();
      if (part.type !== 'ident') {
        this.error(
          'Missing function name',
          'Function scope resolution symbol :: must be followed by a function name in this scope.',
          part,
        );
        this.recoverOver('(');
        return this.placeholder(this.range(nameToken.start, this.previous.end));
      }
      name += `::${part.value}`;
      nameEnd = part.end;
      opener = this.read();
    }
    const nameRange = this.range(nameToken.start, nameEnd);
    if (opener.type !== '(') {
      this.error(
        'Missing open parenthesis',
        'Function selector must be followed by an open parenthesis to begin the function call.',
        opener,
      );
      this.recoverOver('(');
      return this.placeholder(this.range(nameToken.start, this.previous.end));
    }

    const args: Expression[] = [];
    let expandFinal = false;
    this.includeNewlines.push(false);
    for (;;) {
      if (this.peek().type === ')') {
        this.read();
        break;
      }
      const mark = this.diagnostics.length;
      args.push(this.parseExpression());
      if (this.recovery && this.failedSince(mark)) {
        this.recover(')');
        break;
      }
      const separator = this.peek();
      if (separator.type === ')') {
        this.read();
        break;
      }
      if (separator.type === '...') {
        this.read();
        expandFinal = true;
        if (this.peek().type === ')') {
          this.read();
        } else {
          if (!this.recovery) {
            this.error(
              'Missing closing parenthesis',
              'An expanded function argument (with ...) must be immediately followed by closing parentheses.',
              separator,
            );
          }
          this.recover(')');
        }
        break;
      }
      if (separator.type !== ',') {
        if (separator.type === 'eof') {
          this.error(
            'Unterminated function call',
            'There is no closing parenthesis for this function call before the end of the file. This may be caused by incorrect parenthesis nesting elsewhere in this file.',
            this.range(nameToken.start, opener.end),
          );
        } else {
          this.error(
            'Missing argument separator',
            'A comma is required to separate each function argument from the next.',
            separator,
          );
        }
        this.recover(')');
        break;
      }
      this.read();
    }
    this.includeNewlines.pop();
    return {
      type: 'call',
      name,
      args,
      expandFinal,
      nameRange,
      range: this.range(nameToken.start, this.previous.end),
    };
  }

  protected parseTuple(): Expression {
    const open = this.read();
    this.includeNewlines.push(false);
    if (isKeyword(this.peek(), 'for')) {
      const result = this.finishFor(open);
      this.includeNewlines.pop();
      return result;
    }
    const items: Expression[] = [];
    for (;;) {
      if (this.peek().type === ']') {
        this.read();
        break;
      }
      const mark = this.diagnostics.length;
      items.push(this.parseExpression());
      if (this.recovery && this.failedSince(mark)) {
        this.recover(']');
        break;
      }
      const next = this.peek();
      if (next.type === ']') {
        this.read();
        break;
      }
      if (next.type !== ',') {
        if (!this.recovery) {
          if (next.type === 'eof') {
            this.error(
              'Unterminated tuple constructor expression',
              'There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file.',
              open,
            );
          } else {
            this.error(
              'Missing item separator',
              'Expected a comma to mark the beginning of the next item.',
              next,
            );
          }
        }
        this.recover(']');
        break;
      }
      this.read();
    }
    this.includeNewlines.pop();
    return { type: 'tuple', items, range: this.range(open.start, this.previous.end) };
  }

  protected parseObject(): Expression {
    const open = this.read();
    // `for` is looked for ignoring newlines: for expressions are not newline-sensitive, objects are.
    this.includeNewlines.push(false);
    const isFor = isKeyword(this.peek(), 'for');
    this.includeNewlines.pop();
    if (isFor) {
      this.includeNewlines.push(false);
      const result = this.finishFor(open);
      this.includeNewlines.pop();
      return result;
    }

    this.includeNewlines.push(true);
    const items: { key: Expression; value: Expression }[] = [];
    for (;;) {
      const next = this.peek();
      if (next.type === 'newline') {
        this.read();
        continue;
      }
      if (next.type === '}') {
        this.read();
        break;
      }
      // Parentheses force a key to be an expression even when it is a bare name.
      const forceExpression = next.type === '(';
      const keyMark = this.diagnostics.length;
      const rawKey = this.parseExpression();
      if (this.recovery && this.failedSince(keyMark)) {
        this.recover('}');
        break;
      }
      const key = forceExpression ? rawKey : literalKey(rawKey);

      const separator = this.peek();
      if (separator.type !== '=' && separator.type !== ':') {
        if (!this.recovery) this.reportMissingKeyValueSeparator(open, separator);
        this.recover('}');
        break;
      }
      this.read();

      const valueMark = this.diagnostics.length;
      const value = this.parseExpression();
      items.push({ key, value });
      if (this.recovery && this.failedSince(valueMark)) {
        this.recover('}');
        break;
      }

      const after = this.peek();
      if (after.type === '}') {
        this.read();
        break;
      }
      if (after.type !== ',' && after.type !== 'newline') {
        if (!this.recovery) {
          if (after.type === 'eof') {
            this.error(
              'Unterminated object constructor expression',
              'There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
              open,
            );
          } else {
            this.error(
              'Missing attribute separator',
              'Expected a newline or comma to mark the beginning of the next attribute.',
              after,
            );
          }
        }
        this.recover('}');
        break;
      }
      this.read();
    }
    this.includeNewlines.pop();
    return { type: 'object', items, range: this.range(open.start, this.previous.end) };
  }

  protected reportMissingKeyValueSeparator(open: Token, next: Token): void {
    switch (next.type) {
      case 'newline':
      case ',':
        this.error(
          'Missing attribute value',
          'Expected an attribute value, introduced by an equals sign ("=").',
          next,
        );
        return;
      case 'ident':
        this.error(
          'Missing key/value separator',
          'Expected an equals sign ("=") to mark the beginning of the attribute value. If you intended to given an attribute name containing periods or spaces, write the name in quotes to create a string literal.',
          next,
        );
        return;
      case 'eof':
        this.error(
          'Unterminated object constructor expression',
          'There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
          open,
        );
        return;
      default:
        this.error(
          'Missing key/value separator',
          'Expected an equals sign ("=") to mark the beginning of the attribute value.',
          next,
        );
    }
  }

  /** `[for ...]` or `{for ...}` after its opening bracket. */
  protected finishFor(open: Token): Expression {
    this.read(); // `for`
    const closer: TokenType = open.type === '{' ? '}' : ']';
    const makeObject = open.type === '{';
    const fail = (detail: string): Expression => {
      if (!this.recovery) this.error("Invalid 'for' expression", detail, this.peek());
      this.recover(closer);
      return this.placeholder(this.range(open.start, this.previous.end));
    };

    if (this.peek().type !== 'ident') return fail("For expression requires variable name after 'for'.");
    let valueVariable = this.read().value;
    let keyVariable: string | undefined;
    if (this.peek().type === ',') {
      this.read();
      keyVariable = valueVariable;
      if (this.peek().type !== 'ident')
        return fail('For expression requires value variable name after comma.');
      valueVariable = this.read().value;
    }
    if (!isKeyword(this.peek(), 'in')) {
      return fail("For expression requires the 'in' keyword after its name declarations.");
    }
    this.read();

    const collectionMark = this.diagnostics.length;
    const collection = this.parseExpression();
    if (this.recovery && this.failedSince(collectionMark)) {
      this.recover(closer);
      return this.placeholder(this.range(open.start, this.previous.end));
    }
    if (this.peek().type !== ':')
      return fail('For expression requires a colon after the collection expression.');
    this.read();

    const valueMark = this.diagnostics.length;
    let valueExpression = this.parseExpression();
    let keyExpression: Expression | undefined;
    if (this.peek().type === '=>') {
      this.read();
      keyExpression = valueExpression;
      valueExpression = this.parseExpression();
    }
    if (this.recovery && this.failedSince(valueMark)) {
      this.recover(closer);
      return this.placeholder(this.range(open.start, this.previous.end));
    }

    let grouping = false;
    let ellipsis: Token | undefined;
    if (this.peek().type === '...') {
      ellipsis = this.read();
      grouping = true;
    }

    let condition: Expression | undefined;
    if (isKeyword(this.peek(), 'if')) {
      this.read();
      const conditionMark = this.diagnostics.length;
      condition = this.parseExpression();
      if (this.recovery && this.failedSince(conditionMark)) {
        this.recover(closer);
        return this.placeholder(this.range(open.start, this.previous.end));
      }
    }

    if (this.peek().type === closer) {
      this.read();
    } else {
      if (!this.recovery) {
        this.error(
          "Invalid 'for' expression",
          "Extra characters after the end of the 'for' expression.",
          this.peek(),
        );
      }
      this.recover(closer);
    }

    if (!makeObject && keyExpression) {
      this.error(
        "Invalid 'for' expression",
        'Key expression is not valid when building a tuple.',
        keyExpression.range,
      );
    }
    if (!makeObject && ellipsis) {
      this.error(
        "Invalid 'for' expression",
        'Grouping ellipsis (...) cannot be used when building a tuple.',
        ellipsis,
      );
    }
    if (makeObject && !keyExpression) {
      this.error(
        "Invalid 'for' expression",
        'Key expression is required when building an object.',
        valueExpression.range,
      );
    }

    const result: Expression = {
      type: 'for',
      valueVariable,
      collection,
      valueExpression,
      grouping,
      range: this.range(open.start, this.previous.end),
    };
    if (keyVariable !== undefined) result.keyVariable = keyVariable;
    if (keyExpression) result.keyExpression = keyExpression;
    if (condition) result.condition = condition;
    return result;
  }
}

/** A bare name used as an object key is the literal string of that name (so are `true`, `false`, `null`). */
function literalKey(key: Expression): Expression {
  if (key.type === 'variable') return { type: 'literal', value: key.name, range: key.range };
  if (key.type === 'literal' && typeof key.value !== 'number' && typeof key.value !== 'string') {
    return { type: 'literal', value: String(key.value), range: key.range };
  }
  return key;
}
