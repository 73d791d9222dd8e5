// Inline credential assignments, one line at a time: `password: x`, `"apiKey": "x"`, `password = "x"`
// (HCL, ini), `DB_PASSWORD=x` (env files, shell), `--password=x` and `--token x` (command lines).
// Multi-line YAML values (block scalars, multi-line quoted or plain scalars) are the line scanner's job
// (yaml-credentials.ts); where both see the same value the spans coincide and the overlap resolution in
// redact.ts keeps one.
//
// Linear time: the entry regex has no quantifier (a word alternation plus a one-char lookahead), and a
// hit ends a name run, so the backward scans over names never overlap; the look back to the line start
// is bounded (LINE_PREFIX_LIMIT); every forward scan stops at the end of the line and the search resumes
// after the value it scanned, so each char is scanned O(1) times.

import {
  credentialWordEndPattern,
  isCredentialName,
  isExpressionReference,
  isNonSecretValue,
  isProseWord,
} from './credential-names.js';
import { REPLACEMENTS, type SensitiveSpan } from './redaction-types.js';

const LINE_PREFIX_LIMIT = 256;
const WORD_END = credentialWordEndPattern();

function isNameChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 ||
    code === 45 ||
    code === 46
  );
}

function isBlank(char: string | undefined): boolean {
  return char === ' ' || char === '\t';
}

/** End of the line containing `position` (before `\r\n` or `\n`). */
export function lineEndOf(text: string, position: number): number {
  let end = text.indexOf('\n', position);
  if (end < 0) end = text.length;
  if (end > position && text.charCodeAt(end - 1) === 13) end--;
  return end;
}

/** `end` moved left over spaces and tabs, not before `start`. */
function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isBlank(text[end - 1])) end--;
  return end;
}

/** Where a plain value ends: before ` #` (a comment) or at the line end, trailing blanks trimmed. */
export function plainValueEnd(
  text: string,
  start: number,
  lineEnd: number,
): { end: number; comment: boolean } {
  // A manual loop, not indexOf('#'): indexOf would run past the line end to the next `#` in the text.
  for (let index = start + 1; index < lineEnd; index++) {
    if (text.charCodeAt(index) === 35 && isBlank(text[index - 1])) {
      return { end: trimEnd(text, start, index), comment: true };
    }
  }
  return { end: trimEnd(text, start, lineEnd), comment: false };
}

/** Closing quote of a quoted value opening at `open`, on the same line; -1 when unterminated. */
function closingQuote(text: string, open: number, lineEnd: number): number {
  const quote = text[open];
  for (let index = open + 1; index < lineEnd; index++) {
    const char = text[index];
    if (char === '\\' && quote === '"') index++;
    else if (char === quote) {
      if (quote === "'" && text[index + 1] === "'") index++;
      else return index;
    }
  }
  return -1;
}

/** True when only blanks and YAML sequence dashes (`- `) stand between the line start and `position`. */
function startsLine(text: string, position: number): boolean {
  for (let index = position - 1; index >= 0 && position - index <= LINE_PREFIX_LIMIT; index--) {
    const char = text[index];
    if (char === '\n') return true;
    if (char !== ' ' && char !== '\t' && char !== '-') return false;
  }
  // Reached the text start within the limit, or gave up at the limit.
  return position <= LINE_PREFIX_LIMIT;
}

interface Value {
  start: number;
  end: number;
  /** Where the scan stopped; the search resumes there. */
  scanned: number;
}

/** A quoted value: the inner span (quotes kept), or to the line end when unterminated. */
function quotedValue(text: string, open: number, lineEnd: number): Value {
  const close = closingQuote(text, open, lineEnd);
  if (close < 0) return { start: open + 1, end: trimEnd(text, open + 1, lineEnd), scanned: lineEnd };
  return { start: open + 1, end: close, scanned: close + 1 };
}

/** An unquoted value that stops at blanks and shell/flow punctuation (`KEY=value`, `--flag=value`). */
function tokenValue(text: string, start: number, lineEnd: number): Value {
  let end = start;
  while (end < lineEnd) {
    const char = text[end];
    if (char === ' ' || char === '\t' || '"\'`;&|()<>]}'.includes(char as string)) break;
    if (char === ',' && (end + 1 >= lineEnd || isBlank(text[end + 1]))) break;
    end++;
  }
  return { start, end, scanned: end };
}

