// The static planner: for a module tree with no prior state, the resource instances `terraform plan`
// would create, as `terraform show -json` writes its resource_changes. A configuration Terraform would
// reject gives error diagnostics and no changes; what cannot be decided without Terraform (counts that
// depend on data sources, modules not downloaded) is listed as undecided, never guessed.

import type { LoadedModule, ModuleTree } from '../config/load-module-tree.js';
import { resourceKey } from '../config/module-config.js';
import { validateReferences } from '../config/validate-references.js';
import { EvaluationError, evaluate, fail } from '../eval/evaluate.js';
import {
  isUnknown,
  STATIC_UNKNOWN,
  toJsonValue,
  unknownShadow,
  type Value,
  type ValueObject,
} from '../eval/value.js';
import {
  callFunction,
  FunctionCallError,
  type FunctionContext,
  TERRAFORM_FUNCTIONS,
} from '../functions/index.js';
import type { Diagnostic, Range } from '../hcl/ast.js';
import { parseTemplate } from '../hcl/index.js';
import { type ModuleStep, moduleAddress, resourceInstanceAddress } from './addresses.js';
import { ModuleInstance, type PlannerContext } from './module-instance.js';
import { type PriorState, unwrapDynamic } from './prior-state.js';
import { resourceProviderName } from './provider-address.js';

export type ChangeAction = 'create' | 'read' | 'update' | 'delete' | 'no-op';

/** One entry of `resource_changes` in `terraform show -json` (format 1.2). */
export interface ResourceChange {
  address: string;
  module_address?: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index?: number | string;
  provider_name: string;
  change: {
    actions: ChangeAction[];
    before: unknown;
    after: unknown;
    after_unknown: unknown;
    before_sensitive: unknown;
    after_sensitive: unknown;
  };
  action_reason?: string;
}

export interface PlanResult {
  format_version: '1.2';
  resource_changes: ResourceChange[];
  diagnostics: Diagnostic[];
  /** Parts of the configuration whose instances cannot be decided without Terraform itself. */
  undecided: { address: string; reason: string }[];
  /** Which engine produced the changes (every label records it). */
  engine: 'static' | 'terraform' | 'tofu';
  engine_version?: string;
}

/** Files the configuration reads through file(), templatefile(), fileset(); paths relative to the root. */
export interface PlanFileAccess {
  readBytes(path: string): Uint8Array | undefined;
  listFiles(directory: string): string[] | undefined;
}

export interface StaticPlanOptions {
  /** Root input variable values (from tfvars files and --var), not yet converted to their types. */
  variables?: ReadonlyMap<string, Value>;
  files?: PlanFileAccess;
  /**
   * A required root variable with no value: an error as in Terraform (default), or an unknown value
   * known at plan time, to survey reusable modules that are not meant to be roots.
   */
  missingRootVariables?: 'error' | 'unknown';
  /** The instances that exist already (a v4 state): gives update, delete, replace and no-op. */
  priorState?: PriorState;
}

