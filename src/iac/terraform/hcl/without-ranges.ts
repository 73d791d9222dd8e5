// Syntax trees with their positions removed, to compare structure alone (tests, deduplication).

const POSITION_KEYS = new Set(['range', 'nameRange', 'typeRange', 'labelRanges']);

/** A deep copy of `value` without `range`, `nameRange`, `typeRange` and `labelRanges` properties. */
export function withoutRanges<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutRanges) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (!POSITION_KEYS.has(key)) copy[key] = withoutRanges(item);
  }
  return copy as T;
}
