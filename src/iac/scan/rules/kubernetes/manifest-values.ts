// Readers for values in a Kubernetes manifest. A value left to a template engine ("{{ .Values.x }}",
// "${VAR}") or of a type the API would not accept is unknown: rules answer `unknown` on it, never `fail`.

import { PASS } from '../../terraform-values.js';
import type { CheckResult } from '../../types.js';

export type ObjectPath = (string | number)[];
export type PlainObject = Record<string, unknown>;
export type Unknown = 'unknown';

/** True for a plain (non-array) object. */
export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const TEMPLATE_MARKER = /\{\{|\$\{/;

/** True when a string still holds template syntax (Helm, envsubst) and has no literal value yet. */
export function isTemplated(value: unknown): boolean {
  return typeof value === 'string' && TEMPLATE_MARKER.test(value);
}

/** The raw value at a path (keys into objects, indexes into lists); undefined when absent. */
export function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let current: unknown = root;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      if (!isPlainObject(current) || !Object.hasOwn(current, step)) return undefined;
      current = current[step];
    }
  }
  return current;
}

/** True when the object has the key (whatever its value, null included). */
export function hasKey(value: unknown, key: string): boolean {
  return isPlainObject(value) && Object.hasOwn(value, key);
}

/** A boolean (YAML 1.1 spellings included), 'unknown' for templates and other types, undefined when absent. */
export function readBoolean(value: unknown): boolean | Unknown | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lowered = value.trim().toLowerCase();
    // Kubernetes and Checkov read YAML 1.1, where yes/on and no/off are booleans too.
    if (lowered === 'true' || lowered === 'yes' || lowered === 'on') return true;
    if (lowered === 'false' || lowered === 'no' || lowered === 'off') return false;
  }
  return 'unknown';
}

/** A number (numeric strings included), 'unknown' for anything else, undefined when absent or null. */
export function readNumber(value: unknown): number | Unknown | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value.trim());
  return 'unknown';
}

/** A string (numbers and booleans as text), 'unknown' for templates and objects, undefined when absent. */
export function readString(value: unknown): string | Unknown | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return isTemplated(value) ? 'unknown' : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return 'unknown';
}

/** The strings of a list, 'unknown' when the list or any element is unknown, undefined when absent. */
export function readStrings(value: unknown): string[] | Unknown | undefined {
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value : [value];
  const strings: string[] = [];
  for (const item of items) {
    const text = readString(item);
    if (text === 'unknown') return 'unknown';
    if (text !== undefined) strings.push(text);
  }
  return strings;
}

/** An object, 'unknown' for templates and other types, undefined when absent or null. */
export function readObject(value: unknown): PlainObject | Unknown | undefined {
  if (value === undefined || value === null) return undefined;
  if (isPlainObject(value)) return value;
  return 'unknown';
}

/** A list, 'unknown' for templates and other types, undefined when absent or null. */
export function readList(value: unknown): unknown[] | Unknown | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value;
  return 'unknown';
}

/** Python-style truthiness, as Checkov tests presence ("if conf.get(key)"): empty values are falsy. */
export function isTruthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}

/** One result per item, or a single pass when there was nothing to judge. */
export function resultsOrPass(results: CheckResult[]): CheckResult[] {
  return results.length > 0 ? results : [PASS];
}

/** Capability names compare without case and without the CAP_ prefix. */
export function capabilityName(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}
