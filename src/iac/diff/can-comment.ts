// Whether GitHub would accept a review comment at a place. A line comment needs its line in a hunk
// of the file on the given side ("Pull request review thread line must be part of the diff"); a
// multi-line comment needs its start in the same hunk and before its end ("start line must precede
// the end line"); a file-level comment (`subject_type: file`) needs only the file to be in the diff.
// Order is judged by position, the order of the lines in the diff, which for two lines on one side
// is the order of their line numbers.

import { diffLineAt, lineToPosition } from './position-to-line.js';
import type { DiffFile, Side } from './types.js';

/** A place a review comment may point at, in the fields of GitHub's API. */
export interface CommentTarget {
  line?: number;
  side?: Side;
  startLine?: number;
  startSide?: Side;
  /** `file` for a comment on the whole file (no line); `line` (the default) otherwise. */
  subjectType?: 'line' | 'file';
}

/** The verdict on a comment target; a reason when it cannot take a comment. */
export type CommentCheck =
  | { ok: true; position?: number; startPosition?: number }
  | { ok: false; reason: string };

/** Check that a comment at (path, line, side[, start_line, start_side]) can be placed on this file. */
export function canComment(file: DiffFile, target: CommentTarget): CommentCheck {
  if (target.subjectType === 'file') return { ok: true };
  const side = target.side ?? 'RIGHT';
  if (target.line === undefined) return { ok: false, reason: 'a line comment needs a line' };
  if (!isLineNumber(target.line)) return { ok: false, reason: `line ${target.line} is not a line number` };
  if (file.binary)
    return { ok: false, reason: `${file.path} is a binary file; only file-level comments fit` };
  const position = lineToPosition(file, target.line, side);
  if (position === undefined) {
    return {
      ok: false,
      reason: `line ${target.line} (${side}) of ${file.path} is not in any hunk of the diff`,
    };
  }
  if (target.startLine === undefined) {
    if (target.startSide !== undefined) return { ok: false, reason: 'start_side given without start_line' };
    return { ok: true, position };
  }
  const startSide = target.startSide ?? side;
  if (!isLineNumber(target.startLine)) {
    return { ok: false, reason: `start line ${target.startLine} is not a line number` };
  }
  const startPosition = lineToPosition(file, target.startLine, startSide);
  if (startPosition === undefined) {
    return {
      ok: false,
      reason: `start line ${target.startLine} (${startSide}) of ${file.path} is not in any hunk of the diff`,
    };
  }
  if (diffLineAt(file, startPosition)!.hunkIndex !== diffLineAt(file, position)!.hunkIndex) {
    return {
      ok: false,
      reason: `start line ${target.startLine} (${startSide}) and line ${target.line} (${side}) are in different hunks`,
    };
  }
  if (startPosition >= position) {
    return {
      ok: false,
      reason: `start line ${target.startLine} (${startSide}) does not come before line ${target.line} (${side})`,
    };
  }
  return { ok: true, position, startPosition };
}

function isLineNumber(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}
