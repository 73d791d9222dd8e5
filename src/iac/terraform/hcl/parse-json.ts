// Terraform's JSON syntax (.tf.json, .tfvars.json) as the same syntax tree as native files. JSON cannot
// tell blocks from attributes by itself, so a schema decides, the one Terraform uses for the top level
// and its meta blocks; everything else is an attribute. JSON strings are templates with exact positions.

import type { Attribute, Block, Body, ConfigFile, Diagnostic, Expression, Range } from './ast.js';
import { errorAt, formatRange } from './diagnostics.js';
import {
  type JsonObject,
  type JsonString,
  type JsonValue,
  parseJsonDocument,
  sourceOffset,
} from './json-document.js';
import { parseTemplateAt } from './parse-native.js';
import { type Locator, PositionMap } from './position-map.js';

/** Which properties of a body are blocks, and how many labels each has; the rest are attributes. */
interface BodySchema {
  readonly [blockType: string]: BlockSchema;
}

interface BlockSchema {
  readonly labels: number;
  readonly body: BodySchema;
}

const ATTRIBUTES_ONLY: BodySchema = {};

const block = (labels: number, body: BodySchema = ATTRIBUTES_ONLY): BlockSchema => ({ labels, body });

const LIFECYCLE = { precondition: block(0), postcondition: block(0) };
const PROVISIONER = { connection: block(0) };
const DYNAMIC_CONTENT: Record<string, BlockSchema> = {};
const DYNAMIC: BodySchema = { content: block(0, DYNAMIC_CONTENT) };
// The content of a dynamic block may hold dynamic blocks of its own.
DYNAMIC_CONTENT.dynamic = block(1, DYNAMIC);

/** resource, data, module and provider bodies: attributes except Terraform's meta blocks. */
const RESOURCE_LIKE: BodySchema = {
  lifecycle: block(0, LIFECYCLE),
  connection: block(0),
  provisioner: block(1, PROVISIONER),
  dynamic: block(1, DYNAMIC),
};

/** The top level of a `.tf.json` file. */
const CONFIGURATION: BodySchema = {
  resource: block(2, RESOURCE_LIKE),
  data: block(2, RESOURCE_LIKE),
  module: block(1, RESOURCE_LIKE),
  provider: block(1, RESOURCE_LIKE),
  variable: block(1, { validation: block(0) }),
  output: block(1, { precondition: block(0) }),
  locals: block(0),
  terraform: block(0, {
    required_providers: block(0),
    backend: block(1),
    cloud: block(0, { workspaces: block(0) }),
    provider_meta: block(1),
  }),
  moved: block(0),
  import: block(0),
  removed: block(0, { lifecycle: block(0), connection: block(0), provisioner: block(1, PROVISIONER) }),
  check: block(0, { data: block(2, RESOURCE_LIKE), assert: block(0) }),
};

/** Parses a `.tf.json` file. */
export function parseTerraformJson(text: string, filename: string): ConfigFile {
  return parseJsonConfig(text, filename, CONFIGURATION);
}

/** Parses a `.tfvars.json` file: every top-level property is an attribute. */
export function parseTfvarsJson(text: string, filename: string): ConfigFile {
  return parseJsonConfig(text, filename, ATTRIBUTES_ONLY);
}

function parseJsonConfig(text: string, filename: string, schema: BodySchema): ConfigFile {
  const map = new PositionMap(text, filename);
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const diagnostics: Diagnostic[] = [];
  const emptyBody = (): Body => ({ attributes: [], blocks: [], range: map.range(start, text.length) });
  try {
    const { value, problems } = parseJsonDocument(text);
    for (const problem of problems) {
      diagnostics.push(errorAt(problem.summary, problem.detail, map.range(problem.start, problem.end)));
    }
    const decoder = new JsonDecoder(map, diagnostics);
    let body = emptyBody();
    if (value?.kind === 'object') {
      body = decoder.body(value, schema);
    } else if (value?.kind === 'array' && value.items.every((item) => item.kind === 'object')) {
      // hcl accepts an array of objects at the root and merges their contents.
      body = decoder.mergedBody(value.items as JsonObject[], schema, map.range(value.start, value.end));
    } else if (value) {
      diagnostics.push(
        errorAt(
          'Root value must be object',
          'The root value in a JSON-based configuration must be either a JSON object or a JSON array of objects.',
          map.range(value.start, value.end),
        ),
      );
    }
    diagnostics.sort((left, right) => (left.range?.start.byte ?? 0) - (right.range?.start.byte ?? 0));
    return { filename, body, diagnostics };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    diagnostics.push(
      errorAt(
        'Internal parser error',
        `The JSON parser failed unexpectedly: ${detail}`,
        map.range(start, text.length),
      ),
    );
    return { filename, body: emptyBody(), diagnostics };
  }
}

