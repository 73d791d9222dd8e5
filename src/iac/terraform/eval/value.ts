// Terraform values (cty) as plain JS data, plus the one marker the planner cares about: "unknown".
//
//   null            -> null
//   bool            -> boolean
//   number          -> number
//   string          -> string
//   list / tuple    -> readonly Value[]
//   set             -> TerraformSet (deduplicated, ordered as cty orders sets)
//   map / object    -> ValueObject (plain null-prototype object; iterate with sortedKeys: cty orders keys lexically)
//   unknown         -> UNKNOWN (a value known only after apply; never guessed)
//
// List vs tuple and map vs object are not distinguished: Terraform's own behaviour rarely depends on it,
// while set vs list does (for_each accepts sets and maps, never lists).

export type Value =
  | null
  | boolean
  | number
  | string
  | readonly Value[]
  | TerraformSet
  | ValueObject
  | Unknown;

export interface ValueObject {
  readonly [key: string]: Value;
}

/**
 * A value not known to the static planner. `cause` says whether Terraform would not know it either
 * ("apply": a resource attribute computed at apply, timestamp()) or knows it at plan time while we
 * cannot ("static": the result of a data source Terraform reads while planning, the outputs of a
 * module that was not downloaded). It decides between "Terraform rejects this" and "cannot decide".
 * `typeHint` is informative only (e.g. "string").
 */
export class Unknown {
  constructor(
    readonly typeHint?: string,
    readonly cause: 'apply' | 'static' = 'apply',
  ) {}
}

/** The unknown value: known only after apply. */
export const UNKNOWN = new Unknown();

/** Known to Terraform at plan time but not to the static planner. */
export const STATIC_UNKNOWN = new Unknown(undefined, 'static');

/**
 * The unknown an operation over these inputs gives, or undefined when all are known (deeply).
 * "static" wins: when a result depends on anything Terraform knows and we do not, we cannot say
 * Terraform would fail on it.
 */
export function unknownFrom(values: readonly Value[]): Unknown | undefined {
  let found: Unknown | undefined;
  const visit = (value: Value): boolean => {
    if (value instanceof Unknown) {
      if (value.cause === 'static') {
        found = value;
        return true;
      }
      found ??= value;
      return false;
    }
    const items = Array.isArray(value)
      ? value
      : value instanceof TerraformSet
        ? value.items
        : isObjectValue(value)
          ? Object.values(value)
          : [];
    for (const item of items) if (visit(item)) return true;
    return false;
  };
  for (const value of values) if (visit(value)) break;
  return found;
}

/** A cty set: elements are unique and iterate in cty's order (strings lexically, numbers ascending). */
export class TerraformSet {
  readonly items: readonly Value[];
  private constructor(items: readonly Value[]) {
    this.items = items;
  }
  /** Builds a set from values, removing duplicates and ordering as cty does. */
  static of(values: Iterable<Value>): TerraformSet {
    const byKey = new Map<string, Value>();
    for (const value of values) byKey.set(valueKey(value), value);
    const items = [...byKey.values()].sort(compareSetElements);
    return new TerraformSet(items);
  }
  get size(): number {
    return this.items.length;
  }
}

/** True for the unknown value. */
export function isUnknown(value: Value): value is Unknown {
  return value instanceof Unknown;
}

/** True when neither the value nor anything inside it is unknown. */
export function isWhollyKnown(value: Value): boolean {
  if (value instanceof Unknown) return false;
  if (Array.isArray(value)) return value.every(isWhollyKnown);
  if (value instanceof TerraformSet) return value.items.every(isWhollyKnown);
  if (isObjectValue(value)) return Object.values(value).every(isWhollyKnown);
  return true;
}

/** True for a map/object value. */
export function isObjectValue(value: Value): value is ValueObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof TerraformSet) &&
    !(value instanceof Unknown)
  );
}

/** True for a list/tuple value. */
export function isListValue(value: Value): value is readonly Value[] {
  return Array.isArray(value);
}

/** A new object value (null prototype, so keys such as `__proto__` are plain keys). */
export function makeObject(entries: Iterable<readonly [string, Value]> = []): ValueObject {
  const object = Object.create(null) as Record<string, Value>;
  for (const [key, value] of entries) object[key] = value;
  return object;
}

