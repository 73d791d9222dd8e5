import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { createScrubber } from '../core/secrets.js';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
export type { Logger };

/** File name of a stage's log: `prepare:manifest` → `prepare-manifest.log`. */
export function stageLogFile(workspace: string, stage: string): string {
  return join(workspace, 'logs', `${stage.replace(/[^A-Za-z0-9_.-]+/g, '-')}.log`);
}

/** A pino logger writing JSON lines to `<workspace>/logs/<stage>.log`, with secret values scrubbed. */
export function createStageLogger(workspace: string, stage: string, level: LogLevel): Logger {
  mkdirSync(join(workspace, 'logs'), { recursive: true });
  const destination = pino.destination({ dest: stageLogFile(workspace, stage), sync: true, append: true });
  const scrub = createScrubber();
  // Scrubbing at the stream sees every line whatever the call site put in it.
  const stream = { write: (line: string) => destination.write(scrub(line)) };
  return pino(
    {
      level,
      base: { stage },
      redact: {
        paths: ['*.token', '*.authorization', '*.webhookUrl', '*.headers.authorization'],
        censor: '[secret]',
      },
    },
    stream,
  );
}
