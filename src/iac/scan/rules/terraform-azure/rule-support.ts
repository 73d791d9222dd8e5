// Readers and result builders shared by the cloud-provider rule files. They keep three states apart:
// a value that is absent, one that cannot be read (unknown, or of a shape we do not understand), and a
// known value — so a rule fails only on what is known to be wrong, and judges absence on purpose.

import {
  isObjectValue,
  isUnknown,
  TerraformSet,
  type Value,
  type ValueObject,
} from '../../../terraform/eval/value.js';
import { blocksAt, fail, PASS, type Path, UNKNOWN_RESULT, valueAt } from '../../terraform-values.js';
import type { CheckResult, TerraformResourceView, TerraformRuleContext } from '../../types.js';

/** The attribute is not set (or is null). */
export const ABSENT: unique symbol = Symbol('absent');
/** The attribute is set, but its value is unknown or of a shape the rule cannot judge. */
export const UNREADABLE: unique symbol = Symbol('unreadable');

export type Reading<T> = T | typeof ABSENT | typeof UNREADABLE;

/** How a rule judges an attribute that is not set. */
export type WhenAbsent = 'pass' | 'fail';

/** A boolean ("true"/"false" strings in any case included). */
export function readBool(values: Value, path: Path): Reading<boolean> {
  const found = valueAt(values, path);
  if (found === undefined || found === null) return ABSENT;
  if (typeof found === 'boolean') return found;
  if (typeof found === 'string') {
    const lowered = found.toLowerCase();
    if (lowered === 'true') return true;
    if (lowered === 'false') return false;
  }
  return UNREADABLE;
}

/** A string (numbers and booleans in their Terraform string form). */
export function readString(values: Value, path: Path): Reading<string> {
  const found = valueAt(values, path);
  if (found === undefined || found === null) return ABSENT;
  if (typeof found === 'string') return found;
  if (typeof found === 'number' || typeof found === 'boolean') return String(found);
  return UNREADABLE;
}

/** A number (numeric strings included). */
export function readNumber(values: Value, path: Path): Reading<number> {
  const found = valueAt(values, path);
  if (found === undefined || found === null) return ABSENT;
  if (typeof found === 'number') return found;
  if (typeof found === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(found)) return Number(found);
  return UNREADABLE;
}

/** The strings of a list or set; unreadable when the collection or any element is unknown. */
export function readStrings(values: Value, path: Path): Reading<string[]> {
  const found = valueAt(values, path);
  if (found === undefined || found === null) return ABSENT;
  const items = collectionItems(found);
  if (items === undefined) return typeof found === 'string' ? [found] : UNREADABLE;
  const strings: string[] = [];
  for (const item of items) {
    if (item === null) continue;
    if (typeof item === 'string') strings.push(item);
    else if (typeof item === 'number' || typeof item === 'boolean') strings.push(String(item));
    else return UNREADABLE;
  }
  return strings;
}

/** The nested blocks of a type ([] when none); unreadable when a dynamic block cannot be expanded. */
export function readBlocks(values: Value, path: Path): ValueObject[] | typeof UNREADABLE {
  const found = blocksAt(values, path);
  return isUnknown(found as Value) ? UNREADABLE : (found as ValueObject[]);
}

/** The first block of a type, ABSENT when there is none. */
export function readFirstBlock(values: Value, path: Path): Reading<ValueObject> {
  const blocks = readBlocks(values, path);
  if (blocks === UNREADABLE) return UNREADABLE;
  return blocks[0] ?? ABSENT;
}

/** The items of a list or set value; undefined for anything else. */
export function collectionItems(value: Value): readonly Value[] | undefined {
  if (Array.isArray(value)) return value;
  if (value instanceof TerraformSet) return value.items;
  return undefined;
}

/** True for a value Terraform itself learns only at apply time (set, but not known while planning). */
export function isAppliedLater(value: Value | undefined): boolean {
  return value !== undefined && value !== null && isUnknown(value) && value.cause === 'apply';
}

