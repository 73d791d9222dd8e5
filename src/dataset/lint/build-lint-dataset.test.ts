import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLintDataset } from './build-lint-dataset.js';

const MIT =
  'MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software.\n\nTHE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.\n';

function corpus(): string {
  const root = mkdtempSync(join(tmpdir(), 'infralm-lint-corpus-'));
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('acme__infra/LICENSE', MIT);
  // Open SSH to the world: the built-in scanner says INSECURE.
  write(
    'acme__infra/network/main.tf',
    'resource "aws_security_group" "ssh" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n',
  );
  write(
    'acme__infra/queues/main.tf',
    'resource "aws_sqs_queue" "q" {\n  sqs_managed_sse_enabled = true\n}\n',
  );
  return root;
}

function metaLabels(workspace: string): Record<string, { label: string; source: string }> {
  const out: Record<string, { label: string; source: string }> = {};
  for (const split of ['train', 'validation', 'test']) {
    for (const line of readFileSync(join(workspace, 'gold', 'lint', `${split}.meta.jsonl`), 'utf8')
      .split('\n')
      .filter(Boolean)) {
      const entry = JSON.parse(line);
      out[entry.source.path] = { label: entry.target.label, source: entry.strata.label_source };
    }
  }
  return out;
}

describe('buildLintDataset', () => {
  it('labels with the scanner, or with an imported report where it covers a module, recording the source', async () => {
    const input = corpus();
    const scanner = mkdtempSync(join(tmpdir(), 'infralm-lint-ws-'));
    await buildLintDataset(scanner, { inputs: [input], seed: 1 });
    expect(metaLabels(scanner)).toEqual({
      network: { label: 'INSECURE', source: 'infralm-scanner' },
      queues: { label: 'SECURE', source: 'infralm-scanner' },
    });

    // Hand-built in Checkov's documented `-o json` format, as `checkov -d <corpus>` would write it:
    // the network module passes every check it ran; the queue module fails a HIGH one.
    const report = join(input, 'checkov.json');
    writeFileSync(
      report,
      JSON.stringify({
        check_type: 'terraform',
        results: {
          passed_checks: [
            {
              check_id: 'CKV_AWS_24',
              check_name: 'SSH',
              file_path: '/acme__infra/network/main.tf',
              file_line_range: [1, 8],
              resource: 'aws_security_group.ssh',
              severity: 'HIGH',
            },
          ],
          failed_checks: [
            {
              check_id: 'CKV_AWS_27',
              check_name: 'SQS encryption',
              file_path: '/acme__infra/queues/main.tf',
              file_line_range: [1, 3],
              resource: 'aws_sqs_queue.q',
              severity: 'HIGH',
            },
          ],
          skipped_checks: [],
          parsing_errors: [],
        },
        summary: { passed: 1, failed: 1, skipped: 0, parsing_errors: 0, resource_count: 2 },
      }),
    );
    const imported = mkdtempSync(join(tmpdir(), 'infralm-lint-ws-'));
    const result = await buildLintDataset(imported, { inputs: [input], seed: 1, labelsFrom: [report] });
    expect(metaLabels(imported)).toEqual({
      network: { label: 'SECURE', source: 'checkov' },
      queues: { label: 'INSECURE', source: 'checkov' },
    });
    expect(result.label_sources).toEqual({ checkov: 2 });
  });
});
