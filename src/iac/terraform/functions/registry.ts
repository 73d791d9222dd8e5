// The table of Terraform built-ins by name, and the call entry point the evaluator uses.

import type { Value } from '../eval/value.js';
import { COLLECTION_FUNCTIONS } from './collections.js';
import { CONVERSION_FUNCTIONS } from './conversion.js';
import type { FunctionContext, TerraformFunction } from './define-function.js';
import { ENCODING_FUNCTIONS } from './encoding.js';
import { FILESYSTEM_FUNCTIONS } from './filesystem.js';
import { FunctionCallError } from './function-call-error.js';
import { HASHING_FUNCTIONS } from './hashing.js';
import { NETWORK_FUNCTIONS } from './network.js';
import { NUMERIC_FUNCTIONS } from './numeric.js';
import { STRING_FUNCTIONS } from './strings.js';
import { TIME_FUNCTIONS } from './time.js';

/** Every built-in this evaluator implements, by name (`try` and `can` belong to the evaluator). */
export const TERRAFORM_FUNCTIONS: ReadonlyMap<string, TerraformFunction> = new Map(
  [
    ...NUMERIC_FUNCTIONS,
    ...STRING_FUNCTIONS,
    ...COLLECTION_FUNCTIONS,
    ...ENCODING_FUNCTIONS,
    ...FILESYSTEM_FUNCTIONS,
    ...TIME_FUNCTIONS,
    ...HASHING_FUNCTIONS,
    ...NETWORK_FUNCTIONS,
    ...CONVERSION_FUNCTIONS,
  ].map((definition) => [definition.name, definition]),
);

/** Calls a built-in by name; throws FunctionCallError for unknown names and failed calls. */
export function callFunction(name: string, args: Value[], context: FunctionContext): Value {
  const definition = TERRAFORM_FUNCTIONS.get(name);
  if (!definition) throw new FunctionCallError(`There is no function named "${name}".`);
  return definition.call(args, context);
}
