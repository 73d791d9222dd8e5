// Credentials whose name and value sit in different fields of one object, outside YAML block style
// (the line scanner's domain):
//   - name/value pairs in flow YAML, JSON and HCL: `{name: DB_PASSWORD, value: x}`,
//     `{"name": "DB_PASSWORD", "value": "x"}` (ECS container definitions), `{ name = "API_KEY",
//     value = "x" }` and HCL `environment { name = "API_KEY" \n value = "x" }` blocks;
//   - Terraform variables with a credential name and a literal default:
//     `variable "db_password" { default = "x" }`.
// Each hit looks at a bounded window around it (the enclosing braces, at most WINDOW characters
// each way), so the scan stays linear in the text; a name outside braces is left to the line scanner. Unquoted HCL right-hand sides are expressions
// (`var.x`), not secrets; templates and references are kept as everywhere else.

import { isCredentialName, isExpressionReference, isNonSecretValue } from './credential-names.js';
import { REPLACEMENTS, type SensitiveSpan } from './redaction-types.js';

const WINDOW = 400;
const NAME_KEY = /(?<![A-Za-z0-9_-])["']?name["']?[ \t]*[:=][ \t]*(["']?)([A-Za-z_][A-Za-z0-9_.-]{2,127})\1/g;
const VALUE_KEY = /(?<![A-Za-z0-9_-])["']?value["']?[ \t]*([:=])[ \t]*/g;
const VARIABLE = /(?<![A-Za-z0-9_-])variable[ \t]+"([A-Za-z0-9_-]{3,128})"[ \t]*\{/g;
const DEFAULT_KEY = /(?<![A-Za-z0-9_-])default[ \t]*=[ \t]*"/g;

/** The value starting at `start`: a quoted string's inside, or a plain scalar up to `,` `}` `]` or the line end. */
function valueAt(text: string, start: number, separator: string): { start: number; end: number } | undefined {
  const quote = text[start];
  if (quote === '"' || quote === "'") {
    let end = start + 1;
    while (end < text.length && text[end] !== quote && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
    return text[end] === quote ? { start: start + 1, end } : undefined;
  }
  // An unquoted HCL value is an expression; a plain YAML scalar is a literal.
  if (separator === '=') return undefined;
  let end = start;
  while (end < text.length && !',}]\n#'.includes(text[end] as string)) end++;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return end > start ? { start, end } : undefined;
}

function span(text: string, value: { start: number; end: number }): SensitiveSpan | undefined {
  const literal = text.slice(value.start, value.end);
  if (isNonSecretValue(literal) || isExpressionReference(literal)) return undefined;
  return {
    type: 'credential_env',
    start: value.start,
    end: value.end,
    replacement: REPLACEMENTS.credentials,
  };
}

/**
 * The flow/JSON/HCL object around `at`: its `{` before and its `}` after (skipping nested pairs),
 * each within the window; undefined outside braces (block YAML is the line scanner's, and a window
 * there would span several list items).
 */
function enclosing(text: string, at: number, after: number): [number, number] | undefined {
  // Bounded loops, not lastIndexOf/indexOf: those run to the text's ends when there is no brace.
  let left = -1;
  for (let index = at, depth = 0, stop = Math.max(0, at - WINDOW); index >= stop; index--) {
    const char = text[index];
    if (char === '}') depth++;
    else if (char === '{' && depth-- === 0) {
      left = index;
      break;
    }
  }
  let right = -1;
  for (let index = after, depth = 0, stop = Math.min(text.length, after + WINDOW); index < stop; index++) {
    const char = text[index];
    if (char === '{') depth++;
    else if (char === '}' && depth-- === 0) {
      right = index;
      break;
    }
  }
  return left >= 0 && right >= 0 ? [left, right] : undefined;
}

/** Values of credential-named name/value pairs and of credential-named Terraform variables' defaults. */
export function scanPairedCredentials(text: string): SensitiveSpan[] {
  const spans: SensitiveSpan[] = [];
  NAME_KEY.lastIndex = 0;
  for (let match = NAME_KEY.exec(text); match; match = NAME_KEY.exec(text)) {
    if (!isCredentialName(match[2]!)) continue;
    const end = match.index + match[0].length;
    const object = enclosing(text, match.index, end);
    if (!object) continue;
    const [left, right] = object;
    // Searching a slice keeps each hit's work within its window, whatever follows.
    const window = text.slice(left, right);
    VALUE_KEY.lastIndex = 0;
    for (let value = VALUE_KEY.exec(window); value; value = VALUE_KEY.exec(window)) {
      const at = left + value.index;
      if (at >= match.index && at < end) continue;
      const found = valueAt(window, value.index + value[0].length, value[1]!);
      const hit = found ? span(text, { start: left + found.start, end: left + found.end }) : undefined;
      if (hit) spans.push(hit);
      break;
    }
  }
  VARIABLE.lastIndex = 0;
  for (let match = VARIABLE.exec(text); match; match = VARIABLE.exec(text)) {
    if (!isCredentialName(match[1]!)) continue;
    const body = match.index + match[0].length;
    // The variable's block: up to the first line that closes it (`}` at the start of a line).
    let block = text.slice(body, body + WINDOW);
    const closing = block.search(/\n[ \t]*\}/);
    if (closing >= 0) block = block.slice(0, closing);
    DEFAULT_KEY.lastIndex = 0;
    const value = DEFAULT_KEY.exec(block);
    if (!value) continue;
    const found = valueAt(block, value.index + value[0].length - 1, '=');
    const hit = found ? span(text, { start: body + found.start, end: body + found.end }) : undefined;
    if (hit) spans.push(hit);
  }
  return spans;
}
