// Public surface of Terraform's built-in functions for the static evaluator.

export type { FunctionContext, TerraformFunction } from './define-function.js';
export { FunctionCallError } from './function-call-error.js';
export { callFunction, TERRAFORM_FUNCTIONS } from './registry.js';
