// GitHub's `diff_hunk` field of a review comment: the text of the commented line's hunk from its own
// `@@` header (not the file's first one) down to and including the commented line (the end line of
// a multi-line comment), lines joined by `\n` with no newline at the end. A recorded comment shows
// it: position 30, line 57 RIGHT, and a diff_hunk of `@@ -44,13 +44,31 @@ type State struct {` plus
// 19 lines (entireio/cli pull 169, discussion_r2778602559) — earlier hunks took the first 11.
// GitHub does not shorten it: diff_hunks of over a thousand lines occur (a comment deep in a new
// file carries the whole file above it; anthropics/claude-code-action#1820 measured 1,792 lines).

import { diffLineAt } from './position-to-line.js';
import type { DiffFile } from './types.js';

/** The `diff_hunk` GitHub stores for a comment at this position; undefined for headers and gaps. */
export function diffHunkFor(file: DiffFile, position: number): string | undefined {
  const entry = diffLineAt(file, position);
  if (!entry) return undefined;
  const body = entry.hunk.lines.filter((line) => line.position <= position).map((line) => line.raw);
  return [entry.hunk.header, ...body].join('\n');
}

/** The position whose `diff_hunk` equals the given one exactly (a trailing newline is ignored). */
export function locateByDiffHunk(file: DiffFile, diffHunk: string): number | undefined {
  const lines = splitDiffHunk(diffHunk);
  const header = lines[0];
  const bodyLength = lines.length - 1;
  if (header === undefined || bodyLength < 1) return undefined;
  const wanted = lines.join('\n');
  for (const hunk of file.hunks) {
    if (hunk.header !== header || hunk.lines.length < bodyLength) continue;
    const position = hunk.lines[bodyLength - 1]!.position;
    if (diffHunkFor(file, position) === wanted) return position;
  }
  return undefined;
}

/** Where a comment's `diff_hunk` lands in this diff, and how sure that is. */
export interface DiffHunkAnchor {
  position: number;
  /** True when the whole diff_hunk matched (same hunk header, same lines). */
  exact: boolean;
  /** How many lines, ending with the commented one, matched in a row. */
  matchedLines: number;
}

/**
 * Re-anchor a comment whose diff_hunk came from another version of the diff (an outdated comment):
 * the exact match if there is one, else the line equal to its last line (marker and text) that has
 * the longest run of equal lines above it in the same hunk; ties go to the line number nearest the
 * one the diff_hunk's header implies, then to the earlier position.
 */
export function anchorByDiffHunk(file: DiffFile, diffHunk: string): DiffHunkAnchor | undefined {
  const lines = splitDiffHunk(diffHunk);
  const exact = locateByDiffHunk(file, diffHunk);
  if (exact !== undefined) return { position: exact, exact: true, matchedLines: lines.length - 1 };
  const hasHeader = lines[0]?.startsWith('@@') ?? false;
  const body = hasHeader ? lines.slice(1) : lines;
  const target = body[body.length - 1];
  if (target === undefined) return undefined;
  const expected = expectedLineNumber(hasHeader ? lines[0]! : undefined, body);
  let best: { position: number; matched: number; distance: number } | undefined;
  for (const hunk of file.hunks) {
    hunk.lines.forEach((line, index) => {
      if (line.raw !== target) return;
      let matched = 1;
      while (
        matched <= index &&
        matched < body.length &&
        hunk.lines[index - matched]!.raw === body[body.length - 1 - matched]
      ) {
        matched++;
      }
      const number = line.kind === 'removed' ? line.oldLine : line.newLine;
      const distance = expected !== undefined && number !== undefined ? Math.abs(number - expected) : 0;
      if (
        !best ||
        matched > best.matched ||
        (matched === best.matched && distance < best.distance) ||
        (matched === best.matched && distance === best.distance && line.position < best.position)
      ) {
        best = { position: line.position, matched, distance };
      }
    });
  }
  return best && { position: best.position, exact: false, matchedLines: best.matched };
}

function splitDiffHunk(diffHunk: string): string[] {
  const lines = diffHunk.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The line number (old for a removed last line, new otherwise) the diff_hunk's header implies. */
function expectedLineNumber(header: string | undefined, body: string[]): number | undefined {
  const match = header && /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(header);
  if (!match) return undefined;
  let oldNumber = Number(match[1]);
  let newNumber = Number(match[2]);
  let last: number | undefined;
  for (const raw of body) {
    const marker = raw === '' ? ' ' : raw[0];
    if (marker === ' ') {
      last = newNumber;
      oldNumber++;
      newNumber++;
    } else if (marker === '-') last = oldNumber++;
    else if (marker === '+') last = newNumber++;
  }
  return last;
}
