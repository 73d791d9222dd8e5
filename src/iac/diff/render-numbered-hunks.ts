// A file's hunks with explicit old and new line numbers, for prompts: a model that sees
//
//   @@ -3,4 +3,5 @@ resource "aws_s3_bucket" "logs" {
//    3    3   bucket = "logs"
//    4      - acl    = "public-read"
//         4 + acl    = "private"
//
// can answer with (line, side) directly instead of counting lines itself. A line with a new number
// is addressed as RIGHT with it; a line with only an old number as LEFT.

import type { DiffFile } from './types.js';

/** Options for renderNumberedHunks. */
export interface RenderOptions {
  /** Start with a line naming the file and its status (default true). */
  fileHeader?: boolean;
  /** Add GitHub's position as a first column (default false). */
  positions?: boolean;
}

/** Render a file's hunks with old and new line numbers and a +/-/space marker; hunk headers are kept. */
export function renderNumberedHunks(file: DiffFile, options: RenderOptions = {}): string {
  const out: string[] = [];
  if (options.fileHeader ?? true) out.push(describeFile(file));
  if (file.binary) {
    out.push('(binary file: no lines to show)');
    return out.join('\n');
  }
  if (file.hunks.length === 0) {
    out.push('(no content changes)');
    return out.join('\n');
  }
  let widest = 1;
  let lastPosition = 0;
  for (const hunk of file.hunks) {
    widest = Math.max(
      widest,
      String(hunk.oldStart + hunk.oldLines).length,
      String(hunk.newStart + hunk.newLines).length,
    );
    lastPosition = Math.max(lastPosition, hunk.lines[hunk.lines.length - 1]?.position ?? hunk.headerPosition);
  }
  const positionWidth = String(lastPosition).length;
  const column = (value: number | undefined, width: number): string =>
    value === undefined ? ' '.repeat(width) : String(value).padStart(width);
  for (const hunk of file.hunks) {
    const headerPrefix = options.positions ? `${' '.repeat(positionWidth)} ` : '';
    out.push(headerPrefix + withoutCarriageReturn(hunk.header));
    for (const line of hunk.lines) {
      const prefix = options.positions ? `${column(line.position, positionWidth)} ` : '';
      if (line.kind === 'no-newline') {
        out.push(`${prefix}${' '.repeat(widest * 2 + 1)}   \\ ${line.text}`);
        continue;
      }
      const marker = line.kind === 'added' ? '+' : line.kind === 'removed' ? '-' : ' ';
      const numbers = `${column(line.oldLine, widest)} ${column(line.newLine, widest)}`;
      out.push(`${prefix}${numbers} ${marker} ${withoutCarriageReturn(line.text)}`);
    }
  }
  return out.join('\n');
}

function describeFile(file: DiffFile): string {
  const from = file.oldPath !== file.path ? ` from ${file.oldPath}` : '';
  const mode =
    file.oldMode && file.newMode && file.oldMode !== file.newMode
      ? `, mode ${file.oldMode} → ${file.newMode}`
      : '';
  return `${file.path} (${file.status}${from}${mode})`;
}

// CRLF files keep their `\r` in DiffLine.text; in a prompt it is noise, and the side columns say it all.
function withoutCarriageReturn(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
