// The HCL native syntax scanner: text → tokens, following hclsyntax/scan_tokens.rl. It is modal like
// hcl's: configuration code, quoted templates, heredocs and bare templates, with `${`/`%{` entering code
// until the matching `}`. Comments are dropped, except that a line comment still ends its line.

import type { LexProblem, Token, TokenType } from './tokens.js';

/** `config` scans configuration or expression code; `template` scans a bare template (templatefile). */
export type LexMode = 'config' | 'template';

export interface LexResult {
  tokens: Token[];
  problems: LexProblem[];
}

type Mode =
  | { kind: 'code' }
  | { kind: 'quoted' }
  | { kind: 'heredoc'; marker: string; startOfLine: boolean }
  | { kind: 'bare'; startOfLine: boolean };

const CHAR_TAB = 9;
const CHAR_NEWLINE = 10;
const CHAR_RETURN = 13;
const CHAR_SPACE = 32;
const CHAR_DOLLAR = 36;
const CHAR_PERCENT = 37;
const CHAR_OPEN_BRACE = 123;
const CHAR_BACKSLASH = 92;
const CHAR_QUOTE = 34;

const ID_START = /[\p{ID_Start}_]/u;
const ID_CONTINUE = /[\p{ID_Continue}-]/u;
const HEX_DIGITS = /^[0-9a-fA-F]+$/;

/** Operator and punctuation tokens, longest first; the token type is the operator's own text. */
const OPERATORS: readonly TokenType[] = [
  '...',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '::',
  '=>',
  '[',
  ']',
  '(',
  ')',
  '{',
  ',',
  '*',
  '/',
  '%',
  '+',
  '-',
  '=',
  '<',
  '>',
  '!',
  '?',
  ':',
  '.',
];

const OPERATORS_BY_FIRST_CHAR = new Map<string, TokenType[]>();
for (const operator of OPERATORS) {
  const candidates = OPERATORS_BY_FIRST_CHAR.get(operator[0]!) ?? [];
  candidates.push(operator);
  OPERATORS_BY_FIRST_CHAR.set(operator[0]!, candidates);
}

const BITWISE_HINTS: Record<string, string> = {
  '&': ' Did you mean boolean AND ("&&")?',
  '|': ' Did you mean boolean OR ("||")?',
  '~': ' Did you mean boolean NOT ("!")?',
  '^': '',
};

const INVALID_CHARACTER_DETAILS: Record<string, string> = {
  '`': 'The "`" character is not valid. To create a multi-line string, use the "heredoc" syntax, like "<<EOT".',
  "'": 'Single quotes are not valid. Use double quotes (") to enclose strings.',
  ';': 'The ";" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.',
};

/** Scans `text` into tokens; never throws. The token list always ends with an `eof` token. */
export function lex(text: string, mode: LexMode = 'config'): LexResult {
  return new Lexer(text, mode).run();
}

class Lexer {
  private readonly text: string;
  private position = 0;
  private readonly tokens: Token[] = [];
  private readonly problems: LexProblem[] = [];
  private readonly modes: Mode[];
  /** Current `{` nesting depth in code, and the depths at which a `}` ends a template sequence. */
  private braces = 0;
  private readonly sequenceDepths: number[] = [];
  private readonly reported = new Map<string, number>();

  constructor(text: string, mode: LexMode) {
    this.text = text;
    this.modes = [mode === 'config' ? { kind: 'code' } : { kind: 'bare', startOfLine: true }];
    if (text.charCodeAt(0) === 0xfeff) this.position = 1;
  }

  run(): LexResult {
    const length = this.text.length;
    while (this.position < length) {
      const mode = this.modes[this.modes.length - 1]!;
      switch (mode.kind) {
        case 'code':
          this.scanCode();
          break;
        case 'quoted':
          this.scanQuoted();
          break;
        case 'heredoc':
          this.scanHeredoc(mode);
          break;
        case 'bare':
          this.scanTemplateLine(mode);
          break;
      }
    }
    this.emit('eof', length, length);
    return { tokens: this.tokens, problems: this.problems };
  }

  private emit(type: TokenType, start: number, end: number, value = ''): void {
    this.tokens.push({ type, start, end, value });
  }

  /**
   * hcl limits repeated reports: the first `;`, four bitwise operators, and every other quote character
   * (so an opening and a closing quote count as one mistake).
   */
  private shouldReport(char: string): boolean {
    const count = this.reported.get(char) ?? 0;
    this.reported.set(char, count + 1);
    if (char === ';') return count < 1;
    if (char === '`' || char === "'") return count % 2 === 0;
    if (char in BITWISE_HINTS) return count < 4;
    return true;
  }

  private problem(summary: string, detail: string, start: number, end: number): void {
    this.problems.push({ summary, detail, start, end });
  }

