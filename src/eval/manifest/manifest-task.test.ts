import { mkdtempSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type RecordFormat, renderManifestRecord } from '../../tasks/manifest/record.js';
import { evaluate } from '../evaluate.js';
import { createManifestTask } from './manifest-task.js';
import { readManifestExamples } from './read-manifest-examples.js';

const SYSTEM = 'You are AutoMend.';
const TRAIN = [
  {
    instruction: 'Deploy a Deployment named web running nginx:1.27 with 2 replicas.',
    manifest: 'kind: Deployment\n',
  },
  { instruction: 'Create a Service named redis exposing port 6379.', manifest: 'kind: Service\n' },
  { instruction: 'Write a ConfigMap named settings.', manifest: 'kind: ConfigMap\n' },
];
const TEST = [
  { instruction: 'Create a Service for redis on port 6379.', manifest: 'apiVersion: v1\nkind: Service\n' },
  { instruction: 'Deploy nginx as a Deployment.', manifest: 'apiVersion: apps/v1\nkind: Deployment\n' },
];

/** A workspace with gold manifest files written by the real record renderer. */
async function workspace(format: RecordFormat): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'infralm-eval-manifest-'));
  await mkdir(join(root, 'gold', 'manifest'), { recursive: true });
  const write = (split: string, records: typeof TRAIN) => {
    const lines = records.map((record, index) =>
      renderManifestRecord(
        { instruction: record.instruction },
        { manifest: record.manifest },
        {
          format,
          systemPrompt: SYSTEM,
          recordId: `${split}${index}`.padEnd(24, '0'),
        },
      ),
    );
    const meta = records.map((_, index) =>
      JSON.stringify({
        id: `${split}-${index}`,
        group: 'owner/repo',
        strata: { iac_type: index % 2 ? 'k8s_config' : 'k8s_workload', prompt_type: 'deploy' },
        source: { kind: 'directory', path: `${split}/${index}.yaml` },
        redactions: {},
      }),
    );
    writeFileSync(join(root, 'gold', 'manifest', `${split}.jsonl`), `${lines.join('\n')}\n`);
    writeFileSync(join(root, 'gold', 'manifest', `${split}.meta.jsonl`), `${meta.join('\n')}\n`);
  };
  write('train', TRAIN);
  write('test', TEST);
  return root;
}

describe('manifest task for evaluation', () => {
  it.each(['tool_calls', 'legacy'] as const)('reads %s records with their meta lines', async (format) => {
    const root = await workspace(format);
    const examples = [];
    for await (const example of readManifestExamples(root, 'test')) examples.push(example);
    expect(
      examples.map((example) => [example.id, example.input.instruction, example.target.manifest]),
    ).toEqual(TEST.map((record, index) => [`test-${index}`, record.instruction, record.manifest]));
    expect(examples[1]!.strata).toEqual({ iac_type: 'k8s_config', prompt_type: 'deploy' });
  });

  it('retrieves the gold manifest of the most similar training instruction', async () => {
    const task = await createManifestTask(await workspace('tool_calls'));
    expect(await task.baseline.predict(TEST[0]!)).toEqual({ manifest: 'kind: Service\n' });
    expect(await task.baseline.predict(TEST[1]!)).toEqual({ manifest: 'kind: Deployment\n' });
    expect(task.messages({ instruction: 'x' })).toEqual([
      { role: 'system', content: SYSTEM },
      { role: 'user', content: 'x' },
    ]);
    expect(task.parse('{"manifest_content":"kind: A\\n"}')).toEqual({ manifest: 'kind: A\n' });
  });

  it('evaluates the retrieval baseline end to end (hand-computed metrics)', async () => {
    const root = await workspace('tool_calls');
    const run = await evaluate({
      workspace: root,
      task: 'manifest',
      models: ['baseline'],
      report: false,
      resamples: 20,
    });
    // Each test question retrieves the right kind, but the training manifest lacks apiVersion:
    // valid YAML, not a valid Kubernetes object, kind match, fields P = 1/1, R = 1/2, F1 = 2/3.
    expect(run.metrics.models[0]!.values).toEqual({
      examples: 2,
      valid_yaml: 1,
      valid_kubernetes: 0,
      kind_match: 1,
      field_overlap: 2 / 3,
      field_precision: 1,
      field_recall: 0.5,
      parse_failure_rate: 0,
    });
    expect(Object.keys(run.metrics.models[0]!.by)).toEqual(['iac_type', 'prompt_type', 'size_bucket']);
  });

  it('names the file and line of a record without an instruction, and missing files', async () => {
    const root = await workspace('tool_calls');
    writeFileSync(join(root, 'gold', 'manifest', 'test.jsonl'), '{"messages":[]}\n{"messages":[]}\n');
    const read = async () => {
      for await (const _ of readManifestExamples(root, 'test'));
    };
    await expect(read()).rejects.toThrow(
      /test\.jsonl:1: record does not parse: the record has no user instruction/,
    );
    await expect(
      (async () => {
        for await (const _ of readManifestExamples(root, 'validation'));
      })(),
    ).rejects.toThrow(/validation\.jsonl \(build the dataset first: infralm build manifest/);
  });
});
