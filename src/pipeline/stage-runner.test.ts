import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLock } from './lock-file.js';
import { createReporter } from './progress.js';
import { runStages, type Stage } from './stage-runner.js';
import { createWorkerPool } from './worker-pool.js';

function setup() {
  const workspace = mkdtempSync(join(tmpdir(), 'infralm-stages-'));
  writeFileSync(join(workspace, 'input.txt'), 'hello');
  const runs: string[] = [];
  const stages = (suffix: string): Stage[] => [
    {
      name: 'upper',
      params: { suffix },
      inputs: ['input.txt'],
      outputs: ['upper.txt'],
      async run() {
        runs.push('upper');
        writeFileSync(
          join(workspace, 'upper.txt'),
          readFileSync(join(workspace, 'input.txt'), 'utf8').toUpperCase() + suffix,
        );
        return { items_in: 1, items_out: 1, drops: {}, counts: {} };
      },
    },
    {
      name: 'count',
      params: {},
      inputs: ['upper.txt'],
      outputs: ['count.txt'],
      async run() {
        runs.push('count');
        writeFileSync(
          join(workspace, 'count.txt'),
          String(readFileSync(join(workspace, 'upper.txt'), 'utf8').length),
        );
        return { items_in: 1, items_out: 1, drops: { none: 0 }, counts: {} };
      },
    },
  ];
  const options = (force = false) => ({
    workspace,
    force,
    logLevel: 'silent' as const,
    reporter: createReporter({ quiet: true }),
    pool: createWorkerPool(1),
    codeVersion: 'test',
  });
  return { workspace, runs, stages, options };
}

describe('runStages', () => {
  it('skips unchanged stages, reruns on changed params, inputs, outputs or --force', async () => {
    const { workspace, runs, stages, options } = setup();
    await runStages(stages('!'), options());
    expect(runs).toEqual(['upper', 'count']);
    const lock = readLock(workspace);
    expect(Object.keys(lock.stages).sort()).toEqual(['count', 'upper']);
    expect(lock.stages.upper!.inputs['input.txt']).toMatch(/^[0-9a-f]{64}$/);

    runs.length = 0;
    const skipped = await runStages(stages('!'), options());
    expect(runs).toEqual([]);
    expect(skipped.every((result) => result.skipped)).toBe(true);

    await runStages(stages('?'), options()); // params changed: upper reruns, its new output reruns count
    expect(runs).toEqual(['upper', 'count']);
    runs.length = 0;

    writeFileSync(join(workspace, 'input.txt'), 'changed');
    await runStages(stages('?'), options());
    expect(runs).toEqual(['upper', 'count']);
    runs.length = 0;

    writeFileSync(join(workspace, 'count.txt'), 'tampered');
    await runStages(stages('?'), options());
    expect(runs).toEqual(['count']);
    runs.length = 0;

    await runStages(stages('?'), options(true));
    expect(runs).toEqual(['upper', 'count']);
  });

  it('takes fingerprints before a run only when the lock can skip it, and prefers what the run recorded', async () => {
    const { workspace, options } = setup();
    let tree = 'v1';
    const calls: string[] = [];
    const stage = (record: boolean): Stage => ({
      name: 'walk',
      params: {},
      inputs: [],
      fingerprints: () => {
        calls.push('fingerprints');
        return { tree };
      },
      outputs: ['walked.txt'],
      async run(context) {
        calls.push('run');
        writeFileSync(join(workspace, 'walked.txt'), tree);
        if (record) context.recordFingerprint('tree', `${tree} as read`);
        return { items_in: 1, items_out: 1, drops: {}, counts: {} };
      },
    });
    await runStages([stage(true)], options());
    expect(calls).toEqual(['run']); // fresh: no walk before, the run's own value is kept
    expect(readLock(workspace).stages.walk!.inputs).toEqual({ tree: 'v1 as read' });

    calls.length = 0;
    await runStages([stage(true)], options()); // 'v1' differs from the recorded value: runs again
    expect(calls).toEqual(['fingerprints', 'run']);

    calls.length = 0;
    await runStages([stage(false)], options()); // recorded nothing: the value taken before the run
    expect(calls).toEqual(['fingerprints', 'run']);
    expect(readLock(workspace).stages.walk!.inputs).toEqual({ tree: 'v1' });
    calls.length = 0;
    await runStages([stage(false)], options());
    expect(calls).toEqual(['fingerprints']);

    tree = 'v2';
    calls.length = 0;
    await runStages([stage(false)], options(true)); // forced: nothing before, taken after the run
    expect(calls).toEqual(['run', 'fingerprints']);
    expect(readLock(workspace).stages.walk!.inputs).toEqual({ tree: 'v2' });
  });

  it('fails clearly when a stage does not write its declared output', async () => {
    const { options } = setup();
    const bad: Stage = {
      name: 'bad',
      params: {},
      inputs: [],
      outputs: ['missing.txt'],
      run: async () => ({ items_in: 0, items_out: 0, drops: {}, counts: {} }),
    };
    await expect(runStages([bad], options())).rejects.toThrow(/bad: did not write missing.txt/);
  });
});
