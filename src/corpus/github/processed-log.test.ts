import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProcessedLog, type ProcessedEntry } from './processed-log.js';

const entry = (number: number, status: ProcessedEntry['status'] = 'ok'): ProcessedEntry => ({
  repo: 'acme/infra',
  number,
  status,
  head_sha: 'a'.repeat(40),
  comments: 2,
  threads: 1,
});

describe('openProcessedLog', () => {
  let directory: string;
  let path: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'infralm-processed-'));
    path = join(directory, 'nested', 'processed.jsonl');
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('starts empty, appends, and reads back with the last entry winning', async () => {
    const log = await openProcessedLog(path);
    expect(log.entries.size).toBe(0);
    await log.append(entry(1, 'failed'));
    await log.append(entry(2));
    await log.append(entry(1));
    const reopened = await openProcessedLog(path);
    expect(reopened.has('acme/infra', 1)).toBe(true);
    expect(reopened.entries.get('acme/infra#1')?.status).toBe('ok');
    expect(reopened.has('acme/infra', 3)).toBe(false);
  });

  it('cuts off a torn last line left by a kill, so the next append starts a clean line', async () => {
    const log = await openProcessedLog(path);
    await log.append(entry(1));
    appendFileSync(path, '{"repo":"acme/infra","num');
    const reopened = await openProcessedLog(path);
    expect([...reopened.entries.keys()]).toEqual(['acme/infra#1']);
    await reopened.append(entry(2));
    expect(
      readFileSync(path, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).number),
    ).toEqual([1, 2]);
  });

  it('names the file and line of a corrupt entry', async () => {
    await openProcessedLog(path);
    writeFileSync(path, `${JSON.stringify(entry(1))}\nnot json\n`);
    await expect(openProcessedLog(path)).rejects.toThrow(/processed\.jsonl:2/);
  });
});