/** Plan a loaded module tree with no prior state. */
export function staticPlan(tree: ModuleTree, options: StaticPlanOptions = {}): PlanResult {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const report = (diagnostic: Diagnostic) => {
    const key = `${diagnostic.severity}|${diagnostic.summary}|${diagnostic.detail}|${rangeKey(diagnostic.range)}`;
    if (seen.has(key)) return;
    seen.add(key);
    diagnostics.push(diagnostic);
  };
  for (const diagnostic of tree.diagnostics) report(diagnostic);
  for (const module of tree.modules) for (const diagnostic of validateReferences(module)) report(diagnostic);
  const result: PlanResult = {
    format_version: '1.2',
    resource_changes: [],
    diagnostics,
    undecided: [],
    engine: 'static',
  };
  // Terraform stops at configuration errors before planning anything.
  if (diagnostics.some((diagnostic) => diagnostic.severity === 'error')) return result;

  const files = options.files;
  const context: PlannerContext = {
    report,
    rootVariables: options.variables ?? new Map(),
    missingRootVariables: options.missingRootVariables ?? 'error',
    ...(options.priorState ? { priorState: options.priorState } : {}),
    callFunction: (name, args, range, module) => callBuiltin(name, args, range, module, files),
  };
  const changes: ResourceChange[] = [];
  const sortKeys: ChangeSortKey[] = [];
  const prior = options.priorState;
  /** `module|mode.type.name` of every resource block in a decided module instance. */
  const declaredResources = new Set<string>();
  const plannedAddresses = new Set<string>();
  /** Module instances and resources whose instances could not be decided: their state is left alone. */
  const undecidedPrefixes: string[] = [];
  const visit = (instance: ModuleInstance) => {
    const declarations = instance.module.declarations;
    // Terraform evaluates every variable (running its validations) and local, used or not.
    for (const [name, variable] of declarations.variables) instance.variable(name, variable.range);
    for (const name of declarations.locals.keys()) instance.local(name, declarations.locals.get(name)!.range);
    for (const declaration of declarations.resources.values()) {
      const key = resourceKey(declaration.mode, declaration.type, declaration.name);
      const expansion = instance.expansion(declaration, key);
      const address = `${instance.path.length ? `${moduleAddress(instance.path)}.` : ''}${key}`;
      declaredResources.add(`${moduleAddress(instance.path)}|${key}`);
      if (expansion.kind === 'invalid') continue;
      if (expansion.kind === 'undecided') {
        undecidedPrefixes.push(address);
        result.undecided.push({ address, reason: expansion.reason });
        report({
          severity: 'warning',
          summary: 'Instances not decidable statically',
          detail: `${address}: ${expansion.reason}.`,
          range: declaration.declarationRange,
        });
        continue;
      }
      const keys = expansion.kind === 'single' ? [undefined] : expansion.keys;
      for (const instanceKey of keys) {
        const planned = instance.plannedInstance(declaration, instanceKey);
        if (!planned) continue;
        if (declaration.mode === 'data' && !planned.deferredBecause) continue;
        plannedAddresses.add(planned.address);
        sortKeys.push({
          path: instance.path,
          mode: declaration.mode,
          type: declaration.type,
          name: declaration.name,
          key: instanceKey,
        });
        changes.push(
          resourceChange(
            instance,
            declaration.mode,
            declaration.type,
            declaration.name,
            instanceKey,
            resourceProviderName(declarations, declaration),
            planned.config,
            planned.deferredBecause,
          ),
        );
      }
    }
    for (const name of declarations.outputs.keys()) instance.output(name);
    for (const call of declarations.moduleCalls.values()) {
      const children = instance.childInstances(call.name);
      const address = `${instance.path.length ? `${moduleAddress(instance.path)}.` : ''}module.${call.name}`;
      if (children === 'invalid') {
        undecidedPrefixes.push(address);
        const expansion = instance.expansion(call, `module.${call.name}`);
        if (expansion.kind === 'undecided') {
          result.undecided.push({ address, reason: expansion.reason });
          report({
            severity: 'warning',
            summary: 'Instances not decidable statically',
            detail: `${address}: ${expansion.reason}.`,
            range: call.declarationRange,
          });
        }
        continue;
      }
      if ('unresolved' in children) {
        undecidedPrefixes.push(address);
        result.undecided.push({
          address,
          reason: `module source "${children.source}" is not available locally (${children.reason})`,
        });
        report({
          severity: 'warning',
          summary: 'Module not installed',
          detail: `${address}: the source "${children.source}" is not available locally (${children.reason}); its resources are not planned. Run terraform init to populate .terraform/modules.`,
          ...(call.sourceRange ? { range: call.sourceRange } : {}),
        });
        continue;
      }
      for (const child of children.values()) visit(child);
    }
  };
  visit(new ModuleInstance(tree.root, [], context));
  if (prior) {
    applyPriorState(prior, changes, sortKeys, result, {
      declaredResources,
      plannedAddresses,
      undecidedPrefixes,
    });
  }
  if (diagnostics.some((diagnostic) => diagnostic.severity === 'error')) return result;
  // Terraform's order: by module instance (a module before the modules it calls), then resource.
  const order = new Map(changes.map((change, index) => [change, sortKeys[index]!]));
  changes.sort((left, right) => compareChangeKeys(order.get(left)!, order.get(right)!));
  result.resource_changes = changes;
  return result;
}

/**
 * Turns creates into no-op / update / replace for instances the state has, and adds deletes for state
 * instances the configuration no longer has. Update against replace needs the provider schema
 * (which attributes force a new resource): such changes stay `update` and are listed as undecided.
 */
