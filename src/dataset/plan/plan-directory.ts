import { readFileSync } from 'node:fs';
import { InfraLMError } from '../../core/errors.js';
import { terraformFiles } from '../../corpus/terraform-files.js';
import { loadModuleTree } from '../../iac/terraform/config/load-module-tree.js';
import {
  automaticVariableFiles,
  parseVariableArgument,
  parseVariableFile,
} from '../../iac/terraform/config/variable-values.js';
import type { Value } from '../../iac/terraform/eval/value.js';
import type { Diagnostic } from '../../iac/terraform/hcl/ast.js';
import { type PriorState, parsePriorState } from '../../iac/terraform/plan/prior-state.js';
import { type PlanResult, staticPlan } from '../../iac/terraform/plan/static-plan.js';

/** Load, read variables and plan a root module directory. */
export function planDirectory(
  directory: string,
  options: { varFile?: string[]; var?: string[]; state?: string } = {},
): PlanResult {
  const files = terraformFiles(directory);
  if (files.listDirectory('.') === undefined)
    throw new InfraLMError('INFRALM_ERR_INPUT_NOT_FOUND', directory);
  const tree = loadModuleTree(directory, files);
  const variables = new Map<string, Value>();
  const diagnostics: Diagnostic[] = [];
  const declared = tree.root.declarations.variables;
  const readVariables = (path: string, text: string | undefined, explicit: boolean) => {
    if (text === undefined) {
      diagnostics.push({
        severity: 'error',
        summary: 'Failed to read variables file',
        detail: `Given variables file ${path} does not exist.`,
      });
      return;
    }
    const parsed = parseVariableFile(text, path);
    diagnostics.push(...parsed.diagnostics);
    for (const [name, value] of parsed.values) {
      if (!declared.has(name)) {
        diagnostics.push({
          severity: explicit ? 'error' : 'warning',
          summary: 'Value for undeclared variable',
          detail: `The root module does not declare a variable named "${name}" but a value was found in file "${path}".`,
        });
        continue;
      }
      variables.set(name, value);
    }
  };
  for (const name of automaticVariableFiles(files.listDirectory('.') ?? []))
    readVariables(name, files.readFile(name), false);
  for (const path of options.varFile ?? []) readVariables(path, terraformFiles('.').readFile(path), true);
  for (const argument of options.var ?? []) {
    const parsed = parseVariableArgument(argument, declared);
    diagnostics.push(...parsed.diagnostics);
    if (!declared.has(parsed.name) && parsed.diagnostics.length === 0) {
      diagnostics.push({
        severity: 'error',
        summary: 'Value for undeclared variable',
        detail: `A variable named "${parsed.name}" was assigned on the command line, but the root module does not declare a variable of that name.`,
      });
      continue;
    }
    if (parsed.value !== undefined) variables.set(parsed.name, parsed.value);
  }
  if (diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
    return { format_version: '1.2', resource_changes: [], diagnostics, undecided: [], engine: 'static' };
  }
  let priorState: PriorState | undefined;
  if (options.state) {
    let text: string;
    try {
      text = readFileSync(options.state, 'utf8');
    } catch {
      throw new InfraLMError('INFRALM_ERR_INPUT_NOT_FOUND', options.state);
    }
    try {
      priorState = parsePriorState(text, options.state);
    } catch (error) {
      throw new InfraLMError('INFRALM_ERR_USAGE', (error as Error).message);
    }
  }
  const result = staticPlan(tree, { variables, files, ...(priorState ? { priorState } : {}) });
  result.diagnostics.unshift(...diagnostics);
  return result;
}
