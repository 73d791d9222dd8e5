import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PositionMap } from './position-map.js';

describe('PositionMap', () => {
  it('counts lines, code point columns and UTF-8 bytes', () => {
    const map = new PositionMap('aé😀b\n\tx\r\ny', 'f');
    expect(map.position(0)).toEqual({ line: 1, column: 1, byte: 0 });
    expect(map.position(2)).toEqual({ line: 1, column: 3, byte: 3 });
    expect(map.position(4)).toEqual({ line: 1, column: 4, byte: 7 });
    expect(map.position(6)).toEqual({ line: 2, column: 1, byte: 9 });
    expect(map.position(7)).toEqual({ line: 2, column: 2, byte: 10 });
    expect(map.position(10)).toEqual({ line: 3, column: 1, byte: 13 });
    expect(map.position(11)).toEqual({ line: 3, column: 2, byte: 14 });
  });

  it('counts a byte order mark in bytes only', () => {
    const map = new PositionMap('\uFEFFa\nb', 'f');
    expect(map.position(1)).toEqual({ line: 1, column: 1, byte: 3 });
    expect(map.position(3)).toEqual({ line: 2, column: 1, byte: 5 });
  });

  it('offsets positions from an origin', () => {
    const map = new PositionMap('ab\ncd', 'f', { line: 4, column: 7, byte: 100 });
    expect(map.position(1)).toEqual({ line: 4, column: 8, byte: 101 });
    expect(map.position(4)).toEqual({ line: 5, column: 2, byte: 104 });
  });

  it('agrees with a direct count for any text and offset, in any order of questions', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (text, picks) => {
          const map = new PositionMap(text, 'f');
          const boundaries = [0];
          for (const char of text) boundaries.push(boundaries.at(-1)! + char.length);
          for (const pick of picks) {
            const index = boundaries[pick % boundaries.length]!;
            const before = text.slice(0, index);
            const lineStart = before.lastIndexOf('\n') + 1;
            const leadingBom = lineStart === 0 && text.startsWith('\uFEFF') ? 1 : 0;
            expect(map.position(index)).toEqual({
              line: before.split('\n').length,
              column: [...before.slice(lineStart + leadingBom)].length + 1,
              byte: Buffer.byteLength(before),
            });
          }
        },
      ),
      { seed: 7 },
    );
  });
});
