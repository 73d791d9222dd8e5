// Parser for unified diffs as GitHub serves them (`application/vnd.github.v3.diff`, i.e. `git diff`
// output) and plain `diff -u` output. It never throws: what parses is returned, and every problem
// becomes a diagnostic with its line number, so one broken file does not lose the others.
//
// Positions follow GitHub's review-comment `position`: the first `@@` header of a file is 0, every
// later line of that file's diff counts one, later `@@` headers included. `\ No newline at end of
// file` lines count too. Evidence: GitHub's own Visual Studio extension first skipped them and had
// comments land on the wrong line (github/VisualStudio#1141); its fix "Increment diffLine when
// control line is encountered" (github/VisualStudio#1148) counts them, and Microsoft's
// vscode-pull-request-github, which places GitHub's stored comments by `position`, asserts the same
// (src/test/common/diff.test.ts: `-}` at 5, the marker at 6, `+    ],` at 7). GitHub's `diff_hunk`
// strings keep the marker lines, which only makes sense if they are lines of the position space.
//
// Hunk bodies are read by the counts in their header, never by guessing from line prefixes, so a
// removed line reading `-- x` or an added `++ y` (a diff of a diff) cannot start a new file.

import { parseHeaderPath, splitDiffGitNames, stripCarriageReturn } from './git-path.js';
import type { DiffDiagnostic, DiffFile, DiffLine, FileStatus, Hunk, UnifiedDiff } from './types.js';

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@([\s\S]*)$/;
const DEV_NULL = '/dev/null';
const MAX_DIAGNOSTICS = 200;

interface FileBuilder {
  startLine: number;
  git: boolean;
  gitOldName?: string;
  gitNewName?: string;
  minusName?: string;
  plusName?: string;
  renameFrom?: string;
  renameTo?: string;
  copyFrom?: string;
  copyTo?: string;
  newFile: boolean;
  deletedFile: boolean;
  oldMode?: string;
  newMode?: string;
  similarity?: number;
  binary: boolean;
  binaryPatch: boolean;
  hunks: Hunk[];
  /** The last position used in this file (-1 before the first hunk). */
  position: number;
}

/** Parse a whole unified diff (many files, many hunks) into files with GitHub positions. */
export function parseUnifiedDiff(text: string): UnifiedDiff {
  // A byte-order mark (an editor saved the diff) would hide the first `diff --git` line.
  const lines = (text.startsWith('\uFEFF') ? text.slice(1) : text).split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const files: DiffFile[] = [];
  const diagnostics: DiffDiagnostic[] = [];
  let current: FileBuilder | undefined;
  let skippingCombined = false;

  const report = (index: number, message: string, path?: string): void => {
    if (diagnostics.length < MAX_DIAGNOSTICS) {
      diagnostics.push(
        path === undefined ? { line: index + 1, message } : { line: index + 1, message, path },
      );
    } else if (diagnostics.length === MAX_DIAGNOSTICS) {
      diagnostics.push({ line: index + 1, message: 'too many problems; the rest are not reported' });
    }
  };
  const finish = (): void => {
    if (current) {
      const file = buildFile(current, (message) => report(current!.startLine - 1, message));
      if (file) files.push(file);
    }
    current = undefined;
  };

  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    if (line.startsWith('diff --git ')) {
      finish();
      skippingCombined = false;
      current = newBuilder(index, true);
      const names = splitDiffGitNames(line);
      if (names) {
        current.gitOldName = names.oldName;
        current.gitNewName = names.newName;
      } else {
        report(index, 'cannot read the two file names of this "diff --git" line');
      }
      index++;
      continue;
    }
    if (line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      finish();
      skippingCombined = true;
      report(index, 'combined (merge) diffs are not supported; this file is skipped');
      index++;
      continue;
    }
    if (skippingCombined) {
      index++;
      continue;
    }
    const next = lines[index + 1];
    if (line.startsWith('--- ') && next?.startsWith('+++ ')) {
      if (!current || current.minusName !== undefined || current.hunks.length > 0 || current.binary) {
        finish();
        current = newBuilder(index, false);
      }
      current.minusName = parseHeaderPath(line.slice(4));
      current.plusName = parseHeaderPath(next.slice(4));
      index += 2;
      continue;
    }
    if (line.startsWith('@@')) {
      const builder = current;
      const parsed = parseHunk(lines, index, builder?.position ?? -1, builder?.hunks.length === 0);
      for (const problem of parsed.problems) report(problem.index, problem.message, builderPath(builder));
      if (!parsed.hunk) {
        index++;
        continue;
      }
      if (builder && !builder.binary) {
        builder.hunks.push(parsed.hunk);
        builder.position = parsed.lastPosition;
      } else {
        report(
          index,
          builder ? 'hunk inside a binary file entry' : 'hunk outside any file (no file header before it)',
        );
      }
      index = parsed.nextIndex;
      continue;
    }
    if (current && current.hunks.length === 0 && readExtendedHeader(current, line)) {
      index++;
      continue;
    }
    if (current?.binaryPatch || line === '' || stripCarriageReturn(line) === '') {
      index++;
      continue;
    }
    // Text before the first file (a commit message, an e-mail header) is not an error.
    if (current || files.length > 0) report(index, `unexpected line: ${JSON.stringify(line.slice(0, 60))}`);
    index++;
  }
  finish();
  if (files.length === 0 && text.trim() !== '' && diagnostics.length === 0) {
    diagnostics.push({ line: 1, message: 'no file header ("diff --git" or "---"/"+++") found' });
  }
  return { files, diagnostics };
}