function applyPriorState(
  prior: PriorState,
  changes: ResourceChange[],
  sortKeys: ChangeSortKey[],
  result: PlanResult,
  seen: { declaredResources: Set<string>; plannedAddresses: Set<string>; undecidedPrefixes: string[] },
): void {
  for (const change of changes) {
    if (change.mode !== 'managed') continue;
    const existing = prior.get(change.address);
    if (!existing) continue;
    change.change.before = existing.attributes;
    if (existing.tainted) {
      change.change.actions = ['delete', 'create'];
      change.action_reason = 'replace_because_tainted';
      continue;
    }
    const comparison = compareWithState(
      change.change.after,
      change.change.after_unknown,
      existing.attributes,
    );
    if (comparison === 'equal') {
      change.change.actions = ['no-op'];
      change.change.after = existing.attributes;
      change.change.after_unknown = {};
    } else {
      change.change.actions = ['update'];
      result.undecided.push({
        address: change.address,
        reason:
          comparison === 'unknown'
            ? 'depends on values known only after apply: an update, or a replace if a changed attribute forces one (needs the provider schema)'
            : 'update, or replace if a changed attribute forces a new resource (needs the provider schema)',
      });
    }
  }
  for (const instance of prior.values()) {
    if (instance.mode !== 'managed' || seen.plannedAddresses.has(instance.address)) continue;
    if (
      seen.undecidedPrefixes.some(
        (prefix) =>
          instance.address === prefix ||
          instance.address.startsWith(`${prefix}.`) ||
          instance.address.startsWith(`${prefix}[`),
      )
    ) {
      result.undecided.push({
        address: instance.address,
        reason:
          'in the state, but its module or resource expansion is undecided here: delete or keep cannot be decided',
      });
      continue;
    }
    const declared = seen.declaredResources.has(`${instance.module}|${instance.type}.${instance.name}`);
    const reason = !declared
      ? 'delete_because_no_resource_config'
      : typeof instance.key === 'number'
        ? 'delete_because_count_index'
        : typeof instance.key === 'string'
          ? 'delete_because_each_key'
          : 'delete_because_no_resource_config';
    const path = parseModulePath(instance.module);
    changes.push({
      address: instance.address,
      ...(instance.module ? { module_address: instance.module } : {}),
      mode: 'managed',
      type: instance.type,
      name: instance.name,
      ...(instance.key !== undefined ? { index: instance.key } : {}),
      provider_name: instance.provider,
      change: {
        actions: ['delete'],
        before: instance.attributes,
        after: null,
        after_unknown: {},
        before_sensitive: false,
        after_sensitive: false,
      },
      action_reason: reason,
    });
    sortKeys.push({ path, mode: 'managed', type: instance.type, name: instance.name, key: instance.key });
  }
}

