// One Terraform module (a directory's .tf and .tf.json files) as declarations: variables, locals,
// outputs, resources, data sources, module calls and provider requirements, with the diagnostics
// Terraform gives for duplicate or malformed declarations.

import type { Attribute, Block, Body, ConfigFile, Diagnostic, Expression, Range } from '../hcl/ast.js';

export interface VariableDeclaration {
  name: string;
  type?: Expression;
  default?: Expression;
  nullable: boolean;
  sensitive: boolean;
  validations: { condition: Expression; errorMessage?: Expression; range: Range }[];
  range: Range;
}

export interface LocalDeclaration {
  name: string;
  expression: Expression;
  range: Range;
}

export interface OutputDeclaration {
  name: string;
  expression?: Expression;
  dependsOn: Expression[];
  range: Range;
}

export type ResourceMode = 'managed' | 'data';

export interface ResourceDeclaration {
  mode: ResourceMode;
  type: string;
  name: string;
  /** The block body without the meta-arguments (count, for_each, provider, depends_on, lifecycle). */
  body: Body;
  count?: Attribute;
  forEach?: Attribute;
  /** `provider = aws.west` as local name and alias. */
  provider?: { name: string; alias?: string; range: Range };
  dependsOn: Expression[];
  range: Range;
  /** `resource "type" "name"` (the block header), where terraform points its messages. */
  declarationRange: Range;
}

export interface ModuleCallDeclaration {
  name: string;
  source?: string;
  sourceRange?: Range;
  version?: string;
  /** The call's arguments: the child module's input variables. */
  arguments: Attribute[];
  count?: Attribute;
  forEach?: Attribute;
  providers?: Expression;
  dependsOn: Expression[];
  range: Range;
  declarationRange: Range;
}

export interface ProviderRequirement {
  localName: string;
  /** `hashicorp/aws`, `registry.terraform.io/hashicorp/aws`, ... as written. */
  source?: string;
  version?: string;
}

export interface ModuleDeclarations {
  directory: string;
  files: string[];
  variables: Map<string, VariableDeclaration>;
  locals: Map<string, LocalDeclaration>;
  outputs: Map<string, OutputDeclaration>;
  /** Keyed `type.name` for managed resources and `data.type.name` for data sources. */
  resources: Map<string, ResourceDeclaration>;
  moduleCalls: Map<string, ModuleCallDeclaration>;
  requiredProviders: Map<string, ProviderRequirement>;
  /** Local names of `provider` blocks (with aliases as `name.alias`). */
  providerConfigurations: Set<string>;
  diagnostics: Diagnostic[];
}

const RESOURCE_META = new Set(['count', 'for_each', 'provider', 'depends_on']);
const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/** Key of a resource declaration in ModuleDeclarations.resources. */
export function resourceKey(mode: ResourceMode, type: string, name: string): string {
  return mode === 'managed' ? `${type}.${name}` : `data.${type}.${name}`;
}

/**
 * Collect the declarations of one module from its parsed files. Override files (`override.tf`,
 * `*_override.tf`) are merged into the blocks they override, as Terraform does.
 */
export function buildModuleDeclarations(directory: string, files: ConfigFile[]): ModuleDeclarations {
  const module: ModuleDeclarations = {
    directory,
    files: files.map((file) => file.filename),
    variables: new Map(),
    locals: new Map(),
    outputs: new Map(),
    resources: new Map(),
    moduleCalls: new Map(),
    requiredProviders: new Map(),
    providerConfigurations: new Set(),
    diagnostics: [],
  };
  const isOverride = (name: string) => /(^|\/)(override|[^/]*_override)\.tf(\.json)?$/.test(name);
  for (const file of files.filter((file) => !isOverride(file.filename))) addFile(module, file, false);
  for (const file of files.filter((file) => isOverride(file.filename))) addFile(module, file, true);
  return module;
}

