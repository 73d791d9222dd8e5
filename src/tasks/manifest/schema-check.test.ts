import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { renderManifestRecord } from './record.js';
import {
  buildSchemaReport,
  checkRecord,
  isKubernetesYaml,
  SCHEMA_VIOLATIONS,
  type SchemaViolation,
} from './schema-check.js';

// A small real detector (emails and IPv4 addresses) standing in for the redactor, which is injected.
function detectSensitive(text: string): { type: string }[] {
  const findings: { type: string }[] = [];
  for (const _ of text.matchAll(/[\w.+-]+@[\w-]+\.[\w.]+/g)) findings.push({ type: 'email' });
  for (const _ of text.matchAll(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g)) findings.push({ type: 'ipv4' });
  return findings;
}
const options = { detectSensitive };

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: server\n';
const TOOL = {
  type: 'function',
  function: {
    name: 'apply_manifest',
    description: 'Apply a manifest.',
    parameters: {
      type: 'object',
      properties: { manifest_content: { type: 'string' } },
      required: ['manifest_content'],
    },
  },
};

function toolCall(argumentsText: string, name = 'apply_manifest') {
  return { id: 'call_ab12', type: 'function', function: { name, arguments: argumentsText } };
}

function toolCallLine(
  overrides: { manifest?: string; user?: string; system?: string; call?: unknown; tools?: unknown } = {},
): string {
  const messages: unknown[] = [];
  if (overrides.system !== undefined) messages.push({ role: 'system', content: overrides.system });
  messages.push({ role: 'user', content: overrides.user ?? 'Deploy the model server.' });
  const call =
    overrides.call ?? toolCall(JSON.stringify({ manifest_content: overrides.manifest ?? DEPLOYMENT }));
  messages.push({ role: 'assistant', tool_calls: [call] });
  return JSON.stringify({ messages, tools: overrides.tools ?? [TOOL] });
}

function legacyLine(assistantContent: string, user = 'Deploy the model server.'): string {
  return JSON.stringify({
    messages: [
      { role: 'user', content: user },
      { role: 'assistant', content: assistantContent },
    ],
  });
}

