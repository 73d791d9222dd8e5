import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APPLY_MANIFEST_TOOL, parseManifestAnswer, renderManifestRecord } from './record.js';

const awkward = fc
  .string({ unit: 'grapheme', maxLength: 400 })
  .map((s) => `apiVersion: v1\nkind: ConfigMap\ndata:\n  x: "${s}"\n`);

describe('renderManifestRecord', () => {
  it('writes a real tool call whose arguments round-trip any manifest text exactly', () => {
    fc.assert(
      fc.property(
        fc.oneof(awkward, fc.string({ unit: 'binary', maxLength: 300 })),
        fc.string(),
        (manifest, instruction) => {
          const line = renderManifestRecord(
            { instruction },
            { manifest },
            { format: 'tool_calls', recordId: 'abc123', systemPrompt: 'sys' },
          );
          expect(line).not.toContain('\n');
          const record = JSON.parse(line);
          expect(record.messages.map((m: { role: string }) => m.role)).toEqual([
            'system',
            'user',
            'assistant',
          ]);
          expect(record.messages[1].content).toBe(instruction);
          const call = record.messages[2].tool_calls[0];
          expect(call).toMatchObject({
            type: 'function',
            id: 'call_abc123',
            function: { name: 'apply_manifest' },
          });
          expect(typeof call.function.arguments).toBe('string');
          expect(JSON.parse(call.function.arguments)).toEqual({ manifest_content: manifest });
          expect(record.tools).toEqual([APPLY_MANIFEST_TOOL]);
        },
      ),
    );
  });

  it("writes AutoMend's legacy form with the tool call as JSON content", () => {
    fc.assert(
      fc.property(awkward, (manifest) => {
        const line = renderManifestRecord(
          { instruction: 'Deploy it.' },
          { manifest },
          { format: 'legacy', recordId: 'x' },
        );
        const record = JSON.parse(line);
        expect(record.tools).toBeUndefined();
        expect(record.messages).toHaveLength(2);
        expect(JSON.parse(record.messages[1].content)).toEqual({
          tool: 'apply_manifest',
          params: { manifest_content: manifest },
        });
        expect(parseManifestAnswer(record.messages[1].content)).toEqual({ manifest });
      }),
    );
  });

  it('escapes quotes, backslashes, newlines and control characters', () => {
    const manifest = 'a: "quote \\" back\\\\slash"\nb: |\n  tab\there\u0001\n';
    const record = JSON.parse(
      renderManifestRecord({ instruction: 'x' }, { manifest }, { format: 'tool_calls', recordId: 'r' }),
    );
    expect(JSON.parse(record.messages.at(-1).tool_calls[0].function.arguments).manifest_content).toBe(
      manifest,
    );
  });
});

describe('parseManifestAnswer', () => {
  it('reads tool-call arguments, legacy JSON and bare YAML', () => {
    expect(parseManifestAnswer('{"manifest_content":"kind: Pod"}')).toEqual({ manifest: 'kind: Pod' });
    expect(parseManifestAnswer('{"tool":"apply_manifest","params":{"manifest_content":"a: 1"}}')).toEqual({
      manifest: 'a: 1',
    });
    expect(parseManifestAnswer('kind: Pod\n')).toEqual({ manifest: 'kind: Pod\n' });
  });

  it('rejects broken JSON and a missing manifest with a clear error', () => {
    expect(() => parseManifestAnswer('{"manifest_content": ')).toThrow(/not valid JSON/);
    expect(() => parseManifestAnswer('{"other": 1}')).toThrow(/manifest_content/);
    expect(() => parseManifestAnswer('  ')).toThrow(/empty/);
  });
});
