// PEM private-key blocks: `-----BEGIN ... PRIVATE KEY-----` through the matching `-----END ... PRIVATE
// KEY-----`, replaced as ONE span so a YAML block scalar keeps one content line and a quoted string stays
// one string.
//
// Two contexts, told apart by the char before BEGIN:
// - in a string (after `"`, `'` or a `\n` escape, as in JSON and double-quoted YAML): the block ends at
//   END, or, without END, just before the closing quote;
// - on lines (raw PEM, a block scalar, an HCL heredoc, a plain scalar): the block ends at END on a
//   following line indented at least as deep as the BEGIN line, with no other BEGIN before it; without
//   END, at the last line of the container — lines at least as deep as the BEGIN line, or deeper than
//   its key when BEGIN follows `key:` (a plain scalar's continuation), so a truncated key never swallows
//   the next key.
//
// Linear time: END markers are found once (one regex pass) and looked up by binary search; every scan
// resumes after the span it produced; a line-mode scan never passes another BEGIN line, and looks for its
// line start only back to the previous BEGIN; a string scan that reached the end of the text without a
// closing quote is remembered, so later scans of the same kind stop at once (they would read the same
// chars to the same end).

import { REPLACEMENTS, type SensitiveSpan } from './redaction-types.js';

const BEGIN = /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----/g;
const END = /-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----/g;

/** Sorted END markers as [start, end); `next(from)` is the first starting at or after `from`. */
class EndMarkers {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(text: string) {
    for (const match of text.matchAll(END)) {
      this.starts.push(match.index);
      this.ends.push(match.index + match[0].length);
    }
  }

  next(from: number): { start: number; end: number } | undefined {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.starts[middle] as number) < from) low = middle + 1;
      else high = middle;
    }
    return low < this.starts.length
      ? { start: this.starts[low] as number, end: this.ends[low] as number }
      : undefined;
  }
}

/** Spans of PEM private-key blocks (type `private_key`). */
export function scanPrivateKeys(text: string): SensitiveSpan[] {
  const spans: SensitiveSpan[] = [];
  if (!text.includes('-----BEGIN')) return spans;
  const markers = new EndMarkers(text);
  const unclosedFrom: Record<string, number> = {};
  let previousBegin = 0;
  let previousLineStart = 0;
  BEGIN.lastIndex = 0;
  for (let match = BEGIN.exec(text); match; match = BEGIN.exec(text)) {
    const begin = match.index;
    const markerEnd = begin + match[0].length;
    const before = text[begin - 1];
    const escapedNewline = before === 'n' && text[begin - 2] === '\\';
    let end: number;
    if (before === '"' || before === "'" || escapedNewline) {
      end = stringBlockEnd(text, markerEnd, before === "'" ? "'" : '"', markers, unclosedFrom);
    } else {
      // Line start, searching back only to the previous BEGIN (several blocks can share a line).
      let lineStart = previousLineStart;
      for (let index = begin - 1; index >= previousBegin; index--) {
        if (text[index] === '\n') {
          lineStart = index + 1;
          break;
        }
      }
      previousBegin = begin;
      previousLineStart = lineStart;
      end = lineBlockEnd(text, lineStart, begin, markerEnd, markers);
    }
    spans.push({ type: 'private_key', start: begin, end, replacement: REPLACEMENTS.credentials });
    BEGIN.lastIndex = Math.max(end, markerEnd);
  }
  return spans;
}

function stringBlockEnd(
  text: string,
  from: number,
  quote: string,
  markers: EndMarkers,
  unclosedFrom: Record<string, number>,
): number {
  const lineEnd = endOfLine(text, from);
  const unclosed = unclosedFrom[quote];
  if (unclosed === undefined || from < unclosed) {
    for (let index = from; index < text.length; index++) {
      const char = text[index];
      if (char === '-' && text.startsWith('-----END', index)) {
        const marker = markers.next(index);
        if (marker && marker.start === index) return marker.end;
      } else if (char === '\\' && quote === '"') {
        index++;
      } else if (char === quote) {
        if (quote === "'" && text[index + 1] === "'") index++;
        else return index;
      }
    }
    unclosedFrom[quote] = from;
  }
  // No closing quote anywhere after: END on the same line, else the line end.
  const marker = markers.next(from);
  return marker && marker.end <= lineEnd ? marker.end : lineEnd;
}

function endOfLine(text: string, position: number): number {
  let end = text.indexOf('\n', position);
  if (end < 0) end = text.length;
  if (end > position && text.charCodeAt(end - 1) === 13) end--;
  return end;
}

function indentOf(text: string, lineStart: number): number {
  let index = lineStart;
  while (text.charCodeAt(index) === 32) index++;
  return index - lineStart;
}

function trimRight(text: string, start: number, end: number): number {
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return end;
}

function isBlankBetween(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) if (text[index] !== ' ' && text[index] !== '\t') return false;
  return true;
}

function lineBlockEnd(
  text: string,
  lineStart: number,
  begin: number,
  markerEnd: number,
  markers: EndMarkers,
): number {
  const indent = indentOf(text, lineStart);
  // After `key:` a value's continuation lines must be deeper than the key; raw PEM lines stay at the
  // BEGIN line's own indentation. Without END, the block ends with this strict container.
  const strictIndent = lineStart + indent === begin ? indent : indent + 1;
  let lineEnd = endOfLine(text, markerEnd);
  let marker = markers.next(markerEnd);
  if (marker && marker.end <= lineEnd) return marker.end;
  let lastContentEnd = trimRight(text, markerEnd, lineEnd);
  let strict = true;
  let position = text.indexOf('\n', lineEnd) + 1;
  while (position > 0 && position < text.length) {
    lineEnd = endOfLine(text, position);
    const lineIndent = indentOf(text, position);
    if (!isBlankBetween(text, position + lineIndent, lineEnd)) {
      if (lineIndent < strictIndent) strict = false;
      if (lineIndent < indent) break;
      if (
        lineIndent === 0 &&
        /^(?:---|\.\.\.)(?:[ \t]|$)/.test(text.slice(position, Math.min(lineEnd, position + 4)))
      )
        break;
      // Past the strict container (`note: key follows -----BEGIN ...` then PEM lines at the key's
      // indentation), END still closes the block unless another BEGIN comes first.
      if (!strict && (!marker || text.slice(position, lineEnd).includes('-----BEGIN'))) break;
      marker = markers.next(position);
      if (marker && marker.end <= lineEnd) return marker.end;
      if (strict) lastContentEnd = trimRight(text, position, lineEnd);
    }
    position = text.indexOf('\n', lineEnd) + 1;
  }
  return lastContentEnd;
}
