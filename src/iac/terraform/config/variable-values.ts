// Root variable values as Terraform assembles them: terraform.tfvars, terraform.tfvars.json,
// *.auto.tfvars(.json) in lexical order, then -var-file and -var in command-line order (later wins).

import { EvaluationError, type EvaluationScope, evaluate, fail } from '../eval/evaluate.js';
import type { Value } from '../eval/value.js';
import type { Diagnostic, Expression } from '../hcl/ast.js';
import { parseConfigFile, parseExpression, parseTfvarsJson } from '../hcl/index.js';
import type { VariableDeclaration } from './module-config.js';

/** Variable files Terraform loads by itself from the root module directory, in order. */
export function automaticVariableFiles(names: readonly string[]): string[] {
  const auto = names
    .filter((name) => name.endsWith('.auto.tfvars') || name.endsWith('.auto.tfvars.json'))
    .sort();
  return [...['terraform.tfvars', 'terraform.tfvars.json'].filter((name) => names.includes(name)), ...auto];
}

// Variable files hold literal values only: no references and no function calls.
const LITERAL_SCOPE: EvaluationScope = {
  resolve(root, _steps, range) {
    fail('Variables not allowed', `Variables may not be used here (found "${root}").`, range);
  },
  callFunction(name, _args, range) {
    fail('Function calls not allowed', `Functions may not be called here (found "${name}").`, range);
  },
};

/** The values of a .tfvars or .tfvars.json file. */
export function parseVariableFile(
  text: string,
  filename: string,
): { values: Map<string, Value>; diagnostics: Diagnostic[] } {
  const file = filename.endsWith('.json') ? parseTfvarsJson(text, filename) : parseConfigFile(text, filename);
  const diagnostics = [...file.diagnostics];
  const values = new Map<string, Value>();
  for (const block of file.body.blocks) {
    diagnostics.push({
      severity: 'error',
      summary: 'Unexpected block',
      detail: `Blocks are not allowed in a variable definitions file (found "${block.type}").`,
      range: block.typeRange,
    });
  }
  for (const attribute of file.body.attributes) {
    const value = literal(attribute.expression, diagnostics);
    if (value !== undefined) values.set(attribute.name, value);
  }
  return { values, diagnostics };
}

function literal(expression: Expression, diagnostics: Diagnostic[]): Value | undefined {
  try {
    return evaluate(expression, LITERAL_SCOPE);
  } catch (error) {
    if (!(error instanceof EvaluationError)) throw error;
    diagnostics.push(error.diagnostic);
    return undefined;
  }
}

/**
 * One `-var NAME=VALUE`. As in Terraform, a variable declared with a primitive type (or none) takes
 * the raw string; any other type parses the value as an HCL expression.
 */
export function parseVariableArgument(
  argument: string,
  declarations: ReadonlyMap<string, VariableDeclaration>,
): { name: string; value?: Value; diagnostics: Diagnostic[] } {
  const equals = argument.indexOf('=');
  if (equals <= 0) {
    return {
      name: argument,
      diagnostics: [
        {
          severity: 'error',
          summary: 'Invalid -var option',
          detail: `The given -var option "${argument}" is not correctly specified. It must be a variable name and value separated by an equals sign, like -var="key=value".`,
        },
      ],
    };
  }
  const name = argument.slice(0, equals).trim();
  const raw = argument.slice(equals + 1);
  const type = declarations.get(name)?.type;
  const primitive = !type || (type.type === 'variable' && ['string', 'number', 'bool'].includes(type.name));
  if (primitive) return { name, value: raw, diagnostics: [] };
  const parsed = parseExpression(raw, `<value for var.${name}>`);
  const diagnostics = [...parsed.diagnostics];
  if (!parsed.expression) return { name, diagnostics };
  const value = literal(parsed.expression, diagnostics);
  return { name, ...(value !== undefined ? { value } : {}), diagnostics };
}
