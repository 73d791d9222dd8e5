import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { InfraLMError } from '../core/errors.js';
import { registerDiffCommand } from './diff-command.js';

const directory = mkdtempSync(join(tmpdir(), 'infralm-diff-cli-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const DIFF_FILE = join(directory, 'pr.diff');
writeFileSync(
  DIFF_FILE,
  [
    'diff --git a/main.tf b/main.tf',
    'index 3b18e51..a9c1d3e 100644',
    '--- a/main.tf',
    '+++ b/main.tf',
    '@@ -1,4 +1,5 @@ terraform {',
    ' provider "aws" {',
    '-  region = "us-east-1"',
    '+  region = "eu-west-1"',
    '+  profile = "ci"',
    ' }',
    ' ',
    '@@ -20,3 +21,2 @@ resource "aws_s3_bucket" "logs" {',
    '   bucket = "logs"',
    '-  acl    = "public-read"',
    ' }',
    'diff --git "a/t\\303\\251st.tf" "b/t\\303\\251st.tf"',
    'index 1111111..2222222 100644',
    '--- "a/t\\303\\251st.tf"',
    '+++ "b/t\\303\\251st.tf"',
    '@@ -1 +1 @@',
    '-x = 1',
    '\\ No newline at end of file',
    '+x = 2',
    'diff --git a/logo.png b/logo.png',
    'index 1111111..2222222 100644',
    'Binary files a/logo.png and b/logo.png differ',
    '',
  ].join('\n'),
);

async function run(...args: string[]): Promise<string> {
  let output = '';
  const program = new Command('infralm')
    .exitOverride()
    .configureOutput({ writeOut: (text) => (output += text), writeErr: () => {} });
  registerDiffCommand(program);
  await program.parseAsync(['diff', 'map', ...args], { from: 'user' });
  return output;
}

async function failure(...args: string[]): Promise<Error> {
  try {
    await run(...args);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`expected infralm diff map ${args.join(' ')} to fail`);
}

describe('infralm diff map', () => {
  it('maps a position to a line and side, printing one JSON object and a newline', async () => {
    expect(await run('--diff', DIFF_FILE, '--path', 'main.tf', '--position', '3')).toBe(
      '{"line": 2, "side": "RIGHT"}\n',
    );
    expect(await run('--diff', DIFF_FILE, '--path', 'main.tf', '--position', '2')).toBe(
      '{"line": 2, "side": "LEFT"}\n',
    );
    expect(JSON.parse(await run('--diff', DIFF_FILE, '--path', 'main.tf', '--position', '9'))).toEqual({
      line: 21,
      side: 'LEFT',
    });
    // A context line answers RIGHT with its new number.
    expect(JSON.parse(await run('--diff', DIFF_FILE, '--path', 'main.tf', '--position', '5'))).toEqual({
      line: 4,
      side: 'RIGHT',
    });
  });

  it('maps a line and side to a position', async () => {
    expect(await run('--diff', DIFF_FILE, '--path', 'main.tf', '--line', '3', '--side', 'RIGHT')).toBe(
      '{"position": 4}\n',
    );
    expect(await run('--diff', DIFF_FILE, '--path', 'main.tf', '--line', '3', '--side', 'LEFT')).toBe(
      '{"position": 5}\n',
    );
    expect(await run('--diff', DIFF_FILE, '--path', 'main.tf', '--line', '22', '--side', 'right')).toBe(
      '{"position": 10}\n',
    );
    // After the old side's no-newline marker (position 2), the added line is position 3.
    expect(await run('--diff', DIFF_FILE, '--path', 'tést.tf', '--line', '1', '--side', 'RIGHT')).toBe(
      '{"position": 3}\n',
    );
  });

  it('fails with an InfraLMError (exit code 2 in main) naming the diff file and the problem', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['--path', 'nope.tf', '--position', '1'],
        /path "nope\.tf" is not in the diff \(files: "main\.tf", "tést\.tf", "logo\.png"\)/,
      ],
      [
        ['--path', 'main.tf', '--position', '11'],
        /position 11 is outside the diff of main\.tf \(positions 1–10\)/,
      ],
      [['--path', 'main.tf', '--position', '7'], /position 7 of main\.tf is a hunk header/],
      [['--path', 'tést.tf', '--position', '2'], /No newline at end of file" marker/],
      [
        ['--path', 'main.tf', '--line', '12', '--side', 'RIGHT'],
        /line 12 \(RIGHT\) of main\.tf is not in any hunk/,
      ],
      [['--path', 'logo.png', '--position', '1'], /logo\.png is a binary file/],
    ];
    for (const [args, message] of cases) {
      const error = await failure('--diff', DIFF_FILE, ...args);
      expect(InfraLMError.isInstance(error)).toBe(true);
      expect((error as InfraLMError).code).toBe('INFRALM_ERR_DIFF');
      expect((error as InfraLMError).status).toBeLessThan(500);
      expect(error.message.startsWith(`${DIFF_FILE}: diff: `)).toBe(true);
      expect(error.message).toMatch(message);
    }
  });

  it('refuses wrong usage and a missing diff file', async () => {
    const missing = await failure(
      '--diff',
      join(directory, 'missing.diff'),
      '--path',
      'x',
      '--position',
      '1',
    );
    expect((missing as InfraLMError).code).toBe('INFRALM_ERR_INPUT_NOT_FOUND');
    const both = await failure('--diff', DIFF_FILE, '--path', 'main.tf', '--position', '1', '--line', '1');
    expect((both as InfraLMError).code).toBe('INFRALM_ERR_USAGE');
    const neither = await failure('--diff', DIFF_FILE, '--path', 'main.tf');
    expect((neither as InfraLMError).code).toBe('INFRALM_ERR_USAGE');
    const badNumber = await failure('--diff', DIFF_FILE, '--path', 'main.tf', '--position', '1.5');
    expect(badNumber.message).toMatch(/expected a positive integer, got "1\.5"/);
    const badSide = await failure('--diff', DIFF_FILE, '--path', 'main.tf', '--line', '1', '--side', 'UP');
    expect(badSide.message).toMatch(/--side must be LEFT or RIGHT/);
    expect(await failure('--path', 'main.tf', '--position', '1')).toBeInstanceOf(CommanderError);
  });
});
