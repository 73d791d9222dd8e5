// Redaction of secrets and PII before anything reaches a dataset. Every rule in secret-patterns.ts
// proposes spans on the original text; overlaps are resolved once: a span inside another is dropped
// (a container such as a whole block-scalar value beats the token inside it; equal spans go to the
// higher-priority rule), and partially overlapping spans merge into one, so neither leaks. The kept
// spans are replaced in one pass. `findSensitive` reports the same kept spans
// without replacing, so an audit of redacted output uses exactly the detector that produced it.

import type { RedactionType, SensitiveSpan } from './redaction-types.js';
import {
  passesPrecheck,
  presentNeedles,
  SECRET_RULES,
  TokenTracker,
  TYPE_PRIORITY,
} from './secret-patterns.js';

export { REPLACEMENTS, type RedactionType } from './redaction-types.js';

/** The redacted text and how many replacements of each type were made. */
export interface RedactionResult {
  text: string;
  counts: Partial<Record<RedactionType, number>>;
}

/** One finding of `findSensitive`: what it is and where (0-based UTF-16 offset and length). */
export interface SensitiveFinding {
  type: RedactionType;
  index: number;
  length: number;
}

const REPLACEMENT_TOKEN = /sk-REDACTED|REDACTED_CREDS|REDACTED_EMAIL|IPV4_REDACTED/;

/** For each rule, the index of the first rule with the same precheck object (tested once per text). */
const PRECHECK_INDEX = SECRET_RULES.map((rule) =>
  SECRET_RULES.findIndex((other) => other.precheck === rule.precheck),
);

/** All rule spans on `text`, overlaps resolved, sorted by position. */
function sensitiveSpans(text: string): SensitiveSpan[] {
  const proposed: SensitiveSpan[] = [];
  // Rules may share a precheck object (both credential scanners do): test it once. Per-call state is
  // kept small: short texts (the prompts of every record) are scanned one by one.
  const passed: (boolean | undefined)[] = [];
  const present = presentNeedles(text);
  for (let index = 0; index < SECRET_RULES.length; index++) {
    const rule = SECRET_RULES[index]!;
    const shared = PRECHECK_INDEX[index]!;
    let passes = passed[shared];
    if (passes === undefined) {
      passes = passesPrecheck(rule.precheck, text, present);
      passed[shared] = passes;
    }
    if (!passes) continue;
    if (rule.kind === 'scanner') {
      for (const span of rule.scan(text)) proposed.push(span);
      continue;
    }
    const { pattern } = rule;
    pattern.lastIndex = 0;
    let match = pattern.exec(text);
    if (!match) continue;
    const scan = { text, tokens: new TokenTracker(text) };
    for (; match; match = pattern.exec(text)) {
      const range: [number, number] | undefined = rule.locate
        ? rule.locate(match, scan)
        : [match.index, match.index + match[0].length];
      // A match that contains a replacement token was formed by joining a replacement with its
      // neighbours (`sk-` + `IPV4_REDACTED` + `-ABC...`); taking it would break idempotence.
      if (range && !REPLACEMENT_TOKEN.test(text.slice(range[0], range[1]))) {
        proposed.push({ type: rule.type, start: range[0], end: range[1], replacement: rule.replacement });
      }
    }
  }
  proposed.sort(
    (a, b) => a.start - b.start || b.end - a.end || TYPE_PRIORITY[a.type] - TYPE_PRIORITY[b.type],
  );
  const kept: SensitiveSpan[] = [];
  for (const span of proposed) {
    if (span.end <= span.start) continue;
    const last = kept[kept.length - 1];
    if (!last || span.start >= last.end) {
      kept.push({ ...span });
    } else if (span.end > last.end) {
      // A partial overlap (`xoxb-123…` running into `-----BEGIN`): keeping either span alone would leak
      // the rest of the other, so one replacement covers both, typed by the higher-priority rule.
      last.end = span.end;
      if (TYPE_PRIORITY[span.type] < TYPE_PRIORITY[last.type]) {
        last.type = span.type;
        last.replacement = span.replacement;
      }
    }
  }
  return kept;
}

/** Replace secrets and PII in YAML/HCL/plain text. */
export function redact(text: string): RedactionResult {
  const spans = sensitiveSpans(text);
  const counts: Partial<Record<RedactionType, number>> = {};
  if (spans.length === 0) return { text, counts };
  const parts: string[] = [];
  let position = 0;
  for (const span of spans) {
    parts.push(text.slice(position, span.start), span.replacement);
    position = span.end;
    counts[span.type] = (counts[span.type] ?? 0) + 1;
  }
  parts.push(text.slice(position));
  return { text: parts.join(''), counts };
}

/** Detect what redact() would replace (type, 0-based offset, length) without changing anything. */
export function findSensitive(text: string): SensitiveFinding[] {
  return sensitiveSpans(text).map((span) => ({
    type: span.type,
    index: span.start,
    length: span.end - span.start,
  }));
}
