// jsonencode / jsondecode as cty's JSON package and Go's encoding/json do them: sorted keys, no spaces,
// HTML-safe escapes, numbers without exponent, and Go's syntax-error wording.

import { isObjectValue, makeObject, sortedKeys, TerraformSet, Unknown, type Value } from '../eval/value.js';
import { decimalText } from './go-number-format.js';

/** A JSON document that does not parse; the message is Go's encoding/json wording. */
export class JsonSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

/** A value JSON cannot hold (an infinity or an unknown). */
export class JsonValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonValueError';
  }
}

/** Serializes a wholly known value as Terraform's jsonencode does. */
export function encodeJson(value: Value): string {
  if (value === null) return 'null';
  if (value instanceof Unknown) throw new JsonValueError('value is not yet known');
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new JsonValueError('cannot serialize infinity as JSON');
    return decimalText(value);
  }
  if (typeof value === 'string') return quoteJsonString(value);
  if (value instanceof TerraformSet) return `[${value.items.map(encodeJson).join(',')}]`;
  if (Array.isArray(value)) return `[${value.map(encodeJson).join(',')}]`;
  if (isObjectValue(value)) {
    return `{${sortedKeys(value)
      .map((key) => `${quoteJsonString(key)}:${encodeJson(value[key] as Value)}`)
      .join(',')}}`;
  }
  throw new JsonValueError('unsupported value');
}

/** Go's json.Marshal of a string (HTML-safe: <, >, & become \u003c, \u003e, \u0026). */
export function quoteJsonString(text: string): string {
  let out = '"';
  for (const character of text) {
    const code = character.codePointAt(0) as number;
    switch (character) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
    }
    if (
      code < 0x20 ||
      character === '<' ||
      character === '>' ||
      character === '&' ||
      code === 0x2028 ||
      code === 0x2029
    ) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      // A lone surrogate cannot come from UTF-8; Go would see invalid bytes and write U+FFFD.
      out += '\\ufffd';
    } else {
      out += character;
    }
  }
  return `${out}"`;
}

/** Parses JSON as Terraform's jsondecode does: objects become objects, arrays tuples, duplicate keys fail. */
export function decodeJson(text: string): Value {
  const parser = new JsonParser(text);
  parser.skipWhitespace();
  if (parser.atEnd()) throw new JsonSyntaxError('unexpected end of JSON input');
  const value = parser.parseValue();
  parser.skipWhitespace();
  if (!parser.atEnd())
    throw new JsonSyntaxError(`invalid character ${parser.quoteCurrent()} after top-level value`);
  return value;
}

