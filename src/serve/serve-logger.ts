import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { createScrubber } from '../core/secrets.js';
import type { LogLevel } from '../pipeline/logger.js';

// The server's log: JSON lines to <workspace>/logs/serve.log and, unless quiet, to stderr, with
// secret values scrubbed at the stream (whatever a call site or a request put in a line) and
// credential-bearing fields censored.

/** A pino logger for `infralm serve`; `close()` flushes the file. */
export function createServeLogger(
  workspace: string,
  level: LogLevel,
  options: { stderr: boolean },
): { logger: Logger; file: string; close: () => void } {
  mkdirSync(join(workspace, 'logs'), { recursive: true });
  const file = join(workspace, 'logs', 'serve.log');
  // Buffered: a request must not wait on a disk write. Flushed on close. The file is opened here,
  // synchronously, so the stream is ready (and flushable) from the first line.
  const destination = pino.destination({ dest: openSync(file, 'a'), sync: false, minLength: 4096 });
  const scrub = createScrubber();
  const stream = {
    write: (line: string) => {
      const clean = scrub(line);
      destination.write(clean);
      if (options.stderr) process.stderr.write(clean);
    },
  };
  const logger = pino(
    {
      level,
      base: { component: 'serve' },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers["x-hub-signature-256"]',
          '*.token',
          '*.authorization',
        ],
        censor: '[secret]',
      },
    },
    stream,
  );
  return { logger, file, close: () => destination.flushSync() };
}
