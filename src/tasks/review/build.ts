import { sha256, stableStringify } from '../../core/hash.js';
import type { Document, Example, Step, StepContext } from '../../core/types.js';
import type { ReviewThreadRow } from '../../corpus/github/types.js';
import {
  canComment,
  type DiffFile,
  findDiffFile,
  parseUnifiedDiff,
  renderNumberedHunks,
  type UnifiedDiff,
} from '../../iac/diff/index.js';
import { redact } from '../../quality/redact.js';
import { newSideOf, reviewFileType } from './baseline.js';
import { normalizeReviewTarget } from './prompt.js';
import type { HunkSpan, ReviewComment, ReviewInput, ReviewTarget } from './types.js';

// Silver review threads → review examples: one example per (repository, pull request, file, commit
// the comments are anchored to): that file's diff at that commit, rendered with old and new line
// numbers, → the human thread-root comments on it. Rows arrive in the crawler's silver order, where
// one pull request's rows are contiguous; they are buffered one pull request at a time.
//
// Kept: thread roots written by people, with a body of 1..maxBodyChars characters, on a line GitHub
// placed in the diff of their anchor commit (outdated comments included, against the diff they were
// written on). Replies are not targets (they answer a comment, not the diff).
//
// File-level comments (`subject_type: file`) and comments with no recoverable line are dropped
// (`file-level`, `no-location`): the target is `{path, line, side, body}` and location metrics need a
// line, so they are neither modelled nor scored. Each drop is counted under its reason.

export const REVIEW_DROP_REASONS = [
  'malformed',
  'bot',
  'reply',
  'empty',
  'too-long',
  'file-level',
  'no-location',
  'diff-missing',
  'binary',
  'not-in-diff',
  'redaction-changed-lines',
  'input-too-large',
] as const;
export type ReviewDropReason = (typeof REVIEW_DROP_REASONS)[number];

/** A pull request's diff at one commit: its text (for the files' raw diffs) and the parse. */
export interface PullDiff {
  text: string;
  diff: UnifiedDiff;
}

/** Options of the review build. */
export interface ReviewBuildOptions {
  /** The pull request's diff at a commit; undefined when it was not fetched (or is gone). */
  diffAt(repo: string, pr: number, commit: string): Promise<PullDiff | undefined> | PullDiff | undefined;
  /** Longest comment body kept, in characters (default 2000). */
  maxBodyChars?: number;
  /** Longest rendered hunks text, in characters (default 32k). */
  maxInputChars?: number;
  /** Redact secrets and personal data in the diff and the comments (default true). */
  redact?: boolean;
}

/** A pull request diff from its text. */
export function pullDiff(text: string): PullDiff {
  return { text, diff: parseUnifiedDiff(text) };
}

const LINES = new WeakMap<PullDiff, string[]>();

/** The raw diff of one file of a parsed diff: its lines from its header to the next file's. */
export function fileDiffText(pull: PullDiff, file: DiffFile): string {
  let lines = LINES.get(pull);
  if (!lines) {
    lines = pull.text.split('\n');
    LINES.set(pull, lines);
  }
  const index = pull.diff.files.indexOf(file);
  const next = pull.diff.files[index + 1];
  const end = next ? next.startLine - 1 : lines.length;
  const slice = lines.slice(file.startLine - 1, end);
  while (slice.length > 0 && slice[slice.length - 1] === '') slice.pop();
  return `${slice.join('\n')}\n`;
}

/** The hunks of a file as line ranges. */
export function hunkSpans(file: DiffFile): HunkSpan[] {
  return file.hunks.map((hunk) => ({
    path: file.path,
    oldStart: hunk.oldStart,
    oldLines: hunk.oldLines,
    newStart: hunk.newStart,
    newLines: hunk.newLines,
  }));
}

function rowLabel(row: Partial<ReviewThreadRow>): string {
  return `${row.repo ?? '?'}#${row.pr ?? '?'} ${row.path ?? '?'} comment ${row.id ?? '?'}`;
}

function isRow(value: unknown): value is ReviewThreadRow {
  const row = value as Partial<ReviewThreadRow> | null;
  return (
    typeof row === 'object' &&
    row !== null &&
    typeof row.repo === 'string' &&
    typeof row.pr === 'number' &&
    typeof row.path === 'string' &&
    typeof row.body === 'string'
  );
}

