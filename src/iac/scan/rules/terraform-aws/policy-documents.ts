// IAM policy documents as rules read them: a JSON string (literal, jsonencode, heredoc), or an
// aws_iam_policy_document data source. A policy whose text holds unknown parts (an ARN interpolated
// into a heredoc, a resource attribute inside jsonencode) is still read: the unknown parts stay
// unknown, the rest is decided, as Checkov does when it leaves `${...}` strings in place.

import { expressionReferences } from '../../../terraform/config/references.js';
import { isUnknown, type ValueObject } from '../../../terraform/eval/value.js';
import type { Expression } from '../../../terraform/hcl/ast.js';
import { type Path, valueAt } from '../../terraform-values.js';
import type { TerraformResourceView, TerraformRuleContext } from '../../types.js';
import { blockList, EMPTY_LIST, type StringList, stringListAt } from './rule-helpers.js';

/** One principal entry: `*` (anyone) or a type (AWS, Service, Federated, CanonicalUser) and identifiers. */
export interface PolicyPrincipal {
  type: string;
  identifiers: StringList;
}

export interface PolicyCondition {
  test: string;
  variable: string;
  values: StringList;
}

export interface PolicyStatement {
  /** 'Allow' or 'Deny' as written (Allow when absent in a data source); 'unknown' when unknown. */
  effect: string;
  actions: StringList;
  notActions: StringList;
  resources: StringList;
  notResources: StringList;
  /** undefined when the statement names no principal (identity policies). */
  principals: PolicyPrincipal[] | 'unknown' | undefined;
  conditions: PolicyCondition[] | 'unknown';
  /** Where the statement is, relative to the resource (the policy attribute, or the statement block). */
  path: Path;
}

export interface PolicyDocument {
  statements: PolicyStatement[];
  /** Statements may be missing: an unknown statement list, or merged source/override documents. */
  incomplete: boolean;
  /** Where the document came from: the resource's own text, or a data source it refers to. */
  source: 'text' | 'data';
}

/** Marker for the unknown parts of a partially known JSON document. */
const UNKNOWN_PART = Symbol('unknown');
type PartialJson =
  | null
  | boolean
  | number
  | string
  | typeof UNKNOWN_PART
  | PartialJson[]
  | { [key: string]: PartialJson };

/**
 * The policy document an attribute holds. `data` documents are followed only when `followData` is set
 * (rules that judge a resource's own text leave data sources to the data source rules).
 */
export function policyDocumentAt(
  resource: TerraformResourceView,
  attribute: string,
  context: TerraformRuleContext,
  options: { followData: boolean } = { followData: true },
): PolicyDocument | 'unknown' | undefined {
  const value = valueAt(resource.values, [attribute]);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return documentFromText(value, [attribute]);
  if (!isUnknown(value)) return 'unknown';
  const expression = resource.declaration.body.attributes.find((item) => item.name === attribute)?.expression;
  if (!expression) return 'unknown';
  const dataDocuments = referencedDataDocuments(resource, expression, context);
  if (dataDocuments !== undefined) {
    if (!options.followData) return { statements: [], incomplete: true, source: 'data' };
    return dataDocuments;
  }
  const partial = partialJsonOf(expression);
  if (partial === UNKNOWN_PART) return 'unknown';
  return documentFromJson(partial, [attribute]);
}

/** The statements of an aws_iam_policy_document data source's configuration. */
export function dataDocumentStatements(values: ValueObject): PolicyDocument {
  const blocks = blockList(values, ['statement']);
  const merged = [
    'source_policy_documents',
    'override_policy_documents',
    'source_json',
    'override_json',
  ].some((name) => {
    const found = valueAt(values, [name]);
    return found !== undefined && found !== null && !(Array.isArray(found) && found.length === 0);
  });
  if (blocks === 'unknown') return { statements: [], incomplete: true, source: 'data' };
  const statements = blocks.map((block, index): PolicyStatement => {
    const effect = valueAt(block, ['effect']);
    const principalBlocks = blockList(block, ['principals']);
    const conditionBlocks = blockList(block, ['condition']);
    return {
      effect:
        effect === undefined || effect === null ? 'Allow' : typeof effect === 'string' ? effect : 'unknown',
      actions: stringListAt(block, ['actions']) ?? EMPTY_LIST,
      notActions: stringListAt(block, ['not_actions']) ?? EMPTY_LIST,
      resources: stringListAt(block, ['resources']) ?? EMPTY_LIST,
      notResources: stringListAt(block, ['not_resources']) ?? EMPTY_LIST,
      principals:
        principalBlocks === 'unknown'
          ? 'unknown'
          : principalBlocks.length === 0
            ? undefined
            : principalBlocks.map((principal) => ({
                type: typeof principal.type === 'string' ? principal.type : 'unknown',
                identifiers: stringListAt(principal, ['identifiers']) ?? EMPTY_LIST,
              })),
      conditions:
        conditionBlocks === 'unknown'
          ? 'unknown'
          : conditionBlocks.map((condition) => ({
              test: typeof condition.test === 'string' ? condition.test : 'unknown',
              variable: typeof condition.variable === 'string' ? condition.variable : 'unknown',
              values: stringListAt(condition, ['values']) ?? EMPTY_LIST,
            })),
      path: ['statement', index],
    };
  });
  return { statements, incomplete: merged, source: 'data' };
}

