// Finding a file of a parsed diff by the path a review comment names.

import type { DiffFile, UnifiedDiff } from './types.js';

/**
 * The file a comment's `path` refers to: the file with that path (the new name, or the old name of a
 * removed file), else a renamed or copied file whose old name it is.
 */
export function findDiffFile(diff: UnifiedDiff | DiffFile[], path: string): DiffFile | undefined {
  const files = Array.isArray(diff) ? diff : diff.files;
  return files.find((file) => file.path === path) ?? files.find((file) => file.oldPath === path);
}
