// The structural level of HCL native syntax (hclsyntax/parser.go): bodies, attributes and blocks, plus the
// entry points. Unlike hcl, after a broken body item it resynchronises at the next line or closing brace
// instead of abandoning the rest of the body, so later blocks still come through.

import type { Attribute, Block, Body, Expression, Range, TemplateExpression } from './ast.js';
import { formatRange } from './diagnostics.js';
import { TemplateParser } from './template-parser.js';
import type { Token, TokenType } from './tokens.js';
import { CLOSER_OF, isCloser } from './tokens.js';

/** Deeper block nesting than this is reported instead of risking the call stack. */
const MAXIMUM_BLOCK_NESTING = 256;

export class Parser extends TemplateParser {
  private bodyDepth = 0;

  /** The whole input as a configuration body. */
  parseFile(start: number, end: number): Body {
    const body = this.parseBodyContent('eof', this.range(start, start));
    body.range = this.range(start, end);
    return body;
  }

  /** A standalone expression, newline-insensitive as if parenthesised; the input must end after it. */
  parseStandaloneExpression(): Expression {
    this.includeNewlines.push(false);
    const expression = this.parseExpression();
    const next = this.peek();
    if (next.type !== 'eof' && !this.recovery) {
      this.error(
        'Extra characters after expression',
        'An expression was successfully parsed, but extra characters were found after it.',
        next,
      );
    }
    this.includeNewlines.pop();
    return expression;
  }

  /** A bare template (the whole input is template text). */
  parseBareTemplate(start: number, end: number): TemplateExpression {
    const parts = this.parseTemplateParts('eof', false, start);
    return { type: 'template', parts, heredoc: false, range: this.range(start, end) };
  }

  /** Skips to the start of the next body item: after the next newline outside brackets. */
  private recoverAfterBodyItem(): void {
    this.recovery = true;
    const expected: TokenType[] = [];
    for (;;) {
      const token = this.peek();
      if (token.type === 'eof') return;
      if (token.type === 'newline') {
        this.read();
        if (expected.length === 0) return;
        continue;
      }
      const closer = CLOSER_OF[token.type];
      if (closer) {
        expected.push(closer);
      } else if (isCloser(token.type)) {
        // An unmatched `}` closes the enclosing block: leave it for the block's parser.
        if (expected.length === 0 && token.type === '}' && this.bodyDepth > 0) return;
        const match = expected.lastIndexOf(token.type);
        if (match >= 0) expected.length = match;
      }
      this.read();
    }
  }
  private parseBodyContent(end: 'eof' | '}', openRange: Range): Body {
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    const seen = new Map<string, Attribute>();
    let endRange = openRange;
    for (;;) {
      const next = this.peek();
      if (next.type === end) {
        endRange = this.tokenRange(next);
        this.read();
        break;
      }
      if (next.type === 'newline') {
        this.read();
        continue;
      }
      if (next.type === 'eof') {
        // Only `}`-terminated bodies get here; after a broken item the brace was most likely lost to it.
        if (!this.recovery) {
          this.error(
            'Unclosed configuration block',
            'There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
            openRange,
          );
        }
        endRange = this.tokenRange(next);
        break;
      }
      if (next.type === 'ident') {
        // Each item starts afresh: an error in an earlier item must not hide errors in this one.
        this.recovery = false;
        const item = this.parseBodyItem();
        if (item === undefined) continue;
        if ('type' in item) {
          blocks.push(item);
          continue;
        }
        const existing = seen.get(item.name);
        if (existing) {
          this.error(
            'Attribute redefined',
            `The argument "${item.name}" was already set at ${formatRange(existing.nameRange)}. Each argument may be set only once.`,
            item.nameRange,
          );
        } else {
          seen.set(item.name, item);
          attributes.push(item);
        }
        continue;
      }
      // Stray tokens after a broken item are part of the same mistake, so only the first is reported.
      if (!this.recovery) {
        if (next.type === 'oquote') {
          this.error('Invalid argument name', 'Argument names must not be quoted.', next);
        } else {
          this.error(
            'Argument or block definition required',
            'An argument or block definition is required here.',
            next,
          );
        }
      }
      // The recovery scan consumes the stray token, and pairs it with its closer if it opens brackets.
      const before = this.index;
      this.recoverAfterBodyItem();
      if (this.index === before) this.read();
    }
    return { attributes, blocks, range: this.between(openRange, endRange) };
  }

