// biome-ignore-all lint/suspicious/noTemplateCurlyInString: HCL sources use ${ } interpolation on purpose.
import { describe, expect, it } from 'vitest';
import type { Block, Diagnostic, Range } from './ast.js';
import { parseConfigFile } from './parse-config-file.js';
import { parseTerraformJson, parseTfvarsJson } from './parse-json.js';
import { withoutRanges } from './without-ranges.js';

const at = (range: Range | undefined): string =>
  range ? `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}` : 'none';

const located = (diagnostics: Diagnostic[]): string[] =>
  diagnostics.map((diagnostic) => `${diagnostic.summary}@${at(diagnostic.range)}`);

const summary = (block: Block): string => `${block.type}${block.labels.map((label) => `.${label}`).join('')}`;

const CONFIGURATION = `{
  "//": "Generated; comments are ignored.",
  "resource": {
    "aws_instance": {
      "web": {
        "ami": "ami-\\u0031\${var.suffix}",
        "count": 2,
        "ebs_block_device": { "volume_size": 10 },
        "lifecycle": { "create_before_destroy": true, "precondition": { "condition": "\${true}", "error_message": "m" } },
        "provisioner": { "local-exec": [{ "command": "one" }, { "command": "two" }] },
        "dynamic": { "tag": { "for_each": "\${var.tags}", "content": { "key": "\${tag.key}" } } }
      }
    }
  },
  "provider": { "aws": [{ "region": "us-east-1" }, { "alias": "west", "region": "us-west-2" }] },
  "locals": { "list": [1, true, null, "s"] },
  "terraform": {
    "required_version": ">= 1.5",
    "required_providers": { "aws": { "source": "hashicorp/aws" } },
    "backend": { "s3": { "bucket": "state" } }
  },
  "variable": { "names": { "type": "list(string)", "validation": { "condition": "\${true}", "error_message": "m" } } },
  "output": { "id": { "value": "\${aws_instance.web.id}" } },
  "module": { "vpc": { "source": "./vpc", "cidr": "10.0.0.0/16" } },
  "data": { "aws_ami": { "ubuntu": { "most_recent": true } } },
  "moved": [{ "from": "a.b", "to": "a.c" }]
}`;

