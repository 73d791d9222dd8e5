// The Terraform side of a scan: a module tree evaluated (with variables' defaults, nothing planned
// away) into resource views, plus the cross-resource lookups and source locations rules need.

import type { LoadedModule, ModuleTree } from '../terraform/config/load-module-tree.js';
import { expressionReferences } from '../terraform/config/references.js';
import { isUnknown, type Value, valuesEqual } from '../terraform/eval/value.js';
import type { Body, Diagnostic, Range } from '../terraform/hcl/ast.js';
import { ModuleInstance, type PlannerContext } from '../terraform/plan/module-instance.js';
import { callBuiltin, type PlanFileAccess } from '../terraform/plan/static-plan.js';
import { valueAt } from './terraform-values.js';
import type { TerraformResourceView, TerraformRuleContext } from './types.js';

export interface TerraformScanModel {
  resources: TerraformResourceView[];
  diagnostics: Diagnostic[];
  context: TerraformRuleContext;
}

/** Evaluate a module tree for scanning: every resource instance, undecidable ones once with unknown keys. */
export function buildTerraformScanModel(tree: ModuleTree, files?: PlanFileAccess): TerraformScanModel {
  const diagnostics: Diagnostic[] = [...tree.diagnostics];
  const context: PlannerContext = {
    report: (diagnostic) => diagnostics.push(diagnostic),
    rootVariables: new Map(),
    missingRootVariables: 'unknown',
    scanUndecided: true,
    callFunction: (name, args, range, module) => callBuiltin(name, args, range, module, files),
  };
  const resources: TerraformResourceView[] = [];
  const visit = (instance: ModuleInstance, calls: Range[]) => {
    const declarations = instance.module.declarations;
    for (const declaration of declarations.resources.values()) {
      for (const planned of instance.scanInstances(declaration)) {
        resources.push({
          address: planned.address,
          mode: declaration.mode,
          type: declaration.type,
          name: declaration.name,
          module: instance.path
            .map(
              (step) =>
                `module.${step.name}${step.key === undefined ? '' : typeof step.key === 'number' ? `[${step.key}]` : `[${JSON.stringify(step.key)}]`}`,
            )
            .join('.'),
          values: planned.config,
          declaration,
          moduleCalls: calls,
        });
      }
    }
    for (const call of declarations.moduleCalls.values()) {
      const children = instance.childInstances(call.name);
      if (children === 'invalid' || 'unresolved' in children) continue;
      for (const child of children.values()) visit(child, [...calls, call.declarationRange]);
    }
  };
  visit(new ModuleInstance(tree.root, [], context), []);
  return { resources, diagnostics, context: ruleContext(resources) };
}

function ruleContext(resources: TerraformResourceView[]): TerraformRuleContext {
  const byModuleAndType = new Map<string, TerraformResourceView[]>();
  for (const resource of resources) {
    const key = `${resource.module}|${resource.type}`;
    byModuleAndType.set(key, [...(byModuleAndType.get(key) ?? []), resource]);
  }
  return {
    resources,
    referencing(type, attribute, target, targetAttribute) {
      const candidates = byModuleAndType.get(`${target.module}|${type}`) ?? [];
      const targetValue: Value | undefined = targetAttribute
        ? valueAt(target.values, [targetAttribute])
        : undefined;
      return candidates.filter((candidate) => {
        const expression = candidate.declaration.body.attributes.find(
          (item) => item.name === attribute,
        )?.expression;
        if (expression) {
          const refersToTarget = expressionReferences(expression).some((reference) =>
            target.mode === 'managed'
              ? reference.root === target.type && reference.names[0] === target.name
              : reference.root === 'data' &&
                reference.names[0] === target.type &&
                reference.names[1] === target.name,
          );
          if (refersToTarget) return true;
        }
        const value = valueAt(candidate.values, [attribute]);
        return (
          targetValue !== undefined &&
          targetValue !== null &&
          !isUnknown(targetValue) &&
          value !== undefined &&
          !isUnknown(value) &&
          valuesEqual(value, targetValue)
        );
      });
    },
  };
}

/**
 * Where an attribute path is in a declaration: the deepest block or attribute of the path that exists
 * (so a missing attribute points at its block header). Numbers index same-type nested blocks.
 */
export function locateAttribute(resource: TerraformResourceView, path: readonly (string | number)[]): Range {
  let body: Body = resource.declaration.body;
  let range: Range = resource.declaration.declarationRange;
  for (let index = 0; index < path.length; index++) {
    const step = path[index];
    if (typeof step !== 'string') continue;
    const attribute = body.attributes.find((item) => item.name === step);
    if (attribute) return attribute.range;
    const next = path[index + 1];
    const blocks = body.blocks.filter(
      (block) => block.type === step || (block.type === 'dynamic' && block.labels[0] === step),
    );
    const block = blocks[typeof next === 'number' ? next : 0] ?? blocks[0];
    if (!block) return range;
    range = block.typeRange;
    const content =
      block.type === 'dynamic' ? block.body.blocks.find((inner) => inner.type === 'content') : undefined;
    body = content ? content.body : block.body;
  }
  return range;
}

export type { LoadedModule };