class JsonParser {
  private position = 0;
  private depth = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.position >= this.text.length;
  }

  skipWhitespace(): void {
    while (this.position < this.text.length) {
      const character = this.text[this.position];
      if (character !== ' ' && character !== '\t' && character !== '\n' && character !== '\r') return;
      this.position++;
    }
  }

  quoteCurrent(): string {
    return quoteGoCharacter(String.fromCodePoint(this.text.codePointAt(this.position) ?? 0));
  }

  private fail(context: string): never {
    if (this.atEnd()) throw new JsonSyntaxError('unexpected end of JSON input');
    throw new JsonSyntaxError(`invalid character ${this.quoteCurrent()} ${context}`);
  }

  parseValue(): Value {
    const character = this.text[this.position];
    if (character === '{') return this.nested(() => this.parseObject());
    if (character === '[') return this.nested(() => this.parseArray());
    if (character === '"') return this.parseString();
    if (character === '-' || (character !== undefined && character >= '0' && character <= '9'))
      return this.parseNumber();
    for (const [literal, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (character === literal[0]) {
        for (let index = 0; index < literal.length; index++, this.position++) {
          if (this.text[this.position] !== literal[index])
            this.fail(`in literal ${literal} (expecting '${literal[index]}')`);
        }
        return value;
      }
    }
    return this.fail('looking for beginning of value');
  }

  private nested(parse: () => Value): Value {
    // Go stops at 10000 levels; 1000 keeps this recursive parser well inside the JS stack.
    if (++this.depth > 1000) throw new JsonSyntaxError('exceeded max depth');
    const value = parse();
    this.depth--;
    return value;
  }

  private parseObject(): Value {
    this.position++;
    const entries = new Map<string, Value>();
    this.skipWhitespace();
    if (this.text[this.position] === '}') {
      this.position++;
      return makeObject();
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.position] !== '"') this.fail('looking for beginning of object key string');
      const key = this.parseString();
      if (entries.has(key))
        throw new JsonSyntaxError(`duplicate ${JSON.stringify(key)} property in JSON object`);
      this.skipWhitespace();
      if (this.text[this.position] !== ':') this.fail('after object key');
      this.position++;
      this.skipWhitespace();
      entries.set(key, this.parseValue());
      this.skipWhitespace();
      const next = this.text[this.position];
      this.position++;
      if (next === '}') return makeObject(entries);
      if (next !== ',') {
        this.position--;
        this.fail('after object key:value pair');
      }
    }
  }

  private parseArray(): Value {
    this.position++;
    const items: Value[] = [];
    this.skipWhitespace();
    if (this.text[this.position] === ']') {
      this.position++;
      return items;
    }
    for (;;) {
      this.skipWhitespace();
      items.push(this.parseValue());
      this.skipWhitespace();
      const next = this.text[this.position];
      this.position++;
      if (next === ']') return items;
      if (next !== ',') {
        this.position--;
        this.fail('after array element');
      }
    }
  }

  private parseString(): string {
    this.position++;
    let out = '';
    for (;;) {
      const character = this.text[this.position];
      if (character === undefined) this.fail('in string literal');
      if (character === '"') {
        this.position++;
        return out;
      }
      if (character < ' ') this.fail('in string literal');
      if (character !== '\\') {
        out += character;
        this.position++;
        continue;
      }
      this.position++;
      const escapeCharacter = this.text[this.position];
      const simple: Record<string, string> = {
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
      };
      if (escapeCharacter !== undefined && escapeCharacter in simple) {
        out += simple[escapeCharacter];
        this.position++;
        continue;
      }
      if (escapeCharacter !== 'u') this.fail('in string escape code');
      this.position++;
      const unit = this.readHex4();
      if (unit >= 0xd800 && unit < 0xdc00 && this.text.startsWith('\\u', this.position)) {
        const saved = this.position;
        this.position += 2;
        const low = this.readHex4();
        if (low >= 0xdc00 && low < 0xe000) {
          out += String.fromCharCode(unit, low);
          continue;
        }
        this.position = saved;
      }
      out += unit >= 0xd800 && unit < 0xe000 ? '\ufffd' : String.fromCharCode(unit);
    }
  }

  private readHex4(): number {
    let value = 0;
    for (let index = 0; index < 4; index++) {
      const character = this.text[this.position];
      const digit = character === undefined ? Number.NaN : Number.parseInt(character, 16);
      if (Number.isNaN(digit)) this.fail('in \\u hexadecimal character escape');
      value = value * 16 + digit;
      this.position++;
    }
    return value;
  }

  private parseNumber(): number {
    const start = this.position;
    if (this.text[this.position] === '-') this.position++;
    const isDigit = (): boolean => {
      const character = this.text[this.position];
      return character !== undefined && character >= '0' && character <= '9';
    };
    if (this.text[this.position] === '0') this.position++;
    else if (isDigit()) while (isDigit()) this.position++;
    else this.fail('in numeric literal');
    if (this.text[this.position] === '.') {
      this.position++;
      if (!isDigit()) this.fail('after decimal point in numeric literal');
      while (isDigit()) this.position++;
    }
    if (this.text[this.position] === 'e' || this.text[this.position] === 'E') {
      this.position++;
      if (this.text[this.position] === '+' || this.text[this.position] === '-') this.position++;
      if (!isDigit()) this.fail('in exponent of numeric literal');
      while (isDigit()) this.position++;
    }
    return Number(this.text.slice(start, this.position));
  }
}

/** Go's quoteChar for syntax errors: 'x', '\'' or an escaped form. */
function quoteGoCharacter(character: string): string {
  if (character === "'") return "'\\''";
  if (character === '"') return "'\"'";
  const quoted = JSON.stringify(character);
  return `'${quoted.slice(1, -1)}'`;
}
