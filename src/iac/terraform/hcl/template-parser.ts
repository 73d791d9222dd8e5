// Quoted templates, heredocs and bare templates: reads literal, interpolation and directive tokens into
// template items (hclsyntax/parser_template.go) and hands them to the assembly step.

import type { Expression, Range, TemplateExpression, TemplatePart } from './ast.js';
import { ExpressionParser } from './expression-parser.js';
import { assembleTemplate, type TemplateItem } from './template-assembly.js';
import { isKeyword } from './token-cursor.js';
import type { Token, TokenType } from './tokens.js';

export abstract class TemplateParser extends ExpressionParser {
  protected finishTemplate(open: Token): TemplateExpression {
    const heredoc = open.type === 'oheredoc';
    const flush = heredoc && open.value.startsWith('<<-');
    const parts = this.parseTemplateParts(heredoc ? 'cheredoc' : 'cquote', flush, open.end);
    return { type: 'template', parts, heredoc, range: this.range(open.start, this.previous.end) };
  }

  /**
   * Reads template tokens up to `end` and assembles them. `contentStart` is where the content begins,
   * for the empty literal an empty template holds.
   */
  protected parseTemplateParts(end: TokenType, flush: boolean, contentStart: number): TemplatePart[] {
    const items: TemplateItem[] = [];
    let endRange: Range;
    for (;;) {
      const token = this.peekRaw();
      if (token.type === end) {
        this.read();
        endRange = this.tokenRange(token);
        break;
      }
      if (token.type === 'literal') {
        this.read();
        items.push({ kind: 'literal', value: token.value, start: token.start, end: token.end });
        continue;
      }
      if (token.type === 'interp') {
        this.read();
        items.push(this.finishInterpolation(token, end));
        continue;
      }
      if (token.type === 'control') {
        this.read();
        const item = this.finishDirective(token);
        if (item) items.push(item);
        continue;
      }
      // Anything else means the string or heredoc ended without its closing marker.
      endRange = this.tokenRange(token);
      if (!this.recovery) {
        this.error('Unterminated template string', 'No closing marker was found for the string.', endRange);
      }
      this.recovery = true;
      break;
    }
    if (items.length === 0) {
      items.push({ kind: 'literal', value: '', start: contentStart, end: contentStart });
    }
    const assembled = assembleTemplate(items, { flush, endRange, locator: this.locator });
    this.diagnostics.push(...assembled.diagnostics);
    return assembled.parts;
  }

  protected finishInterpolation(open: Token, end: TokenType): TemplateItem {
    this.includeNewlines.push(false);
    const expression = this.parseExpression();
    const close = this.peek();
    let stripAfter = false;
    if (close.type === 'seq-end') {
      this.read();
      stripAfter = close.value === '~}';
    } else {
      if (!this.recovery) this.reportUnclosedInterpolation(open, close, end);
      this.recover('seq-end');
    }
    this.includeNewlines.pop();
    return {
      kind: 'interpolation',
      expression,
      stripBefore: open.value.endsWith('~'),
      stripAfter,
      range: this.range(open.start, this.previous.end),
    };
  }

  protected reportUnclosedInterpolation(open: Token, close: Token, end: TokenType): void {
    if (close.type === 'eof') {
      this.error(
        'Unclosed template interpolation sequence',
        'There is no closing brace for this interpolation sequence before the end of the file. This might be caused by incorrect nesting inside the given expression.',
        open,
      );
    } else if (close.type === ':') {
      this.error(
        'Extra characters after interpolation expression',
        'Template interpolation doesn\'t expect a colon at this location. Did you intend this to be a literal sequence to be processed as part of another language? If so, you can escape it by starting with "$${" instead of just "${".',
        close,
      );
    } else if ((close.type === 'cquote' || close.type === 'oquote') && end === 'cquote') {
      this.error(
        'Unclosed template interpolation sequence',
        'There is no closing brace for this interpolation sequence before the end of the quoted template. This might be caused by incorrect nesting inside the given expression.',
        open,
      );
    } else {
      this.error(
        'Extra characters after interpolation expression',
        'Expected a closing brace to end the interpolation expression, but found extra characters.\n\nThis can happen when you include interpolation syntax for another language, such as shell scripting, but forget to escape the interpolation start token. If this is an embedded sequence for another language, escape it by starting with "$${" instead of just "${".',
        close,
      );
    }
  }

