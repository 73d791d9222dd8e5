// The token cursor the parsers share: newline-sensitive peeking as in hcl's peeker, positions,
// diagnostics and bracket-aware error recovery.

import type { Diagnostic, LiteralExpression, Range } from './ast.js';
import { errorAt } from './diagnostics.js';
import type { Locator } from './position-map.js';
import { CLOSER_OF, isCloser, type LexProblem, type Token, type TokenType } from './tokens.js';

export class TokenCursor {
  protected readonly diagnostics: Diagnostic[] = [];
  protected index = 0;
  protected previous: Token = { type: 'eof', start: 0, end: 0, value: '' };
  /** Whether newlines are tokens here (bodies, objects) or skipped (brackets, interpolations). */
  protected readonly includeNewlines: boolean[] = [true];
  /** Set once a syntax error leaves the parser somewhere unexpected; suppresses follow-on noise. */
  protected recovery = false;

  constructor(
    protected readonly tokens: Token[],
    protected readonly locator: Locator,
    problems: readonly LexProblem[] = [],
  ) {
    for (const problem of problems) {
      this.diagnostics.push(errorAt(problem.summary, problem.detail, this.range(problem.start, problem.end)));
    }
  }

  /** All diagnostics so far, in source order. */
  takeDiagnostics(): Diagnostic[] {
    return this.diagnostics.sort(
      (left, right) => (left.range?.start.byte ?? 0) - (right.range?.start.byte ?? 0),
    );
  }

  protected peekIndex(): number {
    let index = this.index;
    if (!this.includeNewlines[this.includeNewlines.length - 1]) {
      while (this.tokens[index]!.type === 'newline') index++;
    }
    return index;
  }

  protected peek(): Token {
    return this.tokens[this.peekIndex()]!;
  }

  protected read(): Token {
    const index = this.peekIndex();
    const token = this.tokens[index]!;
    if (token.type !== 'eof') this.index = index + 1;
    this.previous = token;
    return token;
  }

  /** The token after the next one, in the current newline mode. */
  protected peekSecond(): Token {
    let index = this.peekIndex() + 1;
    if (!this.includeNewlines[this.includeNewlines.length - 1]) {
      while (this.tokens[index]?.type === 'newline') index++;
    }
    return this.tokens[Math.min(index, this.tokens.length - 1)]!;
  }

  /** The next token including newlines, whatever the current mode (template contents). */
  protected peekRaw(): Token {
    return this.tokens[this.index]!;
  }

  protected range(start: number, end: number): Range {
    const locator = this.locator;
    return { filename: locator.filename, start: locator.position(start), end: locator.position(end) };
  }

  protected tokenRange(token: Token): Range {
    return this.range(token.start, token.end);
  }

  protected between(first: Range, last: Range): Range {
    return { filename: first.filename, start: first.start, end: last.end };
  }

  protected error(summary: string, detail: string, subject: Token | Range): void {
    const range = 'type' in subject ? this.tokenRange(subject) : subject;
    this.diagnostics.push(errorAt(summary, detail, range));
  }

  protected failedSince(mark: number): boolean {
    return this.diagnostics.length > mark;
  }

  protected placeholder(range: Range): LiteralExpression {
    return { type: 'literal', value: null, range };
  }

  /**
   * Skips to just after the closer `end` that balances the current construct. Stops early, without
   * consuming it, at a closer that belongs to an enclosing construct (`}`, end of a template sequence or
   * string), so the enclosing parser can still finish. Returns the closer when found.
   */
  protected recover(end: TokenType): Token | undefined {
    this.recovery = true;
    const expected: TokenType[] = [];
    for (;;) {
      const token = this.peek();
      if (token.type === 'eof') return undefined;
      const closer = CLOSER_OF[token.type];
      if (closer) {
        expected.push(closer);
      } else if (isCloser(token.type)) {
        if (expected.length === 0) {
          if (token.type === end) return this.read();
          if (token.type !== ')' && token.type !== ']') return undefined;
        } else {
          const match = expected.lastIndexOf(token.type);
          if (match >= 0) expected.length = match;
        }
      }
      this.read();
    }
  }

  /** Skips to after the bracketed group opened by the next `open` token. */
  protected recoverOver(open: TokenType): void {
    for (;;) {
      const token = this.peek();
      if (token.type === 'eof' || token.type === '}' || token.type === 'newline') return;
      this.read();
      if (token.type === open) {
        this.recover(CLOSER_OF[open]!);
        return;
      }
    }
  }
}

/** True for an identifier token spelling `keyword` (HCL has no reserved words, only contextual ones). */
export function isKeyword(token: Token, keyword: string): boolean {
  return token.type === 'ident' && token.value === keyword;
}