function error(module: ModuleDeclarations, summary: string, detail: string, range?: Range): void {
  module.diagnostics.push({ severity: 'error', summary, detail, ...(range ? { range } : {}) });
}

function formatRange(range: Range): string {
  return `${range.filename}:${range.start.line},${range.start.column}-${range.end.column}`;
}

function addFile(module: ModuleDeclarations, file: ConfigFile, override: boolean): void {
  for (const block of file.body.blocks) {
    switch (block.type) {
      case 'variable':
        addNamed(module, module.variables, block, 'variable', override, () =>
          variableDeclaration(module, block),
        );
        break;
      case 'output':
        addNamed(module, module.outputs, block, 'output', override, () => outputDeclaration(block));
        break;
      case 'locals':
        for (const attribute of block.body.attributes) {
          const existing = module.locals.get(attribute.name);
          if (existing && !override) {
            error(
              module,
              'Duplicate local value definition',
              `A local value named "${attribute.name}" was already defined at ${formatRange(existing.range)}. Local value names must be unique within a module.`,
              attribute.nameRange,
            );
            continue;
          }
          module.locals.set(attribute.name, {
            name: attribute.name,
            expression: attribute.expression,
            range: attribute.range,
          });
        }
        break;
      case 'resource':
      case 'data': {
        const mode: ResourceMode = block.type === 'resource' ? 'managed' : 'data';
        if (block.labels.length !== 2) {
          error(
            module,
            `Missing name for ${block.type}`,
            `All ${block.type} blocks must have 2 labels (type, name).`,
            block.typeRange,
          );
          break;
        }
        const [type, name] = block.labels as [string, string];
        const key = resourceKey(mode, type, name);
        const existing = module.resources.get(key);
        if (existing && override) {
          module.resources.set(
            key,
            resourceDeclaration(module, mode, mergeBodies(existing.body, block), block),
          );
          break;
        }
        if (existing) {
          const what = mode === 'managed' ? 'resource' : 'data';
          error(
            module,
            `Duplicate ${what} "${type}" configuration`,
            `A ${what} ${mode === 'managed' ? 'resource' : 'source'} named "${name}" was already declared at ${formatRange(existing.declarationRange)}. Resource names must be unique per type in each module.`,
            headerRange(block),
          );
          break;
        }
        module.resources.set(key, resourceDeclaration(module, mode, block.body, block));
        break;
      }
      case 'module':
        addNamed(module, module.moduleCalls, block, 'module', override, () =>
          moduleCallDeclaration(module, block),
        );
        break;
      case 'terraform':
        for (const inner of block.body.blocks) {
          if (inner.type !== 'required_providers') continue;
          for (const attribute of inner.body.attributes) {
            module.requiredProviders.set(attribute.name, providerRequirement(attribute));
          }
        }
        break;
      case 'provider': {
        const name = block.labels[0];
        if (!name) break;
        const alias = block.body.attributes.find((attribute) => attribute.name === 'alias');
        const aliasName = alias && literalString(alias.expression);
        module.providerConfigurations.add(aliasName ? `${name}.${aliasName}` : name);
        break;
      }
    }
  }
}

function headerRange(block: Block): Range {
  const last = block.labelRanges.at(-1);
  return {
    filename: block.typeRange.filename,
    start: block.typeRange.start,
    end: (last ?? block.typeRange).end,
  };
}

function addNamed<T extends { range: Range }>(
  module: ModuleDeclarations,
  map: Map<string, T>,
  block: Block,
  kind: 'variable' | 'output' | 'module',
  override: boolean,
  build: () => T,
): void {
  const name = block.labels[0];
  if (block.labels.length !== 1 || name === undefined) {
    error(
      module,
      `Missing name for ${kind}`,
      `All ${kind} blocks must have 1 labels (name).`,
      block.typeRange,
    );
    return;
  }
  const existing = map.get(name);
  if (existing && !override) {
    const summary =
      kind === 'variable'
        ? 'Duplicate variable declaration'
        : kind === 'output'
          ? 'Duplicate output definition'
          : 'Duplicate module call';
    const detail =
      kind === 'module'
        ? `A module call named "${name}" was already defined at ${formatRange(existing.range)}. Module calls must have unique names within a module.`
        : `A ${kind} named "${name}" was already ${kind === 'variable' ? 'declared' : 'defined'} at ${formatRange(existing.range)}. ${kind === 'variable' ? 'Variable' : 'Output'} names must be unique within a module.`;
    error(module, summary, detail, headerRange(block));
    return;
  }
  map.set(name, build());
}

