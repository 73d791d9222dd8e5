// Public API of the HCL parsers: native syntax (.tf, .tfvars), JSON syntax (.tf.json, .tfvars.json),
// standalone expressions and templates, all with exact source positions and hcl-worded diagnostics.

export type * from './ast.js';
export { formatRange, hasErrors } from './diagnostics.js';
export { parseConfigFile } from './parse-config-file.js';
export { parseTerraformJson, parseTfvarsJson } from './parse-json.js';
export { parseExpression, parseHcl, parseTemplate } from './parse-native.js';
export { printExpression } from './print-expression.js';
export { withoutRanges } from './without-ranges.js';
