import { Command, CommanderError, Option } from 'commander';
import { InfraLMError } from '../core/errors.js';
import { createScrubber } from '../core/secrets.js';
import { registerBuildCommand } from './build-command.js';
import { packageVersion } from './code-version.js';
import { registerCollectCommand } from './collect-command.js';
import { registerDiffCommand } from './diff-command.js';
import { registerEvalCommand } from './eval-command.js';
import { registerPlanCommand } from './plan-command.js';
import { registerReviewCommand } from './review-command.js';
import { registerRunCommand } from './run-command.js';
import { registerRunsCommand } from './runs-command.js';
import { registerScanCommand } from './scan-command.js';
import { registerFeedbackCommand, registerServeCommand } from './serve-command.js';

/** Global options every command sees. */
export interface GlobalOptions {
  config?: string;
  workspace?: string;
  set: string[];
  logLevel?: string;
  json: boolean;
  quiet: boolean;
}

/** Build the `infralm` program (exported for tests and documentation). */
export function createProgram(): Command {
  const program = new Command('infralm')
    .description('Datasets, training, evaluation and serving of language models for infrastructure code.')
    .version(packageVersion(), '-V, --version')
    .option('-c, --config <file>', 'configuration file (default: ./infralm.yaml when present)')
    .option('-w, --workspace <dir>', 'workspace folder (overrides the config)')
    .option('--set <key.path=value>', 'override a config value (repeatable)', collect, [])
    .addOption(
      new Option('--log-level <level>', 'log level for <workspace>/logs/*.log').choices([
        'trace',
        'debug',
        'info',
        'warn',
        'error',
        'fatal',
        'silent',
      ]),
    )
    .option('--json', 'print the result as JSON on stdout', false)
    .option('-q, --quiet', 'no progress or messages on stderr', false)
    .showHelpAfterError()
    .exitOverride();
  registerBuildCommand(program);
  registerRunCommand(program);
  registerDiffCommand(program);
  registerPlanCommand(program);
  registerCollectCommand(program);
  registerScanCommand(program);
  registerEvalCommand(program);
  registerRunsCommand(program);
  registerServeCommand(program);
  registerReviewCommand(program);
  registerFeedbackCommand(program);
  return program;
}

/** Run the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  const scrub = createScrubber();
  program.configureOutput({ writeErr: (text) => process.stderr.write(scrub(text)) });
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
    }
    const message = InfraLMError.isInstance(error)
      ? error.message
      : ((error as Error).stack ?? String(error));
    process.stderr.write(`infralm: ${scrub(message)}\n`);
    return InfraLMError.isInstance(error) && error.status < 500 ? 2 : 1;
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