/** A `key: value` value in the middle of a line (flow mapping, prose): stops at `,` `}` `]`, quotes, ` #`. */
function inlineMappingValue(text: string, start: number, lineEnd: number): Value {
  let end = start;
  while (end < lineEnd) {
    const char = text[end] as string;
    if (',}]"\''.includes(char)) break;
    if (char === '#' && isBlank(text[end - 1])) break;
    end++;
  }
  return { start, end: trimEnd(text, start, end), scanned: end };
}

/** Skip YAML anchors (`&name`) and tags (`!!binary`) before a value. */
function skipAnchorsAndTags(text: string, position: number, lineEnd: number): number {
  while (position < lineEnd && (text[position] === '&' || text[position] === '!')) {
    while (position < lineEnd && !isBlank(text[position])) position++;
    while (position < lineEnd && isBlank(text[position])) position++;
  }
  return position;
}

/** True when `|` or `>` at `position` starts a block scalar header (`|`, `>-`, `|+2`, then a comment). */
export function isBlockScalarHeader(text: string, position: number, lineEnd: number): boolean {
  const char = text[position];
  if (char !== '|' && char !== '>') return false;
  let index = position + 1;
  for (let count = 0; count < 2 && index < lineEnd && /[-+0-9]/.test(text[index] as string); count++) index++;
  const afterIndicators = index;
  while (index < lineEnd && isBlank(text[index])) index++;
  return index === lineEnd || (text[index] === '#' && index > afterIndicators);
}

/** The value of `key: value` or `key = value` starting at `start` (after the separator's blanks). */
function assignmentValue(
  text: string,
  start: number,
  lineEnd: number,
  separator: string,
  spaced: boolean,
  keyStartsLine: boolean,
): Value | undefined {
  if (start >= lineEnd) return undefined;
  if (separator === ':') {
    start = skipAnchorsAndTags(text, start, lineEnd);
    if (start >= lineEnd) return undefined;
  }
  const char = text[start] as string;
  if (char === '#' || char === '{' || char === '[') return undefined;
  if (separator === ':' && char === '*') return undefined;
  // A block scalar header: the value is on the following lines (the line scanner's job).
  if (separator === ':' && isBlockScalarHeader(text, start, lineEnd)) return undefined;
  if (char === '"' || char === "'") return quotedValue(text, start, lineEnd);
  if (separator === ':') {
    if (keyStartsLine) {
      const { end } = plainValueEnd(text, start, lineEnd);
      return { start, end, scanned: lineEnd };
    }
    return inlineMappingValue(text, start, lineEnd);
  }
  if (spaced) {
    const { end } = plainValueEnd(text, start, lineEnd);
    const value = { start, end, scanned: lineEnd };
    // `password = var.db_password` in HCL is an expression, not a literal.
    return isExpressionReference(text.slice(start, end)) ? { ...value, end: start } : value;
  }
  return tokenValue(text, start, lineEnd);
}

/** Credential assignments and flags on single lines: `credential_field` and `credential_flag` spans. */
export function scanCredentialAssignments(text: string): SensitiveSpan[] {
  const spans: SensitiveSpan[] = [];
  // Several hits can share a (long) line: find its end once, not once per hit.
  let lineEnd = -1;
  WORD_END.lastIndex = 0;
  for (let match = WORD_END.exec(text); match; match = WORD_END.exec(text)) {
    const wordEnd = match.index + match[0].length;
    // Unbounded but linear: a hit ends its name run (the entry regex's lookahead), so runs scanned
    // back from different hits never overlap.
    let keyStart = match.index;
    while (keyStart > 0 && isNameChar(text.charCodeAt(keyStart - 1))) keyStart--;
    const key = text.slice(keyStart, wordEnd);
    const dashes = key.startsWith('--') ? 2 : key.startsWith('-') ? 1 : 0;
    const name = key.slice(dashes);
    if (!/^[A-Za-z0-9_]/.test(name) || !isCredentialName(name)) continue;
    if (wordEnd > lineEnd) lineEnd = lineEndOf(text, wordEnd);
    const value =
      dashes > 0 ? flagValue(text, keyStart, wordEnd, lineEnd) : fieldValue(text, keyStart, wordEnd, lineEnd);
    if (!value) continue;
    WORD_END.lastIndex = Math.max(WORD_END.lastIndex, value.scanned);
    if (value.end <= value.start || isNonSecretValue(text.slice(value.start, value.end))) continue;
    spans.push({
      type: dashes > 0 ? 'credential_flag' : 'credential_field',
      start: value.start,
      end: value.end,
      replacement: REPLACEMENTS.credentials,
    });
  }
  return spans;
}

