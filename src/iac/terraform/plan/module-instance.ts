// One instance of a module during planning (the root, `module.a`, `module.a[1]`, ...): it evaluates
// the module's variables, locals, resources, data sources, module calls and outputs on demand, once
// each, and expands count/for_each into instance keys. Diagnostics go to the shared planner sink.

import type { LoadedModule, UnresolvedModule } from '../config/load-module-tree.js';
import {
  type ModuleCallDeclaration,
  type ResourceDeclaration,
  type ResourceMode,
  resourceKey,
} from '../config/module-config.js';
import { expressionReferences } from '../config/references.js';
import { describeModule } from '../config/validate-references.js';
import {
  EvaluationError,
  type EvaluationScope,
  evaluate,
  fail,
  markOpen,
  type TraversalStep,
} from '../eval/evaluate.js';
import { convertToType, parseTypeConstraint } from '../eval/type-constraint.js';
import {
  convertToBool,
  convertToString,
  isObjectValue,
  isUnknown,
  makeObject,
  STATIC_UNKNOWN,
  sortedKeys,
  TerraformSet,
  typeName,
  UNKNOWN,
  type Unknown,
  unknownFrom,
  type Value,
  type ValueObject,
} from '../eval/value.js';
import type { Attribute, Body, Diagnostic, Expression, Range } from '../hcl/ast.js';
import { type InstanceKey, type ModuleStep, resourceInstanceAddress } from './addresses.js';
import { type PriorState, stateValue } from './prior-state.js';

/** What the planner shares with every module instance. */
export interface PlannerContext {
  report(diagnostic: Diagnostic): void;
  callFunction(name: string, args: Value[], range: Range, module: LoadedModule): Value;
  /** Root input variable values given by tfvars files and --var (already parsed, not yet converted). */
  rootVariables: ReadonlyMap<string, Value>;
  /** A required root variable without a value: Terraform's error, or an unknown (to survey reusable modules). */
  missingRootVariables: 'error' | 'unknown';
  /**
   * Scanning rather than planning: a resource or module call whose instances cannot be decided is
   * still evaluated once, with count.index / each unknown, so its configuration can be checked.
   */
  scanUndecided?: boolean;
  /** Instances that exist already (terraform.tfstate): their attributes are known. */
  priorState?: PriorState;
}

/** How a resource or module call expands. */
export type Expansion =
  | { kind: 'single' }
  | { kind: 'count'; keys: number[] }
  | { kind: 'for_each'; keys: string[]; values: Map<string, Value> }
  | { kind: 'undecided'; reason: string }
  | { kind: 'invalid' };

/** A resource instance as planned: its evaluated configuration and how Terraform treats it. */
export interface PlannedInstance {
  address: string;
  key?: InstanceKey;
  config: ValueObject;
  /** Data sources only: read during apply (a `read` change) rather than during planning. */
  deferredBecause?: 'read_because_config_unknown' | 'read_because_dependency_pending';
}

const EVALUATING = Symbol('evaluating');

export class ModuleInstance {
  readonly address: string;
  private readonly variables = new Map<string, Value>();
  private readonly locals = new Map<string, Value | typeof EVALUATING>();
  private readonly expansions = new Map<string, Expansion | typeof EVALUATING>();
  private readonly instances = new Map<string, PlannedInstance | typeof EVALUATING>();
  private readonly children = new Map<string, Map<string, ModuleInstance> | UnresolvedModule | 'invalid'>();
  private readonly outputs = new Map<string, Value | typeof EVALUATING>();

  constructor(
    readonly module: LoadedModule,
    readonly path: ModuleStep[],
    private readonly context: PlannerContext,
    /** The instance that calls this one, and how (for input variables). */
    private readonly caller?: { instance: ModuleInstance; call: ModuleCallDeclaration; symbols: ValueObject },
  ) {
    this.address = path.map((step) => `module.${step.name}`).join('.');
  }

  private get declarations() {
    return this.module.declarations;
  }

  /** True when this instance or a calling one has depends_on that points at managed resources. */
  hasPendingModuleDependencies(): boolean {
    if (!this.caller) return false;
    return this.caller.call.dependsOn.length > 0 || this.caller.instance.hasPendingModuleDependencies();
  }