function attributeOf(body: Body, name: string): Attribute | undefined {
  return body.attributes.find((attribute) => attribute.name === name);
}

/** The string of a literal or interpolation-free template, else undefined. */
export function literalString(expression: Expression): string | undefined {
  if (expression.type === 'literal' && typeof expression.value === 'string') return expression.value;
  if (expression.type === 'template' && expression.parts.every((part) => part.type === 'text')) {
    return expression.parts.map((part) => (part.type === 'text' ? part.value : '')).join('');
  }
  return undefined;
}

function literalBool(expression: Expression | undefined): boolean | undefined {
  if (expression?.type === 'literal' && typeof expression.value === 'boolean') return expression.value;
  if (expression?.type === 'variable' && (expression.name === 'true' || expression.name === 'false'))
    return expression.name === 'true';
  return undefined;
}

function variableDeclaration(module: ModuleDeclarations, block: Block): VariableDeclaration {
  const body = block.body;
  const validations = body.blocks
    .filter((inner) => inner.type === 'validation')
    .flatMap((inner) => {
      const condition = attributeOf(inner.body, 'condition');
      if (!condition) {
        error(
          module,
          'Missing required argument',
          'The argument "condition" is required, but no definition was found.',
          inner.range,
        );
        return [];
      }
      const message = attributeOf(inner.body, 'error_message');
      return [
        {
          condition: condition.expression,
          ...(message ? { errorMessage: message.expression } : {}),
          range: inner.range,
        },
      ];
    });
  const type = attributeOf(body, 'type');
  const fallback = attributeOf(body, 'default');
  return {
    name: block.labels[0]!,
    ...(type ? { type: type.expression } : {}),
    ...(fallback ? { default: fallback.expression } : {}),
    nullable: literalBool(attributeOf(body, 'nullable')?.expression) ?? true,
    sensitive: literalBool(attributeOf(body, 'sensitive')?.expression) ?? false,
    validations,
    range: headerRange(block),
  };
}

function outputDeclaration(block: Block): OutputDeclaration {
  const value = attributeOf(block.body, 'value');
  return {
    name: block.labels[0]!,
    ...(value ? { expression: value.expression } : {}),
    dependsOn: tupleItems(attributeOf(block.body, 'depends_on')?.expression),
    range: headerRange(block),
  };
}

function tupleItems(expression: Expression | undefined): Expression[] {
  if (!expression) return [];
  return expression.type === 'tuple' ? expression.items : [expression];
}

function providerReference(expression: Expression): { name: string; alias?: string } | undefined {
  if (expression.type === 'variable') return { name: expression.name };
  if (expression.type === 'get-attr' && expression.object.type === 'variable')
    return { name: expression.object.name, alias: expression.name };
  // Terraform 0.11 style: provider = "aws.west"
  const text = literalString(expression);
  if (text) {
    const [name, alias] = text.split('.');
    return name ? { name, ...(alias ? { alias } : {}) } : undefined;
  }
  return undefined;
}

