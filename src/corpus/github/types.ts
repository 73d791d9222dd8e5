// Shapes of the GitHub REST responses the crawler reads (the fields it uses, as GitHub documents
// them) and of the silver rows it writes. Spec types only.

import type { Side } from '../../iac/diff/index.js';

/** `owner/name` split into its parts. */
export interface RepositoryName {
  owner: string;
  name: string;
  /** `owner/name`. */
  fullName: string;
}

/** One pull request of one repository. */
export interface PullReference {
  repository: RepositoryName;
  number: number;
}

/** A user object as GitHub embeds it (null for a deleted account, shown as "ghost"). */
export interface GitHubUser {
  login: string;
  type?: string;
  id?: number;
}

/** A pull request review comment (`/repos/{owner}/{repo}/pulls/{n}/comments`). */
export interface ReviewComment {
  id: number;
  pull_request_review_id?: number | null;
  in_reply_to_id?: number | null;
  path: string;
  position?: number | null;
  original_position?: number | null;
  line?: number | null;
  original_line?: number | null;
  start_line?: number | null;
  original_start_line?: number | null;
  side?: Side | null;
  start_side?: Side | null;
  subject_type?: 'line' | 'file' | null;
  commit_id: string;
  original_commit_id: string;
  diff_hunk?: string | null;
  body?: string | null;
  user?: GitHubUser | null;
  author_association?: string;
  created_at: string;
  updated_at: string;
  html_url?: string;
  pull_request_url?: string;
}

/** A pull request (`/repos/{owner}/{repo}/pulls/{n}`), the fields the crawler reads. */
export interface PullRequest {
  number: number;
  title?: string;
  state?: string;
  html_url?: string;
  user?: GitHubUser | null;
  head: { sha: string; ref?: string };
  base: { sha: string; ref?: string };
  changed_files?: number;
  merged_at?: string | null;
  created_at?: string;
  updated_at?: string;
}

/** One entry of `/repos/{owner}/{repo}/pulls/{n}/files` or of a comparison's `files`. */
export interface PullRequestFile {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  previous_filename?: string;
  /** Absent for binary files and for files whose diff GitHub truncates. */
  patch?: string;
  additions?: number;
  deletions?: number;
  changes?: number;
}

/** A pull request review (`/repos/{owner}/{repo}/pulls/{n}/reviews`). */
export interface PullRequestReview {
  id: number;
  state?: string;
  user?: GitHubUser | null;
  commit_id?: string | null;
  submitted_at?: string | null;
}

/** How a silver row's line/side were obtained. */
export type LineSource = 'api' | 'position' | 'diff_hunk';

/** A reply attached to its thread's root comment. */
export interface ReviewReply {
  id: number;
  body: string;
  user_login: string;
  user_type: string | null;
  is_bot: boolean;
  created_at: string;
  updated_at: string;
  html_url: string | null;
}

/** Silver: one row per thread-root review comment, replies attached. */
export interface ReviewThreadRow {
  id: number;
  repo: string;
  pr: number;
  pr_title: string | null;
  base_sha: string;
  head_sha: string;
  path: string;
  subject_type: 'line' | 'file';
  side: Side | null;
  line: number | null;
  start_side: Side | null;
  start_line: number | null;
  original_line: number | null;
  original_start_line: number | null;
  position: number | null;
  original_position: number | null;
  commit_id: string;
  original_commit_id: string;
  /** The commit whose diff `line`, `side` and `full_hunk` refer to. */
  anchor_commit_id: string | null;
  line_source: LineSource | null;
  outdated: boolean;
  diff_hunk: string;
  /** The whole hunk (header and every line) of the diff that holds the comment's line. */
  full_hunk: string | null;
  body: string;
  user_login: string;
  user_type: string | null;
  is_bot: boolean;
  author_association: string | null;
  review_id: number | null;
  review_state: string | null;
  /** Set when the comment replies to one that no longer exists (so it leads its own thread). */
  in_reply_to_id: number | null;
  created_at: string;
  updated_at: string;
  html_url: string | null;
  replies: ReviewReply[];
}