  /** A `%{ ... }` directive marker; undefined when it is broken beyond use. */
  protected finishDirective(open: Token): TemplateItem | undefined {
    this.includeNewlines.push(false);
    const item = this.parseDirectiveContent();
    if (item === undefined) {
      this.recover('seq-end');
      this.includeNewlines.pop();
      return undefined;
    }
    const close = this.peek();
    let stripAfter = false;
    if (close.type === 'seq-end') {
      this.read();
      stripAfter = close.value === '~}';
    } else {
      if (!this.recovery) {
        this.error(
          `Extra characters in ${item.kind} marker`,
          'Expected a closing brace to end the sequence, but found extra characters.',
          close,
        );
      }
      this.recover('seq-end');
    }
    this.includeNewlines.pop();
    const range = this.range(open.start, this.previous.end);
    return { ...item, stripBefore: open.value.endsWith('~'), stripAfter, range };
  }

  protected parseDirectiveContent():
    | { kind: 'if'; condition: Expression }
    | { kind: 'for'; keyVariable: string | undefined; valueVariable: string; collection: Expression }
    | { kind: 'else' | 'endif' | 'endfor' }
    | undefined {
    const keyword = this.peek();
    if (keyword.type !== 'ident') {
      if (!this.recovery) {
        this.error(
          'Invalid template directive',
          'A template directive keyword ("if", "for", etc) is expected at the beginning of a %{ sequence.',
          keyword,
        );
      }
      return undefined;
    }
    this.read();
    switch (keyword.value) {
      case 'if':
        return { kind: 'if', condition: this.parseExpression() };
      case 'else':
      case 'endif':
      case 'endfor':
        return { kind: keyword.value };
      case 'for':
        return this.parseForDirective();
      default: {
        if (!this.recovery) {
          const suggestion = suggestKeyword(keyword.value);
          this.error(
            'Invalid template control keyword',
            `"${keyword.value}" is not a valid template control keyword.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
            keyword,
          );
        }
        return undefined;
      }
    }
  }

  protected parseForDirective():
    | { kind: 'for'; keyVariable: string | undefined; valueVariable: string; collection: Expression }
    | undefined {
    const fail = (detail: string): undefined => {
      if (!this.recovery) this.error("Invalid 'for' directive", detail, this.peek());
      return undefined;
    };
    if (this.peek().type !== 'ident') return fail("For directive requires variable name after 'for'.");
    let valueVariable = this.read().value;
    let keyVariable: string | undefined;
    if (this.peek().type === ',') {
      this.read();
      keyVariable = valueVariable;
      if (this.peek().type !== 'ident')
        return fail('For directive requires value variable name after comma.');
      valueVariable = this.read().value;
    }
    if (!isKeyword(this.peek(), 'in')) return fail("For directive requires 'in' keyword after names.");
    this.read();
    return { kind: 'for', keyVariable, valueVariable, collection: this.parseExpression() };
  }
}

const DIRECTIVE_KEYWORDS = ['if', 'for', 'else', 'endif', 'endfor'];

/** The directive keyword closest to a misspelling, as hcl's nameSuggestion does (edit distance < 3). */
function suggestKeyword(given: string): string | undefined {
  for (const keyword of DIRECTIVE_KEYWORDS) {
    if (editDistance(given, keyword) < 3) return keyword;
  }
  return undefined;
}

function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const cost = left[i - 1] === right[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[right.length]!;
}
