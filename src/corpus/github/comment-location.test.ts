import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../../iac/diff/index.js';
import { isOutdated, locateComment } from './comment-location.js';
import type { ReviewComment } from './types.js';

// The diff GitHub had when the comment was made: `+  timeout = 30` is position 4, new line 12.
const ORIGINAL = `diff --git a/lambda.tf b/lambda.tf
--- a/lambda.tf
+++ b/lambda.tf
@@ -10,4 +10,4 @@ resource "aws_lambda_function" "ingest" {
   handler = "main.handler"
   runtime = "python3.12"
-  timeout = 3
+  timeout = 30
   memory_size = 256
`;
// The same change after the base branch gained a hunk above it: the line is now position 8, new line 13.
const MOVED = `diff --git a/lambda.tf b/lambda.tf
--- a/lambda.tf
+++ b/lambda.tf
@@ -1,2 +1,3 @@
 # ingest
+# owned by the data team
 
@@ -10,4 +11,4 @@ resource "aws_lambda_function" "ingest" {
   handler = "main.handler"
   runtime = "python3.12"
-  timeout = 3
+  timeout = 30
   memory_size = 256
`;
const DIFF_HUNK =
  '@@ -10,4 +10,4 @@ resource "aws_lambda_function" "ingest" {\n   handler = "main.handler"\n   runtime = "python3.12"\n-  timeout = 3\n+  timeout = 30';

function comment(fields: Partial<ReviewComment>): ReviewComment {
  return {
    id: 1,
    path: 'lambda.tf',
    commit_id: 'c'.repeat(40),
    original_commit_id: 'o'.repeat(40),
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
    diff_hunk: DIFF_HUNK,
    line: null,
    position: null,
    original_position: 4,
    subject_type: 'line',
    ...fields,
  };
}

describe('locateComment', () => {
  it('maps original_position through the diff at original_commit_id when the diff_hunk agrees', () => {
    const location = locateComment(comment({}), () => parseUnifiedDiff(ORIGINAL));
    expect(location).toMatchObject({
      line: 12,
      side: 'RIGHT',
      line_source: 'position',
      anchor_commit_id: 'o'.repeat(40),
    });
    expect(location.full_hunk?.split('\n')).toHaveLength(6);
  });

  it('re-anchors by diff_hunk when the position points elsewhere in the diff it got', () => {
    // Position 2 of MOVED is another line ("+# owned by the data team"); the diff_hunk finds the right one.
    const location = locateComment(
      comment({ original_position: 2, original_start_line: 11, original_line: 12 }),
      () => parseUnifiedDiff(MOVED),
    );
    expect(location).toMatchObject({ line: 13, side: 'RIGHT', line_source: 'diff_hunk' });
    // The span of a multi-line comment is kept.
    expect(location).toMatchObject({ start_line: 12, start_side: 'RIGHT' });
    expect(location.full_hunk).toContain('@@ -10,4 +11,4 @@');
  });

  it('reads the diff_hunk alone when there is no diff for the commit', () => {
    const location = locateComment(
      comment({ diff_hunk: DIFF_HUNK.split('\n').slice(0, 4).join('\n') }),
      () => undefined,
    );
    expect(location).toMatchObject({ line: 12, side: 'LEFT', line_source: 'diff_hunk', full_hunk: null });
  });

  it('keeps the API line and side, with no full hunk when the diff lacks the file', () => {
    const location = locateComment(comment({ line: 7, side: 'LEFT', start_line: 5 }), () =>
      parseUnifiedDiff(''),
    );
    expect(location).toEqual({
      line: 7,
      side: 'LEFT',
      start_line: 5,
      start_side: 'LEFT',
      line_source: 'api',
      anchor_commit_id: 'c'.repeat(40),
      full_hunk: null,
    });
  });

  it('gives nothing for file-level comments and for comments nothing can place', () => {
    expect(
      locateComment(comment({ subject_type: 'file' }), () => parseUnifiedDiff(ORIGINAL)).line_source,
    ).toBeNull();
    expect(
      locateComment(comment({ diff_hunk: '', original_position: null }), () => undefined).line,
    ).toBeNull();
  });

  it('calls a line comment outdated when GitHub no longer gives it a line or a position', () => {
    expect(isOutdated(comment({}))).toBe(true);
    expect(isOutdated(comment({ position: 4 }))).toBe(false);
    expect(isOutdated(comment({ line: 3 }))).toBe(false);
    expect(isOutdated(comment({ subject_type: 'file' }))).toBe(false);
  });
});