class JsonDecoder {
  constructor(
    private readonly map: PositionMap,
    private readonly diagnostics: Diagnostic[],
  ) {}

  body(object: JsonObject, schema: BodySchema): Body {
    return this.mergedBody([object], schema, this.span(object));
  }

  /** One body from the properties of several objects, in order; `//` properties are comments. */
  mergedBody(objects: JsonObject[], schema: BodySchema, range: Range): Body {
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    const seen = new Map<string, Attribute>();
    for (const object of objects) {
      for (const { key, value } of object.members) {
        if (key.value === '//') continue;
        const blockSchema = Object.hasOwn(schema, key.value) ? schema[key.value] : undefined;
        if (blockSchema) {
          this.blocks(key, value, blockSchema, [], [], blocks);
          continue;
        }
        const attribute: Attribute = {
          name: key.value,
          expression: this.expression(value),
          range: this.map.range(key.start, value.end),
          nameRange: this.span(key),
        };
        const existing = seen.get(attribute.name);
        if (existing) {
          this.diagnostics.push(
            errorAt(
              'Attribute redefined',
              `The argument "${attribute.name}" was already set at ${formatRange(existing.nameRange)}. Each argument may be set only once.`,
              attribute.nameRange,
            ),
          );
        } else {
          seen.set(attribute.name, attribute);
          attributes.push(attribute);
        }
      }
    }
    return { attributes, blocks, range };
  }

  /**
   * The blocks of one property: each label level is an object keyed by label, the innermost value is the
   * body object; at any level an array of objects stands for several of them.
   */
  private blocks(
    typeKey: JsonString,
    value: JsonValue,
    schema: BlockSchema,
    labels: string[],
    labelRanges: Range[],
    out: Block[],
  ): void {
    if (value.kind === 'array') {
      for (const item of value.items) this.blocks(typeKey, item, schema, labels, labelRanges, out);
      return;
    }
    if (value.kind !== 'object') {
      const detail =
        labels.length < schema.labels
          ? `A JSON object is required here, whose property names are the labels of the "${typeKey.value}" block.`
          : `Either a JSON object or a JSON array is required, representing the contents of one or more "${typeKey.value}" blocks.`;
      this.diagnostics.push(errorAt('Incorrect JSON value type', detail, this.span(value)));
      return;
    }
    if (labels.length < schema.labels) {
      for (const member of value.members) {
        if (member.key.value === '//') continue;
        this.blocks(
          typeKey,
          member.value,
          schema,
          [...labels, member.key.value],
          [...labelRanges, this.span(member.key)],
          out,
        );
      }
      return;
    }
    out.push({
      type: typeKey.value,
      labels,
      labelRanges,
      body: this.body(value, schema.body),
      range: this.map.range(typeKey.start, value.end),
      typeRange: this.span(typeKey),
    });
  }

  /** JSON values as expressions: strings are templates, arrays tuples, objects object constructors. */
  expression(value: JsonValue): Expression {
    switch (value.kind) {
      case 'string':
        return this.stringExpression(value);
      case 'array':
        return {
          type: 'tuple',
          items: value.items.map((item) => this.expression(item)),
          range: this.span(value),
        };
      case 'object':
        return {
          type: 'object',
          items: value.members.map((member) => ({
            key: this.stringExpression(member.key),
            value: this.expression(member.value),
          })),
          range: this.span(value),
        };
      default:
        return { type: 'literal', value: value.value, range: this.span(value) };
    }
  }

  /** A literal string, or a template when it has interpolations or directives. */
  private stringExpression(string: JsonString): Expression {
    const range = this.span(string);
    if (!string.value.includes('${') && !string.value.includes('%{')) {
      return { type: 'literal', value: string.value, range };
    }
    const map = this.map;
    const locator: Locator = {
      filename: map.filename,
      position: (index) => map.position(sourceOffset(string, index)),
    };
    const { template, diagnostics } = parseTemplateAt(string.value, locator);
    this.diagnostics.push(...diagnostics);
    if (!template) return { type: 'literal', value: string.value, range };
    const texts = template.parts.flatMap((part) => (part.type === 'text' ? [part.value] : []));
    if (texts.length === template.parts.length) {
      // Only escapes like `$${`: the template's value is fixed text.
      return { type: 'literal', value: texts.join(''), range };
    }
    return { ...template, range };
  }

  private span(value: { start: number; end: number }): Range {
    return this.map.range(value.start, value.end);
  }
}
