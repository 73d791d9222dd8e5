import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { InfraLMError } from '../core/errors.js';
import { findDiffFile } from '../iac/diff/find-diff-file.js';
import { parseUnifiedDiff } from '../iac/diff/parse-unified-diff.js';
import {
  describePosition,
  lastPosition,
  lineToPosition,
  positionToLine,
} from '../iac/diff/position-to-line.js';
import type { DiffFile, Side, UnifiedDiff } from '../iac/diff/types.js';

interface MapOptions {
  diff: string;
  path: string;
  position?: number;
  line?: number;
  side?: Side;
}

/** `infralm diff map`: convert between GitHub's review-comment `position` and (line, side). */
export function registerDiffCommand(program: Command): void {
  const diff = program.command('diff').description('unified diffs and GitHub review-comment positions');
  diff
    .command('map')
    .description(
      'map --position N to {"line": L, "side": S}, or --line L --side S to {"position": N}, for one file of a diff',
    )
    .requiredOption('--diff <file>', 'a unified diff as GitHub serves it (git diff output)')
    .requiredOption(
      '--path <path>',
      'the file inside the diff (the new name; the old name of a removed file)',
    )
    .option('--position <n>', "GitHub's position: lines below the file's first @@ header", positiveInteger)
    .option('--line <n>', 'a line number of the file, on --side', positiveInteger)
    .addOption(
      new Option('--side <side>', 'RIGHT = the new file (default), LEFT = the old file')
        .choices(['LEFT', 'RIGHT'])
        .argParser(parseSide),
    )
    .action((options: MapOptions, command: Command) => {
      const write = command.configureOutput().writeOut ?? ((text: string) => process.stdout.write(text));
      write(`${formatJson(mapOnce(options))}\n`);
    });
}

/** Do one mapping; throws InfraLMError naming the diff file and the problem. */
function mapOnce(options: MapOptions): Record<string, string | number> {
  const hasPosition = options.position !== undefined;
  const hasLine = options.line !== undefined;
  if (hasPosition === hasLine) {
    throw new InfraLMError(
      'INFRALM_ERR_USAGE',
      'give either --position N, or --line L with --side LEFT|RIGHT',
    );
  }
  const location = { file: options.diff };
  const file = readDiffFile(options.diff, options.path);
  if (file.binary) {
    throw new InfraLMError(
      'INFRALM_ERR_DIFF',
      `${options.path} is a binary file; it has no lines or positions`,
      {
        location,
      },
    );
  }
  if (options.position !== undefined) {
    const mapped = positionToLine(file, options.position);
    if (mapped) return { line: mapped.line, side: mapped.side };
    throw new InfraLMError('INFRALM_ERR_DIFF', explainPosition(file, options.position), { location });
  }
  const side = options.side ?? 'RIGHT';
  const position = lineToPosition(file, options.line!, side);
  if (position !== undefined) return { position };
  throw new InfraLMError(
    'INFRALM_ERR_DIFF',
    `line ${options.line} (${side}) of ${options.path} is not in any hunk${hunkRanges(file, side)}`,
    { location },
  );
}

function readDiffFile(diffPath: string, path: string): DiffFile {
  let text: string;
  try {
    text = readFileSync(diffPath, 'utf8');
  } catch (error) {
    throw new InfraLMError('INFRALM_ERR_INPUT_NOT_FOUND', diffPath, { cause: error });
  }
  const parsed = parseUnifiedDiff(text);
  const file = findDiffFile(parsed, path);
  if (file) return file;
  throw new InfraLMError(
    'INFRALM_ERR_DIFF',
    `path ${JSON.stringify(path)} is not in the diff${listing(parsed)}`,
    {
      location: { file: diffPath },
    },
  );
}

function listing(parsed: UnifiedDiff): string {
  const names = parsed.files.map((file) => JSON.stringify(file.path));
  const shown = names.slice(0, 10).join(', ') + (names.length > 10 ? `, … (${names.length} files)` : '');
  const files = names.length === 0 ? ' (no files parsed)' : ` (files: ${shown})`;
  const first = parsed.diagnostics[0];
  return first ? `${files}; line ${first.line}: ${first.message}` : files;
}

function explainPosition(file: DiffFile, position: number): string {
  const last = lastPosition(file);
  switch (describePosition(file, position)) {
    case 'hunk-header':
      return `position ${position} of ${file.path} is a hunk header, not a line`;
    case 'no-newline':
      return `position ${position} of ${file.path} is a "\\ No newline at end of file" marker, not a line`;
    default:
      return last === 0
        ? `${file.path} has no hunks, so no positions`
        : `position ${position} is outside the diff of ${file.path} (positions 1–${last})`;
  }
}

function hunkRanges(file: DiffFile, side: Side): string {
  if (file.hunks.length === 0) return ` (${file.path} has no hunks)`;
  const ranges = file.hunks.map((hunk) => {
    const start = side === 'LEFT' ? hunk.oldStart : hunk.newStart;
    const count = side === 'LEFT' ? hunk.oldLines : hunk.newLines;
    return count === 0 ? `none at ${start}` : `${start}–${start + count - 1}`;
  });
  return ` (${side} lines of the hunks: ${ranges.join(', ')})`;
}

// The contract prints `{"line": 12, "side": "RIGHT"}`: JSON with a space after `:` and `,`.
function formatJson(value: Record<string, string | number>): string {
  const fields = Object.entries(value).map(
    ([key, field]) => `${JSON.stringify(key)}: ${JSON.stringify(field)}`,
  );
  return `{${fields.join(', ')}}`;
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number <= 0) {
    throw new InfraLMError('INFRALM_ERR_USAGE', `expected a positive integer, got "${value}"`);
  }
  return number;
}

function parseSide(value: string): Side {
  const side = value.toUpperCase();
  if (side !== 'LEFT' && side !== 'RIGHT') {
    throw new InfraLMError('INFRALM_ERR_USAGE', `--side must be LEFT or RIGHT, got "${value}"`);
  }
  return side;
}