/** True for a known object value. */
export function isKnownObject(value: Value | undefined): value is ValueObject {
  return value !== undefined && value !== null && isObjectValue(value);
}

/** Any failure wins, then any unknown, else a pass. */
export function combine(results: readonly CheckResult[]): CheckResult {
  const failed = results.find((result) => result.status === 'fail');
  if (failed) return failed;
  if (results.some((result) => result.status === 'unknown')) return UNKNOWN_RESULT;
  return PASS;
}

/** Pass when the boolean at `path` equals `expected`; absence is judged by `whenAbsent`. */
export function expectBool(
  values: Value,
  path: Path,
  expected: boolean,
  whenAbsent: WhenAbsent,
  message: string,
): CheckResult {
  const reading = readBool(values, path);
  if (reading === UNREADABLE) return UNKNOWN_RESULT;
  if (reading === ABSENT) return whenAbsent === 'pass' ? PASS : fail(path, message);
  return reading === expected ? PASS : fail(path, message);
}

/** Pass when the string at `path` is one of `allowed`; absence is judged by `whenAbsent`. */
export function expectOneOf(
  values: Value,
  path: Path,
  allowed: readonly string[],
  whenAbsent: WhenAbsent,
  message: string,
  options: { ignoreCase?: boolean } = {},
): CheckResult {
  const reading = readString(values, path);
  if (reading === UNREADABLE) return UNKNOWN_RESULT;
  if (reading === ABSENT) return whenAbsent === 'pass' ? PASS : fail(path, message);
  const matches = options.ignoreCase
    ? allowed.some((candidate) => candidate.toLowerCase() === reading.toLowerCase())
    : allowed.includes(reading);
  return matches ? PASS : fail(path, message);
}

/** Fail when the string at `path` is one of `forbidden`; an absent value passes. */
export function forbidOneOf(
  values: Value,
  path: Path,
  forbidden: readonly string[],
  message: string,
  options: { ignoreCase?: boolean } = {},
): CheckResult {
  const reading = readString(values, path);
  if (reading === UNREADABLE) return UNKNOWN_RESULT;
  if (reading === ABSENT) return PASS;
  const matches = options.ignoreCase
    ? forbidden.some((candidate) => candidate.toLowerCase() === reading.toLowerCase())
    : forbidden.includes(reading);
  return matches ? fail(path, message) : PASS;
}

/**
 * Pass when a non-empty string is set at `path` (Checkov's ANY_VALUE); absence fails. A value known
 * only after apply (a reference to another resource's attribute, timestamp()) is set, so it passes.
 */
export function expectNonEmptyString(values: Value, path: Path, message: string): CheckResult {
  if (isAppliedLater(valueAt(values, path))) return PASS;
  const reading = readString(values, path);
  if (reading === UNREADABLE) return UNKNOWN_RESULT;
  if (reading === ABSENT || reading.trim() === '') return fail(path, message);
  return PASS;
}

/** Pass when at least one block of the type is present; absence fails. */
export function expectBlock(values: Value, path: Path, message: string): CheckResult {
  const blocks = readBlocks(values, path);
  if (blocks === UNREADABLE) return UNKNOWN_RESULT;
  return blocks.length > 0 ? PASS : fail(path, message);
}

/** Resources of any of `types` whose attribute (any of `attributes`) refers to `target`. */
export function referencingResources(
  context: TerraformRuleContext,
  target: TerraformResourceView,
  types: readonly string[],
  attributes: readonly string[],
  targetAttribute?: string,
): TerraformResourceView[] {
  const found = new Map<string, TerraformResourceView>();
  for (const type of types) {
    for (const attribute of attributes) {
      for (const resource of context.referencing(type, attribute, target, targetAttribute)) {
        found.set(resource.address, resource);
      }
    }
  }
  return [...found.values()];
}
