import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { feedbackDatabasePath } from '../serve/create-server.js';
import { FeedbackStore } from '../serve/feedback-store.js';
import { parseModelFlags, registerFeedbackCommand, registerServeCommand } from './serve-command.js';

let workspace: string;
beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'infralm-serve-cli-'));
});
afterEach(() => rmSync(workspace, { recursive: true, force: true }));

function program(): Command {
  const root = new Command('infralm')
    .option('-w, --workspace <dir>')
    .option('--json', '', false)
    .option('-q, --quiet', '', false)
    .option('--set <x>', '', (value: string, previous: string[]) => [...previous, value], [])
    .exitOverride();
  registerServeCommand(root);
  registerFeedbackCommand(root);
  return root;
}

describe('parseModelFlags', () => {
  it('maps TASK=SPEC, keeping "=" and "#" inside the spec', () => {
    expect(parseModelFlags(['plan=baseline', 'lint=openai:http://127.0.0.1:9/v1#m=1'])).toEqual({
      plan: 'baseline',
      lint: 'openai:http://127.0.0.1:9/v1#m=1',
    });
  });
  it('rejects a flag without a task or a spec', () => {
    expect(() => parseModelFlags(['baseline'])).toThrow(/TASK=SPEC/);
    expect(() => parseModelFlags(['plan='])).toThrow(/TASK=SPEC/);
  });
});

describe('infralm feedback export', () => {
  it('writes the stored feedback as weighted JSONL', async () => {
    const store = await FeedbackStore.open(feedbackDatabasePath(workspace));
    await store.add({
      task: 'plan',
      prompt: 'p1',
      model_output: 'o1',
      feedback: 'f1',
      case_type: 'rewritten',
    });
    await store.add({ task: 'plan', prompt: 'p2', model_output: 'o2', feedback: '', case_type: 'accepted' });
    store.close();
    const out = join(workspace, 'out.jsonl');
    await program().parseAsync([
      'node',
      'infralm',
      '-q',
      '-w',
      workspace,
      'feedback',
      'export',
      '--out',
      out,
    ]);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.messages[1].content, line.weight]).sort()).toEqual([
      ['f1', 1],
      ['o2', 0.3],
    ]);
  });

  it('fails clearly when the workspace has no feedback database', async () => {
    await expect(
      program().parseAsync([
        'node',
        'infralm',
        '-w',
        workspace,
        'feedback',
        'export',
        '--out',
        join(workspace, 'x'),
      ]),
    ).rejects.toThrow(/input not found: .*feedback\.duckdb/);
  });
});
