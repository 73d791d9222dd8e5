import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPlanDataset } from './build-plan-dataset.js';

// A stand-in `terraform` on PATH (as in terraform-cli.test.ts) that plans one resource the static
// planner would not predict, so the test can tell which engine labelled an example.
const STAND_IN = `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
if (args[0] === 'version') { console.log('Terraform v1.9.8'); process.exit(0); }
if (args[0] === 'init') process.exit(0);
if (args[0] === 'plan') { fs.writeFileSync(args.find((a) => a.startsWith('-out=')).slice(5), 'x'); process.exit(0); }
if (args[0] === 'show') {
  const modules = fs.existsSync('../../modules/queue/main.tf');
  process.stdout.write(JSON.stringify({ format_version: '1.2', resource_changes: [
    { address: modules ? 'module.q.aws_sqs_queue.from_cli' : 'aws_sqs_queue.from_cli', change: { actions: ['create'] } },
  ] }));
  process.exit(0);
}
process.exit(2);
`;

const originalPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = originalPath;
});

function corpus(): string {
  const root = mkdtempSync(join(tmpdir(), 'infralm-plan-corpus-'));
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write(
    'acme__infra/LICENSE',
    'MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software.\n\nTHE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.\n',
  );
  write('acme__infra/envs/prod/main.tf', 'module "q" {\n  source = "../../modules/queue"\n}\n');
  write('acme__infra/modules/queue/main.tf', 'resource "aws_sqs_queue" "q" {}\n');
  return root;
}

describe('buildPlanDataset', () => {
  it('labels with the static planner by default and with the real CLI when asked, recording which', async () => {
    const input = corpus();
    const staticWorkspace = mkdtempSync(join(tmpdir(), 'infralm-plan-ws-'));
    const byStatic = await buildPlanDataset(staticWorkspace, { inputs: [input], synthetic: 0, seed: 1 });
    expect(byStatic.corpus_examples).toBe(2);
    expect(byStatic.by_label_source).toEqual({ static: 2 });

    const bin = mkdtempSync(join(tmpdir(), 'infralm-standin-'));
    writeFileSync(join(bin, 'terraform'), STAND_IN);
    chmodSync(join(bin, 'terraform'), 0o755);
    process.env.PATH = `${bin}${delimiter}${originalPath}`;
    const cliWorkspace = mkdtempSync(join(tmpdir(), 'infralm-plan-ws-'));
    const byCli = await buildPlanDataset(cliWorkspace, {
      inputs: [input],
      synthetic: 0,
      seed: 1,
      engine: 'terraform',
    });
    expect(byCli.cli_labels).toEqual({ labelled: 2 });
    expect(byCli.by_label_source).toEqual({ terraform: 2 });
    const meta = ['train', 'validation', 'test']
      .flatMap((split) =>
        readFileSync(join(cliWorkspace, 'gold', 'plan', `${split}.meta.jsonl`), 'utf8').split('\n'),
      )
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    const prod = meta.find((entry) => entry.source.path === 'envs/prod');
    // The module call reaches ../../modules/queue: the copy kept the layout, so the CLI saw it.
    expect(prod.target.resource_changes).toEqual([
      { address: 'module.q.aws_sqs_queue.from_cli', actions: ['create'] },
    ]);
    expect(prod.strata.label_source).toBe('terraform');
  });
});
