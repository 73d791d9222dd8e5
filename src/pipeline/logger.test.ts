import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { censorSecretFields, createStageLogger, stageLogFile } from './logger.js';

describe('stage logger', () => {
  it('writes JSON lines to the stage file with credential fields censored, one level down', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'infralm-logger-'));
    const log = createStageLogger(workspace, 'prepare:manifest', 'info');
    const request = { url: '/x', token: 'tok-123', headers: { authorization: 'Bearer abc', accept: 'json' } };
    log.info({ request, slack: { webhookUrl: 'https://hooks.example/secret' }, count: 3 }, 'hello');
    log.flush?.();
    const line = JSON.parse(readFileSync(stageLogFile(workspace, 'prepare:manifest'), 'utf8').trim());
    expect(line).toMatchObject({
      stage: 'prepare:manifest',
      msg: 'hello',
      count: 3,
      request: { url: '/x', token: '[secret]', headers: { authorization: '[secret]', accept: 'json' } },
      slack: { webhookUrl: '[secret]' },
    });
    // The caller's objects are left as they were.
    expect(request.token).toBe('tok-123');
    expect(request.headers.authorization).toBe('Bearer abc');
  });

  it('returns objects without credential fields unchanged', () => {
    const object = { event: 'stage-end', seconds: 1, summary: { items_in: 2 } };
    expect(censorSecretFields(object)).toBe(object);
  });
});
