// The `review` task's input and output: one file's diff in, the human reviewers' line comments out.

/** GitHub's sides of a split diff: LEFT = the old file, RIGHT = the new file. */
export type ReviewSide = 'LEFT' | 'RIGHT';

/** One file of a pull request, as the model sees it. */
export interface ReviewInput {
  /** `owner/name`, when known (context only: the model is not asked about the repository). */
  repo?: string;
  /** Pull request number, when known. */
  pr?: number;
  /** The file's path in the pull request (the new name of a renamed file). */
  path: string;
  /** The file's hunks rendered with explicit old and new line numbers (renderNumberedHunks). */
  hunks: string;
  /** The file's raw unified diff (git headers and hunks), for the baseline and re-rendering. */
  diff: string;
}

/** One line comment: where it sits and what it says. */
export interface ReviewComment {
  path: string;
  /** Line number on `side` (the end line of a multi-line comment). */
  line: number;
  side: ReviewSide;
  body: string;
}

/** A hunk's line ranges, so metrics can tell which hunk a comment falls in. */
export interface HunkSpan {
  path: string;
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
}

/** The comments on a file. */
export interface ReviewTarget {
  comments: ReviewComment[];
  /**
   * Scoring context carried with the reference, never rendered, predicted or parsed: the hunks of
   * the file's diff, so `score(pairs)` (which sees no inputs) can compute hunk-level metrics.
   */
  hunks?: HunkSpan[];
}