  private scanCode(): void {
    const text = this.text;
    const start = this.position;
    const code = text.charCodeAt(start);
    const next = text.charCodeAt(start + 1);
    const char = text[start]!;
    switch (char) {
      case ' ':
      case '\t':
        this.skipSpaces();
        return;
      case '\n':
        this.emit('newline', start, start + 1);
        this.position = start + 1;
        return;
      case '\r':
        if (next === CHAR_NEWLINE) {
          this.emit('newline', start, start + 2);
          this.position = start + 2;
        } else {
          this.invalidCharacter(start, 'This character is not used within the language.');
        }
        return;
      case '#':
        this.lineComment(start);
        return;
      case '/':
        if (next === 47) {
          this.lineComment(start);
          return;
        }
        if (next === 42) {
          this.blockComment(start);
          return;
        }
        break;
      case '"':
        this.emit('oquote', start, start + 1);
        this.position = start + 1;
        this.modes.push({ kind: 'quoted' });
        return;
      case '<':
        if (next === 60 && this.heredocOpener(start)) return;
        break;
      case '{':
        this.braces++;
        break;
      case '}':
        this.closeBrace(start, 1);
        return;
      case '~':
        if (next === 125) this.closeBrace(start, 2);
        else this.unsupportedOperator(start);
        return;
      case '&':
      case '|':
        if (next !== code) {
          this.unsupportedOperator(start);
          return;
        }
        break;
      case '^':
        this.unsupportedOperator(start);
        return;
      case '`':
      case "'":
      case ';':
        this.invalidCharacter(start, INVALID_CHARACTER_DETAILS[char]!);
        return;
    }
    const operator = operatorAt(text, start);
    if (operator) {
      this.emit(operator, start, start + operator.length);
      this.position = start + operator.length;
    } else if (code >= 48 && code <= 57) {
      this.number(start);
    } else {
      const identEnd = this.identifierEnd(start);
      if (identEnd > start) {
        this.emit('ident', start, identEnd, text.slice(start, identEnd));
        this.position = identEnd;
      } else {
        this.invalidCharacter(start, 'This character is not used within the language.');
      }
    }
  }

  private skipSpaces(): void {
    const text = this.text;
    let end = this.position + 1;
    while (end < text.length) {
      const code = text.charCodeAt(end);
      if (code !== CHAR_SPACE && code !== CHAR_TAB) break;
      end++;
    }
    this.position = end;
  }

  private invalidCharacter(start: number, detail: string): void {
    const end = start + codePointLength(this.text, start);
    if (this.shouldReport(this.text[start]!)) this.problem('Invalid character', detail, start, end);
    this.emit('invalid', start, end);
    this.position = end;
  }

  private unsupportedOperator(start: number): void {
    const char = this.text[start]!;
    if (this.shouldReport(char)) {
      this.problem(
        'Unsupported operator',
        `Bitwise operators are not supported.${BITWISE_HINTS[char]}`,
        start,
        start + 1,
      );
    }
    this.emit('invalid', start, start + 1);
    this.position = start + 1;
  }

  /** A `#` or `//` comment: dropped, but the newline ending it still counts as one. */
  private lineComment(start: number): void {
    const newline = this.text.indexOf('\n', start);
    if (newline === -1) {
      this.position = this.text.length;
      return;
    }
    // Like hcl's peeker, the newline a comment stands for covers the whole comment.
    this.emit('newline', start, newline + 1);
    this.position = newline + 1;
  }

  private blockComment(start: number): void {
    const close = this.text.indexOf('*/', start + 2);
    if (close === -1) {
      this.problem(
        'Unterminated comment',
        'There is no closing "*/" for this comment before the end of the file.',
        start,
        start + 2,
      );
      this.position = this.text.length;
      return;
    }
    this.position = close + 2;
  }

  /** `<<EOT` or `<<-EOT` directly followed by a newline; returns false when this is not a heredoc. */
  private heredocOpener(start: number): boolean {
    const text = this.text;
    let markerStart = start + 2;
    if (text.charCodeAt(markerStart) === 45) markerStart++;
    const markerEnd = this.identifierEnd(markerStart);
    if (markerEnd === markerStart) return false;
    let end = markerEnd;
    if (text.charCodeAt(end) === CHAR_RETURN) end++;
    if (text.charCodeAt(end) !== CHAR_NEWLINE) return false;
    this.emit('oheredoc', start, end + 1, text.slice(start, markerEnd));
    this.position = end + 1;
    this.modes.push({ kind: 'heredoc', marker: text.slice(markerStart, markerEnd), startOfLine: true });
    return true;
  }

