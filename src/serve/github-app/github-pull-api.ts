// The few GitHub REST calls the review bot makes, over an authenticated Octokit (an installation's
// token for the App, GITHUB_TOKEN in action mode). Lists follow the Link header to the last page.

import type { Octokit } from '@octokit/core';
import { InfraLMError } from '../../core/errors.js';
import { parseLinkHeader } from '../../corpus/github/link-header.js';
import { rebuildDiffFromFiles } from '../../corpus/github/rebuild-diff.js';
import type { PullRequestFile } from '../../corpus/github/types.js';
import type { ReviewRequestComment } from './compose-review.js';

/** `owner/name#number`. */
export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

/** The fields of a pull request the bot reads. */
export interface PullRequestInfo {
  state: string;
  draft: boolean;
  head: { sha: string };
  base: { sha: string };
}

/** A review comment already on the pull request (only what dedupe and feedback read). */
export interface ExistingComment {
  id: number;
  body: string;
  path?: string;
  diff_hunk?: string;
  in_reply_to_id?: number;
}

/** A posted review. */
export interface PostedReview {
  id: number;
  html_url?: string;
}

/** What the bot needs from GitHub; the Octokit implementation below is the real one. */
export interface GitHubPullApi {
  getPull(ref: PullRequestRef): Promise<PullRequestInfo>;
  /** The pull request's diff at its head (rebuilt from the files API when GitHub says too large). */
  getPullDiff(ref: PullRequestRef): Promise<string>;
  /** The diff between two commits, or undefined when one is gone (a force-push). */
  getCompareDiff(ref: PullRequestRef, base: string, head: string): Promise<string | undefined>;
  listReviewComments(ref: PullRequestRef): Promise<ExistingComment[]>;
  listReviewBodies(ref: PullRequestRef): Promise<string[]>;
  getReviewComment(ref: PullRequestRef, id: number): Promise<ExistingComment | undefined>;
  createReview(
    ref: PullRequestRef,
    review: { commit_id: string; event: 'COMMENT'; body: string; comments: ReviewRequestComment[] },
  ): Promise<PostedReview>;
}

/** `owner/name#N` (or a pull request URL) → a reference; a clear usage error otherwise. */
export function parsePullRequestRef(text: string): PullRequestRef {
  const match =
    /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})#(\d+)$/.exec(text) ??
    /^https:\/\/[^/]+\/([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})\/pull\/(\d+)\/?$/.exec(text);
  const number = match ? Number(match[3]) : 0;
  if (!match || !Number.isSafeInteger(number) || number < 1) {
    throw new InfraLMError('INFRALM_ERR_USAGE', `pull request "${text}": use OWNER/NAME#NUMBER`);
  }
  return { owner: match[1]!, repo: match[2]!, number };
}

function status(error: unknown): number | undefined {
  return (error as { status?: number }).status;
}

function tooLarge(error: unknown): boolean {
  if (status(error) !== 406) return false;
  const errors = (error as { response?: { data?: { errors?: { code?: string }[] } } }).response?.data?.errors;
  return !Array.isArray(errors) || errors.some((entry) => entry?.code === 'too_large');
}

/** GitHubPullApi over an authenticated Octokit. */
export function octokitPullApi(octokit: Octokit): GitHubPullApi {
  const path = (ref: PullRequestRef) => ({ owner: ref.owner, repo: ref.repo, pull_number: ref.number });

  async function allPages<T>(route: string, parameters: Record<string, unknown>): Promise<T[]> {
    const items: T[] = [];
    let response = await octokit.request(route, { ...parameters, per_page: 100 });
    for (;;) {
      items.push(...(response.data as T[]));
      const next = parseLinkHeader(response.headers.link).next;
      if (!next) return items;
      response = await octokit.request(`GET ${next}`);
    }
  }

  return {
    async getPull(ref) {
      const response = await octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', path(ref));
      return response.data as PullRequestInfo;
    },
    async getPullDiff(ref) {
      try {
        const response = await octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
          ...path(ref),
          mediaType: { format: 'diff' },
        });
        return String(response.data);
      } catch (error) {
        if (!tooLarge(error)) throw error;
        const files = await allPages<PullRequestFile>(
          'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
          path(ref),
        );
        return rebuildDiffFromFiles(files);
      }
    },
    async getCompareDiff(ref, base, head) {
      try {
        const response = await octokit.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
          owner: ref.owner,
          repo: ref.repo,
          basehead: `${base}...${head}`,
          mediaType: { format: 'diff' },
        });
        return String(response.data);
      } catch (error) {
        if (status(error) === 404 || tooLarge(error)) return undefined;
        throw error;
      }
    },
    listReviewComments: (ref) =>
      allPages<ExistingComment>('GET /repos/{owner}/{repo}/pulls/{pull_number}/comments', path(ref)),
    async listReviewBodies(ref) {
      const reviews = await allPages<{ body?: string | null }>(
        'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
        path(ref),
      );
      return reviews.map((review) => review.body ?? '');
    },
    async getReviewComment(ref, id) {
      try {
        const response = await octokit.request('GET /repos/{owner}/{repo}/pulls/comments/{comment_id}', {
          owner: ref.owner,
          repo: ref.repo,
          comment_id: id,
        });
        return response.data as ExistingComment;
      } catch (error) {
        if (status(error) === 404) return undefined;
        throw error;
      }
    },
    async createReview(ref, review) {
      const response = await octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
        ...path(ref),
        ...review,
      });
      return response.data as PostedReview;
    },
  };
}