  private parseBodyItem(): Attribute | Block | undefined {
    const ident = this.read();
    const next = this.peek();
    switch (next.type) {
      case '=':
        return this.finishAttribute(ident, false);
      case 'oquote':
      case '{':
      case 'ident':
        return this.finishBlock(ident);
      default:
        this.error(
          'Argument or block definition required',
          'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.',
          ident,
        );
        this.recoverAfterBodyItem();
        return undefined;
    }
  }

  private finishAttribute(ident: Token, singleLine: boolean): Attribute {
    this.read(); // the equals sign
    const mark = this.diagnostics.length;
    const expression = this.parseExpression();
    const end = this.previous.end;
    if (this.recovery && this.failedSince(mark)) {
      this.recoverAfterBodyItem();
    } else if (!singleLine) {
      const after = this.peek();
      if (after.type === 'newline' || after.type === 'eof') {
        this.read();
      } else {
        if (!this.recovery) {
          if (after.type === ',') {
            this.error(
              'Unexpected comma after argument',
              'Argument definitions must be separated by newlines, not commas. An argument definition must end with a newline.',
              after,
            );
          } else {
            this.error(
              'Missing newline after argument',
              'An argument definition must end with a newline.',
              after,
            );
          }
        }
        this.recoverAfterBodyItem();
      }
    }
    return {
      name: ident.value,
      expression,
      range: this.range(ident.start, end),
      nameRange: this.tokenRange(ident),
    };
  }

  private finishBlock(ident: Token): Block {
    const labels: string[] = [];
    const labelRanges: Range[] = [];
    const typeRange = this.tokenRange(ident);
    let open: Token | undefined;
    while (open === undefined) {
      const token = this.peek();
      if (token.type === '{') {
        open = this.read();
      } else if (token.type === 'oquote') {
        const label = this.parseQuotedStringLiteral();
        labels.push(label.value);
        labelRanges.push(label.range);
      } else if (token.type === 'ident') {
        this.read();
        labels.push(token.value);
        labelRanges.push(this.tokenRange(token));
      } else {
        if (token.type === '=') {
          this.error(
            'Invalid block definition',
            'The equals sign "=" indicates an argument definition, and must not be used when defining a block.',
            token,
          );
        } else if (token.type === 'newline') {
          this.error(
            'Invalid block definition',
            'A block definition must have block content delimited by "{" and "}", starting on the same line as the block header.',
            token,
          );
        } else if (!this.recovery) {
          this.error(
            'Invalid block definition',
            'Either a quoted string block label or an opening brace ("{") is expected here.',
            token,
          );
        }
        this.recoverAfterBodyItem();
        return {
          type: ident.value,
          labels,
          labelRanges,
          body: { attributes: [], blocks: [], range: typeRange },
          range: typeRange,
          typeRange,
        };
      }
    }

    const openRange = this.tokenRange(open);
    if (this.bodyDepth >= MAXIMUM_BLOCK_NESTING) {
      // Deeper nesting than any real configuration has: skip the block rather than risk the call stack.
      if (!this.recovery) {
        this.error(
          'Blocks nested too deeply',
          `Blocks may be nested at most ${MAXIMUM_BLOCK_NESTING} levels deep.`,
          openRange,
        );
      }
      this.recover('}');
      const body: Body = { attributes: [], blocks: [], range: this.range(open.start, this.previous.end) };
      return {
        type: ident.value,
        labels,
        labelRanges,
        body,
        range: this.range(ident.start, this.previous.end),
        typeRange,
      };
    }
    let body: Body;
    this.bodyDepth++;
    const first = this.peek();
    if (first.type === 'newline' || first.type === 'eof' || first.type === '}') {
      body = this.parseBodyContent('}', openRange);
    } else {
      body = this.parseSingleAttributeBody(open, openRange);
    }
    this.bodyDepth--;
    const closeEnd = this.previous.end;

    const eol = this.peek();
    if (eol.type === 'newline' || eol.type === 'eof') {
      this.read();
    } else {
      if (!this.recovery) {
        this.error(
          'Missing newline after block definition',
          'A block definition must end with a newline.',
          eol,
        );
      }
      this.recoverAfterBodyItem();
    }
    return {
      type: ident.value,
      labels,
      labelRanges,
      body,
      range: this.range(ident.start, closeEnd),
      typeRange,
    };
  }

