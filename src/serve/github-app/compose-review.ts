// From predicted comments to the ONE review the bot posts on a pull request (pure).
//
// Every comment's place is checked against the pull request's diff at its head, as GitHub checks it
// ("line must be part of the diff"); a comment that cannot sit on a line goes into the review body
// under its file instead of being lost. Each comment carries a hidden fingerprint of what it says
// and of the text of the line it sits on (not the line number, which shifts when commits are
// pushed), so a rerun recognises the comments already posted and neither duplicates nor drops them.
// At most `maxComments` comments (line and body alike) are posted, the most severe first.

import { sha256 } from '../../core/hash.js';
import {
  canComment,
  type DiffFile,
  diffLineAt,
  findDiffFile,
  type UnifiedDiff,
} from '../../iac/diff/index.js';
import type { ReviewComment } from '../../tasks/review/types.js';

/** GitHub's review API takes many comments per review; the issue's cap keeps a review readable. */
export const DEFAULT_MAX_COMMENTS = 30;

const MARKER = /<!-- infralm:fingerprint=([0-9a-f]{16}) -->/g;

/** The hidden marker appended to every comment the bot posts. */
export function fingerprintMarker(fingerprint: string): string {
  return `<!-- infralm:fingerprint=${fingerprint} -->`;
}

/** Every fingerprint marker in a text (a comment body or a review body). */
export function extractFingerprints(text: string | null | undefined): string[] {
  return [...(text ?? '').matchAll(MARKER)].map((match) => match[1]!);
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** A comment's identity across runs: its file, side, the text of its line, and its words. */
export function commentFingerprint(comment: ReviewComment, lineText: string | undefined): string {
  const place = lineText === undefined ? `line ${comment.line}` : normalise(lineText);
  return sha256(`${comment.path}\0${comment.side}\0${place}\0${normalise(stripMarkers(comment.body))}`).slice(
    0,
    16,
  );
}

/** A body without any marker (a model must not be able to forge the bot's fingerprints). */
function stripMarkers(body: string): string {
  return body.replace(/<!--\s*infralm:[^>]*-->/g, '').trim();
}

/** One comment of the review-create request (`line`/`side` form). */
export interface ReviewRequestComment {
  path: string;
  line: number;
  side: 'LEFT' | 'RIGHT';
  body: string;
}

/** Where one predicted comment went. */
export type Placement = 'line' | 'body' | 'duplicate' | 'capped';

/** The review to post (undefined `request` when there is nothing new to say) and where comments went. */
export interface ComposedReview {
  request?: { commit_id: string; event: 'COMMENT'; body: string; comments: ReviewRequestComment[] };
  counts: Record<Placement, number>;
  /** Comments that could not sit on a line, with the reason GitHub would refuse them. */
  moved: { path: string; line: number; side: string; reason: string }[];
}

/** Options of composeReview. */
export interface ComposeOptions {
  /** The head commit the review is about. */
  headSha: string;
  diff: UnifiedDiff;
  predictions: readonly ReviewComment[];
  /** Fingerprints of comments already on the pull request. */
  existing: ReadonlySet<string>;
  maxComments?: number;
  /** Only comments on these RIGHT lines, per path, are kept (a synchronize: what the new commits added). */
  onlyLines?: ReadonlyMap<string, ReadonlySet<number>>;
  /** Put every comment in the review body (the retry after GitHub refused a line placement). */
  allInBody?: boolean;
}

const SEVERITY = /\b(critical|high|medium|low)\b(?: severity)?/i;
const SEVERITY_RANK: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1 };

interface Candidate {
  comment: ReviewComment;
  fingerprint: string;
  file: DiffFile | undefined;
  placeable: boolean;
  reason?: string;
  added: boolean;
  severity: number;
  order: number;
}

/** Rank, place, dedupe and cap predicted comments into one COMMENT review. */
export function composeReview(options: ComposeOptions): ComposedReview {
  const max = options.maxComments ?? DEFAULT_MAX_COMMENTS;
  const counts: Record<Placement, number> = { line: 0, body: 0, duplicate: 0, capped: 0 };
  const moved: ComposedReview['moved'] = [];
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  options.predictions.forEach((raw, order) => {
    const comment = { ...raw, body: stripMarkers(raw.body) };
    if (comment.body === '') return;
    const file = findDiffFile(options.diff, comment.path);
    const check = file
      ? canComment(file, { line: comment.line, side: comment.side })
      : ({ ok: false, reason: `${comment.path} is not in the pull request's diff` } as const);
    const diffLine =
      file && check.ok && check.position !== undefined ? diffLineAt(file, check.position) : undefined;
    const only = options.onlyLines?.get(comment.path);
    if (options.onlyLines && !(comment.side === 'RIGHT' && only?.has(comment.line))) return;
    const fingerprint = commentFingerprint(comment, diffLine?.line.text);
    if (seen.has(fingerprint) || options.existing.has(fingerprint)) {
      counts.duplicate += 1;
      seen.add(fingerprint);
      return;
    }
    seen.add(fingerprint);
    const severity = SEVERITY_RANK[SEVERITY.exec(comment.body)?.[1]?.toLowerCase() ?? ''] ?? 0;
    candidates.push({
      comment,
      fingerprint,
      file,
      placeable: check.ok && !options.allInBody,
      ...(check.ok
        ? options.allInBody
          ? { reason: 'GitHub refused the line placement' }
          : {}
        : { reason: check.reason }),
      added: diffLine?.line.kind === 'added',
      severity,
      order,
    });
  });

  // Most severe first; among equals, comments on added lines (what the change brings), then diff order.
  candidates.sort(
    (a, b) =>
      b.severity - a.severity ||
      Number(b.added) - Number(a.added) ||
      Number(b.placeable) - Number(a.placeable) ||
      a.order - b.order,
  );
  const kept = candidates.slice(0, max);
  counts.capped = candidates.length - kept.length;

  const comments: ReviewRequestComment[] = [];
  const bodyItems: string[] = [];
  for (const candidate of kept) {
    const { comment } = candidate;
    const body = `${comment.body}\n\n${fingerprintMarker(candidate.fingerprint)}`;
    if (candidate.placeable) {
      comments.push({ path: comment.path, line: comment.line, side: comment.side, body });
      counts.line += 1;
    } else {
      moved.push({
        path: comment.path,
        line: comment.line,
        side: comment.side,
        reason: candidate.reason ?? '',
      });
      bodyItems.push(
        `- \`${comment.path}\` line ${comment.line} (${comment.side}): ${oneLine(comment.body)} ${fingerprintMarker(candidate.fingerprint)}`,
      );
      counts.body += 1;
    }
  }
  // Line comments in diff order read best on GitHub's "Files changed" tab.
  comments.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
  if (comments.length === 0 && bodyItems.length === 0) return { counts, moved };

  const parts = [
    `InfraLM reviewed ${options.headSha.slice(0, 7)}: ${plural(comments.length, 'comment')} on the diff${
      bodyItems.length > 0 ? `, ${plural(bodyItems.length, 'note')} below` : ''
    }.`,
  ];
  if (bodyItems.length > 0) parts.push(`**Notes on lines outside the diff**\n\n${bodyItems.join('\n')}`);
  if (counts.capped > 0)
    parts.push(`_${plural(counts.capped, 'further comment')} not shown (at most ${max} per review)._`);
  return {
    request: { commit_id: options.headSha, event: 'COMMENT', body: parts.join('\n\n'), comments },
    counts,
    moved,
  };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