  /**
   * Does a data source depend, through its references, on a managed resource with pending changes?
   * Terraform then defers the read to apply (`read_because_dependency_pending`), even when the values
   * it reads are known (recorded: data-depends-on-known-attribute). Followed through locals, other data
   * sources, module outputs and input variables. With no prior state every managed resource is a
   * create; with one, a resource the state already has counts as settled.
   */
  dependsOnPendingResource(declaration: ResourceDeclaration): boolean {
    const expressions: Expression[] = [...declaration.dependsOn];
    if (declaration.count) expressions.push(declaration.count.expression);
    if (declaration.forEach) expressions.push(declaration.forEach.expression);
    collectBodyExpressions(declaration.body, expressions);
    return this.expressionsReachPending(expressions, new Set());
  }

  private expressionsReachPending(expressions: Expression[], visited: Set<string>): boolean {
    for (const expression of expressions) {
      for (const reference of expressionReferences(expression)) {
        if (this.referenceReachesPending(reference.root, reference.names, visited)) return true;
      }
    }
    return false;
  }

  private referenceReachesPending(root: string, names: string[], visited: Set<string>): boolean {
    const [first, second] = names;
    const key = `${this.address}|${root}|${first ?? ''}|${second ?? ''}`;
    if (visited.has(key)) return false;
    visited.add(key);
    const declarations = this.declarations;
    switch (root) {
      case 'local': {
        const local = first ? declarations.locals.get(first) : undefined;
        return local ? this.expressionsReachPending([local.expression], visited) : false;
      }
      case 'var': {
        if (!first || !this.caller) return false;
        const argument = this.caller.call.arguments.find((item) => item.name === first);
        return argument
          ? this.caller.instance.expressionsReachPending([argument.expression], visited)
          : false;
      }
      case 'data': {
        const target =
          first && second ? declarations.resources.get(resourceKey('data', first, second)) : undefined;
        if (!target) return false;
        const expressions: Expression[] = [...target.dependsOn];
        collectBodyExpressions(target.body, expressions);
        return this.expressionsReachPending(expressions, visited);
      }
      case 'module': {
        if (!first) return false;
        const children =
          this.children.get(first) ??
          (declarations.moduleCalls.has(first) ? this.childInstances(first) : undefined);
        if (!children || children === 'invalid' || 'unresolved' in children) return false;
        for (const child of children.values()) {
          const outputs =
            second && child.declarations.outputs.has(second)
              ? [second]
              : [...child.declarations.outputs.keys()];
          for (const name of outputs) {
            const output = child.declarations.outputs.get(name)!;
            const expressions = [...output.dependsOn, ...(output.expression ? [output.expression] : [])];
            if (child.expressionsReachPending(expressions, visited)) return true;
          }
        }
        return false;
      }
      case 'path':
      case 'terraform':
      case 'count':
      case 'each':
      case 'self':
      case 'ephemeral':
        return false;
      default: {
        if (!first || !declarations.resources.has(resourceKey('managed', root, first))) return false;
        const prior = this.context.priorState;
        if (!prior) return true;
        const prefix = resourceInstanceAddress(this.path, 'managed', root, first);
        for (const address of prior.keys())
          if (address === prefix || address.startsWith(`${prefix}[`)) return false;
        return true;
      }
    }
  }

  // --- scope ------------------------------------------------------------------------------------

  /** An evaluation scope of this instance, with extra symbols (each, count, iterators). */
  scope(symbols: ValueObject = makeObject()): EvaluationScope {
    return {
      resolve: (root, steps, range) => this.resolve(root, steps, range, symbols),
      callFunction: (name, args, range) => this.context.callFunction(name, args, range, this.module),
    };
  }

  /** Evaluates an expression, reporting a failure and answering `fallback` instead. */
  evaluateReported(expression: Expression, symbols?: ValueObject, fallback: Value = STATIC_UNKNOWN): Value {
    try {
      return evaluate(expression, this.scope(symbols));
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      this.context.report(error.diagnostic);
      return fallback;
    }
  }