/** `module.a[0].module.b["x"]` → its steps. */
function parseModulePath(address: string): ModuleStep[] {
  const steps: ModuleStep[] = [];
  for (const match of address.matchAll(/module\.([A-Za-z0-9_-]+)(?:\[(\d+|"(?:[^"\\]|\\.)*")\])?/g)) {
    const raw = match[2];
    steps.push(
      raw === undefined
        ? { name: match[1]! }
        : { name: match[1]!, key: raw.startsWith('"') ? (JSON.parse(raw) as string) : Number(raw) },
    );
  }
  return steps;
}

/**
 * Do the configured values match the recorded attributes? Only what the configuration sets counts
 * (the state also holds every computed attribute); null in the configuration means "not set".
 */
function compareWithState(
  after: unknown,
  afterUnknown: unknown,
  state: Record<string, unknown>,
): 'equal' | 'different' | 'unknown' {
  let verdict: 'equal' | 'different' | 'unknown' = 'equal';
  const visit = (config: unknown, unknown: unknown, stored: unknown): void => {
    if (verdict === 'different') return;
    const recorded = unwrapDynamic(stored);
    if (unknown === true) {
      verdict = 'unknown';
      return;
    }
    if (config === null || config === undefined) return;
    if (Array.isArray(config)) {
      if (!Array.isArray(recorded) || recorded.length !== config.length) {
        verdict = 'different';
        return;
      }
      for (const [index, item] of config.entries()) {
        visit(item, Array.isArray(unknown) ? unknown[index] : undefined, recorded[index]);
      }
      return;
    }
    if (typeof config === 'object') {
      if (typeof recorded !== 'object' || recorded === null || Array.isArray(recorded)) {
        verdict = 'different';
        return;
      }
      for (const [key, value] of Object.entries(config)) {
        visit(
          value,
          (unknown as Record<string, unknown> | undefined)?.[key],
          (recorded as Record<string, unknown>)[key],
        );
      }
      return;
    }
    if (recorded === null || recorded === undefined || String(recorded) !== String(config))
      verdict = 'different';
  };
  visit(after, afterUnknown, state);
  return verdict;
}

interface ChangeSortKey {
  path: ModuleStep[];
  mode: 'managed' | 'data';
  type: string;
  name: string;
  key: number | string | undefined;
}

function compareKeys(left: number | string | undefined, right: number | string | undefined): number {
  if (left === right) return 0;
  if (left === undefined) return -1;
  if (right === undefined) return 1;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  return String(left) < String(right) ? -1 : 1;
}

function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Terraform's resource instance order (addrs.AbsResourceInstance.Less). */
function compareChangeKeys(left: ChangeSortKey, right: ChangeSortKey): number {
  const depth = Math.min(left.path.length, right.path.length);
  for (let index = 0; index < depth; index++) {
    const a = left.path[index]!;
    const b = right.path[index]!;
    const byStep = compareText(a.name, b.name) || compareKeys(a.key, b.key);
    if (byStep !== 0) return byStep;
  }
  if (left.path.length !== right.path.length) return left.path.length - right.path.length;
  if (left.mode !== right.mode) return left.mode === 'data' ? -1 : 1;
  return (
    compareText(left.type, right.type) ||
    compareText(left.name, right.name) ||
    compareKeys(left.key, right.key)
  );
}

function resourceChange(
  instance: ModuleInstance,
  mode: 'managed' | 'data',
  type: string,
  name: string,
  key: number | string | undefined,
  providerName: string,
  config: ValueObject,
  deferredBecause: string | undefined,
): ResourceChange {
  const module = moduleAddress(instance.path);
  const address = resourceInstanceAddress(instance.path, mode, type, name, key);
  return {
    address,
    ...(module ? { module_address: module } : {}),
    mode,
    type,
    name,
    ...(key !== undefined ? { index: key } : {}),
    provider_name: providerName,
    change: {
      actions: [mode === 'data' ? 'read' : 'create'],
      before: null,
      after: toJsonValue(config),
      after_unknown: unknownShadow(config) ?? {},
      before_sensitive: false,
      after_sensitive: {},
    },
    ...(deferredBecause ? { action_reason: deferredBecause } : {}),
  };
}

function rangeKey(range: Range | undefined): string {
  return range ? `${range.filename}:${range.start.byte}-${range.end.byte}` : '';
}

const decoder = new TextDecoder();

/** Calls a built-in function; file functions read through `files`, relative to the root module. */
export function callBuiltin(
  name: string,
  args: Value[],
  range: Range,
  module: LoadedModule,
  files: PlanFileAccess | undefined,
): Value {
  // Provider-defined functions need the provider itself.
  // plantimestamp() is fixed when planning starts: Terraform knows it, we do not.
  if (name.startsWith('provider::') || name === 'plantimestamp') return STATIC_UNKNOWN;
  if (!TERRAFORM_FUNCTIONS.has(name))
    fail('Call to unknown function', `There is no function named "${name}".`, range);
  // Terraform refines this result: with the prefix unknown, the number of subnets is still known.
  if (
    name === 'cidrsubnets' &&
    isUnknown(args[0] ?? null) &&
    args.slice(1).every((arg) => typeof arg === 'number')
  )
    return args.slice(1).map(() => args[0]!);
  const context: FunctionContext = {
    readFile: (path: string) => files?.readBytes(path),
    listFiles: (path: string) => files?.listFiles(path),
    renderTemplate: (path: string, variables: ValueObject) => {
      const bytes = files?.readBytes(path);
      if (!bytes)
        fail(
          'Invalid function argument',
          `Invalid value for "path" parameter: no file exists at "${path}".`,
          range,
        );
      const { template, diagnostics } = parseTemplate(decoder.decode(bytes), path);
      const problem = diagnostics.find((diagnostic) => diagnostic.severity === 'error');
      if (!template || problem)
        fail(
          problem?.summary ?? 'Invalid template',
          problem?.detail ?? `${path} is not a valid template.`,
          problem?.range ?? range,
        );
      return evaluate(template, {
        resolve: (root, _steps, referenceRange) => {
          if (Object.hasOwn(variables, root)) return { value: variables[root]!, consumed: 0 };
          fail(
            'Invalid function argument',
            `Invalid value for "vars" parameter: vars map does not contain key "${root}", referenced at ${referenceRange.filename}:${referenceRange.start.line},${referenceRange.start.column}.`,
            range,
          );
        },
        callFunction: (inner, innerArgs, innerRange) => {
          if (inner === 'templatefile')
            fail(
              'Error in function call',
              'Call to function "templatefile" failed: cannot recursively call templatefile from inside templatefile call.',
              innerRange,
            );
          return callBuiltin(inner, innerArgs, innerRange, module, files);
        },
      });
    },
  };
  try {
    return callFunction(name, args, context);
  } catch (error) {
    if (error instanceof FunctionCallError)
      fail('Error in function call', `Call to function "${name}" failed: ${error.message}.`, range);
    if (error instanceof EvaluationError) throw error;
    throw error;
  }
}