function newBuilder(index: number, git: boolean): FileBuilder {
  return {
    startLine: index + 1,
    git,
    newFile: false,
    deletedFile: false,
    binary: false,
    binaryPatch: false,
    hunks: [],
    position: -1,
  };
}

function builderPath(builder: FileBuilder | undefined): string | undefined {
  if (!builder) return undefined;
  const name = builder.plusName ?? builder.renameTo ?? builder.gitNewName ?? builder.minusName;
  return name?.replace(/^[ab]\//, '');
}

// Extended header lines git writes between `diff --git` and the first hunk, and what each one sets.
const EXTENDED_HEADERS: [string, (builder: FileBuilder, value: string) => void][] = [
  [
    'new file mode ',
    (builder, value) => {
      builder.newFile = true;
      builder.newMode = value;
    },
  ],
  [
    'deleted file mode ',
    (builder, value) => {
      builder.deletedFile = true;
      builder.oldMode = value;
    },
  ],
  ['old mode ', (builder, value) => (builder.oldMode = value)],
  ['new mode ', (builder, value) => (builder.newMode = value)],
  ['rename from ', (builder, value) => (builder.renameFrom = parseHeaderPath(value))],
  ['rename to ', (builder, value) => (builder.renameTo = parseHeaderPath(value))],
  ['copy from ', (builder, value) => (builder.copyFrom = parseHeaderPath(value))],
  ['copy to ', (builder, value) => (builder.copyTo = parseHeaderPath(value))],
  ['similarity index ', (builder, value) => (builder.similarity = Number.parseInt(value, 10))],
  // Blob ids and dissimilarity carry nothing the mapping needs.
  ['dissimilarity index ', () => {}],
  ['index ', () => {}],
];

/** Take one extended header line (`new file mode`, `rename from`, ...); false when it is not one. */
function readExtendedHeader(builder: FileBuilder, rawLine: string): boolean {
  const line = stripCarriageReturn(rawLine);
  for (const [prefix, apply] of EXTENDED_HEADERS) {
    if (line.startsWith(prefix)) {
      apply(builder, line.slice(prefix.length));
      return true;
    }
  }
  if (line.startsWith('Binary files ') && line.endsWith(' differ')) {
    builder.binary = true;
    return true;
  }
  if (line === 'GIT binary patch') {
    builder.binary = true;
    builder.binaryPatch = true;
    return true;
  }
  return false;
}

interface HunkParse {
  hunk?: Hunk;
  nextIndex: number;
  lastPosition: number;
  problems: { index: number; message: string }[];
}

/** Read one hunk: its header at `lines[start]` and as many body lines as its counts say. */
function parseHunk(lines: string[], start: number, lastPosition: number, first: boolean): HunkParse {
  const header = lines[start]!;
  const match = HUNK_HEADER.exec(header);
  if (!match) {
    return {
      nextIndex: start + 1,
      lastPosition,
      problems: [{ index: start, message: `not a hunk header: ${JSON.stringify(header.slice(0, 60))}` }],
    };
  }
  const problems: { index: number; message: string }[] = [];
  const oldStart = Number(match[1]);
  const oldLines = match[2] === undefined ? 1 : Number(match[2]);
  const newStart = Number(match[3]);
  const newLines = match[4] === undefined ? 1 : Number(match[4]);
  const section = stripCarriageReturn(match[5]!).replace(/^ /, '');
  const headerPosition = first || lastPosition < 0 ? 0 : lastPosition + 1;
  const hunk: Hunk = { oldStart, oldLines, newStart, newLines, header, section, headerPosition, lines: [] };

  let position = headerPosition;
  let oldRemaining = oldLines;
  let newRemaining = newLines;
  let oldNumber = oldStart;
  let newNumber = newStart;
  let index = start + 1;
  const addMarker = (raw: string): void => {
    const previous = hunk.lines[hunk.lines.length - 1];
    if (previous && previous.kind !== 'no-newline') previous.noNewlineAtEnd = true;
    else problems.push({ index, message: '"\\ No newline at end of file" without a line before it' });
    hunk.lines.push({
      kind: 'no-newline',
      text: raw.slice(raw.startsWith('\\ ') ? 2 : 1),
      raw,
      position: ++position,
    });
  };

  while ((oldRemaining > 0 || newRemaining > 0) && index < lines.length) {
    const raw = lines[index]!;
    const marker = raw === '' ? ' ' : raw[0];
    let line: DiffLine | undefined;
    if (marker === ' ' && oldRemaining > 0 && newRemaining > 0) {
      line = {
        kind: 'context',
        text: raw.slice(1),
        raw,
        oldLine: oldNumber++,
        newLine: newNumber++,
        position: 0,
      };
      oldRemaining--;
      newRemaining--;
    } else if (marker === '-' && oldRemaining > 0) {
      line = { kind: 'removed', text: raw.slice(1), raw, oldLine: oldNumber++, position: 0 };
      oldRemaining--;
    } else if (marker === '+' && newRemaining > 0) {
      line = { kind: 'added', text: raw.slice(1), raw, newLine: newNumber++, position: 0 };
      newRemaining--;
    } else if (marker === '\\') {
      addMarker(raw);
      index++;
      continue;
    } else {
      break;
    }
    line.position = ++position;
    hunk.lines.push(line);
    index++;
  }
  if (oldRemaining > 0 || newRemaining > 0) {
    problems.push({
      index: start,
      message: `hunk ${header.trim()} ends early: ${oldRemaining} old and ${newRemaining} new lines missing`,
    });
  }
  while (index < lines.length && lines[index]!.startsWith('\\')) {
    addMarker(lines[index]!);
    index++;
  }
  return { hunk, nextIndex: index, lastPosition: position, problems };
}

function stripPrefix(name: string | undefined, prefix: string, strip: boolean): string | undefined {
  if (name === undefined || name === DEV_NULL) return undefined;
  return strip && name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

/** Turn the collected header facts into a DiffFile (undefined when no name could be found). */
function buildFile(builder: FileBuilder, report: (message: string) => void): DiffFile | undefined {
  // Git writes `a/` and `b/` unless told otherwise; strip them only when this entry shows them.
  const strip = builder.git
    ? (builder.gitOldName?.startsWith('a/') ?? false) && (builder.gitNewName?.startsWith('b/') ?? false)
    : (builder.minusName?.startsWith('a/') ?? false) && (builder.plusName?.startsWith('b/') ?? false);
  const oldName =
    stripPrefix(builder.minusName, 'a/', strip) ??
    builder.renameFrom ??
    builder.copyFrom ??
    stripPrefix(builder.gitOldName, 'a/', strip);
  const newName =
    stripPrefix(builder.plusName, 'b/', strip) ??
    builder.renameTo ??
    builder.copyTo ??
    stripPrefix(builder.gitNewName, 'b/', strip);
  let status: FileStatus = 'modified';
  if (builder.renameFrom !== undefined || builder.renameTo !== undefined) status = 'renamed';
  else if (builder.copyFrom !== undefined || builder.copyTo !== undefined) status = 'copied';
  else if (builder.deletedFile || builder.plusName === DEV_NULL) status = 'removed';
  else if (builder.newFile || builder.minusName === DEV_NULL) status = 'added';
  const path = status === 'removed' ? (oldName ?? newName) : (newName ?? oldName);
  if (path === undefined) {
    report('file entry without a usable file name; skipped');
    return undefined;
  }
  const file: DiffFile = {
    path,
    oldPath: status === 'added' ? path : (oldName ?? path),
    status,
    binary: builder.binary,
    hunks: builder.hunks,
    startLine: builder.startLine,
  };
  if (builder.oldMode !== undefined) file.oldMode = builder.oldMode;
  if (builder.newMode !== undefined) file.newMode = builder.newMode;
  if (builder.similarity !== undefined && Number.isFinite(builder.similarity)) {
    file.similarity = builder.similarity;
  }
  return file;
}
