// A small JSON parser that keeps source offsets (JSON.parse has none), for `.tf.json` files. Strings keep a
// map from decoded offsets back to source offsets, so templates inside them get exact positions despite
// escapes. Errors use hcl's JSON wording; parsing goes on after them where it can.

import type { LexProblem } from './tokens.js';

export type JsonValue = JsonObject | JsonArray | JsonString | JsonScalar;

/** A JSON value's span: `start` inclusive, `end` exclusive, as UTF-16 offsets into the source. */
interface Span {
  start: number;
  end: number;
}

export interface JsonObject extends Span {
  kind: 'object';
  members: JsonMember[];
}

export interface JsonMember {
  key: JsonString;
  value: JsonValue;
}

export interface JsonArray extends Span {
  kind: 'array';
  items: JsonValue[];
}

export interface JsonString extends Span {
  kind: 'string';
  value: string;
  /** Source offset of each decoded offset (0..value.length); absent when the string has no escapes. */
  sourceOffsets: number[] | undefined;
}

export interface JsonScalar extends Span {
  kind: 'number' | 'boolean' | 'null';
  value: number | boolean | null;
}

const NUMBER_SYNTAX = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** The source offset of decoded offset `index` of a JSON string. */
export function sourceOffset(string: JsonString, index: number): number {
  return string.sourceOffsets ? string.sourceOffsets[index]! : string.start + 1 + index;
}

/** Parses a JSON document; `value` is absent only when there is no value at all. Never throws. */
export function parseJsonDocument(text: string): { value: JsonValue | undefined; problems: LexProblem[] } {
  const reader = new JsonReader(text);
  const value = reader.document();
  return { value, problems: reader.problems };
}