  private resolve(
    root: string,
    steps: readonly TraversalStep[],
    range: Range,
    symbols: ValueObject,
  ): { value: Value; consumed: number } {
    if (Object.hasOwn(symbols, root)) return { value: symbols[root]!, consumed: 0 };
    const name = (index: number): string | undefined => {
      const step = steps[index];
      return step?.type === 'attr' ? step.name : undefined;
    };
    switch (root) {
      case 'var': {
        const variable = name(0);
        if (variable === undefined)
          fail(
            'Invalid reference',
            'The "var" object cannot be accessed directly. Instead, access one of its attributes.',
            range,
          );
        return { value: this.variable(variable, range), consumed: 1 };
      }
      case 'local': {
        const local = name(0);
        if (local === undefined)
          fail(
            'Invalid reference',
            'The "local" object cannot be accessed directly. Instead, access one of its attributes.',
            range,
          );
        return { value: this.local(local, range), consumed: 1 };
      }
      case 'module': {
        const call = name(0);
        if (call === undefined)
          fail(
            'Invalid reference',
            'The "module" object cannot be accessed directly. Instead, access one of its attributes.',
            range,
          );
        // Terraform's graph links outputs, not whole modules: `module.m.out` (or `module.m[k].out`)
        // evaluates that output alone, so an input that depends on another output is no cycle.
        const direct = this.moduleOutputReference(call, steps, range);
        if (direct) return direct;
        return { value: this.moduleValue(call, range), consumed: 1 };
      }
      case 'data': {
        const type = name(0);
        const resource = name(1);
        if (type === undefined || resource === undefined)
          fail(
            'Invalid reference',
            'The "data" object must be followed by two attribute names: the data source type and the resource name.',
            range,
          );
        return { value: this.resourceValue('data', type, resource, range), consumed: 2 };
      }
      case 'path': {
        const which = name(0);
        if (which === 'module') return { value: this.module.directory, consumed: 1 };
        if (which === 'root') return { value: '.', consumed: 1 };
        if (which === 'cwd') return { value: STATIC_UNKNOWN, consumed: 1 };
        fail(
          'Invalid "path" attribute',
          `The "path" object does not have an attribute named "${which ?? ''}". The supported attributes are path.cwd, path.module, and path.root.`,
          range,
        );
        break;
      }
      case 'terraform': {
        if (name(0) === 'workspace') return { value: 'default', consumed: 1 };
        fail(
          'Invalid "terraform" attribute',
          'The "terraform" object does not have an attribute with this name.',
          range,
        );
        break;
      }
      case 'ephemeral':
        // Ephemeral resources (Terraform 1.10) are opened during planning and never in the plan:
        // Terraform knows their values while planning, we do not.
        return { value: STATIC_UNKNOWN, consumed: Math.min(2, steps.length) };
      case 'each':
        fail(
          'Reference to "each" in context without for_each',
          'The "each" object can be used only in "module" or "resource" blocks, and only when the "for_each" argument is set.',
          range,
        );
        break;
      case 'count':
        fail(
          'Reference to "count" in non-counted context',
          'The "count" object can only be used in "module", "resource", and "data" blocks, and only when the "count" argument is set.',
          range,
        );
        break;
      case 'self':
        fail('Invalid "self" reference', 'The "self" object is not available in this context.', range);
        break;
    }
    const resource = name(0);
    if (resource === undefined)
      fail(
        'Invalid reference',
        'A reference to a resource type must be followed by at least one attribute access, specifying the resource name.',
        range,
      );
    return { value: this.resourceValue('managed', root, resource, range), consumed: 1 };
  }

  // --- variables and locals ---------------------------------------------------------------------