/** Why a row is not a target by itself (before its diff is looked at), or undefined to keep it. */
export function rowDropReason(row: ReviewThreadRow, maxBodyChars = 2000): ReviewDropReason | undefined {
  if (row.is_bot) return 'bot';
  if (row.in_reply_to_id !== null && row.in_reply_to_id !== undefined) return 'reply';
  if (row.body.trim() === '') return 'empty';
  if (row.body.length > maxBodyChars) return 'too-long';
  if (row.subject_type === 'file') return 'file-level';
  if (row.line === null || row.side === null || !row.anchor_commit_id) return 'no-location';
  return undefined;
}

function commentBucket(count: number): string {
  return count === 1 ? '1' : count <= 3 ? '2-3' : '4+';
}

function lineCount(text: string): number {
  let count = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

interface Redacted {
  text: string;
  changedLines: boolean;
}

function redactKeepingLines(text: string, context: StepContext): Redacted {
  const result = redact(text);
  for (const [type, count] of Object.entries(result.counts)) context.count(`redactions:${type}`, count);
  return { text: result.text, changedLines: lineCount(result.text) !== lineCount(text) };
}

/** Examples of one file at one commit; `rows` passed the row filters and share path and commit. */
function fileExample(
  rows: ReviewThreadRow[],
  pull: PullDiff | undefined,
  options: Required<Omit<ReviewBuildOptions, 'diffAt'>>,
  context: StepContext,
): Example<ReviewInput, ReviewTarget> | undefined {
  const first = rows[0]!;
  const file = pull && findDiffFile(pull.diff, first.path);
  if (!pull || !file) {
    for (const row of rows) context.drop(rowLabel(row), 'diff-missing', `no diff at ${row.anchor_commit_id}`);
    return undefined;
  }
  if (file.binary) {
    for (const row of rows) context.drop(rowLabel(row), 'binary');
    return undefined;
  }
  const placed = rows.filter((row) => {
    const check = canComment(file, { line: row.line!, side: row.side! });
    if (!check.ok) context.drop(rowLabel(row), 'not-in-diff', check.reason);
    return check.ok;
  });
  if (placed.length === 0) return undefined;
  let hunks = renderNumberedHunks(file);
  let diff = fileDiffText(pull, file);
  let bodies = placed.map((row) => row.body);
  if (options.redact) {
    const redactedHunks = redactKeepingLines(hunks, context);
    const redactedDiff = redactKeepingLines(diff, context);
    if (redactedHunks.changedLines || redactedDiff.changedLines) {
      for (const row of placed) context.drop(rowLabel(row), 'redaction-changed-lines');
      return undefined;
    }
    hunks = redactedHunks.text;
    diff = redactedDiff.text;
    bodies = bodies.map((body) => redactKeepingLines(body, context).text);
  }
  if (hunks.length > options.maxInputChars) {
    for (const row of placed) context.drop(rowLabel(row), 'input-too-large', `${hunks.length} characters`);
    return undefined;
  }
  const input: ReviewInput = { repo: first.repo, pr: first.pr, path: file.path, hunks, diff };
  const comments: ReviewComment[] = placed.map((row, index) => ({
    path: file.path,
    line: row.line!,
    side: row.side!,
    body: bodies[index]!,
  }));
  const target = normalizeReviewTarget({ comments, hunks: hunkSpans(file) });
  const anchor = first.anchor_commit_id!;
  context.count('examples');
  context.count('comments', comments.length);
  return {
    id: sha256(stableStringify({ input, comments: target.comments })),
    task: 'review',
    input,
    target,
    group: `${first.repo}#${first.pr}`,
    strata: {
      file_type: reviewFileType(file.path, newSideOf(file).text),
      file_status: file.status,
      comments: commentBucket(comments.length),
      anchor: anchor === first.head_sha ? 'head' : 'earlier-commit',
    },
    source: { kind: 'github-review', repo: first.repo, commit: anchor, path: file.path },
  };
}

/** The examples of one pull request's rows (all from one repository and pull request). */
async function* pullExamples(
  rows: ReviewThreadRow[],
  options: ReviewBuildOptions,
  context: StepContext,
): AsyncGenerator<Example<ReviewInput, ReviewTarget>> {
  const settings = {
    maxBodyChars: options.maxBodyChars ?? 2000,
    maxInputChars: options.maxInputChars ?? 32_000,
    redact: options.redact ?? true,
  };
  const groups = new Map<string, ReviewThreadRow[]>();
  for (const row of rows) {
    context.count('replies-ignored', Array.isArray(row.replies) ? row.replies.length : 0);
    const reason = rowDropReason(row, settings.maxBodyChars);
    if (reason) {
      context.drop(rowLabel(row), reason);
      continue;
    }
    const key = `${row.anchor_commit_id}\u0000${row.path}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const byPath = [...groups.values()].sort((left, right) => {
    const a = left[0]!;
    const b = right[0]!;
    return a.path < b.path ? -1 : a.path > b.path ? 1 : a.anchor_commit_id! < b.anchor_commit_id! ? -1 : 1;
  });
  const diffs = new Map<string, PullDiff | undefined>();
  for (const group of byPath) {
    const first = group[0]!;
    const commit = first.anchor_commit_id!;
    if (!diffs.has(commit)) diffs.set(commit, await options.diffAt(first.repo, first.pr, commit));
    const example = fileExample(group, diffs.get(commit), settings, context);
    if (example) yield example;
  }
}

/** The review task's build step over silver rows (see the module comment). */
export function buildReviewExamples(
  options: ReviewBuildOptions,
): Step<unknown, Example<ReviewInput, ReviewTarget>> {
  return async function* (rows, context) {
    let key: string | undefined;
    let buffered: ReviewThreadRow[] = [];
    for await (const row of rows) {
      context.count('rows');
      if (!isRow(row)) {
        context.drop(rowLabel((row ?? {}) as Partial<ReviewThreadRow>), 'malformed');
        continue;
      }
      const rowKey = `${row.repo}#${row.pr}`;
      if (key !== undefined && rowKey !== key) {
        yield* pullExamples(buffered, options, context);
        buffered = [];
      }
      key = rowKey;
      buffered.push(row);
    }
    if (buffered.length > 0) yield* pullExamples(buffered, options, context);
  };
}

