import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServeLogger } from './serve-logger.js';

describe('serve logger', () => {
  const saved = process.env.INFRALM_API_TOKEN;
  afterEach(() => {
    if (saved === undefined) delete process.env.INFRALM_API_TOKEN;
    else process.env.INFRALM_API_TOKEN = saved;
  });

  it('writes JSON lines to <workspace>/logs/serve.log with secrets scrubbed and credential fields censored', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'infralm-serve-log-'));
    try {
      process.env.INFRALM_API_TOKEN = 'token-value-that-must-not-appear';
      const log = createServeLogger(workspace, 'info', { stderr: false });
      log.logger.info({ req: { headers: { authorization: 'Bearer abc123def456' } } }, 'incoming request');
      log.logger.error({ error: 'upstream said token-value-that-must-not-appear' }, 'job failed');
      log.logger.debug('below the level');
      log.close();
      const lines = readFileSync(log.file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(log.file).toBe(join(workspace, 'logs', 'serve.log'));
      expect(lines).toHaveLength(2);
      expect(lines[0].req.headers.authorization).toBe('[secret]');
      expect(lines[1].error).toBe('upstream said [secret]');
      expect(readFileSync(log.file, 'utf8')).not.toMatch(/token-value-that-must-not-appear|abc123def456/);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});
