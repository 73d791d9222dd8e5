import { describe, expect, it } from 'vitest';
import { canComment } from './can-comment.js';
import { anchorByDiffHunk, diffHunkFor, locateByDiffHunk } from './diff-hunk-for.js';
import { parseUnifiedDiff } from './parse-unified-diff.js';
import { lineToPosition, positionToLine } from './position-to-line.js';

// A review comment as GitHub's REST API returned it (GET /repos/entireio/cli/pulls/169/comments,
// discussion_r2778602559; body and user trimmed). Its diff_hunk starts at the second hunk of the
// file, so the first hunk took positions 1–10 and the second header position 11.
const RECORDED_COMMENT = {
  path: 'cmd/entire/cli/session/state.go',
  diff_hunk: [
    '@@ -44,13 +44,31 @@ type State struct {',
    ' \t// nil means the session is still active or was not cleanly closed.',
    ' \tEndedAt *time.Time `json:"ended_at,omitempty"`',
    ' ',
    '-\t// LastInteractionAt is the last time a user prompt was submitted for this session.',
    '-\tLastInteractionAt *time.Time `json:"last_interaction_at,omitempty"`',
    '+\t// Phase is the lifecycle stage of this session (see phase.go).',
    '+\t// Empty means idle (backward compat with pre-state-machine files).',
    '+\tPhase Phase `json:"phase,omitempty"`',
    ' ',
    '-\t// CheckpointCount is the number of checkpoints created in this session',
    '-\tCheckpointCount int `json:"checkpoint_count"`',
    '+\t// PendingCheckpointID is the checkpoint ID for the current commit cycle.',
    '+\t// Generated once when first needed, reused across all commits in the session.',
    '+\tPendingCheckpointID string `json:"pending_checkpoint_id,omitempty"`',
    ' ',
    '-\t// CondensedTranscriptLines tracks lines already included in previous condensation',
    '+\t// LastInteractionTime is updated on every hook invocation.',
    '+\t// Used for stale session detection in "entire sessions fix".',
    '+\tLastInteractionTime *time.Time `json:"last_interaction_time,omitempty"`',
  ].join('\n'),
  position: 30,
  original_position: 30,
  line: 57,
  original_line: 57,
  side: 'RIGHT',
  start_line: null,
  subject_type: 'line',
} as const;

// The pull request's diff of that file, rebuilt around the recorded hunk: a first hunk of ten lines
// (invented, with equal old and new counts so the second hunk's -44/+44 stays consistent) and the
// rest of the second hunk (3 more old and 17 more new lines, as its header says).
const RECORDED_FILE_DIFF = [
  'diff --git a/cmd/entire/cli/session/state.go b/cmd/entire/cli/session/state.go',
  'index 1a2b3c4..5d6e7f8 100644',
  '--- a/cmd/entire/cli/session/state.go',
  '+++ b/cmd/entire/cli/session/state.go',
  '@@ -9,8 +9,8 @@ import (',
  ' \t"strings"',
  ' \t"time"',
  ' ',
  '-\t"github.com/entireio/cli/cmd/entire/cli/agent"',
  '+\t"github.com/entireio/cli/cmd/entire/cli/agent/types"',
  ' \t"github.com/entireio/cli/cmd/entire/cli/checkpoint/id"',
  '-\t"github.com/entireio/cli/cmd/entire/cli/jsonutil"',
  '+\t"github.com/entireio/cli/cmd/entire/cli/jsonutil/v2"',
  ' \t"github.com/entireio/cli/cmd/entire/cli/validation"',
  ' )',
  RECORDED_COMMENT.diff_hunk,
  ' ',
  ' \t// FilesTouched tracks files modified during the session',
  ' \tFilesTouched []string `json:"files_touched,omitempty"`',
  ...Array.from({ length: 14 }, (_, index) => `+\t// added ${index + 1}`),
  '',
].join('\n');

describe('a recorded GitHub review comment', () => {
  const parsed = parseUnifiedDiff(RECORDED_FILE_DIFF);
  const file = parsed.files[0]!;

  it('sits in a diff that parses cleanly, its hunk being the second', () => {
    expect(parsed.diagnostics).toEqual([]);
    expect(file.hunks.map((hunk) => [hunk.headerPosition, hunk.lines.length])).toEqual([
      [0, 10],
      [11, 36],
    ]);
  });

  it('maps its position to its line and side, and back', () => {
    expect(file.path).toBe(RECORDED_COMMENT.path);
    expect(positionToLine(file, RECORDED_COMMENT.position)).toEqual({
      line: RECORDED_COMMENT.line,
      side: RECORDED_COMMENT.side,
    });
    expect(lineToPosition(file, RECORDED_COMMENT.line, RECORDED_COMMENT.side)).toBe(
      RECORDED_COMMENT.position,
    );
    expect(canComment(file, { line: RECORDED_COMMENT.line, side: RECORDED_COMMENT.side }).ok).toBe(true);
  });

  it('reproduces its diff_hunk exactly and finds the position from it', () => {
    expect(diffHunkFor(file, RECORDED_COMMENT.position)).toBe(RECORDED_COMMENT.diff_hunk);
    expect(locateByDiffHunk(file, RECORDED_COMMENT.diff_hunk)).toBe(RECORDED_COMMENT.original_position);
    const located = locateByDiffHunk(file, RECORDED_COMMENT.diff_hunk)!;
    expect(positionToLine(file, located)).toEqual({ line: RECORDED_COMMENT.original_line, side: 'RIGHT' });
  });
});