  /** `}` or `~}`: ends a template sequence when it balances the `${`/`%{` that opened it. */
  private closeBrace(start: number, length: number): void {
    const end = start + length;
    const depths = this.sequenceDepths;
    const closesSequence = depths.length > 0 && depths[depths.length - 1] === this.braces;
    // Like hcl, `~}` is always a sequence end so a misplaced one is reported by the parser.
    if (closesSequence || length === 2) this.emit('seq-end', start, end, this.text.slice(start, end));
    else this.emit('}', start, end);
    this.braces--;
    this.position = end;
    if (closesSequence) {
      depths.pop();
      this.modes.pop();
    }
  }

  private number(start: number): void {
    const text = this.text;
    let end = start + 1;
    while (end < text.length) {
      const code = text.charCodeAt(end);
      if ((code >= 48 && code <= 57) || code === 46) {
        end++;
      } else if (code === 101 || code === 69) {
        const sign = text.charCodeAt(end + 1);
        const digitAt = sign === 43 || sign === 45 ? end + 2 : end + 1;
        const digit = text.charCodeAt(digitAt);
        if (digit >= 48 && digit <= 57) end = digitAt + 1;
        else break;
      } else break;
    }
    // A number never ends with a dot: `1.` is the number 1 followed by a dot.
    while (text.charCodeAt(end - 1) === 46) end--;
    this.emit('number', start, end, text.slice(start, end));
    this.position = end;
  }

  private identifierEnd(start: number): number {
    const text = this.text;
    if (start >= text.length) return start;
    const first = text.charCodeAt(start);
    let end: number;
    if ((first >= 97 && first <= 122) || (first >= 65 && first <= 90) || first === 95) end = start + 1;
    else if (first >= 0x80) {
      const char = String.fromCodePoint(text.codePointAt(start)!);
      if (!ID_START.test(char)) return start;
      end = start + char.length;
    } else return start;
    while (end < text.length) {
      const code = text.charCodeAt(end);
      if (
        (code >= 97 && code <= 122) ||
        (code >= 65 && code <= 90) ||
        (code >= 48 && code <= 57) ||
        code === 95 ||
        code === 45
      ) {
        end++;
      } else if (code >= 0x80) {
        const char = String.fromCodePoint(text.codePointAt(end)!);
        if (!ID_CONTINUE.test(char)) break;
        end += char.length;
      } else break;
    }
    return end;
  }

  /** Enters code for a `${` or `%{` at `start`, with its optional strip marker. */
  private openSequence(start: number): void {
    const type: TokenType = this.text.charCodeAt(start) === CHAR_DOLLAR ? 'interp' : 'control';
    const end = this.text.charCodeAt(start + 2) === 126 ? start + 3 : start + 2;
    this.emit(type, start, end, this.text.slice(start, end));
    this.position = end;
    this.braces++;
    this.sequenceDepths.push(this.braces);
    this.modes.push({ kind: 'code' });
  }

  /** Literal text of a quoted template, with escapes resolved, up to the next sequence or the quote. */
  private scanQuoted(): void {
    const text = this.text;
    const start = this.position;
    let value = '';
    let runStart = start;
    let position = start;
    while (position < text.length) {
      const code = text.charCodeAt(position);
      if (code === CHAR_QUOTE || code === CHAR_NEWLINE || code === CHAR_RETURN) break;
      if (code === CHAR_DOLLAR || code === CHAR_PERCENT) {
        const next = text.charCodeAt(position + 1);
        if (next === CHAR_OPEN_BRACE) break;
        if (next === code && text.charCodeAt(position + 2) === CHAR_OPEN_BRACE) {
          // `$${` and `%%{` are the escaped, literal `${` and `%{`.
          value += `${text.slice(runStart, position + 1)}{`;
          position += 3;
          runStart = position;
          continue;
        }
        position++;
        continue;
      }
      if (code === CHAR_BACKSLASH) {
        value += text.slice(runStart, position);
        const resolved = this.escape(position);
        value += resolved.value;
        position = resolved.end;
        runStart = position;
        continue;
      }
      position++;
    }
    value += text.slice(runStart, position);
    if (position > start) this.emit('literal', start, position, value);
    this.position = position;
    if (position >= text.length) return;
    const code = text.charCodeAt(position);
    if (code === CHAR_QUOTE) {
      this.emit('cquote', position, position + 1);
      this.position = position + 1;
      this.modes.pop();
    } else if (code === CHAR_NEWLINE || code === CHAR_RETURN) {
      // A quoted string cannot span lines. Unlike hcl, leave string mode here so the rest of the file
      // still scans as code; the parser also reports the unterminated string at this newline.
      const newlineEnd =
        code === CHAR_RETURN && text.charCodeAt(position + 1) === CHAR_NEWLINE ? position + 2 : position + 1;
      this.problem(
        'Invalid multi-line string',
        'Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
        position,
        newlineEnd,
      );
      this.modes.pop();
    } else {
      this.openSequence(position);
    }
  }