  variable(name: string, range: Range): Value {
    const cached = this.variables.get(name);
    if (cached !== undefined || this.variables.has(name)) return cached as Value;
    const declaration = this.declarations.variables.get(name);
    if (!declaration)
      fail(
        'Reference to undeclared input variable',
        `An input variable with the name "${name}" has not been declared. This variable can be declared with a variable "${name}" {} block.`,
        range,
      );
    let value: Value | undefined;
    if (this.caller) {
      const argument = this.caller.call.arguments.find((attribute) => attribute.name === name);
      if (argument) value = this.caller.instance.evaluateReported(argument.expression, this.caller.symbols);
    } else if (this.context.rootVariables.has(name)) {
      value = this.context.rootVariables.get(name)!;
    }
    if ((value === undefined || (value === null && !declaration.nullable)) && declaration.default) {
      value = this.evaluateReported(declaration.default);
    }
    if (value === undefined) {
      if (!this.caller && this.context.missingRootVariables === 'error') {
        this.context.report({
          severity: 'error',
          summary: 'No value for required variable',
          detail: `The root module input variable "${name}" is not set, and has no default value. Use a -var or -var-file command line argument to provide a value for this variable.`,
          range: declaration.range,
        });
      }
      value = STATIC_UNKNOWN;
    }
    if (declaration.type) {
      try {
        value = convertToType(value, parseTypeConstraint(declaration.type), declaration.range);
      } catch (error) {
        if (!(error instanceof EvaluationError)) throw error;
        this.context.report({
          ...error.diagnostic,
          detail: `The given value is not suitable for ${describeVariable(this.path, name)} declared at ${declaration.range.filename}:${declaration.range.start.line},${declaration.range.start.column}: ${error.diagnostic.detail}`,
        });
        value = STATIC_UNKNOWN;
      }
    }
    this.variables.set(name, value);
    this.checkValidations(name, value);
    return value;
  }

  private checkValidations(name: string, value: Value): void {
    const declaration = this.declarations.variables.get(name)!;
    if (isUnknown(value)) return;
    for (const validation of declaration.validations) {
      const result = this.evaluateReported(validation.condition);
      if (result !== false) continue;
      const message = validation.errorMessage ? this.evaluateReported(validation.errorMessage) : '';
      this.context.report({
        severity: 'error',
        summary: 'Invalid value for variable',
        detail: `${typeof message === 'string' ? message : ''}\n\nThis was checked by the validation rule at ${validation.range.filename}:${validation.range.start.line},${validation.range.start.column}.`,
        range: declaration.range,
      });
    }
  }

  local(name: string, range: Range): Value {
    const cached = this.locals.get(name);
    if (cached === EVALUATING)
      fail(
        'Cycle in local values',
        `The local value "${name}" refers to itself, directly or through other values.`,
        range,
      );
    if (cached !== undefined || this.locals.has(name)) return cached as Value;
    const declaration = this.declarations.locals.get(name);
    if (!declaration)
      fail(
        'Reference to undeclared local value',
        `A local value with the name "${name}" has not been declared.`,
        range,
      );
    this.locals.set(name, EVALUATING);
    const value = this.evaluateReported(declaration.expression);
    this.locals.set(name, value);
    return value;
  }

  // --- resources --------------------------------------------------------------------------------

  private declaration(mode: ResourceMode, type: string, name: string, range: Range): ResourceDeclaration {
    const declaration = this.declarations.resources.get(resourceKey(mode, type, name));
    if (!declaration)
      fail(
        'Reference to undeclared resource',
        `A ${mode === 'managed' ? 'managed' : 'data'} resource "${type}" "${name}" has not been declared in ${describeModule(this.module.path)}.`,
        range,
      );
    return declaration;
  }

  /** How a resource expands into instances (count / for_each evaluated once). */
  expansion(declaration: ResourceDeclaration | ModuleCallDeclaration, key: string): Expansion {
    const cached = this.expansions.get(key);
    if (cached === EVALUATING) {
      this.context.report({
        severity: 'error',
        summary: 'Cycle',
        detail: `The count or for_each of ${key} refers to itself.`,
        range: declaration.range,
      });
      return { kind: 'invalid' };
    }
    if (cached) return cached;
    this.expansions.set(key, EVALUATING);
    const result = computeExpansion(this, declaration.count, declaration.forEach, this.context.report);
    this.expansions.set(key, result);
    return result;
  }

  /** The value a reference to a whole resource gives: an instance object, a list, or a map of them. */
  resourceValue(mode: ResourceMode, type: string, name: string, range: Range): Value {
    const declaration = this.declaration(mode, type, name, range);
    const key = resourceKey(mode, type, name);
    const expansion = this.expansion(declaration, key);
    switch (expansion.kind) {
      case 'single':
        return this.instanceValue(declaration, undefined);
      case 'count':
        return expansion.keys.map((index) => this.instanceValue(declaration, index));
      case 'for_each':
        return makeObject(expansion.keys.map((each) => [each, this.instanceValue(declaration, each)]));
      case 'undecided':
      case 'invalid':
        return STATIC_UNKNOWN;
    }
  }

