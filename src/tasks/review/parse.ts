import { InfraLMError } from '../../core/errors.js';
import type { ReviewComment, ReviewSide, ReviewTarget } from './types.js';

// Model text → comments. Accepted: the schema's bare array, an object with a `comments` array, either
// inside a Markdown fence or after some prose (the first `[` or `{` to the last matching bracket).
// Lenient on what a model plausibly varies and the meaning cannot change: `line` as a digit string,
// `side` in any case (GitHub's default RIGHT when absent), `comment`/`text` for `body`. Anything else
// is an INFRALM_ERR_RECORD_PARSE error naming the item and the field.

function fail(detail: string): never {
  throw new InfraLMError('INFRALM_ERR_RECORD_PARSE', `review answer ${detail}`);
}

function jsonText(text: string): string {
  const fenced = /```(?:json)?[ \t]*\r?\n([\s\S]*?)\r?\n?```/.exec(text);
  const body = (fenced ? fenced[1]! : text).trim();
  if (body.startsWith('[') || body.startsWith('{')) return body;
  const start = body.search(/[[{]/);
  if (start === -1) fail('holds no JSON array or object');
  const close = body[start] === '[' ? ']' : '}';
  const end = body.lastIndexOf(close);
  if (end <= start) fail('holds no complete JSON array or object');
  return body.slice(start, end + 1);
}

function commentAt(item: unknown, index: number): ReviewComment {
  const where = `comments[${index}]`;
  if (typeof item !== 'object' || item === null || Array.isArray(item)) fail(`${where} is not an object`);
  const record = item as Record<string, unknown>;
  const path = record.path;
  if (typeof path !== 'string' || path.trim() === '') fail(`${where}.path is missing`);
  const rawLine = record.line;
  const line =
    typeof rawLine === 'number'
      ? rawLine
      : typeof rawLine === 'string' && /^\d+$/.test(rawLine.trim())
        ? Number(rawLine)
        : Number.NaN;
  if (!Number.isSafeInteger(line) || line < 1)
    fail(`${where}.line must be a line number (an integer from 1)`);
  const rawSide = record.side ?? 'RIGHT';
  const side = typeof rawSide === 'string' ? rawSide.trim().toUpperCase() : '';
  if (side !== 'LEFT' && side !== 'RIGHT') fail(`${where}.side must be LEFT or RIGHT`);
  const body = record.body ?? record.comment ?? record.text;
  if (typeof body !== 'string') fail(`${where}.body is missing`);
  return { path: path.trim(), line, side: side as ReviewSide, body };
}

/** Parse a model's review answer (see the module comment); throws a clear InfraLMError otherwise. */
export function parseReviewAnswer(text: string): ReviewTarget {
  let value: unknown;
  try {
    value = JSON.parse(jsonText(text));
  } catch (error) {
    if (InfraLMError.isInstance(error)) throw error;
    fail(`is not valid JSON: ${(error as Error).message}`);
  }
  const list = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null && Array.isArray((value as { comments?: unknown }).comments)
      ? (value as { comments: unknown[] }).comments
      : fail('is neither a JSON array of comments nor an object with a "comments" array');
  return { comments: list.map(commentAt) };
}
