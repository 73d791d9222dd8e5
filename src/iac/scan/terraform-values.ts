// Small readers rule authors use on evaluated Terraform values. Every reader keeps "unknown" apart
// from "absent": a rule fails only on what is known to be wrong.

import {
  isObjectValue,
  isUnknown,
  type Unknown,
  type Value,
  type ValueObject,
} from '../terraform/eval/value.js';
import type { CheckResult } from './types.js';

export type Path = readonly (string | number)[];

/** The value at a path (names into objects, indexes into lists); undefined when absent. */
export function valueAt(values: Value, path: Path): Value | undefined {
  let current: Value | undefined = values;
  for (const step of path) {
    if (current === undefined || current === null) return undefined;
    if (isUnknown(current)) return current;
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      if (!isObjectValue(current)) return undefined;
      current = Object.hasOwn(current, step) ? current[step] : undefined;
    }
  }
  return current;
}

/** The nested blocks of a type (lists of objects); [] when none, Unknown when a dynamic block is unknown. */
export function blocksAt(values: Value, path: Path): ValueObject[] | Unknown {
  const found = valueAt(values, path);
  if (found === undefined || found === null) return [];
  if (isUnknown(found)) return found;
  if (Array.isArray(found)) return found.filter(isObjectValue);
  if (isObjectValue(found)) return [found];
  return [];
}

/** A tri-state reading of a value as a bool ("true"/"false" strings included). */
export function boolAt(values: Value, path: Path): boolean | 'unknown' | undefined {
  const found = valueAt(values, path);
  if (found === undefined || found === null) return undefined;
  if (isUnknown(found)) return 'unknown';
  if (found === true || found === 'true') return true;
  if (found === false || found === 'false') return false;
  return undefined;
}

/** A string value, 'unknown', or undefined when absent or not a string. */
export function stringAt(values: Value, path: Path): string | 'unknown' | undefined {
  const found = valueAt(values, path);
  if (found === undefined || found === null) return undefined;
  if (isUnknown(found)) return 'unknown';
  if (typeof found === 'string') return found;
  if (typeof found === 'number' || typeof found === 'boolean') return String(found);
  return undefined;
}

/** A number value ('unknown' when unknown). */
export function numberAt(values: Value, path: Path): number | 'unknown' | undefined {
  const found = valueAt(values, path);
  if (found === undefined || found === null) return undefined;
  if (isUnknown(found)) return 'unknown';
  if (typeof found === 'number') return found;
  if (typeof found === 'string' && /^-?\d+(\.\d+)?$/.test(found)) return Number(found);
  return undefined;
}

/** The strings of a list value; 'unknown' when the list or any element is unknown. */
export function stringsAt(values: Value, path: Path): string[] | 'unknown' | undefined {
  const found = valueAt(values, path);
  if (found === undefined || found === null) return undefined;
  if (isUnknown(found)) return 'unknown';
  const items = Array.isArray(found) ? found : typeof found === 'string' ? [found] : undefined;
  if (!items) return undefined;
  if (items.some((item) => isUnknown(item))) return 'unknown';
  return items.filter((item): item is string => typeof item === 'string');
}

export const PASS: CheckResult = { status: 'pass' };
export const UNKNOWN_RESULT: CheckResult = { status: 'unknown' };

/** A failure at an attribute path (the block header when the attribute is absent). */
export function fail(attribute?: Path, message?: string): CheckResult {
  return {
    status: 'fail',
    ...(attribute ? { attribute: [...attribute] } : {}),
    ...(message ? { message } : {}),
  };
}
