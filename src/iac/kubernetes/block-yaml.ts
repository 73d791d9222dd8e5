// A fast path for the YAML that Kubernetes manifests are almost always written in: block mappings and
// sequences, one-line plain and quoted scalars, `|`/`>` block scalars, one-line flow sequences of
// scalars, comments and `---` separators. It gives exactly what js-yaml's loadAll gives for such text,
// and gives up (undefined) on anything else — anchors, tags, aliases, multi-line plain or quoted
// scalars, escapes, flow mappings, complex keys, directives, tabs, duplicate keys, anything js-yaml
// would reject — so that js-yaml, the reference, decides those. It exists because js-yaml's general
// character-at-a-time machinery, run once over a corpus (cold), was a third of the manifest pipeline.
//
// Plain scalars are resolved by the schema's own implicit types (null, bool, int, float, timestamp),
// in the schema's order, so numbers, booleans and dates come out as js-yaml makes them.

import type { Type } from 'js-yaml';

/** Why the fast path gave up: nothing to report, js-yaml parses the text instead. */
const GIVE_UP = Symbol('give up');

// Characters that js-yaml treats specially or that make lines ambiguous here: tabs, carriage returns,
// other C0/C1 controls, Unicode line separators, BOMs, surrogates (astral characters go the slow way).
const UNSUPPORTED_CHARACTERS = /[\x00-\x09\x0B-\x1F\x7F-\x9F\u2028\u2029\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/;
// First characters of a plain scalar that need js-yaml: indicators, reserved and flow characters.
const NOT_PLAIN_FIRST = new Set([...'&*!|>\'"%@`,[]{}#?:'].map((char) => char.charCodeAt(0)));
// Every implicit type of js-yaml's default schema accepts only scalars starting with one of these
// (null `~`/`null`, bool `true`/`false`, int and float signs and digits, `.inf`, timestamps, merge `<<`).
const MAY_RESOLVE_FIRST = new Set([...'~nNtTfF0123456789+-.<'].map((char) => char.charCodeAt(0)));
const MERGE_TAG = 'tag:yaml.org,2002:merge';
// js-yaml's one-character escapes of double-quoted scalars.
const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\x00',
  a: '\x07',
  b: '\x08',
  t: '\x09',
  n: '\x0A',
  v: '\x0B',
  f: '\x0C',
  r: '\x0D',
  e: '\x1B',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xA0',
  L: '\u2028',
  P: '\u2029',
};

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const BACKSLASH = 92;

interface Line {
  /** Offset of the first character. */
  start: number;
  /** Offset of the line break (or the text's end). */
  end: number;
  /** Leading spaces. */
  indent: number;
  /** Nothing but spaces, or a comment after them: no content for the structure. */
  empty: boolean;
}