/** An object's keys in cty order (lexical by UTF-16 code unit, as Go's sort of strings for ASCII). */
export function sortedKeys(object: ValueObject): string[] {
  return Object.keys(object).sort(compareStrings);
}

/** Terraform's type name of a value, as its error messages print it ("string", "tuple", "set of string"). */
export function typeName(value: Value): string {
  if (value === null) return 'null';
  if (value instanceof Unknown) return value.typeHint ?? 'unknown';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (Array.isArray(value)) return 'tuple';
  if (value instanceof TerraformSet) {
    const first = value.items[0];
    return first === undefined ? 'set of dynamic' : `set of ${typeName(first)}`;
  }
  return 'object';
}

/** Deep equality with Terraform's `==` semantics on known values (unknowns compare by identity). */
export function valuesEqual(left: Value, right: Value): boolean {
  return valueKey(left) === valueKey(right);
}

/** A canonical string for a value; equal values have equal keys. */
export function valueKey(value: Value): string {
  if (value instanceof Unknown) return '\u0000unknown';
  if (value instanceof TerraformSet) return `set[${value.items.map(valueKey).join(',')}]`;
  if (Array.isArray(value)) return `[${value.map(valueKey).join(',')}]`;
  if (isObjectValue(value)) {
    return `{${sortedKeys(value)
      .map((key) => `${JSON.stringify(key)}:${valueKey(value[key] as Value)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Go-style string comparison for ASCII (by code unit), which is what cty's sorts use in practice. */
export function compareStrings(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

function compareSetElements(left: Value, right: Value): number {
  if (typeof left === 'string' && typeof right === 'string') return compareStrings(left, right);
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  // cty puts unknowns last and otherwise orders by a hash; a stable key order is the closest deterministic stand-in.
  if (left instanceof Unknown) return right instanceof Unknown ? 0 : 1;
  if (right instanceof Unknown) return -1;
  return compareStrings(valueKey(left), valueKey(right));
}

/**
 * Terraform's number-to-string conversion: the shortest decimal that round-trips, never in exponent
 * form (1e21 → "1000000000000000000000", 1e-7 → "0.0000001").
 */
export function numberToString(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = String(value);
  const exponent = text.indexOf('e');
  if (exponent === -1) return text;
  const sign = text.startsWith('-') ? '-' : '';
  const mantissa = text.slice(sign.length, exponent);
  const power = Number(text.slice(exponent + 1));
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const point = (dot === -1 ? mantissa.length : dot) + power;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * The automatic conversion to string Terraform applies in templates and string parameters.
 * Returns undefined when the value cannot convert (collections, null).
 */
export function convertToString(value: Value): string | Unknown | undefined {
  if (value instanceof Unknown) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberToString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}

/** The automatic conversion to number ("1.5" -> 1.5). Returns undefined when it cannot convert. */
export function convertToNumber(value: Value): number | Unknown | undefined {
  if (value instanceof Unknown) return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(value.trim()))
    return Number(value);
  return undefined;
}

/** The automatic conversion to bool ("true"/"false"). Returns undefined when it cannot convert. */
export function convertToBool(value: Value): boolean | Unknown | undefined {
  if (value instanceof Unknown) return value;
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** The value as plain JSON for `change.after`: unknowns become null (after_unknown marks them). */
export function toJsonValue(value: Value): unknown {
  if (value instanceof Unknown) return null;
  if (value instanceof TerraformSet) return value.items.map(toJsonValue);
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (isObjectValue(value)) {
    const out: Record<string, unknown> = {};
    for (const key of sortedKeys(value)) out[key] = toJsonValue(value[key] as Value);
    return out;
  }
  return value;
}

/** The `after_unknown` shadow of a value: true where unknown, nested like the value, omitted where known. */
export function unknownShadow(value: Value): unknown {
  if (value instanceof Unknown) return true;
  if (value instanceof TerraformSet || Array.isArray(value)) {
    const items = value instanceof TerraformSet ? value.items : value;
    return items.map((item) => unknownShadow(item) ?? false);
  }
  if (isObjectValue(value)) {
    const out: Record<string, unknown> = {};
    for (const key of sortedKeys(value)) {
      const shadow = unknownShadow(value[key] as Value);
      if (shadow !== undefined && shadow !== false) out[key] = shadow;
    }
    return out;
  }
  return undefined;
}