/** Reads a JSON policy text; an unparsable text is unknown (Terraform would pass it to AWS as is). */
export function documentFromText(text: string, path: Path): PolicyDocument | 'unknown' {
  try {
    return documentFromJson(JSON.parse(text) as PartialJson, path);
  } catch {
    return 'unknown';
  }
}

function documentFromJson(json: PartialJson, path: Path): PolicyDocument | 'unknown' {
  if (json === UNKNOWN_PART || json === null || typeof json !== 'object' || Array.isArray(json))
    return 'unknown';
  const rawStatements = json.Statement;
  if (rawStatements === undefined) return { statements: [], incomplete: false, source: 'text' };
  if (rawStatements === UNKNOWN_PART) return { statements: [], incomplete: true, source: 'text' };
  const list = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  let incomplete = false;
  const statements: PolicyStatement[] = [];
  for (const raw of list) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      incomplete = true;
      continue;
    }
    const effect = raw.Effect;
    statements.push({
      effect: typeof effect === 'string' ? effect : effect === undefined ? 'Allow' : 'unknown',
      actions: jsonList(raw.Action),
      notActions: jsonList(raw.NotAction),
      resources: jsonList(raw.Resource),
      notResources: jsonList(raw.NotResource),
      principals: jsonPrincipals(raw.Principal),
      conditions: jsonConditions(raw.Condition),
      path,
    });
  }
  return { statements, incomplete, source: 'text' };
}

function jsonList(value: PartialJson | undefined): StringList {
  if (value === undefined || value === null) return EMPTY_LIST;
  if (value === UNKNOWN_PART) return { known: [], unknown: true };
  const items = Array.isArray(value) ? value : [value];
  const known: string[] = [];
  let unknown = false;
  for (const item of items) {
    if (item === UNKNOWN_PART) unknown = true;
    else if (typeof item === 'string') known.push(item);
  }
  return { known, unknown };
}

function jsonPrincipals(value: PartialJson | undefined): PolicyPrincipal[] | 'unknown' | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === UNKNOWN_PART) return 'unknown';
  if (typeof value === 'string') return [{ type: '*', identifiers: { known: [value], unknown: false } }];
  if (typeof value !== 'object' || Array.isArray(value)) return 'unknown';
  return Object.entries(value).map(([type, identifiers]) => ({ type, identifiers: jsonList(identifiers) }));
}

function jsonConditions(value: PartialJson | undefined): PolicyCondition[] | 'unknown' {
  if (value === undefined || value === null) return [];
  if (value === UNKNOWN_PART || typeof value !== 'object' || Array.isArray(value)) return 'unknown';
  const conditions: PolicyCondition[] = [];
  for (const [test, entries] of Object.entries(value)) {
    if (
      entries === UNKNOWN_PART ||
      entries === null ||
      typeof entries !== 'object' ||
      Array.isArray(entries)
    ) {
      return 'unknown';
    }
    for (const [variable, values] of Object.entries(entries)) {
      conditions.push({ test, variable, values: jsonList(values as PartialJson) });
    }
  }
  return conditions;
}

/** Documents of the aws_iam_policy_document data sources an expression reads `.json` from; undefined when none. */
function referencedDataDocuments(
  resource: TerraformResourceView,
  expression: Expression,
  context: TerraformRuleContext,
): PolicyDocument | undefined {
  const names = expressionReferences(expression)
    .filter((reference) => reference.root === 'data' && reference.names[0] === 'aws_iam_policy_document')
    .map((reference) => reference.names[1])
    .filter((name): name is string => name !== undefined);
  if (names.length === 0) return undefined;
  const sources = context.resources.filter(
    (candidate) =>
      candidate.mode === 'data' &&
      candidate.type === 'aws_iam_policy_document' &&
      candidate.module === resource.module &&
      names.includes(candidate.name),
  );
  if (sources.length === 0) return { statements: [], incomplete: true, source: 'data' };
  const documents = sources.map((source) => dataDocumentStatements(source.values));
  return {
    // Statements point at the resource's policy attribute: the data source is another resource.
    statements: documents.flatMap((document) =>
      document.statements.map((statement) => ({ ...statement, path: [] })),
    ),
    // Anything else in the expression (merge(), conditionals) may add or pick other documents.
    incomplete: documents.some((document) => document.incomplete) || !isPlainDataReference(expression),
    source: 'data',
  };
}