/** Parse a YAML stream in the block subset; undefined when the text needs the general parser. */
export function parseBlockYamlStream(text: string, implicitTypes: readonly Type[]): unknown[] | undefined {
  if (UNSUPPORTED_CHARACTERS.test(text)) return undefined;
  try {
    return new BlockParser(text, implicitTypes).stream();
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

class BlockParser {
  private readonly lines: Line[] = [];
  /** Index of the current line. */
  private index = 0;
  /** Lines of the current document end before this index. */
  private limit = 0;

  constructor(
    private readonly text: string,
    private readonly implicitTypes: readonly Type[],
  ) {
    for (let start = 0; start < text.length; ) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      let first = start;
      while (first < end && text.charCodeAt(first) === SPACE) first++;
      this.lines.push({
        start,
        end,
        indent: first - start,
        empty: first === end || text.charCodeAt(first) === HASH,
      });
      start = end + 1;
    }
  }

  /** All documents, as js-yaml's loadAll yields them. */
  stream(): unknown[] {
    const { lines, text } = this;
    const markers: number[] = [];
    let content = false;
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index]!;
      if (line.empty || line.indent > 0) {
        content ||= !line.empty;
        continue;
      }
      content = true;
      const first = text.charCodeAt(line.start);
      if (first === 37 /* % */) throw GIVE_UP; // directives
      if (text.startsWith('...', line.start)) throw GIVE_UP; // document end markers
      if (text.startsWith('---', line.start)) {
        const after = line.start + 3;
        // `---` alone or with a comment separates documents; `--- value` and `----` need js-yaml.
        if (after < line.end && !this.isBlankOrComment(after, line.end)) throw GIVE_UP;
        markers.push(index);
      }
    }
    // A stream of comments and blank lines only: js-yaml's answer depends on its exact bytes.
    if (!content) throw GIVE_UP;
    const documents: unknown[] = [];
    let from = 0;
    for (let segment = 0; segment <= markers.length; segment++) {
      const to = segment < markers.length ? markers[segment]! : lines.length;
      // Before the first marker, only content makes a document; after each marker there is one.
      const hasContent = this.hasContent(from, to);
      if (segment > 0 || hasContent) documents.push(this.document(from, to));
      from = to + 1;
    }
    return documents;
  }

  private hasContent(from: number, to: number): boolean {
    for (let index = from; index < to; index++) if (!this.lines[index]!.empty) return true;
    return false;
  }

  private document(from: number, to: number): unknown {
    this.index = from;
    this.limit = to;
    const first = this.nextContent();
    if (first === undefined) return null;
    // A root scalar is fine for js-yaml but rare in manifests; keep the fast path to collections.
    const line = this.lines[first]!;
    const value = this.isSequenceItem(line.start + line.indent, line.end)
      ? this.sequence(line.indent)
      : this.keyAt(line.start + line.indent, line.end)
        ? this.mapping(line.indent, line.start + line.indent)
        : this.giveUp();
    if (this.nextContent() !== undefined) throw GIVE_UP; // content after the root node
    return value;
  }

  private giveUp(): never {
    throw GIVE_UP;
  }

  /** Index of the next line with content at or after the current one (within the document). */
  private nextContent(): number | undefined {
    while (this.index < this.limit && this.lines[this.index]!.empty) this.index++;
    return this.index < this.limit ? this.index : undefined;
  }

  // Native searches run at full speed even before the JIT has warmed up, which is most of a single
  // pass over a corpus. Each remembers its last hit, so searching from one line after another stays
  // linear: a hit beyond the position is the answer for every position up to it.
  private commentHit = -1;
  private commentFrom = Number.POSITIVE_INFINITY;
  private colonHit = -1;
  private colonFrom = Number.POSITIVE_INFINITY;

  /** Offset of the first ` #` (a comment after a blank) in [from, to), or `to`. */
  private commentStart(from: number, to: number): number {
    if (!(from >= this.commentFrom && (this.commentHit < 0 || from <= this.commentHit))) {
      this.commentFrom = from;
      this.commentHit = this.text.indexOf(' #', from);
    }
    return this.commentHit >= 0 && this.commentHit < to ? this.commentHit : to;
  }

  /** Offset of the first `: ` in [from, to), or `to`. */
  private colonSpace(from: number, to: number): number {
    if (!(from >= this.colonFrom && (this.colonHit < 0 || from <= this.colonHit))) {
      this.colonFrom = from;
      this.colonHit = this.text.indexOf(': ', from);
    }
    return this.colonHit >= 0 && this.colonHit < to ? this.colonHit : to;
  }

  private isBlankOrComment(from: number, to: number): boolean {
    let position = from;
    while (position < to && this.text.charCodeAt(position) === SPACE) position++;
    return position === to || (position > from && this.text.charCodeAt(position) === HASH);
  }

  private isSequenceItem(position: number, lineEnd: number): boolean {
    return (
      this.text.charCodeAt(position) === DASH &&
      (position + 1 === lineEnd || this.text.charCodeAt(position + 1) === SPACE)
    );
  }

  /**
   * The mapping key starting at `position`, if the line holds `key:` there: its name and where the
   * value starts (after the colon and its blanks).
   */
  private keyAt(position: number, lineEnd: number): { name: string; valueStart: number } | undefined {
    // A line is often asked twice (is it a key? then: read the key); the second time is free.
    if (position === this.lastKeyPosition) return this.lastKey;
    this.lastKeyPosition = position;
    this.lastKey = this.readKey(position, lineEnd);
    return this.lastKey;
  }

  private lastKeyPosition = -1;
  private lastKey: { name: string; valueStart: number } | undefined;

  private readKey(position: number, lineEnd: number): { name: string; valueStart: number } | undefined {
    const { text } = this;
    const first = text.charCodeAt(position);
    let colon: number;
    let name: string;
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      const quoted = this.quoted(position, lineEnd);
      if (quoted === undefined) return undefined;
      colon = quoted.end;
      if (text.charCodeAt(colon) !== COLON) return undefined;
      name = quoted.value;
    } else {
      if (NOT_PLAIN_FIRST.has(first) || first === DASH) return undefined;
      // The first `:` followed by a blank, or a `:` ending the line.
      colon = this.colonSpace(position + 1, lineEnd);
      if (colon === lineEnd) {
        if (text.charCodeAt(lineEnd - 1) !== COLON || lineEnd - 1 <= position) return undefined;
        colon = lineEnd - 1;
      }
      if (this.commentStart(position, colon) < colon) return undefined;
      if (text.charCodeAt(colon - 1) === SPACE) throw GIVE_UP; // `key :`
      const resolved = this.resolvePlain(text.slice(position, colon));
      // Keys become strings as js-yaml makes them; a date or merge key needs js-yaml.
      if (resolved !== null && typeof resolved === 'object') throw GIVE_UP;
      name = String(resolved);
    }
    if (colon + 1 < lineEnd && text.charCodeAt(colon + 1) !== SPACE) return undefined;
    let valueStart = colon + 1;
    while (valueStart < lineEnd && text.charCodeAt(valueStart) === SPACE) valueStart++;
    return { name, valueStart };
  }

  /** A block mapping whose keys sit at `column`; the first key starts at `position` on the current line. */
  private mapping(column: number, position: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    let keyPosition = position;
    for (;;) {
      const line = this.lines[this.index]!;
      const key = this.keyAt(keyPosition, line.end);
      if (key === undefined || key.name === '__proto__' || key.name === '<<') throw GIVE_UP;
      if (Object.hasOwn(result, key.name)) throw GIVE_UP; // js-yaml rejects duplicate keys
      result[key.name] = this.value(key.valueStart, line, column, true);
      const next = this.nextContent();
      if (next === undefined) return result;
      const following = this.lines[next]!;
      if (following.indent < column) return result;
      if (following.indent > column) throw GIVE_UP;
      keyPosition = following.start + following.indent;
    }
  }

  /** A block sequence whose dashes sit at `column`, starting on the current line. */
  private sequence(column: number): unknown[] {
    const result: unknown[] = [];
    for (;;) {
      const line = this.lines[this.index]!;
      const dash = line.start + line.indent;
      // A line at the dashes' column that is no item ends the sequence (a mapping's next key, when
      // the sequence was that mapping's value at the key's own column).
      if (!this.isSequenceItem(dash, line.end)) return result;
      let content = dash + 1;
      while (content < line.end && this.text.charCodeAt(content) === SPACE) content++;
      if (content < line.end && this.isSequenceItem(content, line.end)) throw GIVE_UP; // `- - x`
      const key = content < line.end ? this.keyAt(content, line.end) : undefined;
      const empty = content >= line.end || this.text.charCodeAt(content) === HASH;
      result.push(
        key !== undefined
          ? this.mapping(content - line.start, content)
          : this.value(content, line, column, false),
      );
      const next = this.nextContent();
      if (next === undefined) return result;
      const following = this.lines[next]!;
      if (following.indent < column) {
        // js-yaml appends an outer sequence's next item to an inner sequence ending in an empty item.
        if (empty && this.isSequenceItem(following.start + following.indent, following.end)) throw GIVE_UP;
        return result;
      }
      if (following.indent > column) throw GIVE_UP;
    }
  }

  /**
   * The value starting at `position` on `line`, for a mapping key or sequence dash at `column`; on
   * return the current line is the first line after the value.
   */
  private value(position: number, line: Line, column: number, ofMappingKey: boolean): unknown {
    const { text } = this;
    this.index++;
    if (position >= line.end || text.charCodeAt(position) === HASH) {
      // The value is on the following lines: a deeper node, or a sequence at the key's own column.
      const next = this.nextContent();
      if (next === undefined) return null;
      const following = this.lines[next]!;
      const start = following.start + following.indent;
      if (following.indent > column) {
        if (this.isSequenceItem(start, following.end)) return this.sequence(following.indent);
        if (this.keyAt(start, following.end)) return this.mapping(following.indent, start);
        throw GIVE_UP; // a scalar on its own line
      }
      if (ofMappingKey && following.indent === column && this.isSequenceItem(start, following.end))
        return this.sequence(column);
      return null;
    }
    const first = text.charCodeAt(position);
    let value: unknown;
    let end: number;
    let lastLine = line;
    if (first === 124 /* | */ || first === 62 /* > */) {
      return this.blockScalar(position, line, column);
    } else if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      const quoted = this.quoted(position, line.end);
      if (quoted !== undefined) {
        value = quoted.value;
        end = quoted.end;
      } else {
        // Continued on the next lines (or an escape the one-line reader leaves to this one).
        const lines = this.quotedLines(this.index - 1, position);
        value = lines.value;
        end = lines.end;
        lastLine = lines.line;
      }
    } else if (first === 91 /* [ */) {
      const flow = this.flowSequence(position, line.end);
      value = flow.value;
      end = flow.end;
    } else if (first === 123 /* { */) {
      // Only the empty flow mapping, `{}` or `{ }`.
      let close = position + 1;
      while (close < line.end && text.charCodeAt(close) === SPACE) close++;
      if (text.charCodeAt(close) !== 125 /* } */) throw GIVE_UP;
      value = {};
      end = close + 1;
    } else {
      // `:` and `?` may start a plain scalar when a non-blank follows (`:8081`); `-` likewise.
      const second = text.charCodeAt(position + 1);
      const indicatorFirst = first === COLON || first === 63 /* ? */ || first === DASH;
      if (indicatorFirst ? position + 1 >= line.end || second === SPACE : NOT_PLAIN_FIRST.has(first))
        throw GIVE_UP;
      let stop = this.commentStart(position, line.end);
      const commented = stop < line.end;
      while (stop > position && text.charCodeAt(stop - 1) === SPACE) stop--;
      let plain = text.slice(position, stop);
      // `: ` inside or a colon at the end would make js-yaml read a mapping.
      if (plain.includes(': ') || plain.endsWith(':')) throw GIVE_UP;
      if (!commented) plain += this.plainContinuation(column);
      value = this.resolvePlain(plain);
      if (value !== null && typeof value === 'object' && !(value instanceof Date)) throw GIVE_UP;
      end = stop;
    }
    if (!this.isBlankOrComment(end, lastLine.end)) throw GIVE_UP;
    // Deeper content after the value would continue it or be an error: js-yaml decides. Deeper
    // comments are skipped, as js-yaml skips them.
    const next = this.nextContent();
    if (next !== undefined && this.lines[next]!.indent > column) throw GIVE_UP;
    return value;
  }

  /**
   * The continuation lines of a plain scalar (indented past `column`), folded as js-yaml folds them:
   * one line break becomes a space, each blank line between becomes a line break. Consumes them.
   */
  private plainContinuation(column: number): string {
    const { text } = this;
    let folded = '';
    let breaks = 1;
    for (let index = this.index; index < this.limit; index++) {
      const line = this.lines[index]!;
      const length = line.end - line.start;
      if (line.indent === length) {
        breaks++;
        continue;
      }
      if (line.indent <= column) break;
      const start = line.start + line.indent;
      let end = line.end;
      while (end > start && text.charCodeAt(end - 1) === SPACE) end--;
      const part = text.slice(start, end);
      // A comment line ends the scalar (what follows is checked by the caller); a comment, `: ` or a
      // final colon within a line ends it mid-way: js-yaml decides what follows.
      if (part.startsWith('#')) break;
      if (part.includes(' #') || part.includes(': ') || part.endsWith(':')) throw GIVE_UP;
      folded += (breaks === 1 ? ' ' : '\n'.repeat(breaks - 1)) + part;
      breaks = 1;
      this.index = index + 1;
    }
    return folded;
  }

  /** A quoted scalar closed on this line (no escapes in double quotes): its value and the end. */
  private quoted(position: number, lineEnd: number): { value: string; end: number } | undefined {
    const { text } = this;
    const quote = text.charCodeAt(position);
    if (quote === DOUBLE_QUOTE) {
      let value = '';
      let from = position + 1;
      for (let at = from; at < lineEnd; at++) {
        const code = text.charCodeAt(at);
        if (code === DOUBLE_QUOTE) return { value: value + text.slice(from, at), end: at + 1 };
        if (code !== BACKSLASH) continue;
        const decoded = this.escapeAt(at, lineEnd);
        if (decoded === undefined) return undefined;
        value += text.slice(from, at) + decoded.decoded;
        at += decoded.length - 1;
        from = at + 1;
      }
      return undefined;
    }
    let value = '';
    let from = position + 1;
    for (;;) {
      const close = text.indexOf("'", from);
      if (close < 0 || close >= lineEnd) return undefined;
      value += text.slice(from, close);
      if (text.charCodeAt(close + 1) !== SINGLE_QUOTE) return { value, end: close + 1 };
      value += "'";
      from = close + 2;
    }
  }

  /** The escape sequence at `at` (a backslash) and its length; undefined for those js-yaml decides. */
  private escapeAt(at: number, lineEnd: number): { decoded: string; length: number } | undefined {
    const { text } = this;
    const escaped = text[at + 1];
    if (escaped !== undefined && at + 1 < lineEnd && Object.hasOwn(SIMPLE_ESCAPES, escaped))
      return { decoded: SIMPLE_ESCAPES[escaped]!, length: 2 };
    if (escaped === 'x' || escaped === 'u') {
      const length = escaped === 'x' ? 4 : 6;
      const hex = text.slice(at + 2, at + length);
      if (at + length <= lineEnd && hex.length === length - 2 && /^[0-9A-Fa-f]+$/.test(hex))
        return { decoded: String.fromCharCode(Number.parseInt(hex, 16)), length };
    }
    // \U, an escaped line break or an unknown escape.
    return undefined;
  }

  /**
   * A quoted scalar that continues on the following lines, folded as js-yaml folds it: blanks
   * before each line break and at the start of each continuation line go, one line break becomes a
   * space and each blank line between becomes a line break. The current line is `lineIndex`; on
   * return the current line is the one after the closing quote's.
   */
  private quotedLines(lineIndex: number, position: number): { value: string; line: Line; end: number } {
    const { text, lines } = this;
    const quote = text.charCodeAt(position);
    let index = lineIndex;
    let line = lines[index]!;
    let value = '';
    let at = position + 1;
    let captureStart = at;
    let captureEnd = at;
    for (;;) {
      if (at >= line.end) {
        value += text.slice(captureStart, captureEnd);
        let breaks = 0;
        do {
          index++;
          breaks++;
          if (index >= this.limit) throw GIVE_UP; // unterminated, or cut by a document marker
          line = lines[index]!;
        } while (line.indent === line.end - line.start);
        value += breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
        at = line.start + line.indent;
        captureStart = at;
        captureEnd = at;
        continue;
      }
      const code = text.charCodeAt(at);
      if (code === quote) {
        if (quote === SINGLE_QUOTE && text.charCodeAt(at + 1) === SINGLE_QUOTE) {
          value += `${text.slice(captureStart, at)}'`;
          at += 2;
          captureStart = at;
          captureEnd = at;
          continue;
        }
        this.index = index + 1;
        return { value: value + text.slice(captureStart, at), line, end: at + 1 };
      }
      if (code === BACKSLASH && quote === DOUBLE_QUOTE) {
        const decoded = this.escapeAt(at, line.end);
        if (decoded === undefined) throw GIVE_UP;
        value += text.slice(captureStart, at) + decoded.decoded;
        at += decoded.length;
        captureStart = at;
        captureEnd = at;
        continue;
      }
      at++;
      if (code !== SPACE) captureEnd = at;
    }
  }

  /** `[a, "b", 'c']` on one line, scalars only. */
  private flowSequence(position: number, lineEnd: number): { value: unknown[]; end: number } {
    const { text } = this;
    const value: unknown[] = [];
    let at = position + 1;
    const skipSpaces = () => {
      while (at < lineEnd && text.charCodeAt(at) === SPACE) at++;
    };
    skipSpaces();
    if (text.charCodeAt(at) === 93 /* ] */) return { value, end: at + 1 };
    for (;;) {
      skipSpaces();
      const first = text.charCodeAt(at);
      if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
        const quoted = this.quoted(at, lineEnd);
        if (quoted === undefined) throw GIVE_UP;
        value.push(quoted.value);
        at = quoted.end;
      } else {
        // A `-` must be followed by a character of the scalar (not a blank, comma or bracket).
        const second = text.charCodeAt(at + 1);
        if (NOT_PLAIN_FIRST.has(first) || at >= lineEnd) throw GIVE_UP;
        if (first === DASH && (at + 1 >= lineEnd || second === SPACE || second === 44 || second === 93))
          throw GIVE_UP;
        const start = at;
        while (at < lineEnd) {
          const code = text.charCodeAt(at);
          if (code === 44 /* , */ || code === 93 /* ] */) break;
          // Nested collections, comments and `key: value` pairs need js-yaml.
          if (code === 91 || code === 123 || code === 125 || code === HASH || code === COLON) throw GIVE_UP;
          at++;
        }
        let end = at;
        while (end > start && text.charCodeAt(end - 1) === SPACE) end--;
        const resolved = this.resolvePlain(text.slice(start, end));
        if (resolved !== null && typeof resolved === 'object' && !(resolved instanceof Date)) throw GIVE_UP;
        value.push(resolved);
      }
      skipSpaces();
      const separator = text.charCodeAt(at);
      if (separator === 93 /* ] */) return { value, end: at + 1 };
      if (separator !== 44 /* , */) throw GIVE_UP;
      at++;
      skipSpaces();
      if (text.charCodeAt(at) === 93) throw GIVE_UP; // a trailing comma
    }
  }

  /**
   * A `|` or `>` block scalar whose header is at `position` on `line`, under a key or dash at
   * `column`: js-yaml's readBlockScalar, line by line (content lines are indented past the column).
   */
  private blockScalar(position: number, line: Line, column: number): string {
    const { text } = this;
    const folding = text.charCodeAt(position) === 62;
    let chomping: 'clip' | 'strip' | 'keep' = 'clip';
    let at = position + 1;
    const indicator = text.charCodeAt(at);
    if (indicator === 43 /* + */ || indicator === DASH) {
      chomping = indicator === 43 ? 'keep' : 'strip';
      at++;
    }
    // Explicit indentation, or anything but blanks and a comment after the header: js-yaml decides.
    if (at < line.end && !this.isBlankOrComment(at, line.end)) throw GIVE_UP;
    let textIndent = column + 1;
    let detected = false;
    let didReadContent = false;
    let atMoreIndented = false;
    let emptyLines = 0;
    let result = '';
    let index = this.index;
    for (; index < this.limit; index++) {
      const current = this.lines[index]!;
      const length = current.end - current.start;
      if (!detected) {
        if (current.indent === length) {
          // A blank line before the content sets the indentation in js-yaml; keep to plain empty lines.
          if (length > 0) throw GIVE_UP;
          emptyLines++;
          continue;
        }
        if (current.indent > textIndent) textIndent = current.indent;
      } else if (length <= textIndent && current.indent === length) {
        emptyLines++;
        continue;
      }
      if (current.indent < textIndent) break;
      const contentStart = current.start + textIndent;
      const startsWithSpace = text.charCodeAt(contentStart) === SPACE;
      if (folding) {
        if (startsWithSpace) {
          atMoreIndented = true;
          result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
        } else if (atMoreIndented) {
          atMoreIndented = false;
          result += '\n'.repeat(emptyLines + 1);
        } else if (emptyLines === 0) {
          if (didReadContent) result += ' ';
        } else {
          result += '\n'.repeat(emptyLines);
        }
      } else {
        result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
      }
      didReadContent = true;
      detected = true;
      emptyLines = 0;
      result += text.slice(contentStart, current.end);
    }
    if (chomping === 'keep') result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
    else if (chomping === 'clip' && didReadContent) result += '\n';
    this.index = index;
    return result;
  }

  /** A plain scalar's value under the schema's implicit types, in their order (js-yaml's composeNode). */
  private resolvePlain(plain: string): unknown {
    if (plain === '') throw GIVE_UP;
    if (!MAY_RESOLVE_FIRST.has(plain.charCodeAt(0))) return plain;
    for (const type of this.implicitTypes) {
      if (type.resolve(plain)) {
        if ((type as unknown as { tag: string }).tag === MERGE_TAG) throw GIVE_UP;
        return type.construct(plain);
      }
    }
    return plain;
  }
}