describe('diffHunkFor', () => {
  const file = parseUnifiedDiff(
    [
      '--- a/f.tf',
      '+++ b/f.tf',
      '@@ -1,3 +1,3 @@ locals {',
      ' a = 1',
      '-b = 2',
      '+b = 3',
      ' c = 4',
      '@@ -10 +10 @@',
      '-x\r',
      '\\ No newline at end of file',
      '+y\r',
      '',
    ].join('\n'),
  ).files[0]!;

  it("runs from the line's own hunk header to the line, with no newline at the end", () => {
    expect(diffHunkFor(file, 1)).toBe('@@ -1,3 +1,3 @@ locals {\n a = 1');
    expect(diffHunkFor(file, 3)).toBe('@@ -1,3 +1,3 @@ locals {\n a = 1\n-b = 2\n+b = 3');
    expect(diffHunkFor(file, 6)).toBe('@@ -10 +10 @@\n-x\r');
    expect(diffHunkFor(file, 8)).toBe('@@ -10 +10 @@\n-x\r\n\\ No newline at end of file\n+y\r');
  });

  it('has none for hunk headers and positions outside the file', () => {
    expect(diffHunkFor(file, 0)).toBeUndefined();
    expect(diffHunkFor(file, 5)).toBeUndefined();
    expect(diffHunkFor(file, 9)).toBeUndefined();
  });

  it('is found again by locateByDiffHunk, and a trailing newline does not matter', () => {
    for (const position of [1, 2, 3, 4, 6, 7, 8]) {
      expect(locateByDiffHunk(file, diffHunkFor(file, position)!)).toBe(position);
    }
    expect(locateByDiffHunk(file, `${diffHunkFor(file, 2)}\n`)).toBe(2);
    expect(locateByDiffHunk(file, '@@ -1,3 +1,3 @@ locals {\n a = 1\n-b = 9')).toBeUndefined();
    expect(locateByDiffHunk(file, '@@ -1,3 +1,3 @@ locals {')).toBeUndefined();
    expect(locateByDiffHunk(file, '')).toBeUndefined();
  });
});

describe('anchorByDiffHunk', () => {
  // The same change, one commit later: two lines were inserted above, so the hunk moved.
  const later = parseUnifiedDiff(
    [
      '--- a/f.tf',
      '+++ b/f.tf',
      '@@ -1,5 +1,5 @@ locals {',
      ' z = 0',
      ' y = 0',
      ' a = 1',
      '-b = 2',
      '+b = 3',
      ' c = 4',
      '@@ -20,3 +20,3 @@',
      ' a = 1',
      '-q = 2',
      '+b = 3',
      ' c = 4',
    ].join('\n'),
  ).files[0]!;

  it('re-anchors an outdated diff_hunk on the line with the longest matching run above it', () => {
    const outdated = '@@ -1,3 +1,3 @@ locals {\n a = 1\n-b = 2\n+b = 3';
    expect(locateByDiffHunk(later, outdated)).toBeUndefined();
    expect(anchorByDiffHunk(later, outdated)).toEqual({ position: 5, exact: false, matchedLines: 3 });
  });

  it('prefers the exact match, and breaks ties by the line number the header implies', () => {
    const exact = diffHunkFor(later, 5)!;
    expect(anchorByDiffHunk(later, exact)).toEqual({ position: 5, exact: true, matchedLines: 5 });
    // `+b = 3` alone matches at new line 4 and new line 21; the header says new line 20.
    expect(anchorByDiffHunk(later, '@@ -20 +20 @@\n+b = 3')).toEqual({
      position: 10,
      exact: false,
      matchedLines: 1,
    });
    expect(anchorByDiffHunk(later, '@@ -1 +1 @@\n+b = 3')).toEqual({
      position: 5,
      exact: false,
      matchedLines: 1,
    });
    expect(anchorByDiffHunk(later, '@@ -1 +1 @@\n+nowhere')).toBeUndefined();
  });
});
