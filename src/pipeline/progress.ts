// Human progress on stderr: a redrawn bar on a TTY, plain lines otherwise, nothing when quiet.

export interface Reporter {
  /** A short human message. */
  info(message: string): void;
  /** A warning that is always shown unless quiet. */
  warn(message: string): void;
  /** Progress of a stage: `done` of `total` units. */
  progress(stage: string, done: number, total: number, unit: string): void;
  /** End the current progress line. */
  end(): void;
}

export interface ReporterOptions {
  quiet: boolean;
  stream?: NodeJS.WriteStream;
}

/** A reporter for the given stream (stderr by default). */
export function createReporter(options: ReporterOptions): Reporter {
  const stream = options.stream ?? process.stderr;
  const tty = Boolean(stream.isTTY);
  let open = false;
  let lastLine = '';
  const write = (text: string) => {
    if (!options.quiet) stream.write(text);
  };
  const closeBar = () => {
    if (open) write('\n');
    open = false;
  };
  return {
    info(message) {
      closeBar();
      write(`${message}\n`);
    },
    warn(message) {
      closeBar();
      write(`warning: ${message}\n`);
    },
    progress(stage, done, total, unit) {
      if (tty) {
        const width = 24;
        const filled = total > 0 ? Math.round((done / total) * width) : width;
        const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
        write(
          `\r${stage} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${percent}% ${done}/${total} ${unit}`,
        );
        open = true;
        if (done >= total) closeBar();
      } else {
        const line = `${stage}: ${done}/${total} ${unit}`;
        if (line !== lastLine) write(`${line}\n`);
        lastLine = line;
      }
    },
    end: closeBar,
  };
}
