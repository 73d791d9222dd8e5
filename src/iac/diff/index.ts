// The unified-diff library: parsing and GitHub review-comment mapping (pure functions).

export { type CommentCheck, type CommentTarget, canComment } from './can-comment.js';
export { anchorByDiffHunk, type DiffHunkAnchor, diffHunkFor, locateByDiffHunk } from './diff-hunk-for.js';
export { findDiffFile } from './find-diff-file.js';
export { parseHeaderPath, splitDiffGitNames, unquoteGitPath } from './git-path.js';
export { parseUnifiedDiff } from './parse-unified-diff.js';
export {
  describePosition,
  diffLineAt,
  lastPosition,
  lineToPosition,
  positionToLine,
} from './position-to-line.js';
export { type RenderOptions, renderNumberedHunks } from './render-numbered-hunks.js';
export type {
  DiffDiagnostic,
  DiffFile,
  DiffLine,
  DiffLineKind,
  FileStatus,
  Hunk,
  LineLocation,
  Side,
  UnifiedDiff,
} from './types.js';
