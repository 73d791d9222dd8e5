import type { Command } from 'commander';
import { runManifestPipeline } from './run-manifest-pipeline.js';

/** `infralm run`: run the pipeline DAG configured in infralm.yaml. */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run the configured pipeline (the manifest DAG over the configured sources)')
    .option('-f, --force', 'rerun every stage even when nothing changed', false)
    .option('--strict', 'exit non-zero (3) when the anomaly check raises a critical alert', false)
    .action(async (options, command: Command) => {
      process.exitCode = await runManifestPipeline(command, { force: options.force, strict: options.strict });
    });
}