function resourceDeclaration(
  module: ModuleDeclarations,
  mode: ResourceMode,
  body: Body,
  block: Block,
): ResourceDeclaration {
  const count = attributeOf(body, 'count');
  const forEach = attributeOf(body, 'for_each');
  if (count && forEach) {
    error(
      module,
      'Invalid combination of "count" and "for_each"',
      'The "count" and "for_each" meta-arguments are mutually-exclusive, only one should be used to be explicit about the number of resources to be created.',
      forEach.nameRange,
    );
  }
  const providerAttribute = attributeOf(body, 'provider');
  const provider = providerAttribute ? providerReference(providerAttribute.expression) : undefined;
  return {
    mode,
    type: block.labels[0]!,
    name: block.labels[1]!,
    body: {
      attributes: body.attributes.filter((attribute) => !RESOURCE_META.has(attribute.name)),
      blocks: body.blocks.filter((inner) => inner.type !== 'lifecycle'),
      range: body.range,
    },
    ...(count ? { count } : {}),
    ...(forEach ? { forEach } : {}),
    ...(provider && providerAttribute ? { provider: { ...provider, range: providerAttribute.range } } : {}),
    dependsOn: tupleItems(attributeOf(body, 'depends_on')?.expression),
    range: block.range,
    declarationRange: headerRange(block),
  };
}

function moduleCallDeclaration(module: ModuleDeclarations, block: Block): ModuleCallDeclaration {
  const body = block.body;
  const source = attributeOf(body, 'source');
  const sourceText = source ? literalString(source.expression) : undefined;
  if (!source) {
    error(
      module,
      'Missing required argument',
      'The argument "source" is required, but no definition was found.',
      headerRange(block),
    );
  } else if (sourceText === undefined) {
    error(module, 'Variables not allowed', 'Variables may not be used here.', source.expression.range);
  }
  const count = attributeOf(body, 'count');
  const forEach = attributeOf(body, 'for_each');
  if (count && forEach) {
    error(
      module,
      'Invalid combination of "count" and "for_each"',
      'The "count" and "for_each" meta-arguments are mutually-exclusive, only one should be used to be explicit about the number of resources to be created.',
      forEach.nameRange,
    );
  }
  const version = attributeOf(body, 'version');
  const providers = attributeOf(body, 'providers');
  return {
    name: block.labels[0]!,
    ...(sourceText !== undefined ? { source: sourceText, sourceRange: source!.expression.range } : {}),
    ...(version && literalString(version.expression) ? { version: literalString(version.expression)! } : {}),
    arguments: body.attributes.filter((attribute) => !MODULE_META.has(attribute.name)),
    ...(count ? { count } : {}),
    ...(forEach ? { forEach } : {}),
    ...(providers ? { providers: providers.expression } : {}),
    dependsOn: tupleItems(attributeOf(body, 'depends_on')?.expression),
    range: block.range,
    declarationRange: headerRange(block),
  };
}

function providerRequirement(attribute: Attribute): ProviderRequirement {
  const expression = attribute.expression;
  // Terraform 0.12 style: aws = "~> 3.0" (a version only).
  const versionOnly = literalString(expression);
  if (versionOnly !== undefined) return { localName: attribute.name, version: versionOnly };
  const requirement: ProviderRequirement = { localName: attribute.name };
  if (expression.type === 'object') {
    for (const item of expression.items) {
      const key = item.key.type === 'literal' ? item.key.value : literalString(item.key);
      const value = literalString(item.value);
      if (key === 'source' && value) requirement.source = value;
      if (key === 'version' && value) requirement.version = value;
    }
  }
  return requirement;
}

/** An override block's attributes replace the original's; its nested blocks replace same-type ones. */
function mergeBodies(original: Body, override: Block): Body {
  const overridden = new Set(override.body.attributes.map((attribute) => attribute.name));
  const overriddenBlocks = new Set(override.body.blocks.map((block) => block.type));
  return {
    attributes: [
      ...original.attributes.filter((attribute) => !overridden.has(attribute.name)),
      ...override.body.attributes,
    ],
    blocks: [
      ...original.blocks.filter((block) => !overriddenBlocks.has(block.type)),
      ...override.body.blocks,
    ],
    range: original.range,
  };
}