  /** `name { arg = value }` on one line: exactly one argument, closed on the same line. */
  private parseSingleAttributeBody(open: Token, openRange: Range): Body {
    const attributes: Attribute[] = [];
    const ident = this.read();
    const next = this.peek();
    if (ident.type === 'ident' && next.type === '=') {
      attributes.push(this.finishAttribute(ident, true));
    } else if (
      ident.type === 'ident' &&
      (next.type === 'oquote' || next.type === '{' || next.type === 'ident')
    ) {
      this.error(
        'Argument definition required',
        `A single-line block definition can contain only a single argument. If you meant to define argument "${ident.value}", use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block.`,
        this.between(this.tokenRange(ident), this.tokenRange(next)),
      );
      this.recoverAfterBodyItem();
    } else {
      if (ident.type !== 'invalid') {
        const detail =
          ident.type === 'ident'
            ? 'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.'
            : 'An argument or block definition is required here.';
        this.error('Argument or block definition required', detail, ident);
      }
      this.recoverAfterBodyItem();
    }

    const close = this.peek();
    switch (close.type) {
      case '}':
        this.read();
        break;
      case ',':
        this.error(
          'Invalid single-argument block definition',
          'Single-line block syntax can include only one argument definition. To define multiple arguments, use the multi-line block syntax with one argument definition per line.',
          close,
        );
        this.recover('}');
        break;
      case 'newline':
        this.error(
          'Invalid single-argument block definition',
          "An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition.",
          close,
        );
        this.recover('}');
        break;
      default:
        if (!this.recovery) {
          if (close.type === 'eof') {
            this.error(
              'Unclosed configuration block',
              'There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
              open,
            );
          } else {
            this.error(
              'Invalid single-argument block definition',
              'A single-line block definition must end with a closing brace immediately after its single argument definition.',
              close,
            );
          }
        }
        this.recover('}');
    }
    return {
      attributes,
      blocks: [],
      range: this.between(openRange, this.range(this.previous.end, this.previous.end)),
    };
  }

  /** A block label: a quoted string without template sequences. */
  private parseQuotedStringLiteral(): { value: string; range: Range } {
    const open = this.read();
    let value = '';
    let end = open.end;
    for (;;) {
      const token = this.peekRaw();
      if (token.type === 'cquote') {
        this.read();
        end = token.end;
        break;
      }
      if (token.type === 'literal') {
        this.read();
        value += token.value;
        end = token.end;
        continue;
      }
      if (token.type === 'interp' || token.type === 'control') {
        this.read();
        const which = token.type === 'interp' ? '$' : '%';
        this.error(
          'Invalid string literal',
          `Template sequences are not allowed in this string. To include a literal "${which}", double it (as "${which}${which}") to escape it.`,
          this.between(this.tokenRange(open), this.tokenRange(token)),
        );
        value += `${which}{ ... }`;
        this.recover('seq-end');
        end = this.previous.end;
        continue;
      }
      if (!this.recovery) {
        this.error('Unterminated template string', 'No closing marker was found for the string.', token);
      }
      this.recovery = true;
      break;
    }
    return { value, range: this.range(open.start, end) };
  }
}
