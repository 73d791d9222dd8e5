// Secret values that the line scanner cannot see by indentation: a Secret written in flow style
// (`data: {password: ..., user: ...}`), as JSON, or nested in a `kind: List`. The stream is parsed
// (js-yaml, linear) and every string under a Secret's `data` / `stringData` is located in the text
// and replaced — each line of a multi-line value separately, so block scalars stay valid YAML.
// Only text that mentions `Secret` and uses flow or list syntax pays for the parse; block-style
// Secrets are the line scanner's (yaml-credentials.ts), and both may report the same span.

import { loadAll } from 'js-yaml';
import { isNonSecretValue } from './credential-names.js';
import { REPLACEMENTS, type SensitiveSpan } from './redaction-types.js';

/** Text without `Secret` never holds a Secret object. */
export const SECRET_OBJECT_PRECHECK = ['Secret'];

/**
 * A Secret object declares its kind, in block, flow or JSON style (`kind: Secret`,
 * `{kind: Secret}`, `"kind": "Secret"`); text that only names Secrets (`secretKeyRef`,
 * `SealedSecret`, a comment) is not parsed again.
 */
const SECRET_KIND = /\bkind["']?[ \t]*:[ \t]*["']?Secret\b(?!-)/;

/** Flow collections or a List: the shapes the line scanner does not follow (one linear pass). */
const FLOW_OR_LIST = /[{[]|\bitems[ \t]*:/;

/** Shortest value worth locating: shorter strings would match unrelated text. */
const MIN_VALUE_LENGTH = 4;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every string value under the data/stringData of every Secret, at any depth (List items included). */
function secretValues(value: unknown, out: Set<string>, depth = 0): void {
  if (depth > 64) return;
  if (Array.isArray(value)) {
    for (const item of value) secretValues(item, out, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  if (value.kind === 'Secret') {
    for (const field of ['data', 'stringData']) {
      const map = value[field];
      if (!isObject(map)) continue;
      for (const item of Object.values(map)) {
        if (typeof item === 'string') out.add(item);
        else if (typeof item === 'number' || typeof item === 'boolean') out.add(String(item));
      }
    }
  }
  for (const child of Object.values(value))
    if (typeof child === 'object') secretValues(child, out, depth + 1);
}

/** Spans of Secret values anywhere in a YAML/JSON stream (nothing when it does not parse). */
export function scanSecretObjects(text: string): SensitiveSpan[] {
  if (!SECRET_KIND.test(text) || !FLOW_OR_LIST.test(text)) return [];
  let documents: unknown[];
  try {
    documents = loadAll(text, undefined, { json: true });
  } catch {
    return [];
  }
  const values = new Set<string>();
  for (const document of documents) secretValues(document, values);
  const needles = new Set<string>();
  for (const value of values) {
    for (const line of value.split('\n')) {
      const needle = line.trim();
      // Placeholders (`{{ .Values.password }}`, `${PASSWORD}`) are not secrets, as for the line scanner.
      if (
        needle.length >= MIN_VALUE_LENGTH &&
        needle !== REPLACEMENTS.credentials &&
        !isNonSecretValue(needle)
      )
        needles.add(needle);
    }
  }
  const spans: SensitiveSpan[] = [];
  for (const needle of needles) {
    for (
      let index = text.indexOf(needle);
      index !== -1;
      index = text.indexOf(needle, index + needle.length)
    ) {
      spans.push({
        type: 'secret_data',
        start: index,
        end: index + needle.length,
        replacement: REPLACEMENTS.credentials,
      });
    }
  }
  return spans;
}