  private instanceValue(declaration: ResourceDeclaration, key: InstanceKey | undefined): Value {
    const planned = this.plannedInstance(declaration, key);
    if (!planned) return STATIC_UNKNOWN;
    // Attributes the configuration does not set (or sets to null) may be computed by the provider:
    // unknown until apply for managed resources and deferred reads, and read during planning (so
    // known to Terraform, not to us) otherwise. Nested blocks are open the same way.
    const computed = declaration.mode === 'managed' || planned.deferredBecause ? UNKNOWN : STATIC_UNKNOWN;
    const prior = declaration.mode === 'managed' ? this.context.priorState?.get(planned.address) : undefined;
    if (prior && !prior.tainted) {
      // An existing instance keeps its recorded attributes except where the configuration sets them.
      const merged = makeObject([
        ...Object.entries(prior.attributes).map(([name, value]): [string, Value] => [
          name,
          stateValue(value),
        ]),
        ...Object.entries(planned.config).filter(([, value]) => value !== null),
      ]);
      return markOpen(merged, computed);
    }
    return openObject(planned.config, computed);
  }

  /**
   * The instances a scan checks: every instance, or — when count/for_each cannot be decided — one
   * evaluated with count.index and each unknown (addressed without a key).
   */
  scanInstances(declaration: ResourceDeclaration): PlannedInstance[] {
    const expansion = this.expansion(
      declaration,
      resourceKey(declaration.mode, declaration.type, declaration.name),
    );
    switch (expansion.kind) {
      case 'single':
        return [this.plannedInstance(declaration, undefined)].filter((item) => item !== undefined);
      case 'count':
      case 'for_each':
        return (expansion.keys as InstanceKey[])
          .map((key) => this.plannedInstance(declaration, key))
          .filter((item) => item !== undefined);
      case 'undecided':
      case 'invalid':
        return [
          {
            address: resourceInstanceAddress(this.path, declaration.mode, declaration.type, declaration.name),
            config: this.evaluateBody(declaration.body, UNKNOWN_SYMBOLS),
          },
        ];
    }
  }

  /** One resource instance's evaluated configuration (memoized; diagnostics reported once). */
  plannedInstance(
    declaration: ResourceDeclaration,
    key: InstanceKey | undefined,
  ): PlannedInstance | undefined {
    const address = resourceInstanceAddress(
      this.path,
      declaration.mode,
      declaration.type,
      declaration.name,
      key,
    );
    const cached = this.instances.get(address);
    if (cached === EVALUATING) {
      this.context.report({
        severity: 'error',
        summary: 'Cycle',
        detail: `${address} refers to itself, directly or through other resources.`,
        range: declaration.declarationRange,
      });
      return undefined;
    }
    if (cached) return cached;
    this.instances.set(address, EVALUATING);
    const expansion = this.expansion(
      declaration,
      resourceKey(declaration.mode, declaration.type, declaration.name),
    );
    const symbols = instanceSymbols(expansion, key);
    const config = this.evaluateBody(declaration.body, symbols);
    const planned: PlannedInstance = { address, ...(key !== undefined ? { key } : {}), config };
    if (declaration.mode === 'data') {
      const unknown = unknownFrom([config]);
      if (
        declaration.dependsOn.length > 0 ||
        this.hasPendingModuleDependencies() ||
        this.dependsOnPendingResource(declaration)
      ) {
        planned.deferredBecause = 'read_because_dependency_pending';
      } else if (unknown && unknown.cause === 'apply') {
        planned.deferredBecause = 'read_because_config_unknown';
      }
    }
    this.instances.set(address, planned);
    return planned;
  }