/**
 * `--password=value`, `--password="value"`, `--token value` (not a prose word, not another flag), or
 * the next item of a flow sequence: `["--secret", "value"]`.
 */
function flagValue(text: string, keyStart: number, wordEnd: number, lineEnd: number): Value | undefined {
  if (text[keyStart - 1] === '$') return undefined;
  const quote = text[wordEnd];
  if ((quote === '"' || quote === "'") && text[keyStart - 1] === quote)
    return nextFlowItem(text, wordEnd + 1, lineEnd);
  if (text[wordEnd] === '=') {
    const start = wordEnd + 1;
    if (start >= lineEnd) return undefined;
    const char = text[start];
    return char === '"' || char === "'"
      ? quotedValue(text, start, lineEnd)
      : tokenValue(text, start, lineEnd);
  }
  if (!isBlank(text[wordEnd])) return undefined;
  let start = wordEnd;
  while (start < lineEnd && isBlank(text[start])) start++;
  if (start >= lineEnd || '-\\$#{[(|&;<>`'.includes(text[start] as string)) return undefined;
  const char = text[start];
  if (char === '"' || char === "'") return quotedValue(text, start, lineEnd);
  const value = tokenValue(text, start, lineEnd);
  return isProseWord(text.slice(value.start, value.end)) ? { ...value, end: value.start } : value;
}

/** The flow-sequence item after a quoted flag: `, "value"` or `, value` (not another flag, not a reference). */
function nextFlowItem(text: string, position: number, lineEnd: number): Value | undefined {
  while (position < lineEnd && isBlank(text[position])) position++;
  if (text[position] !== ',') return undefined;
  position++;
  while (position < lineEnd && isBlank(text[position])) position++;
  const char = text[position];
  if (position >= lineEnd || char === '-' || char === '$' || char === ']') return undefined;
  if (char === '"' || char === "'") {
    if (text[position + 1] === '-' || text[position + 1] === '$') return undefined;
    return quotedValue(text, position, lineEnd);
  }
  return inlineMappingValue(text, position, lineEnd);
}

/** `key: value`, `"key": "value"`, `key = value`, `KEY=value`. */
function fieldValue(text: string, keyStart: number, wordEnd: number, lineEnd: number): Value | undefined {
  const before = text[keyStart - 1];
  if (before === '$' || (before === '{' && text[keyStart - 2] === '$')) return undefined;
  let position = wordEnd;
  const quote = text[position];
  const quotedKey = (quote === '"' || quote === "'") && before === quote;
  if (quotedKey) position++;
  while (position < lineEnd && isBlank(text[position])) position++;
  const separator = text[position];
  const spacedBefore = position > wordEnd + (quotedKey ? 1 : 0);
  if (separator === ':') {
    const next = text[position + 1];
    // YAML needs a blank after the colon; JSON's `"key":"value"` does not.
    if (!(isBlank(next) || (quotedKey && next !== ':'))) return undefined;
  } else if (separator === '=') {
    const next = text[position + 1];
    if (next === '=' || next === '>' || next === '~') return undefined;
  } else {
    return undefined;
  }
  let start = position + 1;
  while (start < lineEnd && isBlank(text[start])) start++;
  const spaced = spacedBefore || start > position + 1;
  const keyStartsLine = startsLine(text, quotedKey ? keyStart - 1 : keyStart);
  return assignmentValue(text, start, lineEnd, separator, spaced, keyStartsLine);
}