describe('Terraform JSON configuration', () => {
  const file = parseTerraformJson(CONFIGURATION, 'main.tf.json');

  it('parses without diagnostics and finds the top-level blocks with their labels', () => {
    expect(file.diagnostics).toEqual([]);
    expect(file.body.attributes).toEqual([]);
    expect(file.body.blocks.map(summary)).toEqual([
      'resource.aws_instance.web',
      'provider.aws',
      'provider.aws',
      'locals',
      'terraform',
      'variable.names',
      'output.id',
      'module.vpc',
      'data.aws_ami.ubuntu',
      'moved',
    ]);
  });

  it('treats only meta blocks inside a resource as blocks', () => {
    const resource = file.body.blocks[0]!;
    expect(resource.body.attributes.map((attribute) => attribute.name)).toEqual([
      'ami',
      'count',
      'ebs_block_device',
    ]);
    expect(resource.body.blocks.map(summary)).toEqual([
      'lifecycle',
      'provisioner.local-exec',
      'provisioner.local-exec',
      'dynamic.tag',
    ]);
    expect(resource.body.blocks[0]!.body.blocks.map(summary)).toEqual(['precondition']);
    expect(resource.body.blocks[3]!.body.blocks.map(summary)).toEqual(['content']);
  });

  it('uses the terraform block schema', () => {
    const terraform = file.body.blocks[4]!;
    expect(terraform.body.attributes.map((attribute) => attribute.name)).toEqual(['required_version']);
    expect(terraform.body.blocks.map(summary)).toEqual(['required_providers', 'backend.s3']);
    expect(terraform.body.blocks[0]!.body.attributes.map((attribute) => attribute.name)).toEqual(['aws']);
    expect(file.body.blocks[5]!.body.blocks.map(summary)).toEqual(['validation']);
  });

  it('turns JSON values into expressions: strings are templates, plain strings literals', () => {
    const [locals] = file.body.blocks.filter((block) => block.type === 'locals');
    expect(withoutRanges(locals!.body.attributes[0]!.expression)).toEqual({
      type: 'tuple',
      items: [
        { type: 'literal', value: 1 },
        { type: 'literal', value: true },
        { type: 'literal', value: null },
        { type: 'literal', value: 's' },
      ],
    });
    const ami = file.body.blocks[0]!.body.attributes[0]!;
    expect(withoutRanges(ami.expression)).toEqual({
      type: 'template',
      heredoc: false,
      parts: [
        { type: 'text', value: 'ami-1' },
        {
          type: 'interpolation',
          expression: { type: 'get-attr', object: { type: 'variable', name: 'var' }, name: 'suffix' },
        },
      ],
    });
  });

  it('maps template positions back through JSON escapes', () => {
    const ami = file.body.blocks[0]!.body.attributes[0]!;
    expect(at(ami.nameRange)).toBe('6:9-6:14');
    expect(at(ami.range)).toBe('6:9-6:41');
    if (ami.expression.type !== 'template') throw new Error('expected a template');
    expect(at(ami.expression.range)).toBe('6:16-6:41');
    // `ami-\u0031` is ten source characters for five decoded ones.
    expect(ami.expression.parts.map((part) => at(part.range))).toEqual(['6:17-6:27', '6:27-6:40']);
    const interpolation = ami.expression.parts[1]!;
    if (interpolation.type !== 'interpolation') throw new Error('expected an interpolation');
    expect(at(interpolation.expression.range)).toBe('6:29-6:39');
  });

  it('locates blocks from the type key to the end of the body', () => {
    const resource = file.body.blocks[0]!;
    expect(at(resource.typeRange)).toBe('3:3-3:13');
    expect(resource.labelRanges.map(at)).toEqual(['4:5-4:19', '5:7-5:12']);
    expect(at(resource.body.range)).toBe('5:14-12:8');
    expect(at(resource.range)).toBe('3:3-12:8');
  });

  it('keeps object keys as literal strings, or templates when they interpolate', () => {
    const parsed = parseTerraformJson('{"locals": {"m": {"a": 1, "${var.k}": 2, "$${x}": 3}}}', 'm.tf.json');
    expect(parsed.diagnostics).toEqual([]);
    const object = parsed.body.blocks[0]!.body.attributes[0]!.expression;
    if (object.type !== 'object') throw new Error('expected an object');
    expect(object.items.map((item) => withoutRanges(item.key))).toEqual([
      { type: 'literal', value: 'a' },
      {
        type: 'template',
        heredoc: false,
        parts: [
          {
            type: 'interpolation',
            expression: { type: 'get-attr', object: { type: 'variable', name: 'var' }, name: 'k' },
          },
        ],
      },
      { type: 'literal', value: '${x}' },
    ]);
  });

  it('reports redefined attributes and values of the wrong type for blocks', () => {
    const parsed = parseTerraformJson(
      '{"locals": {"a": 1, "a": 2}, "resource": {"t": {"n": {"lifecycle": "oops"}}}, "variable": ["x"]}',
      'bad.tf.json',
    );
    expect(located(parsed.diagnostics)).toEqual([
      'Attribute redefined@1:21-1:24',
      'Incorrect JSON value type@1:68-1:74',
      'Incorrect JSON value type@1:92-1:95',
    ]);
    expect(parsed.diagnostics[0]!.detail).toBe(
      'The argument "a" was already set at bad.tf.json:1,13-16. Each argument may be set only once.',
    );
  });

  it('reports JSON syntax errors with positions and keeps what parsed', () => {
    const parsed = parseTerraformJson(
      '{\n  "locals": {"a": [1,,2]},\n  "output": {"o" {}}\n}',
      'bad.tf.json',
    );
    expect(located(parsed.diagnostics)).toEqual([
      'Invalid start of value@2:22-2:23',
      'Missing property value colon@3:18-3:19',
    ]);
    expect(parsed.body.blocks.map(summary)).toEqual(['locals']);
    for (const source of ['', '{', '{"a": tru}', '[1]', '{"a": "\\x"}', '{"a": 01}', '{"a": 1,}']) {
      expect(parseTerraformJson(source, 'x.tf.json').diagnostics.length).toBeGreaterThan(0);
    }
  });
});

describe('tfvars JSON', () => {
  it('makes every top-level property an attribute', () => {
    const parsed = parseTfvarsJson(
      '{"region": "eu", "tags": {"a": "b"}, "resource": {"x": 1}}',
      'x.tfvars.json',
    );
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.body.blocks).toEqual([]);
    expect(parsed.body.attributes.map((attribute) => attribute.name)).toEqual(['region', 'tags', 'resource']);
  });
});

describe('parseConfigFile', () => {
  it('dispatches on the file extension', () => {
    expect(parseConfigFile('{"variable": {"x": {}}}', 'a.tf.json').body.blocks.map(summary)).toEqual([
      'variable.x',
    ]);
    expect(parseConfigFile('{"variable": {"x": {}}}', 'a.tfvars.json').body.attributes[0]!.name).toBe(
      'variable',
    );
    expect(parseConfigFile('region = "eu"\n', 'a.tfvars').body.attributes[0]!.name).toBe('region');
    expect(parseConfigFile('variable "x" {}\n', 'a.tf').body.blocks.map(summary)).toEqual(['variable.x']);
  });
});