function isPlainDataReference(expression: Expression): boolean {
  return expression.type === 'get-attr' || expression.type === 'index';
}

/** The statically known part of a jsonencode(...) call or a JSON template; UNKNOWN_PART when nothing is. */
function partialJsonOf(expression: Expression): PartialJson {
  if (expression.type === 'parentheses') return partialJsonOf(expression.expression);
  if (expression.type === 'call' && expression.name === 'jsonencode' && expression.args.length === 1) {
    return literalOf(expression.args[0]!);
  }
  if (expression.type === 'template') return templateJson(expression.parts);
  return UNKNOWN_PART;
}

// JSON strings cannot hold control characters, so the marker is plain text no policy would contain.
const PLACEHOLDER = '@@infralm-unknown-7f3a@@';

function templateJson(parts: Extract<Expression, { type: 'template' }>['parts']): PartialJson {
  let text = '';
  for (const part of parts) {
    if (part.type === 'text') text += part.value;
    else if (part.type === 'interpolation') text += PLACEHOLDER;
    else return UNKNOWN_PART;
  }
  try {
    return replacePlaceholders(JSON.parse(text) as PartialJson);
  } catch {
    return UNKNOWN_PART;
  }
}

function replacePlaceholders(json: PartialJson): PartialJson {
  if (typeof json === 'string') return json.includes(PLACEHOLDER) ? UNKNOWN_PART : json;
  if (Array.isArray(json)) return json.map(replacePlaceholders);
  if (json !== null && typeof json === 'object') {
    const result: { [key: string]: PartialJson } = {};
    for (const [key, item] of Object.entries(json)) {
      if (key.includes(PLACEHOLDER)) return UNKNOWN_PART;
      result[key] = replacePlaceholders(item);
    }
    return result;
  }
  return json;
}

function literalOf(expression: Expression): PartialJson {
  switch (expression.type) {
    case 'literal':
      return expression.value;
    case 'parentheses':
      return literalOf(expression.expression);
    case 'template':
      return expression.parts.every((part) => part.type === 'text')
        ? expression.parts.map((part) => (part.type === 'text' ? part.value : '')).join('')
        : UNKNOWN_PART;
    case 'tuple':
      return expression.items.map(literalOf);
    case 'object': {
      const result: { [key: string]: PartialJson } = {};
      for (const item of expression.items) {
        const key =
          item.key.type === 'variable'
            ? item.key.name
            : item.key.type === 'literal' && typeof item.key.value === 'string'
              ? item.key.value
              : item.key.type === 'template' && item.key.parts.every((part) => part.type === 'text')
                ? item.key.parts.map((part) => (part.type === 'text' ? part.value : '')).join('')
                : undefined;
        if (key === undefined) return UNKNOWN_PART;
        result[key] = literalOf(item.value);
      }
      return result;
    }
    default:
      return UNKNOWN_PART;
  }
}

/** True when the statement allows (Effect Allow), 'unknown' when the effect is unknown. */
export function allows(statement: PolicyStatement): boolean | 'unknown' {
  if (statement.effect === 'unknown') return 'unknown';
  return statement.effect.toLowerCase() === 'allow';
}

/** True when a principal list grants to anyone ("*" or AWS "*"). */
export function hasAnyPrincipal(principals: PolicyStatement['principals']): boolean | 'unknown' {
  if (principals === undefined) return false;
  if (principals === 'unknown') return 'unknown';
  let unknown = false;
  for (const principal of principals) {
    if (principal.type === '*' || principal.type.toUpperCase() === 'AWS' || principal.type === 'unknown') {
      if (principal.identifiers.known.includes('*')) {
        if (principal.type === 'unknown') unknown = true;
        else return true;
      }
      if (principal.identifiers.unknown) unknown = true;
    }
  }
  return unknown ? 'unknown' : false;
}

/** The values a statement's conditions test for a condition key; undefined when no condition tests it. */
export function conditionValues(
  statement: PolicyStatement,
  variable: string,
): StringList | 'unknown' | undefined {
  if (statement.conditions === 'unknown') return 'unknown';
  const matching = statement.conditions.filter(
    (condition) => condition.variable.toLowerCase() === variable.toLowerCase(),
  );
  if (matching.length === 0) return undefined;
  return {
    known: matching.flatMap((condition) => condition.values.known),
    unknown: matching.some((condition) => condition.values.unknown),
  };
}
