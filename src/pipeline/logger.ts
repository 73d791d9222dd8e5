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
  return pino({ level, base: { stage }, formatters: { log: censorSecretFields } }, stream);
}

const SECRET_FIELDS = ['token', 'authorization', 'webhookUrl'] as const;

/**
 * pino's redact paths `*.token`, `*.authorization`, `*.webhookUrl` and `*.headers.authorization` as a
 * log formatter: the same censoring without compiling a redactor for each stage's logger (~0.5 ms
 * each, the first ~5 ms). The logged objects themselves are never changed.
 */
export function censorSecretFields(object: Record<string, unknown>): Record<string, unknown> {
  let out = object;
  for (const [key, value] of Object.entries(object)) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    const inner = value as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const field of SECRET_FIELDS) {
      if (field in inner) {
        copy ??= { ...inner };
        copy[field] = '[secret]';
      }
    }
    const headers = inner.headers;
    if (headers && typeof headers === 'object' && 'authorization' in headers) {
      copy ??= { ...inner };
      copy.headers = { ...(headers as Record<string, unknown>), authorization: '[secret]' };
    }
    if (copy) {
      if (out === object) out = { ...object };
      out[key] = copy;
    }
  }
  return out;
}
