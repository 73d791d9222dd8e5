import type { AssistantTurn, ChatMessage, JSONSchema } from '../../core/types.js';
import type { ReviewComment, ReviewInput, ReviewTarget } from './types.js';

export const REVIEW_SYSTEM_PROMPT =
  'You are an experienced reviewer of infrastructure code (Terraform, Kubernetes, CI and the code ' +
  'around them). You are shown the diff of one file of a pull request, each line with its old and new ' +
  'line numbers. Write the review comments a careful human reviewer would leave on it: correctness, ' +
  'security, reliability, cost and maintainability, not style nits. Place each comment on a line of ' +
  'the diff: side RIGHT with the new line number for added and unchanged lines, side LEFT with the old ' +
  'line number for removed lines. Answer with a JSON array of {"path", "line", "side", "body"} only; ' +
  'answer [] when nothing needs a comment.';

/**
 * Output schema for constrained decoding and validation: the bare array the prompt asks for.
 * `line` has no `minimum`: llama.cpp grammars ignore it (notes/deps.md §1.7); parse checks it.
 */
export const REVIEW_OUTPUT_SCHEMA: JSONSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      path: { type: 'string', minLength: 1 },
      line: { type: 'integer' },
      side: { type: 'string', enum: ['LEFT', 'RIGHT'] },
      body: { type: 'string', minLength: 1 },
    },
    required: ['path', 'line', 'side', 'body'],
    additionalProperties: false,
  },
};

/** The longest run of backticks in a text, so a fence can always be longer. */
function fenceFor(text: string): string {
  let longest = 0;
  for (const match of text.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** The user turn's body: where the file is from, then its numbered hunks in a fence. */
export function renderReviewInput(input: ReviewInput): string {
  const fence = fenceFor(input.hunks);
  const from =
    input.repo !== undefined
      ? `Pull request: ${input.repo}${input.pr !== undefined ? `#${input.pr}` : ''}\n`
      : '';
  return `${from}File: ${input.path}\n\n${fence}diff\n${input.hunks}\n${fence}`;
}

/** The prompt in chat form. */
export function reviewMessages(input: ReviewInput): ChatMessage[] {
  return [
    { role: 'system', content: REVIEW_SYSTEM_PROMPT },
    {
      role: 'user',
      content: `${renderReviewInput(input)}\n\nColumns: old line, new line, +/-/space marker, text. Review this change.`,
    },
  ];
}

function compareComments(left: ReviewComment, right: ReviewComment): number {
  if (left.path !== right.path) return left.path < right.path ? -1 : 1;
  if (left.line !== right.line) return left.line - right.line;
  if (left.side !== right.side) return left.side === 'LEFT' ? -1 : 1;
  return 0;
}

/** Comments ordered by path, line, then side (LEFT first); equal places keep their order. */
export function sortComments(comments: readonly ReviewComment[]): ReviewComment[] {
  return comments
    .map((comment) => ({ path: comment.path, line: comment.line, side: comment.side, body: comment.body }))
    .sort(compareComments);
}

/** The canonical target: comments sorted, scoring context kept as is. */
export function normalizeReviewTarget(target: ReviewTarget): ReviewTarget {
  const comments = sortComments(target.comments);
  return target.hunks === undefined ? { comments } : { comments, hunks: target.hunks };
}

/** The answer as the model should write it: the sorted comment array as compact JSON. */
export function renderReviewAnswer(target: ReviewTarget): AssistantTurn {
  return { role: 'assistant', content: JSON.stringify(sortComments(target.comments)) };
}