describe('checkRecord', () => {
  it('accepts the tool-call form with and without a system message and returns the manifest', () => {
    for (const line of [toolCallLine(), toolCallLine({ system: 'You write Kubernetes manifests.' })]) {
      expect(checkRecord(line, options)).toEqual({ violations: [], piiTypes: [], manifest: DEPLOYMENT });
    }
  });

  it('accepts the legacy AutoMend form', () => {
    const line = legacyLine(
      JSON.stringify({ tool: 'apply_manifest', params: { manifest_content: DEPLOYMENT } }),
    );
    expect(checkRecord(line, options)).toEqual({ violations: [], piiTypes: [], manifest: DEPLOYMENT });
  });

  it('accepts a multi-document stream when one document is a Kubernetes object', () => {
    const manifest = `---\n# comment only\n---\nfoo: bar\n---\n${DEPLOYMENT}`;
    expect(checkRecord(toolCallLine({ manifest }), options).violations).toEqual([]);
  });

  it('flags a line that is not JSON, and nothing else', () => {
    expect(checkRecord('{"messages": [', options)).toEqual({
      violations: ['invalid_json_line'],
      piiTypes: [],
    });
  });

  it('flags missing keys', () => {
    for (const line of ['[]', '{}', '{"messages": "hi"}', '{"messages": [1, 2]}']) {
      expect(checkRecord(line, options).violations).toContain('missing_keys');
    }
    const noTools = JSON.parse(toolCallLine());
    delete noTools.tools;
    expect(checkRecord(JSON.stringify(noTools), options).violations).toEqual(['missing_keys']);
    const emptyUser = toolCallLine({ user: '  ' });
    expect(checkRecord(emptyUser, options).violations).toEqual(['missing_keys']);
  });

  it('flags the wrong role order but still checks the content', () => {
    const record = JSON.parse(toolCallLine({ manifest: 'kind: [' }));
    record.messages.reverse();
    expect(checkRecord(JSON.stringify(record), options).violations).toEqual(['role_order', 'invalid_yaml']);

    const extra = JSON.parse(toolCallLine());
    extra.messages.push({ role: 'tool', content: 'applied', tool_call_id: 'call_ab12' });
    expect(checkRecord(JSON.stringify(extra), options).violations).toEqual(['role_order']);

    const lateSystem = JSON.parse(toolCallLine());
    lateSystem.messages.splice(1, 0, { role: 'system', content: 'late' });
    expect(checkRecord(JSON.stringify(lateSystem), options).violations).toEqual(['role_order']);
  });

  it('flags tool calls that are not one apply_manifest call with a JSON object argument', () => {
    const good = toolCall(JSON.stringify({ manifest_content: DEPLOYMENT }));
    const twoCalls = JSON.parse(toolCallLine());
    twoCalls.messages[1].tool_calls.push(good);
    const cases: [string, SchemaViolation[]][] = [
      [JSON.stringify(twoCalls), ['invalid_tool_json']],
      [toolCallLine({ call: toolCall('{"manifest_content": ') }), ['invalid_tool_json']],
      [toolCallLine({ call: toolCall('"just a string"') }), ['invalid_tool_json']],
      [toolCallLine({ call: toolCall(JSON.stringify({ manifest_content: 42 })) }), ['invalid_tool_json']],
      [toolCallLine({ call: { ...good, type: 'code' } }), ['invalid_tool_json']],
      [
        toolCallLine({ call: toolCall(JSON.stringify({ manifest_content: DEPLOYMENT }), 'kubectl') }),
        ['wrong_tool'],
      ],
      [toolCallLine({ tools: [{ ...TOOL, function: { ...TOOL.function, name: 'other' } }] }), ['wrong_tool']],
      [legacyLine('not json'), ['invalid_tool_json']],
      [
        legacyLine(JSON.stringify({ tool: 'kubectl', params: { manifest_content: DEPLOYMENT } })),
        ['wrong_tool'],
      ],
      [legacyLine(JSON.stringify({ tool: 'apply_manifest', params: {} })), ['invalid_tool_json']],
    ];
    for (const [line, expected] of cases) expect(checkRecord(line, options).violations).toEqual(expected);
  });

  it('parses only manifests not already known to be valid, and any changed byte is parsed', () => {
    const known = new Set([DEPLOYMENT]);
    const isKnownValid = (manifest: string) => known.has(manifest);
    let parsed = 0;
    const counting = (manifest: string) => {
      const valid = isKnownValid(manifest);
      if (!valid) parsed++;
      return valid;
    };
    expect(
      checkRecord(toolCallLine({ manifest: DEPLOYMENT }), { ...options, isKnownValid: counting }).violations,
    ).toEqual([]);
    expect(parsed).toBe(0);
    const tampered = DEPLOYMENT.replace('name: server', 'name: [server');
    expect(
      checkRecord(toolCallLine({ manifest: tampered }), { ...options, isKnownValid: counting }).violations,
    ).toEqual(['invalid_yaml']);
    expect(parsed).toBe(1);
  });

  it('flags manifests that do not parse or hold no Kubernetes object', () => {
    for (const manifest of [
      'kind: [unclosed',
      'just text',
      'apiVersion: v1\nmetadata: {}\n',
      'a: 1\na: 2\n',
      '',
    ]) {
      const result = checkRecord(toolCallLine({ manifest }), options);
      expect(result.violations).toEqual(['invalid_yaml']);
      expect(result.manifest).toBe(manifest);
    }
  });

  it('scans only manifests not already known to be clean, and always the user turn', () => {
    const clean = DEPLOYMENT;
    const leaking = `${DEPLOYMENT}  annotations:\n    owner: jane@example.com\n`;
    const scanned: string[] = [];
    const checking = {
      ...options,
      detectSensitive: (text: string) => {
        scanned.push(text);
        return options.detectSensitive(text);
      },
      isKnownClean: (manifest: string) => manifest === clean,
    };
    expect(checkRecord(toolCallLine({ manifest: clean, user: 'Deploy it' }), checking).violations).toEqual(
      [],
    );
    expect(scanned).toEqual(['Deploy it']);
    scanned.length = 0;
    // Any other bytes (here a leak added after the fact) are scanned and caught.
    expect(checkRecord(toolCallLine({ manifest: leaking, user: 'Deploy it' }), checking)).toMatchObject({
      violations: ['pii_leak'],
      piiTypes: ['email'],
    });
    expect(scanned).toEqual(['Deploy it', leaking]);
  });

  it('flags PII in the user turn or the manifest with its types, but not in the system prompt', () => {
    const inManifest = checkRecord(
      toolCallLine({ manifest: `${DEPLOYMENT}  annotations:\n    owner: jane@example.com\n` }),
      options,
    );
    expect(inManifest).toMatchObject({ violations: ['pii_leak'], piiTypes: ['email'] });
    const inUser = checkRecord(toolCallLine({ user: 'Deploy to 10.0.0.12 for ops@example.org' }), options);
    expect(inUser).toMatchObject({ violations: ['pii_leak'], piiTypes: ['email', 'ipv4'] });
    const inSystem = checkRecord(toolCallLine({ system: 'Contact admin@example.com' }), options);
    expect(inSystem.violations).toEqual([]);
  });

  it('reports every violation a record has, in the canonical order', () => {
    const line = toolCallLine({
      user: 'mail me at a@b.co',
      call: toolCall(JSON.stringify({ manifest_content: 'nope' }), 'kubectl'),
    });
    expect(checkRecord(line, options).violations).toEqual(['wrong_tool', 'invalid_yaml', 'pii_leak']);
  });

  it('accepts every record the manifest builder renders, in both formats (property)', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
    const object = fc.record({
      apiVersion: fc.constantFrom('v1', 'apps/v1', 'serving.kserve.io/v1beta1'),
      kind: fc.constantFrom('Deployment', 'Service', 'InferenceService', 'ConfigMap'),
      metadata: fc.record({ name, labels: fc.dictionary(name, fc.string({ maxLength: 20 })) }),
      data: fc.dictionary(name, fc.string({ maxLength: 40 })),
    });
    fc.assert(
      fc.property(
        fc.array(object, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('tool_calls', 'legacy') as fc.Arbitrary<'tool_calls' | 'legacy'>,
        fc.option(
          fc.string({ maxLength: 30 }).filter((text) => !/@|\d/.test(text)),
          { nil: undefined },
        ),
        (documents, format, systemPrompt) => {
          const manifest = documents.map((document) => dump(document)).join('---\n');
          const line = renderManifestRecord(
            { instruction: 'Deploy the serving configuration.' },
            { manifest },
            { format, recordId: 'abcdef0123456789', ...(systemPrompt ? { systemPrompt } : {}) },
          );
          expect(checkRecord(line, { detectSensitive: () => [] })).toEqual({
            violations: [],
            piiTypes: [],
            manifest,
          });
        },
      ),
    );
  });

  it('never throws and always reports a problem for arbitrary lines (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((value) => JSON.stringify(value)),
        ),
        (line) => {
          expect(checkRecord(line, options).violations.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe('isKubernetesYaml', () => {
  it('needs non-empty string apiVersion and kind', () => {
    expect(isKubernetesYaml('apiVersion: v1\nkind: Service\n')).toBe(true);
    expect(isKubernetesYaml('apiVersion: v1\nkind: ""\n')).toBe(false);
    expect(isKubernetesYaml('apiVersion: 1\nkind: Service\n')).toBe(false);
    expect(isKubernetesYaml('- apiVersion: v1\n  kind: Service\n')).toBe(false);
  });
});

describe('buildSchemaReport', () => {
  it('gives pass rate 0, not NaN, for no records', () => {
    const report = buildSchemaReport([]);
    expect(report).toMatchObject({
      total: 0,
      valid: 0,
      pass_rate_pct: 0,
      pii_leaks: 0,
      pii_types: {},
      by_split: {},
    });
    expect(Object.values(report.violation_counts).every((count) => count === 0)).toBe(true);
  });

  it('counts records per violation, PII type and split', () => {
    const report = buildSchemaReport([
      { split: 'train', violations: [], piiTypes: [] },
      { split: 'train', violations: ['invalid_yaml', 'invalid_yaml'], piiTypes: [] },
      { split: 'test', violations: ['pii_leak'], piiTypes: ['email', 'ipv4', 'email'] },
      { split: 'test', violations: ['pii_leak', 'wrong_tool'], piiTypes: ['email'] },
      { split: 'validation', violations: [], piiTypes: [] },
      { split: 'train', violations: [], piiTypes: [] },
    ]);
    expect(report.total).toBe(6);
    expect(report.valid).toBe(3);
    expect(report.pass_rate_pct).toBe(50);
    expect(report.violation_counts).toMatchObject({
      invalid_yaml: 1,
      pii_leak: 2,
      wrong_tool: 1,
      missing_keys: 0,
    });
    expect(Object.keys(report.violation_counts)).toEqual([...SCHEMA_VIOLATIONS]);
    expect(report.pii_leaks).toBe(2);
    expect(report.pii_types).toEqual({ email: 2, ipv4: 1 });
    expect(report.by_split).toEqual({
      test: { total: 2, valid: 0 },
      train: { total: 3, valid: 2 },
      validation: { total: 1, valid: 1 },
    });
  });

  it('rounds the pass rate to one decimal', () => {
    const results = [0, 1, 2].map((index) => ({
      split: 'train',
      violations: index === 0 ? (['role_order'] as SchemaViolation[]) : [],
      piiTypes: [],
    }));
    expect(buildSchemaReport(results).pass_rate_pct).toBe(66.7);
  });

  it('keeps its totals consistent (property)', () => {
    const result = fc.record({
      split: fc.constantFrom('train', 'validation', 'test'),
      violations: fc.subarray([...SCHEMA_VIOLATIONS]),
      piiTypes: fc.array(fc.constantFrom('email', 'ipv4', 'api_key'), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(result, { maxLength: 60 }), (results) => {
        const report = buildSchemaReport(results);
        const splits = Object.values(report.by_split);
        expect(splits.reduce((sum, split) => sum + split.total, 0)).toBe(report.total);
        expect(splits.reduce((sum, split) => sum + split.valid, 0)).toBe(report.valid);
        for (const count of Object.values(report.violation_counts)) {
          expect(count).toBeLessThanOrEqual(report.total - report.valid);
        }
        expect(report.pass_rate_pct).toBeGreaterThanOrEqual(0);
        expect(report.pass_rate_pct).toBeLessThanOrEqual(100);
        expect(
          Math.abs(report.pass_rate_pct - (report.total ? (100 * report.valid) / report.total : 0)),
        ).toBeLessThanOrEqual(0.05);
      }),
    );
  });
});
