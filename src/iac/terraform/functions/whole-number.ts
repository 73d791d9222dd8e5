// gocty's conversion of a cty number to a Go int, which many built-ins apply to their numeric arguments.

import { callProblem } from './function-call-error.js';

/** The message gocty gives for a number that is not a whole number. */
export const WHOLE_NUMBER_MESSAGE =
  'value must be a whole number, between -9223372036854775808 and 9223372036854775807';

/** True when the number converts to a Go int. */
export function isWholeNumber(value: number): boolean {
  return Number.isInteger(value) && Math.abs(value) < 2 ** 63;
}

/** The number as an integer, or a call failure worded as gocty words it (optionally prefixed). */
export function requireWholeNumber(value: number, prefix = ''): number {
  if (!isWholeNumber(value)) throw callProblem(prefix + WHOLE_NUMBER_MESSAGE);
  return value;
}
