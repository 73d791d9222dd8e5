// Where a review comment sits: the (line, side) GitHub reports, or, when those are null (outdated
// comments, legacy position-only comments), a location derived from the diff the comment was made
// on. In order: `original_position` mapped through the diff at `original_commit_id` when that
// position's diff_hunk equals the comment's (proof it is the same diff); else the comment's
// diff_hunk anchored in that diff; else the diff_hunk read on its own, whose header numbers the
// lines of its hunk, so the last line's number is known even with no diff at all.

import {
  anchorByDiffHunk,
  type DiffFile,
  diffHunkFor,
  diffLineAt,
  findDiffFile,
  lastPosition,
  lineToPosition,
  parseUnifiedDiff,
  positionToLine,
  type Side,
  type UnifiedDiff,
} from '../../iac/diff/index.js';
import type { LineSource, ReviewComment } from './types.js';

/** The location fields of a silver row. */
export interface CommentLocation {
  side: Side | null;
  line: number | null;
  start_side: Side | null;
  start_line: number | null;
  line_source: LineSource | null;
  /** The commit whose diff the location (and full_hunk) refers to. */
  anchor_commit_id: string | null;
  full_hunk: string | null;
}

/** The parsed diff of the pull request at a commit, when it could be fetched. */
export type DiffLookup = (commitId: string) => UnifiedDiff | undefined;

const NOWHERE: CommentLocation = {
  side: null,
  line: null,
  start_side: null,
  start_line: null,
  line_source: null,
  anchor_commit_id: null,
  full_hunk: null,
};

/** Locate a comment (see the module comment for the order of methods). */
export function locateComment(comment: ReviewComment, diffAt: DiffLookup): CommentLocation {
  if (comment.subject_type === 'file') return NOWHERE;
  if (comment.line !== null && comment.line !== undefined) {
    const side = comment.side ?? 'RIGHT';
    const startLine = comment.start_line ?? null;
    const file = fileAt(diffAt, comment.commit_id, comment.path);
    const position = file && lineToPosition(file, comment.line, side);
    return {
      side,
      line: comment.line,
      start_side: startLine === null ? null : (comment.start_side ?? side),
      start_line: startLine,
      line_source: 'api',
      anchor_commit_id: comment.commit_id,
      full_hunk: file && position !== undefined ? fullHunkAt(file, position) : null,
    };
  }
  const derived = derive(comment, diffAt);
  if (!derived) return NOWHERE;
  const { file, position, source } = derived;
  const location = positionToLine(file, position)!;
  let startLine: number | null = null;
  if (comment.original_start_line !== null && comment.original_start_line !== undefined) {
    // Keep the comment's span when the anchor moved it (the diff differs from GitHub's).
    const span =
      comment.original_line != null ? comment.original_line - comment.original_start_line : undefined;
    startLine = span === undefined ? comment.original_start_line : location.line - span;
  }
  return {
    side: location.side,
    line: location.line,
    start_side: startLine === null ? null : (comment.start_side ?? location.side),
    start_line: startLine,
    line_source: source,
    anchor_commit_id: comment.original_commit_id,
    full_hunk: derived.standalone ? null : fullHunkAt(file, position),
  };
}

/** True for a line comment GitHub no longer places on the current diff. */
export function isOutdated(comment: ReviewComment): boolean {
  return comment.subject_type !== 'file' && comment.line == null && comment.position == null;
}

/** The whole hunk holding a position: its header and every line, joined by `\n`. */
export function fullHunkAt(file: DiffFile, position: number): string | null {
  const entry = diffLineAt(file, position);
  if (!entry) return null;
  return [entry.hunk.header, ...entry.hunk.lines.map((line) => line.raw)].join('\n');
}

interface Derived {
  file: DiffFile;
  position: number;
  source: LineSource;
  /** The file is the diff_hunk itself, not the real diff. */
  standalone: boolean;
}

function derive(comment: ReviewComment, diffAt: DiffLookup): Derived | undefined {
  const diffHunk = (comment.diff_hunk ?? '').replace(/\n+$/, '');
  const file = fileAt(diffAt, comment.original_commit_id, comment.path);
  const position = comment.original_position ?? comment.position ?? undefined;
  if (file && position !== undefined && positionToLine(file, position)) {
    if (diffHunk === '' || diffHunkFor(file, position) === diffHunk) {
      return { file, position, source: 'position', standalone: false };
    }
  }
  if (file && diffHunk !== '') {
    const anchor = anchorByDiffHunk(file, diffHunk);
    if (anchor && positionToLine(file, anchor.position)) {
      return { file, position: anchor.position, source: 'diff_hunk', standalone: false };
    }
  }
  if (!diffHunk.startsWith('@@')) return undefined;
  const standalone = parseUnifiedDiff(`--- a/file\n+++ b/file\n${diffHunk}\n`).files[0];
  if (!standalone) return undefined;
  // The commented line is the diff_hunk's last line (skipping a "\ No newline" marker after it).
  for (let last = lastPosition(standalone); last > 0; last--) {
    if (positionToLine(standalone, last)) {
      return { file: standalone, position: last, source: 'diff_hunk', standalone: true };
    }
  }
  return undefined;
}

function fileAt(diffAt: DiffLookup, commitId: string, path: string): DiffFile | undefined {
  const diff = diffAt(commitId);
  return diff ? findDiffFile(diff, path) : undefined;
}
