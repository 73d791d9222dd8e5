// Silver rows from one pull request's fetched data: one row per thread-root review comment, its
// replies attached in order. GitHub threads are one level deep (a reply's `in_reply_to_id` names the
// root; "replies to replies are not supported"), but chains are followed anyway, and a reply whose
// root was deleted leads its own thread, keeping `in_reply_to_id` so that can be seen.

import { isBotAccount } from './bot-accounts.js';
import { type DiffLookup, isOutdated, locateComment } from './comment-location.js';
import type {
  PullRequest,
  PullRequestReview,
  RepositoryName,
  ReviewComment,
  ReviewReply,
  ReviewThreadRow,
} from './types.js';

/** What buildThreadRows needs about one pull request. */
export interface ThreadInput {
  repository: RepositoryName;
  pull: PullRequest;
  comments: readonly ReviewComment[];
  reviews: readonly PullRequestReview[];
  diffAt: DiffLookup;
}

/** Thread-root rows ordered by comment id, replies ordered by id. */
export function buildThreadRows(input: ThreadInput): ReviewThreadRow[] {
  const byId = new Map(input.comments.map((comment) => [comment.id, comment]));
  const reviewState = new Map(input.reviews.map((review) => [review.id, review.state ?? null]));
  const repliesOf = new Map<number, ReviewComment[]>();
  const roots: ReviewComment[] = [];
  for (const comment of input.comments) {
    const root = rootOf(comment, byId);
    if (root === comment) roots.push(comment);
    else repliesOf.set(root.id, [...(repliesOf.get(root.id) ?? []), comment]);
  }
  roots.sort((a, b) => a.id - b.id);
  return roots.map((comment) => {
    const location = locateComment(comment, input.diffAt);
    const replies = (repliesOf.get(comment.id) ?? []).sort((a, b) => a.id - b.id).map(toReply);
    const reviewId = comment.pull_request_review_id ?? null;
    return {
      id: comment.id,
      repo: input.repository.fullName,
      pr: input.pull.number,
      pr_title: input.pull.title ?? null,
      base_sha: input.pull.base.sha,
      head_sha: input.pull.head.sha,
      path: comment.path,
      subject_type: comment.subject_type === 'file' ? 'file' : 'line',
      side: location.side,
      line: location.line,
      start_side: location.start_side,
      start_line: location.start_line,
      original_line: comment.original_line ?? null,
      original_start_line: comment.original_start_line ?? null,
      position: comment.position ?? null,
      original_position: comment.original_position ?? null,
      commit_id: comment.commit_id,
      original_commit_id: comment.original_commit_id,
      anchor_commit_id: location.anchor_commit_id,
      line_source: location.line_source,
      outdated: isOutdated(comment),
      diff_hunk: comment.diff_hunk ?? '',
      full_hunk: location.full_hunk,
      body: comment.body ?? '',
      user_login: comment.user?.login ?? 'ghost',
      user_type: comment.user?.type ?? null,
      is_bot: isBotAccount(comment.user),
      author_association: comment.author_association ?? null,
      review_id: reviewId,
      review_state: reviewId === null ? null : (reviewState.get(reviewId) ?? null),
      in_reply_to_id: comment.in_reply_to_id ?? null,
      created_at: comment.created_at,
      updated_at: comment.updated_at,
      html_url: comment.html_url ?? null,
      replies,
    };
  });
}

/** Follow in_reply_to_id up to the first comment without a (present) parent. */
function rootOf(comment: ReviewComment, byId: Map<number, ReviewComment>): ReviewComment {
  let current = comment;
  const seen = new Set<number>([comment.id]);
  for (;;) {
    const parentId = current.in_reply_to_id;
    const parent = parentId === null || parentId === undefined ? undefined : byId.get(parentId);
    if (!parent || seen.has(parent.id)) return current;
    seen.add(parent.id);
    current = parent;
  }
}

function toReply(comment: ReviewComment): ReviewReply {
  return {
    id: comment.id,
    body: comment.body ?? '',
    user_login: comment.user?.login ?? 'ghost',
    user_type: comment.user?.type ?? null,
    is_bot: isBotAccount(comment.user),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    html_url: comment.html_url ?? null,
  };
}
