// The YAML-aware line scanner: secrets whose position depends on indentation, which no single-line
// pattern can see.
//
// - `secret_data`: every value under the top-level `data:` / `stringData:` of a document whose top-level
//   `kind:` is `Secret` (documents are `---`-separated).
// - `credential_env`: `value:` next to `name: <CREDENTIAL_NAME>` in the same mapping (a container env
//   entry, either order).
// - `credential_field`: a credential key's value when it spans lines (block scalar `token: |`, a quoted
//   or plain scalar continued on more-indented lines, or a value on the line after `password:`).
// - `credential_flag`: `- --token` followed by `- <value>` as sibling items of an args list.
//
// Text is kept as is: a value's span is replaced, so comments and formatting survive. A multi-line value
// becomes one line at the first line's position (a block scalar keeps its header and one content line), so
// valid YAML stays valid. Lines are read once: a value reader consumes the lines it read and the main
// loop resumes after them, and every multi-line read stops at the first line not indented deeper than
// its key (so it never leaves the enclosing block), which keeps the scan linear.

import { isBlockScalarHeader, plainValueEnd } from './credential-assignments.js';
import { isCredentialName, isNonSecretValue } from './credential-names.js';
import { REPLACEMENTS, type RedactionType, type SensitiveSpan } from './redaction-types.js';

interface Line {
  start: number;
  /** End of the content, before `\r\n` / `\n`. */
  end: number;
  /** Start of the next line. */
  next: number;
  /** Leading spaces (YAML indentation never uses tabs). */
  indent: number;
  /** First char after the indentation. */
  first: number;
}

/** What a value reader found: the span to replace (when it holds a secret) and where to resume. */
interface ValueRead {
  span?: [number, number];
  next: number;
}

interface MappingFrame {
  column: number;
  credentialName: boolean;
  pendingValue?: [number, number];
}

function readLine(text: string, start: number): Line {
  let end = text.indexOf('\n', start);
  let next: number;
  if (end < 0) {
    end = text.length;
    next = end;
  } else {
    next = end + 1;
  }
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  let first = start;
  while (first < end && text.charCodeAt(first) === 32) first++;
  return { start, end, next, indent: first - start, first };
}

const SPACE = 32;
const TAB = 9;
const COLON = 58;
const HASH = 35;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const BACKSLASH = 92;
const DASH = 45;
const NOT_A_KEY_START = new Set([...'{[|>*&!%@`#?,'].map((char) => char.charCodeAt(0)));

function isBlankCode(code: number): boolean {
  return code === SPACE || code === TAB;
}

function isBlank(char: string | undefined): boolean {
  return char === ' ' || char === '\t';
}

function isBlankLine(text: string, line: Line): boolean {
  for (let index = line.first; index < line.end; index++)
    if (!isBlankCode(text.charCodeAt(index))) return false;
  return true;
}

function isDocumentMarker(text: string, line: Line): boolean {
  if (line.indent !== 0 || !(text.startsWith('---', line.start) || text.startsWith('...', line.start)))
    return false;
  return line.start + 3 === line.end || isBlank(text[line.start + 3]);
}

/** A secret unless every line is empty, a reference, a boolean/null or already redacted. */
function holdsSecret(value: string): boolean {
  if (!value.includes('\n')) return !isNonSecretValue(value);
  return !value.split('\n').every(isNonSecretValue);
}

function found(text: string, start: number, end: number, next: number): ValueRead {
  return holdsSecret(text.slice(start, end)) ? { span: [start, end], next } : { next };
}

/** Parse `key:` at `start` (plain or quoted key, then a blank or the line end). */
function parseKey(
  text: string,
  start: number,
  lineEnd: number,
): { name: string; valueStart: number } | undefined {
  const code = text.charCodeAt(start);
  let colon: number;
  let name: string;
  if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
    let close = start + 1;
    while (close < lineEnd && text.charCodeAt(close) !== code)
      close += code === DOUBLE_QUOTE && text.charCodeAt(close) === BACKSLASH ? 2 : 1;
    if (close >= lineEnd) return undefined;
    name = text.slice(start + 1, close);
    colon = close + 1;
    while (colon < lineEnd && isBlankCode(text.charCodeAt(colon))) colon++;
    if (text.charCodeAt(colon) !== COLON) return undefined;
  } else {
    if (NOT_A_KEY_START.has(code)) return undefined;
    colon = start;
    for (;;) {
      let char = text.charCodeAt(colon);
      while (colon < lineEnd && char !== COLON && char !== HASH) char = text.charCodeAt(++colon);
      if (colon >= lineEnd) return undefined;
      if (char === HASH) {
        if (isBlankCode(text.charCodeAt(colon - 1))) return undefined;
      } else if (colon + 1 === lineEnd || isBlankCode(text.charCodeAt(colon + 1))) {
        break;
      }
      colon++;
    }
    let nameEnd = colon;
    while (nameEnd > start && isBlankCode(text.charCodeAt(nameEnd - 1))) nameEnd--;
    name = text.slice(start, nameEnd);
  }
  let valueStart = colon + 1;
  while (valueStart < lineEnd && isBlankCode(text.charCodeAt(valueStart))) valueStart++;
  return { name, valueStart };
}

