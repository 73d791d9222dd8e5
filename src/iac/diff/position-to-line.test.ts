import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffHunkFor, locateByDiffHunk } from './diff-hunk-for.js';
import { parseUnifiedDiff } from './parse-unified-diff.js';
import { describePosition, lastPosition, lineToPosition, positionToLine } from './position-to-line.js';

const DIFF = [
  'diff --git a/main.tf b/main.tf',
  'index 3b18e51..a9c1d3e 100644',
  '--- a/main.tf',
  '+++ b/main.tf',
  '@@ -1,4 +1,5 @@ terraform {',
  ' provider "aws" {',
  '-  region = "us-east-1"',
  '+  region = "eu-west-1"',
  '+  profile = "ci"',
  ' }',
  ' ',
  '@@ -20,3 +21,2 @@ resource "aws_s3_bucket" "logs" {',
  '   bucket = "logs"',
  '-  acl    = "public-read"',
  ' }',
].join('\n');

describe('positionToLine and lineToPosition', () => {
  const file = parseUnifiedDiff(DIFF).files[0]!;

  it('maps added and context lines to RIGHT and removed lines to LEFT', () => {
    expect([1, 2, 3, 4, 5, 6].map((position) => positionToLine(file, position))).toEqual([
      { line: 1, side: 'RIGHT' },
      { line: 2, side: 'LEFT' },
      { line: 2, side: 'RIGHT' },
      { line: 3, side: 'RIGHT' },
      { line: 4, side: 'RIGHT' },
      { line: 5, side: 'RIGHT' },
    ]);
  });

  it('counts a later hunk header as a position', () => {
    expect(positionToLine(file, 7)).toBeUndefined();
    expect(describePosition(file, 7)).toBe('hunk-header');
    expect(positionToLine(file, 8)).toEqual({ line: 21, side: 'RIGHT' });
    expect(positionToLine(file, 9)).toEqual({ line: 21, side: 'LEFT' });
    expect(lineToPosition(file, 21, 'LEFT')).toBe(9);
    expect(lineToPosition(file, 21, 'RIGHT')).toBe(8);
    expect(lineToPosition(file, 22, 'RIGHT')).toBe(10);
  });

  it('reaches a context line from both sides', () => {
    // ` }` of the first hunk: old line 3, new line 4.
    expect(lineToPosition(file, 3, 'LEFT')).toBe(5);
    expect(lineToPosition(file, 4, 'RIGHT')).toBe(5);
    expect(positionToLine(file, 5)).toEqual({ line: 4, side: 'RIGHT' });
    // A removed line has no RIGHT number and an added line no LEFT one.
    expect(lineToPosition(file, 2, 'LEFT')).toBe(2);
    expect(lineToPosition(file, 3, 'RIGHT')).toBe(4);
  });

  it('answers undefined outside the hunks and outside the positions', () => {
    expect(lineToPosition(file, 10, 'RIGHT')).toBeUndefined();
    expect(lineToPosition(file, 5, 'LEFT')).toBeUndefined();
    expect(positionToLine(file, 0)).toBeUndefined();
    expect(positionToLine(file, 11)).toBeUndefined();
    expect(positionToLine(file, -1)).toBeUndefined();
    expect(describePosition(file, 0)).toBe('hunk-header');
    expect(describePosition(file, 11)).toBe('outside');
    expect(lastPosition(file)).toBe(10);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: random file pairs, diffed by a small LCS line differ written here, rendered as git does
// (removals before additions, `context` lines around changes, nearby hunks merged, `,1` counts
// omitted, `\ No newline at end of file` after a last line without one). The generator knows the
// position of every line it writes; the parser must agree, and the two mappings must invert.

interface Operation {
  kind: 'context' | 'removed' | 'added';
  oldIndex?: number;
  newIndex?: number;
}

interface FilePair {
  name: string;
  old: string[];
  new: string[];
  oldNoNewline: boolean;
  newNoNewline: boolean;
  context: number;
}

interface Expected {
  position: number;
  raw: string;
  oldLine?: number;
  newLine?: number;
}

function diffOperations(pair: FilePair): Operation[] {
  // Two lines are equal when their text is, and when both or neither are a last line without newline.
  const key = (lines: string[], index: number, noNewline: boolean): string =>
    `${lines[index]}${noNewline && index === lines.length - 1 ? '\u0000' : ''}`;
  const oldKeys = pair.old.map((_, index) => key(pair.old, index, pair.oldNoNewline));
  const newKeys = pair.new.map((_, index) => key(pair.new, index, pair.newNoNewline));
  const table: number[][] = Array.from({ length: oldKeys.length + 1 }, () =>
    new Array<number>(newKeys.length + 1).fill(0),
  );
  for (let i = oldKeys.length - 1; i >= 0; i--) {
    for (let j = newKeys.length - 1; j >= 0; j--) {
      table[i]![j] =
        oldKeys[i] === newKeys[j]
          ? table[i + 1]![j + 1]! + 1
          : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const operations: Operation[] = [];
  let removed: Operation[] = [];
  let added: Operation[] = [];
  const flush = (): void => {
    operations.push(...removed, ...added);
    removed = [];
    added = [];
  };
  let i = 0;
  let j = 0;
  while (i < oldKeys.length || j < newKeys.length) {
    if (i < oldKeys.length && j < newKeys.length && oldKeys[i] === newKeys[j]) {
      flush();
      operations.push({ kind: 'context', oldIndex: i++, newIndex: j++ });
    } else if (j >= newKeys.length || (i < oldKeys.length && table[i + 1]![j]! >= table[i]![j + 1]!)) {
      removed.push({ kind: 'removed', oldIndex: i++ });
    } else {
      added.push({ kind: 'added', newIndex: j++ });
    }
  }
  flush();
  return operations;
}

function renderPair(pair: FilePair): { text: string; expected: Expected[]; hunkTexts: Map<number, string> } {
  const operations = diffOperations(pair);
  const changed = operations.flatMap((operation, index) => (operation.kind === 'context' ? [] : [index]));
  const ranges: [number, number][] = [];
  for (const index of changed) {
    const start = Math.max(0, index - pair.context);
    const end = Math.min(operations.length - 1, index + pair.context);
    const last = ranges[ranges.length - 1];
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  }
  const oldHeader = pair.old.length === 0 ? '--- /dev/null' : `--- a/${pair.name}`;
  const newHeader = pair.new.length === 0 ? '+++ /dev/null' : `+++ b/${pair.name}`;
  const out = [
    `diff --git a/${pair.name} b/${pair.name}`,
    'index 1111111..2222222 100644',
    oldHeader,
    newHeader,
  ];
  const expected: Expected[] = [];
  const hunkTexts = new Map<number, string>();
  let position = -1;
  for (const [start, end] of ranges) {
    const slice = operations.slice(start, end + 1);
    const oldCount = slice.filter((operation) => operation.kind !== 'added').length;
    const newCount = slice.filter((operation) => operation.kind !== 'removed').length;
    const before = operations.slice(0, start);
    const oldBefore = before.filter((operation) => operation.kind !== 'added').length;
    const newBefore = before.filter((operation) => operation.kind !== 'removed').length;
    const range = (first: number, count: number): string =>
      count === 1 ? `${first}` : `${count === 0 ? first - 1 : first},${count}`;
    const header = `@@ -${range(oldBefore + 1, oldCount)} +${range(newBefore + 1, newCount)} @@${start % 2 ? ' section' : ''}`;
    out.push(header);
    position++;
    const hunkLines = [header];
    const emit = (entry: Expected): void => {
      out.push(entry.raw);
      hunkLines.push(entry.raw);
      expected.push(entry);
      hunkTexts.set(entry.position, hunkLines.join('\n'));
    };
    for (const operation of slice) {
      const marker = operation.kind === 'context' ? ' ' : operation.kind === 'removed' ? '-' : '+';
      const text =
        operation.oldIndex !== undefined ? pair.old[operation.oldIndex]! : pair.new[operation.newIndex!]!;
      const entry: Expected = { position: ++position, raw: marker + text };
      if (operation.oldIndex !== undefined) entry.oldLine = operation.oldIndex + 1;
      if (operation.newIndex !== undefined) entry.newLine = operation.newIndex + 1;
      emit(entry);
      const oldLast = operation.oldIndex === pair.old.length - 1 && pair.oldNoNewline;
      const newLast = operation.newIndex === pair.new.length - 1 && pair.newNoNewline;
      if (oldLast || newLast) emit({ position: ++position, raw: '\\ No newline at end of file' });
    }
  }
  return { text: `${out.join('\n')}\n`, expected, hunkTexts };
}

const lineText = fc.constantFrom(
  'a',
  'b',
  'c',
  'd',
  '',
  '  resource "x" {',
  '}',
  'a\r',
  '@@ -1 +1 @@',
  '--- a/x',
);
const filePair = fc.record({
  old: fc.array(lineText, { maxLength: 30 }),
  new: fc.array(lineText, { maxLength: 30 }),
  oldNoNewline: fc.boolean(),
  newNoNewline: fc.boolean(),
  context: fc.integer({ min: 0, max: 3 }),
});

describe('positions of random diffs (property)', () => {
  it('agree with the generator, invert each other and point at the right file lines', () => {
    fc.assert(
      fc.property(fc.array(filePair, { minLength: 1, maxLength: 3 }), (rawPairs) => {
        const pairs: FilePair[] = rawPairs.map((pair, index) => ({
          ...pair,
          name: `dir/file-${index}.tf`,
          oldNoNewline: pair.oldNoNewline && pair.old.length > 0,
          newNoNewline: pair.newNoNewline && pair.new.length > 0,
        }));
        const rendered = pairs.map(renderPair);
        const parsed = parseUnifiedDiff(rendered.map((entry) => entry.text).join(''));
        expect(parsed.diagnostics).toEqual([]);
        expect(parsed.files.map((file) => file.path)).toEqual(pairs.map((pair) => pair.name));
        pairs.forEach((pair, fileIndex) => {
          const file = parsed.files[fileIndex]!;
          const { expected, hunkTexts } = rendered[fileIndex]!;
          const lines = file.hunks.flatMap((hunk) => hunk.lines);
          expect(lines.map((line) => [line.position, line.raw, line.oldLine, line.newLine])).toEqual(
            expected.map((entry) => [entry.position, entry.raw, entry.oldLine, entry.newLine]),
          );
          for (const line of lines) {
            if (line.oldLine !== undefined) expect(line.text).toBe(pair.old[line.oldLine - 1]);
            if (line.newLine !== undefined) expect(line.text).toBe(pair.new[line.newLine - 1]);
            expect(diffHunkFor(file, line.position)).toBe(hunkTexts.get(line.position));
            if (line.kind === 'no-newline') {
              expect(positionToLine(file, line.position)).toBeUndefined();
              continue;
            }
            // position → (line, side) → position is the identity for every line ...
            const location = positionToLine(file, line.position)!;
            expect(location.side).toBe(line.kind === 'removed' ? 'LEFT' : 'RIGHT');
            expect(lineToPosition(file, location.line, location.side)).toBe(line.position);
            // ... and (line, side) → position → (line, side) for both sides of a context line.
            if (line.oldLine !== undefined)
              expect(lineToPosition(file, line.oldLine, 'LEFT')).toBe(line.position);
            if (line.newLine !== undefined)
              expect(lineToPosition(file, line.newLine, 'RIGHT')).toBe(line.position);
            expect(locateByDiffHunk(file, diffHunkFor(file, line.position)!)).toBe(line.position);
          }
          // Lines outside every hunk have no position, on either side.
          const shownOld = new Set(lines.map((line) => line.oldLine));
          const shownNew = new Set(lines.map((line) => line.newLine));
          for (let number = 1; number <= pair.old.length; number++) {
            if (!shownOld.has(number)) expect(lineToPosition(file, number, 'LEFT')).toBeUndefined();
          }
          for (let number = 1; number <= pair.new.length; number++) {
            if (!shownNew.has(number)) expect(lineToPosition(file, number, 'RIGHT')).toBeUndefined();
          }
        });
      }),
      { numRuns: 300, seed: 20240611 },
    );
  });
});
