// Mapping between GitHub's `position` and (line, side), both ways, for one file of a diff.
//
// RIGHT is the new file: added lines and context lines, numbered by new line numbers. LEFT is the
// old file: removed lines and context lines, numbered by old line numbers. A context line sits on
// both sides, so (old number, LEFT) and (new number, RIGHT) reach the same position; going from a
// position back, a context line answers RIGHT with its new number, which is what GitHub stores for
// a comment made with `position` alone ("side ... RIGHT for additions ... or unchanged lines that
// appear in white and are shown for context", REST docs for review comments). Hunk headers and
// `\ No newline at end of file` lines hold positions but no line: they map to undefined.

import type { DiffFile, DiffLine, Hunk, LineLocation, Side } from './types.js';

interface FileIndex {
  byPosition: Map<number, { line: DiffLine; hunk: Hunk; hunkIndex: number }>;
  rightToPosition: Map<number, number>;
  leftToPosition: Map<number, number>;
  lastPosition: number;
}

const INDEXES = new WeakMap<DiffFile, FileIndex>();

function indexOf(file: DiffFile): FileIndex {
  let index = INDEXES.get(file);
  if (index) return index;
  index = { byPosition: new Map(), rightToPosition: new Map(), leftToPosition: new Map(), lastPosition: 0 };
  file.hunks.forEach((hunk, hunkIndex) => {
    for (const line of hunk.lines) {
      index!.byPosition.set(line.position, { line, hunk, hunkIndex });
      if (line.newLine !== undefined) index!.rightToPosition.set(line.newLine, line.position);
      if (line.oldLine !== undefined) index!.leftToPosition.set(line.oldLine, line.position);
      index!.lastPosition = Math.max(index!.lastPosition, line.position);
    }
  });
  INDEXES.set(file, index);
  return index;
}

/** The (line, side) a position points at; undefined for headers, markers and positions outside the file. */
export function positionToLine(file: DiffFile, position: number): LineLocation | undefined {
  const entry = indexOf(file).byPosition.get(position);
  if (!entry) return undefined;
  const { line } = entry;
  if (line.kind === 'removed') return { line: line.oldLine!, side: 'LEFT' };
  if (line.kind === 'added' || line.kind === 'context') return { line: line.newLine!, side: 'RIGHT' };
  return undefined;
}

/** The position of a file line on a side; undefined when the line is not in any hunk. */
export function lineToPosition(file: DiffFile, line: number, side: Side): number | undefined {
  const index = indexOf(file);
  return (side === 'LEFT' ? index.leftToPosition : index.rightToPosition).get(line);
}

/** The diff line at a position with its hunk, or undefined (hunk headers are not lines). */
export function diffLineAt(
  file: DiffFile,
  position: number,
): { line: DiffLine; hunk: Hunk; hunkIndex: number } | undefined {
  return indexOf(file).byPosition.get(position);
}

/** The largest position of the file (0 when it has no hunks). */
export function lastPosition(file: DiffFile): number {
  return indexOf(file).lastPosition;
}

/** What a position is, for error messages: a line, a hunk header, a marker, or outside the file. */
export function describePosition(
  file: DiffFile,
  position: number,
): 'line' | 'hunk-header' | 'no-newline' | 'outside' {
  const entry = indexOf(file).byPosition.get(position);
  if (entry) return entry.line.kind === 'no-newline' ? 'no-newline' : 'line';
  if (file.hunks.some((hunk) => hunk.headerPosition === position)) return 'hunk-header';
  return 'outside';
}
