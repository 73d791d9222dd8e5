// The shapes of a parsed unified diff, shared by the parser and the GitHub mapping functions.
// Plain objects: treat them as immutable (the mapping functions cache indexes per file object).

/** GitHub's name for the two sides of a split diff: LEFT = the old file, RIGHT = the new file. */
export type Side = 'LEFT' | 'RIGHT';

/** How a file changed, in the words GitHub's files API uses. */
export type FileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied';

/** The kind of one line of a hunk body. */
export type DiffLineKind = 'context' | 'added' | 'removed' | 'no-newline';

/** One line of a hunk body, as GitHub counts it. */
export interface DiffLine {
  kind: DiffLineKind;
  /**
   * The content after the one-character marker, exactly as in the diff (a trailing `\r` of a
   * CRLF file is kept). For a `no-newline` line: the text after `\ ` ("No newline at end of file").
   */
  text: string;
  /** The whole diff line without its `\n`: marker and content, byte for byte. */
  raw: string;
  /** Line number in the old file (context and removed lines). */
  oldLine?: number;
  /** Line number in the new file (context and added lines). */
  newLine?: number;
  /** GitHub's `position`: lines below the file's first `@@` header, later headers included. */
  position: number;
  /** Set on the line a following `\ No newline at end of file` refers to. */
  noNewlineAtEnd?: boolean;
}

/** One `@@ -a,b +c,d @@ section` hunk. */
export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The header line exactly as in the diff (it starts GitHub's `diff_hunk`). */
  header: string;
  /** Text after the closing `@@` (git's function context), without the separating space. */
  section: string;
  /** Position of the header itself: 0 for the first hunk, and each later header takes one. */
  headerPosition: number;
  lines: DiffLine[];
}

/** One file of a diff. */
export interface DiffFile {
  /** The file's name as GitHub's review comments use it: the new name, or the old one when removed. */
  path: string;
  /** The name before the change (differs from `path` for renames and copies). */
  oldPath: string;
  status: FileStatus;
  /** Binary files carry no hunks: no position or line of theirs can take a line comment. */
  binary: boolean;
  hunks: Hunk[];
  oldMode?: string;
  newMode?: string;
  /** `similarity index` of a rename or copy, in percent. */
  similarity?: number;
  /** 1-based line of the diff text where this file's header starts. */
  startLine: number;
}

/** A problem found while parsing; parsing goes on after it. */
export interface DiffDiagnostic {
  /** 1-based line in the diff text. */
  line: number;
  message: string;
  /** The file being parsed when the problem was found, when known. */
  path?: string;
}

/** The result of parsing a whole diff text. */
export interface UnifiedDiff {
  files: DiffFile[];
  diagnostics: DiffDiagnostic[];
}

/** A place a line comment can point at. */
export interface LineLocation {
  line: number;
  side: Side;
}