  /** A block body as `terraform show -json` renders it: attributes, and nested blocks as lists. */
  evaluateBody(body: Body, symbols: ValueObject): ValueObject {
    const entries: [string, Value][] = [];
    for (const attribute of body.attributes)
      entries.push([attribute.name, this.evaluateReported(attribute.expression, symbols)]);
    const blocks = new Map<string, Value[] | Unknown>();
    const add = (type: string, value: Value) => {
      const list = blocks.get(type) ?? [];
      if (Array.isArray(list)) list.push(value);
      blocks.set(type, list);
    };
    for (const block of body.blocks) {
      if (block.type === 'provisioner' || block.type === 'connection' || block.type === 'lifecycle') continue;
      if (block.type !== 'dynamic') {
        add(block.type, this.evaluateBody(block.body, symbols));
        continue;
      }
      const type = block.labels[0];
      if (!type) continue;
      const forEach = block.body.attributes.find((attribute) => attribute.name === 'for_each');
      const iteratorAttribute = block.body.attributes.find((attribute) => attribute.name === 'iterator');
      const iterator =
        iteratorAttribute?.expression.type === 'variable' ? iteratorAttribute.expression.name : type;
      const content = block.body.blocks.find((inner) => inner.type === 'content');
      if (!forEach || !content) continue;
      const collection = this.evaluateReported(forEach.expression, symbols);
      if (isUnknown(collection)) {
        blocks.set(type, collection);
        continue;
      }
      const pairs = dynamicPairs(collection, forEach, this.context.report);
      for (const [key, value] of pairs) {
        const inner = makeObject([
          ...Object.entries(symbols),
          [
            iterator,
            makeObject([
              ['key', key],
              ['value', value],
            ]),
          ],
        ]);
        add(type, this.evaluateBody(content.body, inner));
      }
    }
    for (const [type, list] of blocks) entries.push([type, list]);
    return makeObject(entries);
  }

  // --- module calls -----------------------------------------------------------------------------

  /** The instances of a module call (undefined keys for a call without count/for_each). */
  childInstances(name: string, range?: Range): Map<string, ModuleInstance> | UnresolvedModule | 'invalid' {
    const cached = this.children.get(name);
    if (cached) return cached;
    const call = this.declarations.moduleCalls.get(name);
    if (!call) {
      fail(
        'Reference to undeclared module',
        `No module call named "${name}" is declared in ${describeModule(this.module.path)}.`,
        range,
      );
    }
    const child = this.module.children.get(name);
    if (!child || 'unresolved' in child) {
      const unresolved: UnresolvedModule = child ?? {
        unresolved: true,
        path: [...this.module.path, name],
        source: call.source ?? '',
        reason: 'not loaded',
      };
      this.children.set(name, unresolved);
      return unresolved;
    }
    const expansion = this.expansion(call, `module.${name}`);
    const instances = new Map<string, ModuleInstance>();
    const make = (key: InstanceKey | undefined) => {
      const step: ModuleStep = key === undefined ? { name } : { name, key };
      const symbols = instanceSymbols(expansion, key);
      instances.set(
        String(key ?? ''),
        new ModuleInstance(child, [...this.path, step], this.context, { instance: this, call, symbols }),
      );
    };
    switch (expansion.kind) {
      case 'single':
        make(undefined);
        break;
      case 'count':
        for (const key of expansion.keys) make(key);
        break;
      case 'for_each':
        for (const key of expansion.keys) make(key);
        break;
      case 'undecided':
      case 'invalid':
        if (!this.context.scanUndecided) {
          this.children.set(name, 'invalid');
          return 'invalid';
        }
        instances.set(
          '',
          new ModuleInstance(child, [...this.path, { name }], this.context, {
            instance: this,
            call,
            symbols: UNKNOWN_SYMBOLS,
          }),
        );
        break;
    }
    this.children.set(name, instances);
    return instances;
  }

  private moduleOutputReference(
    name: string,
    steps: readonly TraversalStep[],
    range: Range,
  ): { value: Value; consumed: number } | undefined {
    const instances = this.childInstances(name, range);
    if (instances === 'invalid' || 'unresolved' in instances) return { value: STATIC_UNKNOWN, consumed: 1 };
    const call = this.declarations.moduleCalls.get(name)!;
    const expansion = this.expansion(call, `module.${name}`);
    let instance: ModuleInstance | undefined;
    let next = 1;
    if (expansion.kind === 'single') {
      instance = instances.get('');
    } else {
      const step = steps[1];
      if (step?.type !== 'index' || isUnknown(step.key) || step.key === null) return undefined;
      const key = expansion.kind === 'count' ? Number(step.key) : convertToString(step.key);
      if (key === undefined || isUnknown(key)) return undefined;
      instance = instances.get(String(key));
      next = 2;
    }
    const output = steps[next];
    if (!instance || output?.type !== 'attr' || !instance.module.declarations.outputs.has(output.name))
      return undefined;
    return { value: instance.output(output.name), consumed: next + 1 };
  }

