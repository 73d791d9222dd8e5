// Small readers shared by the AWS rules: tri-state list reading (sets and tuples alike), CIDR tests and
// the common "attribute must be true / set" shapes, all keeping unknown apart from absent.

import { isUnknown, TerraformSet, type Value, type ValueObject } from '../../../terraform/eval/value.js';
import { boolAt, fail, PASS, type Path, stringAt, UNKNOWN_RESULT, valueAt } from '../../terraform-values.js';
import type { CheckResult, Equivalents } from '../../types.js';

/** A list read leniently: the known strings, and whether some element (or the whole list) is unknown. */
export interface StringList {
  known: string[];
  unknown: boolean;
}

export const EMPTY_LIST: StringList = { known: [], unknown: false };

/** The items of a list, tuple or set value; a lone string counts as one item; undefined when absent. */
export function itemsOf(value: Value | undefined): readonly Value[] | 'unknown' | undefined {
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return 'unknown';
  if (Array.isArray(value)) return value;
  if (value instanceof TerraformSet) return value.items;
  return [value];
}

/** The strings at a path (lists, sets or a single string), with unknown elements counted, not dropped silently. */
export function stringListAt(values: Value, path: Path): StringList | undefined {
  const items = itemsOf(valueAt(values, path));
  if (items === undefined) return undefined;
  if (items === 'unknown') return { known: [], unknown: true };
  return stringListOf(items);
}

/** Reads a JS array of values as a string list. */
export function stringListOf(items: readonly (Value | undefined)[]): StringList {
  const known: string[] = [];
  let unknown = false;
  for (const item of items) {
    if (item === undefined || item === null) continue;
    if (isUnknown(item)) unknown = true;
    else if (typeof item === 'string') known.push(item);
    else if (typeof item === 'number' || typeof item === 'boolean') known.push(String(item));
  }
  return { known, unknown };
}

/** True, false, or 'unknown' when the list may contain the value but its known part does not. */
export function listIncludes(
  list: StringList | undefined,
  predicate: (item: string) => boolean,
): boolean | 'unknown' {
  if (!list) return false;
  if (list.known.some(predicate)) return true;
  return list.unknown ? 'unknown' : false;
}

const ALL_IPV4 = new Set(['0.0.0.0/0']);
const ALL_IPV6 = new Set(['::/0', '0000:0000:0000:0000:0000:0000:0000:0000/0', '::0/0']);

/** A CIDR that covers every address (IPv4 or IPv6), as the reference tools read it. */
export function isWorldCidr(cidr: string): boolean {
  const trimmed = cidr.trim().toLowerCase();
  return ALL_IPV4.has(trimmed) || ALL_IPV6.has(trimmed) || trimmed === '*';
}

/** The nested blocks at a path as a list; 'unknown' for an unknown dynamic block. */
export function blockList(values: Value, path: Path): ValueObject[] | 'unknown' {
  const found = valueAt(values, path);
  if (found === undefined || found === null) return [];
  if (isUnknown(found)) return 'unknown';
  const items = Array.isArray(found) ? found : found instanceof TerraformSet ? found.items : [found];
  const blocks: ValueObject[] = [];
  for (const item of items) {
    if (isUnknown(item)) return 'unknown';
    if (
      typeof item === 'object' &&
      item !== null &&
      !Array.isArray(item) &&
      !(item instanceof TerraformSet)
    ) {
      blocks.push(item as ValueObject);
    }
  }
  return blocks;
}

/** Pass when the bool at `path` is true; fail when it is false or absent (absence judged as the default false). */
export function requireTrue(values: Value, path: Path, message: string): CheckResult {
  const value = boolAt(values, path);
  if (value === 'unknown') return UNKNOWN_RESULT;
  if (value === true) return PASS;
  const raw = valueAt(values, path);
  if (value === undefined && raw !== undefined && raw !== null) return UNKNOWN_RESULT;
  return fail(path, message);
}

/** Fail only when the bool at `path` is known true (absence passes). */
export function forbidTrue(values: Value, path: Path, message: string): CheckResult {
  const value = boolAt(values, path);
  if (value === 'unknown') return UNKNOWN_RESULT;
  return value === true ? fail(path, message) : PASS;
}

/** Fail only when the bool at `path` is known false (absence passes: the provider default is true). */
export function forbidFalse(values: Value, path: Path, message: string): CheckResult {
  const value = boolAt(values, path);
  if (value === 'unknown') return UNKNOWN_RESULT;
  return value === false ? fail(path, message) : PASS;
}

/**
 * Pass when a string is set at `path`; fail when it is absent or empty. A value known only after apply
 * (`aws_kms_key.k.arn`, `var.key_arn`) is set: presence is what is judged, and it is present.
 */
export function requireString(values: Value, path: Path, message: string): CheckResult {
  const value = stringAt(values, path);
  if (value === 'unknown') return PASS;
  if (value === undefined) {
    const raw = valueAt(values, path);
    if (raw !== undefined && raw !== null) return UNKNOWN_RESULT;
    return fail(path, message);
  }
  return value.trim() === '' ? fail(path, message) : PASS;
}

/** Pass when the string at `path` is one of `allowed` (compared case-insensitively); absence fails. */
export function requireOneOf(
  values: Value,
  path: Path,
  allowed: readonly string[],
  message: string,
): CheckResult {
  const value = stringAt(values, path);
  if (value === 'unknown') return UNKNOWN_RESULT;
  if (value === undefined) return fail(path, message);
  return allowed.some((item) => item.toLowerCase() === value.toLowerCase()) ? PASS : fail(path, message);
}

/** The worst of several results: a failure wins, then unknown, then pass. */
export function combine(results: readonly CheckResult[]): CheckResult {
  return (
    results.find((result) => result.status === 'fail') ??
    results.find((result) => result.status === 'unknown') ??
    PASS
  );
}

/** Builds an equivalents record (empty lists by default). */
export function same(ids: Partial<Equivalents>): Equivalents {
  return { checkov: ids.checkov ?? [], trivy: ids.trivy ?? [], kics: ids.kics ?? [] };
}

/** Not applicable: the rule has nothing to say about this resource. */
export const NOT_APPLICABLE: CheckResult[] = [];
