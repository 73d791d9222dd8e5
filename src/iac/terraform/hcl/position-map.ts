// Converts UTF-16 offsets into a source text to HCL positions: 1-based line, 1-based column counted in
// Unicode code points (a tab is one column), 0-based UTF-8 byte offset. A leading BOM counts in bytes
// but not in columns, as hcl strips it before scanning.

import type { Position, Range } from './ast.js';

/** Anything that can turn an offset of the text being parsed into a source position. */
export interface Locator {
  readonly filename: string;
  position(index: number): Position;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Offset → position for one source text, with an optional origin for snippets cut from a larger file. */
export class PositionMap implements Locator {
  readonly filename: string;
  private readonly lineStarts: number[] = [];
  /** UTF-8 byte offset of each UTF-16 offset; absent for pure ASCII text, where the two are equal. */
  private readonly byteOffsets: Int32Array | undefined;
  /** Code point count before each UTF-16 offset; absent for pure ASCII text. */
  private readonly codePointOffsets: Int32Array | undefined;
  private readonly origin: Position;
  private lastLine = 0;

  constructor(text: string, filename: string, origin: Position = { line: 1, column: 1, byte: 0 }) {
    this.filename = filename;
    this.origin = origin;
    this.lineStarts.push(text.charCodeAt(0) === 0xfeff ? 1 : 0);
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
      this.lineStarts.push(index + 1);
    }
    if (NON_ASCII.test(text)) {
      const bytes = new Int32Array(text.length + 1);
      const codePoints = new Int32Array(text.length + 1);
      let byte = 0;
      let codePoint = 0;
      for (let index = 0; index < text.length; index++) {
        bytes[index] = byte;
        codePoints[index] = codePoint;
        const code = text.charCodeAt(index);
        if (code < 0x80) byte += 1;
        else if (code < 0x800) byte += 2;
        else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1))) {
          // The pair is one code point of four bytes; the low half adds nothing.
          byte += 4;
          codePoint += 1;
          index++;
          bytes[index] = byte;
          codePoints[index] = codePoint;
          continue;
        } else byte += 3;
        codePoint += 1;
      }
      bytes[text.length] = byte;
      codePoints[text.length] = codePoint;
      this.byteOffsets = bytes;
      this.codePointOffsets = codePoints;
    }
  }

  /** The position of the character at `index` (or of the end of the text when `index` is its length). */
  position(index: number): Position {
    const line = this.lineOf(index);
    // Only offset 0 of a text starting with a BOM lies before its line's start: it is column 1 too.
    const lineStart = Math.min(this.lineStarts[line]!, index);
    let column: number;
    let byte: number;
    if (this.codePointOffsets && this.byteOffsets) {
      column = this.codePointOffsets[index]! - this.codePointOffsets[lineStart]! + 1;
      byte = this.byteOffsets[index]!;
    } else {
      column = index - lineStart + 1;
      byte = index;
    }
    if (line === 0) column += this.origin.column - 1;
    return { line: line + this.origin.line, column, byte: byte + this.origin.byte };
  }

  /** The range from `start` (inclusive) to `end` (exclusive). */
  range(start: number, end: number): Range {
    return { filename: this.filename, start: this.position(start), end: this.position(end) };
  }

  private lineOf(index: number): number {
    const starts = this.lineStarts;
    // Parsers ask mostly in source order, so the previous answer or the next line is usually right.
    let line = this.lastLine;
    if (index >= starts[line]! && (line + 1 >= starts.length || index < starts[line + 1]!)) return line;
    if (
      line + 1 < starts.length &&
      index >= starts[line + 1]! &&
      (line + 2 >= starts.length || index < starts[line + 2]!)
    ) {
      this.lastLine = line + 1;
      return line + 1;
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= index) low = middle;
      else high = middle - 1;
    }
    line = low;
    this.lastLine = line;
    return line;
  }
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