  private moduleValue(name: string, range: Range): Value {
    const instances = this.childInstances(name, range);
    if (instances === 'invalid' || 'unresolved' in instances) return STATIC_UNKNOWN;
    const call = this.declarations.moduleCalls.get(name)!;
    const expansion = this.expansion(call, `module.${name}`);
    const outputsOf = (instance: ModuleInstance) => instance.outputsObject();
    if (expansion.kind === 'single') return outputsOf(instances.get('')!);
    if (expansion.kind === 'count') return [...instances.values()].map(outputsOf);
    return makeObject([...instances].map(([key, instance]) => [key, outputsOf(instance)]));
  }

  /** Every output of this instance as an object (closed: an undeclared output is an error). */
  outputsObject(): ValueObject {
    return makeObject([...this.declarations.outputs.keys()].map((name) => [name, this.output(name)]));
  }

  output(name: string): Value {
    const cached = this.outputs.get(name);
    if (cached === EVALUATING) return STATIC_UNKNOWN;
    if (cached !== undefined || this.outputs.has(name)) return cached as Value;
    const declaration = this.declarations.outputs.get(name)!;
    this.outputs.set(name, EVALUATING);
    const value = declaration.expression ? this.evaluateReported(declaration.expression) : null;
    this.outputs.set(name, value);
    return value;
  }
}

/** A copy of an evaluated block whose unset attributes read as `computed`, nested blocks included. */
function openObject(object: ValueObject, computed: Unknown): ValueObject {
  const open = (value: Value): Value => {
    if (value === null) return computed;
    if (Array.isArray(value))
      return value.map((item) => (isObjectValue(item) ? openObject(item, computed) : item));
    return value;
  };
  return markOpen(makeObject(Object.entries(object).map(([name, value]) => [name, open(value)])), computed);
}

function describeVariable(path: ModuleStep[], name: string): string {
  return path.length === 0
    ? `var.${name}`
    : `var.${name} of ${path.map((step) => `module.${step.name}`).join('.')}`;
}

/** Every expression of a block body, nested and dynamic blocks included. */
function collectBodyExpressions(body: Body, out: Expression[]): void {
  for (const attribute of body.attributes) out.push(attribute.expression);
  for (const block of body.blocks) collectBodyExpressions(block.body, out);
}

/** count.index and each.* when the instance is not known: for scanning undecided expansions. */
const UNKNOWN_SYMBOLS: ValueObject = makeObject([
  ['count', makeObject([['index', STATIC_UNKNOWN]])],
  [
    'each',
    makeObject([
      ['key', STATIC_UNKNOWN],
      ['value', STATIC_UNKNOWN],
    ]),
  ],
]);

/** The each/count symbols of one instance. */
export function instanceSymbols(expansion: Expansion, key: InstanceKey | undefined): ValueObject {
  if (expansion.kind === 'count' && typeof key === 'number')
    return makeObject([['count', makeObject([['index', key]])]]);
  if (expansion.kind === 'for_each' && typeof key === 'string') {
    return makeObject([
      [
        'each',
        makeObject([
          ['key', key],
          ['value', expansion.values.get(key) ?? null],
        ]),
      ],
    ]);
  }
  return makeObject();
}