  /** One backslash escape of a quoted template, as hclsyntax.ParseStringLiteralToken resolves it. */
  private escape(start: number): { value: string; end: number } {
    const text = this.text;
    const selector = text[start + 1];
    switch (selector) {
      case 'n':
        return { value: '\n', end: start + 2 };
      case 'r':
        return { value: '\r', end: start + 2 };
      case 't':
        return { value: '\t', end: start + 2 };
      case '"':
        return { value: '"', end: start + 2 };
      case '\\':
        return { value: '\\', end: start + 2 };
      case 'u':
      case 'U': {
        const digitCount = selector === 'u' ? 4 : 8;
        const digits = text.slice(start + 2, start + 2 + digitCount);
        if (digits.length !== digitCount || !HEX_DIGITS.test(digits)) {
          const words = selector === 'u' ? 'four' : 'eight';
          this.problem(
            'Invalid escape sequence',
            `The \\${selector} escape sequence must be followed by ${words} hexadecimal digits.`,
            start,
            start + 2,
          );
          return { value: `\\${selector}`, end: start + 2 };
        }
        const codePoint = Number.parseInt(digits, 16);
        const end = start + 2 + digitCount;
        if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
          const hex = codePoint.toString(16).padStart(4, '0');
          this.problem('Invalid escape sequence', `Cannot encode character U+${hex} in UTF-8.`, start, end);
          return { value: text.slice(start, end), end };
        }
        return { value: String.fromCodePoint(codePoint), end };
      }
      case undefined:
      case '\n':
      case '\r':
        this.problem(
          'Invalid escape sequence',
          'Backslash must be followed by an escape sequence selector character.',
          start,
          start + 1,
        );
        return { value: '\\', end: start + 1 };
      default: {
        const end = start + 1 + codePointLength(text, start + 1);
        const symbol = text.slice(start + 1, end);
        this.problem(
          'Invalid escape sequence',
          `The symbol ${JSON.stringify(symbol)} is not a valid escape sequence selector.`,
          start,
          end,
        );
        return { value: symbol, end };
      }
    }
  }

  /** Heredoc content: the closing marker line, or one line (or part of a line) of literal text. */
  private scanHeredoc(mode: { kind: 'heredoc'; marker: string; startOfLine: boolean }): void {
    if (mode.startOfLine && this.closingMarker(mode.marker)) return;
    this.scanTemplateLine(mode);
  }

  private closingMarker(marker: string): boolean {
    const text = this.text;
    const start = this.position;
    const newline = text.indexOf('\n', start);
    const lineEnd = newline === -1 ? text.length : newline;
    const contentEnd =
      lineEnd > start && text.charCodeAt(lineEnd - 1) === CHAR_RETURN ? lineEnd - 1 : lineEnd;
    if (text.slice(start, contentEnd).trim() !== marker) return false;
    this.emit('cheredoc', start, contentEnd);
    // hcl emits the newline after the marker separately, so that it still ends the attribute.
    if (newline !== -1) this.emit('newline', contentEnd, newline + 1);
    this.position = newline === -1 ? text.length : newline + 1;
    this.modes.pop();
    return true;
  }

  /**
   * Literal text of a heredoc or bare template up to the end of the line (inclusive) or the next sequence.
   * hcl makes each line a separate literal token, which decides what strip markers and `<<-` affect.
   */
  private scanTemplateLine(mode: { startOfLine: boolean }): void {
    const text = this.text;
    const start = this.position;
    let value = '';
    let runStart = start;
    let position = start;
    let endsLine = false;
    let opensSequence = false;
    while (position < text.length) {
      const code = text.charCodeAt(position);
      if (code === CHAR_NEWLINE) {
        position++;
        endsLine = true;
        break;
      }
      if (code === CHAR_DOLLAR || code === CHAR_PERCENT) {
        const next = text.charCodeAt(position + 1);
        if (next === CHAR_OPEN_BRACE) {
          opensSequence = true;
          break;
        }
        if (next === code && text.charCodeAt(position + 2) === CHAR_OPEN_BRACE) {
          value += `${text.slice(runStart, position + 1)}{`;
          position += 3;
          runStart = position;
          continue;
        }
      }
      position++;
    }
    value += text.slice(runStart, position);
    if (position > start) this.emit('literal', start, position, value);
    this.position = position;
    mode.startOfLine = endsLine;
    if (opensSequence) {
      mode.startOfLine = false;
      this.openSequence(position);
    }
  }
}

/** The operator or punctuation token at `start`, if any. */
function operatorAt(text: string, start: number): TokenType | undefined {
  const candidates = OPERATORS_BY_FIRST_CHAR.get(text[start]!);
  if (candidates === undefined) return undefined;
  for (const operator of candidates) {
    if (operator.length === 1 || text.startsWith(operator, start)) return operator;
  }
  return undefined;
}

function codePointLength(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (Number.isNaN(code)) return 0;
  return code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? 2 : 1;
}
