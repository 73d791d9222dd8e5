import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnvironment, findEngine, parseCliErrors, planWithCli } from './terraform-cli.js';

// A stand-in `terraform` on PATH that answers like the real CLI: `version`, `init`, `plan -out`,
// `show -json` with a recorded document, exit code 1 and Terraform's error text on a broken module.
// It also records its arguments and fails if it sees a cloud credential in its environment.
const RECORDED_SHOW = {
  format_version: '1.2',
  terraform_version: '1.9.8',
  resource_changes: [
    {
      address: 'aws_s3_bucket.b',
      mode: 'managed',
      type: 'aws_s3_bucket',
      name: 'b',
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: { actions: ['create'], before: null, after: { bucket: 'x' }, after_unknown: { arn: true } },
    },
  ],
};

const STAND_IN = `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.STAND_IN_LOG, JSON.stringify({ args, cwd: process.cwd() }) + '\\n');
if (Object.keys(process.env).some((name) => name.startsWith('AWS_'))) { console.error('credential leaked'); process.exit(7); }
const command = args[0];
if (command === 'version') { console.log('Terraform v1.9.8'); process.exit(0); }
if (command === 'init') { console.log('Terraform has been successfully initialized!'); process.exit(0); }
if (command === 'plan') {
  if (fs.readFileSync('main.tf', 'utf8').includes('var.missing')) {
    process.stderr.write('\\n\\u2577\\n\\u2502 Error: Reference to undeclared input variable\\n\\u2502 \\n\\u2502   on main.tf line 2, in resource "null_resource" "n":\\n\\u2502    2:   triggers = var.missing\\n\\u2502 \\n\\u2502 An input variable with the name "missing" has not been declared.\\n\\u2575\\n');
    process.exit(1);
  }
  const out = args.find((arg) => arg.startsWith('-out='));
  fs.writeFileSync(out.slice(5), 'binary plan');
  process.exit(0);
}
if (command === 'show') { process.stdout.write(fs.readFileSync(process.env.STAND_IN_SHOW, 'utf8')); process.exit(0); }
process.exit(2);
`;

function standIn(): { path: string; log: string; show: string } {
  const directory = mkdtempSync(join(tmpdir(), 'infralm-standin-'));
  const bin = join(directory, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'terraform'), STAND_IN);
  chmodSync(join(bin, 'terraform'), 0o755);
  const show = join(directory, 'show.json');
  writeFileSync(show, JSON.stringify(RECORDED_SHOW));
  return { path: `${bin}${delimiter}${process.env.PATH}`, log: join(directory, 'calls.jsonl'), show };
}

function module(text: string): string {
  const directory = mkdtempSync(join(tmpdir(), 'infralm-tfmod-'));
  writeFileSync(join(directory, 'main.tf'), text);
  writeFileSync(join(directory, 'terraform.tfstate'), '{"version":4}');
  return directory;
}

describe('planWithCli', () => {
  it('runs init, plan -out and show -json in a copy, without credentials, and returns the recorded changes', async () => {
    const fake = standIn();
    const directory = module('resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n');
    const result = await planWithCli(directory, {
      vars: ['region=eu-west-1'],
      environment: {
        PATH: fake.path,
        STAND_IN_LOG: fake.log,
        STAND_IN_SHOW: fake.show,
        AWS_SECRET_ACCESS_KEY: 'not-for-the-cli',
      },
    });
    expect(result.engine).toBe('terraform');
    expect(result.engine_version).toBe('Terraform v1.9.8');
    expect(result.diagnostics).toEqual([]);
    expect(result.resource_changes).toEqual(RECORDED_SHOW.resource_changes);
    const calls = readFileSync(fake.log, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(calls.map((call) => call.args[0])).toEqual(['version', 'init', 'plan', 'show']);
    expect(calls[1].args).toContain('-backend=false');
    expect(calls[2].args).toContain('-var=region=eu-west-1');
    expect(calls[2].cwd).not.toBe(directory);
  });

  it("returns Terraform's located error diagnostics when the plan fails", async () => {
    const fake = standIn();
    const directory = module('resource "null_resource" "n" {\n  triggers = var.missing\n}\n');
    const result = await planWithCli(directory, {
      environment: { PATH: fake.path, STAND_IN_LOG: fake.log, STAND_IN_SHOW: fake.show },
    });
    expect(result.resource_changes).toEqual([]);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({
      severity: 'error',
      summary: 'Reference to undeclared input variable',
      range: { filename: 'main.tf', start: { line: 2 } },
    });
    expect(result.diagnostics[0]!.detail).toContain('has not been declared');
  });

  it('says clearly when no terraform or tofu is installed', async () => {
    await expect(
      planWithCli(module(''), { environment: { PATH: mkdtempSync(join(tmpdir(), 'empty-')) } }),
    ).rejects.toThrow(/neither terraform nor tofu is on PATH/);
    expect(findEngine(['tofu'], '')).toBeUndefined();
  });

  it('strips cloud credentials and tokens from the environment', () => {
    const environment = cliEnvironment({
      PATH: '/bin',
      AWS_PROFILE: 'x',
      ARM_CLIENT_SECRET: 'y',
      GOOGLE_CREDENTIALS: 'z',
      HOME: '/h',
      TF_TOKEN_app_terraform_io: 't',
    });
    expect(environment).toMatchObject({ PATH: '/bin', HOME: '/h', TF_IN_AUTOMATION: '1' });
    expect(Object.keys(environment).some((name) => /AWS|ARM|GOOGLE|TF_TOKEN/.test(name))).toBe(false);
  });

  it('parses plain Terraform error text without the box gutter too', () => {
    expect(
      parseCliErrors(
        'Error: Invalid count argument\n\n  on main.tf line 5, in resource "a" "b":\n   5:   count = -1\n\nThe given "count" argument value is unsuitable.\n',
      ),
    ).toEqual([
      {
        severity: 'error',
        summary: 'Invalid count argument',
        detail: 'The given "count" argument value is unsuitable.',
        range: {
          filename: 'main.tf',
          start: { line: 5, column: 1, byte: 0 },
          end: { line: 5, column: 1, byte: 0 },
        },
      },
    ]);
  });
});
