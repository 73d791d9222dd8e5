import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { planWorkspace } from '../eval/__fixtures__/plan-workspace.js';
import { GATE_FAILED_EXIT_CODE } from './eval-command.js';
import { createProgram } from './main.js';

// The commands run in-process on a real workspace; stdout is captured, not replaced.

let workspace: string;
beforeAll(async () => {
  workspace = await planWorkspace();
});
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

async function cli(...args: string[]): Promise<{ code: number; stdout: string }> {
  // main.ts registers eval and runs with every other command.
  const program = createProgram();
  let stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'infralm', '--workspace', workspace, '--quiet', ...args]);
  } finally {
    vi.restoreAllMocks();
  }
  const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  process.exitCode = undefined;
  return { code, stdout };
}

describe('infralm eval and infralm runs', () => {
  it('evaluates, gates, lists, shows, compares and re-reports runs', async () => {
    const passed = await cli(
      'eval',
      'plan',
      '--split',
      'train',
      '--resamples',
      '50',
      '--no-report',
      '--json',
      '--run-id',
      'first',
      '--fail-under',
      'f1=0.5',
    );
    expect(passed.code).toBe(0);
    const result = JSON.parse(passed.stdout) as {
      run_id: string;
      metrics: { model: string; values: Record<string, number> }[];
      gates: { passed: boolean }[];
    };
    expect(result.run_id).toBe('first');
    expect(result.metrics[0]!.model).toBe('baseline');
    expect(result.gates).toEqual([expect.objectContaining({ metric: 'f1', threshold: 0.5, passed: true })]);

    const failed = await cli(
      'eval',
      'plan',
      '--split',
      'train',
      '--resamples',
      '50',
      '--no-report',
      '--run-id',
      'second',
      '--limit',
      '4',
      '--fail-under',
      'exact_match=1.5',
    );
    expect(failed.code).toBe(GATE_FAILED_EXIT_CODE);
    expect(failed.stdout).toContain('gate exact_match ≥ 1.5: baseline 1.000 FAIL');
    expect(failed.stdout).toMatch(/exact_match\s+1\.000 \[1\.000, 1\.000\]/);

    const list = await cli('runs', 'list', '--json');
    expect((JSON.parse(list.stdout) as { id: string }[]).map((run) => run.id).sort()).toEqual([
      'first',
      'second',
    ]);
    const table = await cli('runs', 'list');
    expect(table.stdout).toMatch(/^id\s+task\s+split\s+examples\s+status\s+models/);

    const show = await cli('runs', 'show', 'first');
    expect(show.stdout).toContain('### InfraLM eval: plan (train split,');

    const compare = await cli('runs', 'compare', 'first', 'second', '--resamples', '100');
    expect(compare.stdout).toMatch(/on 4 paired examples/);
    expect(compare.stdout).toMatch(
      /f1 \*\s+1\.000\s+1\.000\s+\+0\.000\s+\[\+0\.000, \+0\.000\]\s+1\.000\s+no/,
    );

    const report = await cli('runs', 'report', 'second');
    expect(report.stdout).toContain('report.html');
    expect(existsSync(join(workspace, 'runs', 'second', 'report.html'))).toBe(true);
  }, 20_000);

  it('rejects an unknown gate metric and an unknown run with usage errors', async () => {
    await expect(cli('eval', 'plan', '--fail-under', 'bleu=0.1')).rejects.toThrow(/no metric "bleu"/);
    await expect(cli('runs', 'show', 'nope')).rejects.toThrow(/run "nope"/);
  });
});
