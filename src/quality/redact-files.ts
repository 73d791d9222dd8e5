import { redact } from './redact.js';
import type { RedactionType } from './redaction-types.js';

// Dataset inputs made of files (the lint and plan tasks) are redacted file by file before they are
// written, after their labels were computed on the original text: secrets never reach a dataset, and
// a label (a rule id and a line) still points at the same line when line counts are kept.

function lineCount(text: string): number {
  let count = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

/** The files with secrets replaced; `changedLines` names the first file whose line count changed. */
export function redactFiles<F extends { path: string; content: string }>(
  files: readonly F[],
  onCount?: (type: RedactionType, count: number) => void,
): { files: F[]; changedLines?: string } {
  let changedLines: string | undefined;
  const redacted = files.map((file) => {
    const result = redact(file.content);
    for (const [type, count] of Object.entries(result.counts)) onCount?.(type as RedactionType, count);
    if (changedLines === undefined && lineCount(result.text) !== lineCount(file.content))
      changedLines = file.path;
    return result.text === file.content ? file : { ...file, content: result.text };
  });
  return changedLines === undefined ? { files: redacted } : { files: redacted, changedLines };
}