/** Skip YAML anchors (`&name`) and tags (`!!binary`) before a value. */
function skipAnchorsAndTags(text: string, position: number, lineEnd: number): number {
  while (position < lineEnd && (text[position] === '&' || text[position] === '!')) {
    while (position < lineEnd && !isBlank(text[position])) position++;
    while (position < lineEnd && isBlank(text[position])) position++;
  }
  return position;
}

/** A one-line scalar (plain, or quoted closed on the same line): its inner span and text. */
function inlineScalar(
  text: string,
  start: number,
  lineEnd: number,
): { start: number; end: number } | undefined {
  const quote = text[start];
  if (quote === '"' || quote === "'") {
    for (let index = start + 1; index < lineEnd; index++) {
      if (quote === '"' && text[index] === '\\') index++;
      else if (text[index] === quote) return { start: start + 1, end: index };
    }
    return undefined;
  }
  return { start, end: plainValueEnd(text, start, lineEnd).end };
}

/** Block scalar content: the following blank lines and lines indented deeper than `parentColumn`. */
function readBlock(text: string, from: number, parentColumn: number): ValueRead {
  let position = from;
  let firstContent = -1;
  let lastEnd = -1;
  let after = from;
  while (position < text.length) {
    const line = readLine(text, position);
    position = line.next;
    if (isBlankLine(text, line)) continue;
    if (line.indent <= parentColumn) break;
    if (firstContent < 0) firstContent = line.first;
    lastEnd = line.end;
    while (lastEnd > line.first && isBlank(text[lastEnd - 1])) lastEnd--;
    after = line.next;
  }
  if (firstContent < 0) return { next: from };
  return found(text, firstContent, lastEnd, after);
}

/** A quoted scalar, possibly continued on deeper-indented lines; unterminated ones are consumed, not read. */
function readQuoted(text: string, open: number, parentColumn: number): ValueRead {
  const quote = text[open];
  let index = open + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '\n') {
      const line = readLine(text, index + 1);
      if (!isBlankLine(text, line) && line.indent <= parentColumn) return { next: line.start };
      index = line.first;
    } else if (char === '\\' && quote === '"') {
      index += 2;
    } else if (char === quote) {
      if (quote === "'" && text[index + 1] === "'") {
        index += 2;
        continue;
      }
      return found(text, open + 1, index, readLine(text, index).next);
    } else {
      index++;
    }
  }
  return { next: text.length };
}

/** A plain scalar and its continuation lines (deeper-indented, until a comment or a shallower line). */
function readPlain(text: string, start: number, line: Line, parentColumn: number): ValueRead {
  const first = plainValueEnd(text, start, line.end);
  let end = first.end;
  let after = line.next;
  if (!first.comment) {
    let position = line.next;
    while (position < text.length) {
      const next = readLine(text, position);
      position = next.next;
      if (isBlankLine(text, next)) continue;
      if (next.indent <= parentColumn || text[next.first] === '#') break;
      const continued = plainValueEnd(text, next.first, next.end);
      end = continued.end;
      after = next.next;
      if (continued.comment) break;
    }
  }
  return found(text, start, end, after);
}

/** A value that starts on the line after its key (`password:` then an indented scalar). */
function readNextLineScalar(text: string, from: number, parentColumn: number): ValueRead {
  let position = from;
  while (position < text.length) {
    const line = readLine(text, position);
    position = line.next;
    if (isBlankLine(text, line) || text[line.first] === '#') continue;
    if (line.indent <= parentColumn) return { next: from };
    const char = text[line.first] as string;
    const sequence = char === '-' && (line.first + 1 === line.end || isBlank(text[line.first + 1]));
    if (sequence || '{[|>*&!?'.includes(char) || parseKey(text, line.first, line.end)) return { next: from };
    if (char === '"' || char === "'") return readQuoted(text, line.first, parentColumn);
    return readPlain(text, line.first, line, parentColumn);
  }
  return { next: from };
}

/** The value of a mapping entry whose key is at `parentColumn`, starting at `valueStart` on `line`. */
function readValue(text: string, line: Line, valueStart: number, parentColumn: number): ValueRead {
  const start = skipAnchorsAndTags(text, valueStart, line.end);
  if (start >= line.end || text[start] === '#') return readNextLineScalar(text, line.next, parentColumn);
  const char = text[start] as string;
  if (isBlockScalarHeader(text, start, line.end)) return readBlock(text, line.next, parentColumn);
  if (char === '"' || char === "'") return readQuoted(text, start, parentColumn);
  if ('{[*|>'.includes(char)) return { next: line.next };
  return readPlain(text, start, line, parentColumn);
}

