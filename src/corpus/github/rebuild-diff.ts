// Rebuilding a pull request's unified diff from its files when the diff media type refuses it
// (406 `too_large`: more than 300 files or 20,000 lines). Each files-API entry carries its hunks in
// `patch`; git's headers are written around them so the diff library reads the result exactly as
// it reads `git diff` output, with the same positions: a file's positions count from its first `@@`.
// The files API does not say a file's mode, so added and deleted files are written as 100644.

import type { PullRequestFile } from './types.js';

/** A unified diff (git format) assembled from files-API entries, in their order. */
export function rebuildDiffFromFiles(files: readonly PullRequestFile[]): string {
  let out = '';
  for (const file of files) {
    const newName = file.filename;
    const oldName = file.previous_filename ?? file.filename;
    const added = file.status === 'added';
    const removed = file.status === 'removed';
    out += `diff --git ${quoteGitPath(`a/${oldName}`)} ${quoteGitPath(`b/${newName}`)}\n`;
    if (added) out += 'new file mode 100644\n';
    if (removed) out += 'deleted file mode 100644\n';
    if (file.status === 'renamed' || file.status === 'copied') {
      const verb = file.status === 'renamed' ? 'rename' : 'copy';
      out += `${verb} from ${quoteGitPath(oldName)}\n${verb} to ${quoteGitPath(newName)}\n`;
    }
    if (file.patch) {
      out += `--- ${added ? '/dev/null' : headerName(`a/${oldName}`)}\n`;
      out += `+++ ${removed ? '/dev/null' : headerName(`b/${newName}`)}\n`;
      out += file.patch.endsWith('\n') ? file.patch : `${file.patch}\n`;
    }
  }
  return out;
}

/** A `---`/`+++` name: git ends an unquoted name holding a space with a tab, so it can be told apart. */
function headerName(name: string): string {
  const quoted = quoteGitPath(name);
  return quoted === name && name.includes(' ') ? `${name}\t` : quoted;
}

const NAMED_ESCAPES: Record<number, string> = {
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
  34: '\\"',
  92: '\\\\',
};

/** A name as git writes it in headers: C-quoted when it holds `"`, `\`, a control or non-ASCII byte. */
export function quoteGitPath(name: string): string {
  const bytes = Buffer.from(name, 'utf8');
  if (!bytes.some((byte) => byte < 0x20 || byte >= 0x7f || byte === 0x22 || byte === 0x5c)) return name;
  let quoted = '"';
  for (const byte of bytes) {
    const named = NAMED_ESCAPES[byte];
    if (named !== undefined) quoted += named;
    else if (byte < 0x20 || byte >= 0x7f) quoted += `\\${byte.toString(8).padStart(3, '0')}`;
    else quoted += String.fromCharCode(byte);
  }
  return `${quoted}"`;
}