/** Evaluates count / for_each as Terraform validates them. */
function computeExpansion(
  instance: ModuleInstance,
  count: Attribute | undefined,
  forEach: Attribute | undefined,
  report: (diagnostic: Diagnostic) => void,
): Expansion {
  if (count) {
    const value = instance.evaluateReported(count.expression, undefined, null);
    const invalid = (detail: string): Expansion => {
      report({ severity: 'error', summary: 'Invalid count argument', detail, range: count.expression.range });
      return { kind: 'invalid' };
    };
    if (isUnknown(value)) {
      if (value.cause === 'static')
        return {
          kind: 'undecided',
          reason: `count at ${where(count)} depends on values Terraform reads during planning (data sources, modules not downloaded)`,
        };
      return invalid(
        'The "count" value depends on resource attributes that cannot be determined until apply, so Terraform cannot predict how many instances will be created. To work around this, use the -target argument to first apply only the resources that the count depends on.',
      );
    }
    if (value === null) return invalid('The given "count" argument value is null. An integer is required.');
    const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof number !== 'number')
      return invalid(
        `The given "count" argument value is unsuitable: number required, but have ${typeName(value)}.`,
      );
    if (!Number.isInteger(number))
      return invalid(`The given "count" argument value is unsuitable: value must be a whole number.`);
    if (number < 0)
      return invalid(
        'The given "count" argument value is unsuitable: must be greater than or equal to zero.',
      );
    return { kind: 'count', keys: Array.from({ length: number }, (_, index) => index) };
  }
  if (!forEach) return { kind: 'single' };
  const value = instance.evaluateReported(forEach.expression, undefined, null);
  const invalid = (detail: string): Expansion => {
    report({
      severity: 'error',
      summary: 'Invalid for_each argument',
      detail,
      range: forEach.expression.range,
    });
    return { kind: 'invalid' };
  };
  const cannotPredict = (what: string): Expansion =>
    invalid(
      `The "for_each" ${what} includes values derived from resource attributes that cannot be determined until apply, and so Terraform cannot determine the full set of keys that will identify the instances of this resource.\n\nWhen working with unknown values in for_each, it's better to define the map keys statically in your configuration and place apply-time results only in the map values.\n\nAlternatively, you could use the -target planning option to first apply only the resources that the for_each value depends on, and then apply a second time to fully converge.`,
    );
  if (isUnknown(value)) {
    if (value.cause === 'static')
      return {
        kind: 'undecided',
        reason: `for_each at ${where(forEach)} depends on values Terraform reads during planning (data sources, modules not downloaded)`,
      };
    return cannotPredict('value');
  }
  if (value === null)
    return invalid(
      'The given "for_each" argument value is unsuitable: the given "for_each" argument value is null. A map, or set of strings is allowed.',
    );
  if (Array.isArray(value))
    return invalid(
      `The given "for_each" argument value is unsuitable: the "for_each" argument must be a map, or set of strings, and you have provided a value of type ${value.length === 0 ? 'tuple' : 'tuple'}.`,
    );
  if (value instanceof TerraformSet) {
    const keys: string[] = [];
    for (const item of value.items) {
      if (isUnknown(item)) {
        if (item.cause === 'static')
          return {
            kind: 'undecided',
            reason: `for_each at ${where(forEach)} holds values Terraform reads during planning`,
          };
        return cannotPredict('set');
      }
      if (item === null)
        return invalid(
          'The given "for_each" argument value is unsuitable: "for_each" sets must not contain null values.',
        );
      if (typeof item !== 'string')
        return invalid(
          `The given "for_each" argument value is unsuitable: "for_each" supports maps and sets of strings, but you have provided a set containing type ${typeName(item)}.`,
        );
      keys.push(item);
    }
    return { kind: 'for_each', keys, values: new Map(keys.map((key) => [key, key])) };
  }
  if (isObjectValue(value)) {
    const keys = sortedKeys(value);
    return { kind: 'for_each', keys, values: new Map(keys.map((key) => [key, value[key]!])) };
  }
  return invalid(
    `The given "for_each" argument value is unsuitable: the "for_each" argument must be a map, or set of strings, and you have provided a value of type ${typeName(value)}.`,
  );
}

function where(attribute: Attribute): string {
  return `${attribute.range.filename}:${attribute.range.start.line}`;
}

/** (key, value) pairs a dynamic block iterates: list index, map key, or set element. */
function dynamicPairs(
  collection: Value,
  forEach: Attribute,
  report: (diagnostic: Diagnostic) => void,
): [Value, Value][] {
  if (collection === null) return [];
  if (Array.isArray(collection)) return collection.map((value, index) => [index, value]);
  if (collection instanceof TerraformSet) return collection.items.map((value) => [value, value]);
  if (isObjectValue(collection)) return sortedKeys(collection).map((key) => [key, collection[key]!]);
  report({
    severity: 'error',
    summary: 'Invalid dynamic for_each value',
    detail: `Cannot use a ${typeName(collection)} value in for_each. An iterable collection is required.`,
    range: forEach.expression.range,
  });
  return [];
}

void convertToBool;
void convertToString;
