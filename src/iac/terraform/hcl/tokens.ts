// Tokens of HCL native syntax, as produced by the lexer. Offsets are UTF-16 indices into the text.

export type TokenType =
  | 'ident'
  | 'number'
  | 'newline'
  /** `"` opening a quoted template. */
  | 'oquote'
  | 'cquote'
  /** `<<EOT` or `<<-EOT` with its newline; `value` is the source text up to the marker. */
  | 'oheredoc'
  /** The line holding the closing marker, without its newline. */
  | 'cheredoc'
  /** Literal text of a template; `value` has escapes resolved. */
  | 'literal'
  /** `${` or `${~` (in `value`). */
  | 'interp'
  /** `%{` or `%{~` (in `value`). */
  | 'control'
  /** `}` or `~}` (in `value`) closing an interpolation or directive. */
  | 'seq-end'
  | '{'
  | '}'
  | '['
  | ']'
  | '('
  | ')'
  | '='
  | '=='
  | '!='
  | '<'
  | '>'
  | '<='
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '&&'
  | '||'
  | '!'
  | '?'
  | ':'
  | '::'
  | '.'
  | ','
  | '...'
  | '=>'
  /** A character the language does not use; the lexer has already reported it. */
  | 'invalid'
  | 'eof';

export interface Token {
  type: TokenType;
  start: number;
  end: number;
  /** Identifier name, number text, resolved literal text, or the source text of template markers. */
  value: string;
}

/** A problem the lexer found, located by offsets; the parser turns it into a diagnostic. */
export interface LexProblem {
  summary: string;
  detail: string;
  start: number;
  end: number;
}

/** For each bracketing token, the token that closes it. */
export const CLOSER_OF: Partial<Record<TokenType, TokenType>> = {
  '{': '}',
  '[': ']',
  '(': ')',
  oquote: 'cquote',
  oheredoc: 'cheredoc',
  interp: 'seq-end',
  control: 'seq-end',
};

/** True for tokens that close a bracketing token. */
export function isCloser(type: TokenType): boolean {
  return (
    type === '}' ||
    type === ']' ||
    type === ')' ||
    type === 'cquote' ||
    type === 'cheredoc' ||
    type === 'seq-end'
  );
}
