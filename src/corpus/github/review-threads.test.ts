import { describe, expect, it } from 'vitest';
import { buildThreadRows } from './review-threads.js';
import type { ReviewComment } from './types.js';

function comment(id: number, fields: Partial<ReviewComment> = {}): ReviewComment {
  return {
    id,
    path: 'main.tf',
    commit_id: 'c'.repeat(40),
    original_commit_id: 'c'.repeat(40),
    line: 1,
    side: 'RIGHT',
    created_at: `2025-01-01T00:00:${String(id % 60).padStart(2, '0')}Z`,
    updated_at: '2025-01-02T00:00:00Z',
    user: { login: `user${id}`, type: 'User' },
    body: `comment ${id}`,
    diff_hunk: '@@ -1 +1 @@\n+x',
    ...fields,
  };
}

const input = (comments: ReviewComment[]) => ({
  repository: { owner: 'acme', name: 'infra', fullName: 'acme/infra' },
  pull: { number: 5, title: 't', head: { sha: 'c'.repeat(40) }, base: { sha: 'b'.repeat(40) } },
  comments,
  reviews: [{ id: 77, state: 'APPROVED' }],
  diffAt: () => undefined,
});

describe('buildThreadRows', () => {
  it('attaches replies (also replies to replies) to their root, both in id order', () => {
    const rows = buildThreadRows(
      input([
        comment(30, { in_reply_to_id: 10 }),
        comment(20),
        comment(10, { pull_request_review_id: 77 }),
        comment(40, { in_reply_to_id: 30 }),
        comment(25, { in_reply_to_id: 10, user: { login: 'renovate[bot]', type: 'Bot' } }),
      ]),
    );
    expect(rows.map((row) => [row.id, row.replies.map((reply) => reply.id)])).toEqual([
      [10, [25, 30, 40]],
      [20, []],
    ]);
    expect(rows[0]).toMatchObject({ review_id: 77, review_state: 'APPROVED', in_reply_to_id: null, pr: 5 });
    expect(rows[0]!.replies[0]).toMatchObject({ is_bot: true, user_type: 'Bot' });
  });

  it('lets a reply whose root was deleted lead its own thread, and names a deleted user "ghost"', () => {
    const rows = buildThreadRows(input([comment(11, { in_reply_to_id: 3, user: null })]));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: 11, in_reply_to_id: 3, user_login: 'ghost', is_bot: false });
  });
});
