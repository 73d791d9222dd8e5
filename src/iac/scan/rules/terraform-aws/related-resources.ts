// Finding the companion resources of a resource (a bucket's versioning, logging, public access block;
// a VPC's flow logs) through context.referencing, and telling when the answer cannot be known: a
// companion whose target attribute is unknown and does not name a resource of the target's type may
// belong to this target, so "no companion" is then not a failure but unknown.

import { expressionReferences } from '../../../terraform/config/references.js';
import { isUnknown } from '../../../terraform/eval/value.js';
import { valueAt } from '../../terraform-values.js';
import type { TerraformResourceView, TerraformRuleContext } from '../../types.js';

export interface RelatedResources {
  /** Companions that refer to the target by reference or by equal known value. */
  matches: TerraformResourceView[];
  /** True when some companion of the type might refer to the target but we cannot tell. */
  undecided: boolean;
}

/** Resources of `type` whose `attribute` refers to `target` (by reference or equal `targetAttribute` value). */
export function relatedResources(
  context: TerraformRuleContext,
  target: TerraformResourceView,
  type: string,
  attribute: string,
  targetAttribute?: string,
): RelatedResources {
  const matches = context.referencing(type, attribute, target, targetAttribute);
  const matched = new Set(matches.map((match) => match.address));
  const targetValue = targetAttribute ? valueAt(target.values, [targetAttribute]) : undefined;
  const targetValueUnknown = targetValue !== undefined && targetValue !== null && isUnknown(targetValue);
  let undecided = false;
  for (const candidate of context.resources) {
    if (candidate.type !== type || matched.has(candidate.address)) continue;
    if (candidate.module === target.module) {
      if (mayReferToTarget(candidate, attribute, target, targetValueUnknown)) undecided = true;
    } else if (refersIntoModule(candidate, attribute, target)) {
      undecided = true;
    }
    if (undecided) break;
  }
  return { matches, undecided };
}

function mayReferToTarget(
  candidate: TerraformResourceView,
  attribute: string,
  target: TerraformResourceView,
  targetValueUnknown: boolean,
): boolean {
  const value = valueAt(candidate.values, [attribute]);
  if (value === undefined || value === null) return false;
  if (!isUnknown(value)) {
    // A literal name may be the target's name when the target's name is not known.
    return targetValueUnknown && typeof value === 'string';
  }
  const expression = candidate.declaration.body.attributes.find(
    (item) => item.name === attribute,
  )?.expression;
  if (!expression) return true;
  const references = expressionReferences(expression);
  // A reference to another resource of the target's type is decided: it is not this target.
  const namesOtherOfSameType = references.some(
    (reference) =>
      (target.mode === 'managed' && reference.root === target.type) ||
      (target.mode === 'data' && reference.root === 'data' && reference.names[0] === target.type),
  );
  return !namesOtherOfSameType;
}

/** A companion in an ancestor module whose attribute reads an output of the module holding the target. */
function refersIntoModule(
  candidate: TerraformResourceView,
  attribute: string,
  target: TerraformResourceView,
): boolean {
  if (target.module === '') return false;
  const prefix = candidate.module === '' ? '' : `${candidate.module}.`;
  if (!target.module.startsWith(prefix)) return false;
  const value = valueAt(candidate.values, [attribute]);
  if (value === undefined || value === null || !isUnknown(value)) return false;
  const expression = candidate.declaration.body.attributes.find(
    (item) => item.name === attribute,
  )?.expression;
  if (!expression) return false;
  const rest = target.module.slice(prefix.length);
  return expressionReferences(expression).some(
    (reference) =>
      reference.root === 'module' &&
      reference.names[0] !== undefined &&
      (rest === `module.${reference.names[0]}` ||
        rest.startsWith(`module.${reference.names[0]}.`) ||
        rest.startsWith(`module.${reference.names[0]}[`)),
  );
}