/** One pull request as a Document: its silver rows and its diffs by commit (`Task.build`'s input). */
export interface ReviewDocumentBody {
  rows: ReviewThreadRow[];
  /** Unified diff text of the pull request at each anchor commit. */
  diffs: Record<string, string>;
}

/** Wrap a pull request's rows and diffs as a Document of kind `github-review`. */
export function reviewDocument(body: ReviewDocumentBody): Document {
  const text = JSON.stringify(body);
  const first = body.rows[0];
  return {
    id: sha256(text),
    text,
    source: { kind: 'github-review', repo: first?.repo, path: first ? `pull/${first.pr}` : '' },
  };
}

/** `Task.build`: Documents made by reviewDocument → examples (other documents are dropped). */
export function buildReviewExamplesFromDocuments(
  options: Omit<ReviewBuildOptions, 'diffAt'> = {},
): Step<Document, Example<ReviewInput, ReviewTarget>> {
  return async function* (documents, context) {
    for await (const document of documents) {
      let body: ReviewDocumentBody;
      try {
        body = JSON.parse(document.text) as ReviewDocumentBody;
        if (!Array.isArray(body.rows) || typeof body.diffs !== 'object' || body.diffs === null)
          throw new Error('expected {rows, diffs}');
      } catch (error) {
        context.drop(document.source.path, 'malformed', (error as Error).message);
        continue;
      }
      const parsed = new Map<string, PullDiff>();
      const step = buildReviewExamples({
        ...options,
        diffAt: (_repo, _pr, commit) => {
          const text = body.diffs[commit];
          if (text === undefined) return undefined;
          if (!parsed.has(commit)) parsed.set(commit, pullDiff(text));
          return parsed.get(commit);
        },
      });
      yield* step(
        (async function* () {
          yield* body.rows;
        })(),
        context,
      );
    }
  };
}