class JsonReader {
  readonly problems: LexProblem[] = [];
  private position = 0;
  private depth = 0;

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.position = 1;
  }

  document(): JsonValue | undefined {
    this.skipSpace();
    const value = this.value();
    this.skipSpace();
    if (value && this.position < this.text.length && this.problems.length === 0) {
      this.problem(
        'Extraneous data after value',
        'Extra characters appear after the JSON value.',
        this.position,
      );
    }
    return value;
  }

  private problem(summary: string, detail: string, start: number, end = start + 1): void {
    this.problems.push({ summary, detail, start, end: Math.min(end, this.text.length) });
  }

  private skipSpace(): void {
    const text = this.text;
    while (this.position < text.length) {
      const code = text.charCodeAt(this.position);
      if (code !== 32 && code !== 10 && code !== 13 && code !== 9) return;
      this.position++;
    }
  }

  private value(): JsonValue | undefined {
    const text = this.text;
    const start = this.position;
    if (start >= text.length) {
      this.problem('Missing value', 'The JSON data ends prematurely.', start, start);
      return undefined;
    }
    const char = text[start]!;
    if (char === '{' || char === '[') {
      if (this.depth >= 1000) {
        this.problem('Nesting too deep', 'JSON values may be nested at most 1000 levels deep.', start);
        this.position = text.length;
        return undefined;
      }
      this.depth++;
      const value = char === '{' ? this.object() : this.array();
      this.depth--;
      return value;
    }
    if (char === '"') return this.string();
    if (char === '-' || (char >= '0' && char <= '9')) return this.number();
    if (/[A-Za-z_]/.test(char)) return this.keyword();
    const summary =
      char === '}'
        ? 'Missing JSON value'
        : char === ']'
          ? 'Missing array element value'
          : 'Invalid start of value';
    this.problem(
      summary,
      'A JSON value must start with a brace, a bracket, a number, a string, or a keyword.',
      start,
    );
    return undefined;
  }

  private object(): JsonObject {
    const start = this.position;
    this.position++;
    const members: JsonMember[] = [];
    const result = (): JsonObject => ({ kind: 'object', members, start, end: this.position });
    this.skipSpace();
    if (this.text[this.position] === '}') {
      this.position++;
      return result();
    }
    for (;;) {
      this.skipSpace();
      const keyStart = this.position;
      if (this.text[keyStart] !== '"') {
        if (keyStart >= this.text.length) {
          this.problem('Unclosed object', 'No closing brace was found for this JSON object.', start);
        } else {
          this.problem(
            'Invalid object property name',
            'A JSON object property name must be a string',
            keyStart,
          );
          this.skipTo('}');
        }
        return result();
      }
      const key = this.string();
      this.skipSpace();
      const colon = this.text[this.position];
      if (colon !== ':') {
        if (colon === '}' || colon === ',') {
          this.problem(
            'Missing object value',
            'A JSON object attribute must have a value, introduced by a colon.',
            this.position,
          );
        } else if (colon === '=') {
          this.problem(
            'Missing property value colon',
            'JSON uses a colon as its name/value delimiter, not an equals sign.',
            this.position,
          );
        } else {
          this.problem(
            'Missing property value colon',
            "A colon must appear between an object property's name and its value.",
            this.position,
          );
        }
        this.skipTo('}');
        return result();
      }
      this.position++;
      this.skipSpace();
      const value = this.value();
      if (!value) {
        this.skipTo('}');
        return result();
      }
      members.push({ key, value });
      this.skipSpace();
      const separator = this.text[this.position];
      if (separator === ',') {
        const comma = this.position;
        this.position++;
        this.skipSpace();
        if (this.text[this.position] === '}') {
          this.problem(
            'Trailing comma in object',
            'JSON does not permit a trailing comma after the final property in an object.',
            comma,
          );
          this.position++;
          return result();
        }
        continue;
      }
      if (separator === '}') {
        this.position++;
        return result();
      }
      if (separator === undefined) {
        this.problem('Unclosed object', 'No closing brace was found for this JSON object.', start);
      } else if (separator === ']') {
        this.problem(
          'Mismatched braces',
          'A JSON object must be closed with a brace, not a bracket.',
          this.position,
        );
        this.position++;
      } else {
        this.problem(
          'Missing attribute seperator comma',
          'A comma must appear between each property definition in an object.',
          this.position,
        );
        this.skipTo('}');
      }
      return result();
    }
  }

  private array(): JsonArray {
    const start = this.position;
    this.position++;
    const items: JsonValue[] = [];
    const result = (): JsonArray => ({ kind: 'array', items, start, end: this.position });
    this.skipSpace();
    if (this.text[this.position] === ']') {
      this.position++;
      return result();
    }
    for (;;) {
      this.skipSpace();
      const value = this.value();
      if (!value) {
        this.skipTo(']');
        return result();
      }
      items.push(value);
      this.skipSpace();
      const separator = this.text[this.position];
      if (separator === ',') {
        const comma = this.position;
        this.position++;
        this.skipSpace();
        if (this.text[this.position] === ']') {
          this.problem(
            'Trailing comma in array',
            'JSON does not permit a trailing comma after the final value in an array.',
            comma,
          );
          this.position++;
          return result();
        }
        continue;
      }
      if (separator === ']') {
        this.position++;
        return result();
      }
      if (separator === undefined) {
        this.problem('Unclosed object', 'No closing bracket was found for this JSON array.', start);
      } else if (separator === '}') {
        this.problem(
          'Mismatched brackets',
          'A JSON array must be closed with a bracket, not a brace.',
          this.position,
        );
        this.position++;
      } else if (separator === ':') {
        this.problem(
          'Invalid array value',
          'A colon is not used to introduce values in a JSON array.',
          this.position,
        );
        this.skipTo(']');
      } else {
        this.problem(
          'Missing attribute seperator comma',
          'A comma must appear between each value in an array.',
          this.position,
        );
        this.skipTo(']');
      }
      return result();
    }
  }

  /** Recovery: moves past the `closer` that ends the current object or array, skipping nested ones. */
  private skipTo(closer: '}' | ']'): void {
    const text = this.text;
    const expected: string[] = [closer];
    while (this.position < text.length) {
      const char = text[this.position]!;
      if (char === '"') {
        this.skipString();
        continue;
      }
      this.position++;
      if (char === '{') expected.push('}');
      else if (char === '[') expected.push(']');
      else if (char === '}' || char === ']') {
        const match = expected.lastIndexOf(char);
        if (match >= 0) expected.length = match;
        if (expected.length === 0) return;
      }
    }
  }

  private skipString(): void {
    const text = this.text;
    this.position++;
    while (this.position < text.length) {
      const char = text[this.position]!;
      if (char === '\\') this.position += 2;
      else if (char === '"' || char === '\n') {
        this.position++;
        return;
      } else this.position++;
    }
  }

  private string(): JsonString {
    const text = this.text;
    const start = this.position;
    let position = start + 1;
    let value = '';
    let runStart = position;
    let offsets: number[] | undefined;
    const invalid = (at: number, length = 1): void =>
      this.problem(
        'Invalid JSON string',
        'There is a syntax error in the given JSON string.',
        at,
        at + length,
      );
    for (;;) {
      if (position >= text.length || text.charCodeAt(position) === 10) {
        invalid(start, position - start);
        break;
      }
      const code = text.charCodeAt(position);
      if (code === 34) break;
      if (code < 0x20) {
        invalid(position);
        position++;
        continue;
      }
      if (code !== 92) {
        position++;
        continue;
      }
      // An escape: from here on decoded and source offsets differ, so record one source offset per
      // decoded unit (plain characters map one to one until the first escape).
      offsets ??= [];
      for (let index = runStart; index < position; index++) offsets.push(index);
      value += text.slice(runStart, position);
      const selector = text[position + 1] ?? '';
      const simple = SIMPLE_ESCAPES[selector];
      if (simple !== undefined) {
        offsets.push(position);
        value += simple;
        position += 2;
      } else if (selector === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(position + 2, position + 6))) {
        offsets.push(position);
        value += String.fromCharCode(Number.parseInt(text.slice(position + 2, position + 6), 16));
        position += 6;
      } else if (selector === '' || selector === '\n') {
        invalid(position);
        position += 1;
      } else {
        invalid(position, 2);
        offsets.push(position);
        value += selector;
        position += 2;
      }
      runStart = position;
    }
    if (offsets) {
      for (let index = runStart; index < position; index++) offsets.push(index);
      offsets.push(position);
    }
    value += text.slice(runStart, position);
    this.position = position < text.length && text.charCodeAt(position) === 34 ? position + 1 : position;
    return { kind: 'string', value, sourceOffsets: offsets, start, end: this.position };
  }

  private number(): JsonScalar {
    const text = this.text;
    const start = this.position;
    let end = start;
    while (end < text.length && /[-+0-9.eE]/.test(text[end]!)) end++;
    const source = text.slice(start, end);
    this.position = end;
    if (!NUMBER_SYNTAX.test(source)) {
      this.problem('Invalid JSON number', 'There is a syntax error in the given JSON number.', start, end);
    }
    return { kind: 'number', value: Number(source) || 0, start, end };
  }

  private keyword(): JsonScalar {
    const text = this.text;
    const start = this.position;
    let end = start;
    while (end < text.length && /[A-Za-z0-9_]/.test(text[end]!)) end++;
    const word = text.slice(start, end);
    this.position = end;
    if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true', start, end };
    if (word !== 'null') {
      const detail =
        word === 'undefined' || word === 'NaN' || word === 'Infinity'
          ? `The JavaScript identifier "${word}" cannot be used in JSON.`
          : `"${word}" is not a valid JSON keyword.${keywordSuggestion(word)}`;
      this.problem('Invalid JSON keyword', detail, start, end);
    }
    return { kind: 'null', value: null, start, end };
  }
}

function keywordSuggestion(word: string): string {
  const lower = word.toLowerCase();
  for (const keyword of ['true', 'false', 'null']) {
    if (lower === keyword || (lower.length > 1 && keyword.startsWith(lower)))
      return ` Did you mean "${keyword}"?`;
  }
  return '';
}