/** Line starts of `---` / `...` document markers, and which documents are `kind: Secret`. */
function documentLayout(text: string): { separators: number[]; secretDocuments: Set<number> } {
  const separators: number[] = [];
  const secretDocuments = new Set<number>();
  if (!text.includes('Secret')) return { separators, secretDocuments };
  for (const match of text.matchAll(/^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm)) separators.push(match.index);
  let document = 0;
  for (const match of text.matchAll(/^kind:[ \t]*(["']?)Secret\1[ \t]*(?:#[^\r\n]*)?\r?$/gm)) {
    while (document < separators.length && (separators[document] as number) <= match.index) document++;
    secretDocuments.add(document);
  }
  return { separators, secretDocuments };
}

const ENVIRONMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const FLAG = /^--?[A-Za-z][A-Za-z0-9_.-]*$/;

/** Indentation-aware credential spans: `secret_data`, `credential_env`, multi-line `credential_field`, list `credential_flag`. */
export function scanYamlCredentials(text: string): SensitiveSpan[] {
  const spans: SensitiveSpan[] = [];
  const emit = (type: RedactionType, span: [number, number]) =>
    spans.push({ type, start: span[0], end: span[1], replacement: REPLACEMENTS.credentials });
  const { separators, secretDocuments } = documentLayout(text);
  const frames: MappingFrame[] = [];
  let document = 0;
  let secretData: { entryIndent: number } | undefined;
  let pendingFlagColumn = -1;
  let position = 0;
  while (position < text.length) {
    const line = readLine(text, position);
    position = line.next;
    if (isBlankLine(text, line) || text.charCodeAt(line.first) === HASH) continue;
    while (document < separators.length && (separators[document] as number) <= line.start) document++;
    if (line.indent === 0 && isDocumentMarker(text, line)) {
      frames.length = 0;
      secretData = undefined;
      pendingFlagColumn = -1;
      continue;
    }
    // Helm control lines (`{{- range }}`) at column 0 do not end a Secret's data mapping.
    if (secretData && line.indent === 0 && !text.startsWith('{{', line.first)) secretData = undefined;

    let content = line.first;
    let dashColumn = -1;
    while (
      text.charCodeAt(content) === DASH &&
      (content + 1 === line.end || isBlankCode(text.charCodeAt(content + 1)))
    ) {
      if (dashColumn < 0) dashColumn = content - line.start;
      content++;
      while (content < line.end && isBlankCode(text.charCodeAt(content))) content++;
    }
    const column = content - line.start;
    const flagColumn = pendingFlagColumn;
    pendingFlagColumn = -1;
    const boundary = dashColumn >= 0 ? dashColumn : column;
    while (frames.length > 0 && (frames[frames.length - 1] as MappingFrame).column > boundary) frames.pop();
    if (content >= line.end || text.charCodeAt(content) === HASH) continue;

    const key = parseKey(text, content, line.end);
    if (!key) {
      if (dashColumn < 0) continue;
      const scalar = inlineScalar(text, content, line.end);
      if (!scalar) continue;
      const value = text.slice(scalar.start, scalar.end);
      if (flagColumn === dashColumn && !value.startsWith('-')) {
        if (!isNonSecretValue(value)) emit('credential_flag', [scalar.start, scalar.end]);
      } else if (FLAG.test(value) && isCredentialName(value.replace(/^--?/, ''))) {
        pendingFlagColumn = dashColumn;
      }
      continue;
    }
    let frame = frames[frames.length - 1];
    if (frame === undefined || frame.column !== column) {
      frame = { column, credentialName: false };
      frames.push(frame);
    }

    if (secretData && dashColumn < 0) {
      if (secretData.entryIndent < 0) secretData.entryIndent = line.indent;
      if (line.indent === secretData.entryIndent) {
        const value = readValue(text, line, key.valueStart, column);
        if (value.span) emit('secret_data', value.span);
        position = value.next;
        continue;
      }
    }
    if (
      line.indent === 0 &&
      dashColumn < 0 &&
      (key.name === 'data' || key.name === 'stringData') &&
      secretDocuments.has(document) &&
      (key.valueStart >= line.end || text[key.valueStart] === '#')
    ) {
      secretData = { entryIndent: -1 };
      continue;
    }
    if (key.name === 'name') {
      const scalar = inlineScalar(text, key.valueStart, line.end);
      const name = scalar ? text.slice(scalar.start, scalar.end) : '';
      if (ENVIRONMENT_NAME.test(name) && isCredentialName(name)) {
        frame.credentialName = true;
        if (frame.pendingValue) emit('credential_env', frame.pendingValue);
        frame.pendingValue = undefined;
      }
    } else if (key.name === 'value') {
      const value = readValue(text, line, key.valueStart, column);
      position = value.next;
      if (value.span && frame.credentialName) emit('credential_env', value.span);
      else if (value.span) frame.pendingValue = value.span;
    } else if (isCredentialName(key.name)) {
      const value = readValue(text, line, key.valueStart, column);
      position = value.next;
      if (value.span) emit('credential_field', value.span);
    }
  }
  return spans;
}
