import type { Scored } from '../../core/types.js';

/** Labels sorted by frequency (then name), with the `last` labels moved to the end. */
export function orderedLabels(seen: Iterable<string>, last: string[] = []): string[] {
  const counts = new Map<string, number>();
  for (const label of seen) counts.set(label, (counts.get(label) ?? 0) + 1);
  const ordered = [...counts]
    .filter(([label]) => !last.includes(label))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([label]) => label);
  return [...ordered, ...last.filter((label) => counts.has(label))];
}

/** A scored pair carries its failure here when the runner attaches one. */
export interface FailureNote {
  failure?: { kind: string; message: string };
}

/** "prediction failed (parse): …" for a pair without a prediction. */
export function failureText(pair: Scored<unknown> & FailureNote): string {
  return pair.failure
    ? `prediction failed (${pair.failure.kind}): ${pair.failure.message}`
    : 'prediction failed';
}
