import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { writeFileAtomicSync } from '../core/atomic-write.js';
import { InfraLMError } from '../core/errors.js';
import type { ScanReport } from '../iac/scan/report/index.js';
import { SEVERITIES, type Severity } from '../iac/scan/types.js';
import { packageVersion } from './code-version.js';
import type { GlobalOptions } from './main.js';

interface ScanOptions {
  format: 'text' | 'json' | 'sarif' | 'junit';
  failOn?: string;
  suppressions: boolean;
  import: string[];
  output?: string;
}

/** `infralm scan PATH...` and `infralm rules`. */
export function registerScanCommand(program: Command): void {
  program
    .command('scan')
    .description(
      "scan Terraform and Kubernetes files for security problems (or import another scanner's report)",
    )
    .argument('[paths...]', 'files or directories to scan')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['text', 'json', 'sarif', 'junit'])
        .default('text'),
    )
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices([
        'low',
        'medium',
        'high',
        'critical',
      ]),
    )
    .option('--no-suppressions', 'ignore infralm:ignore, checkov:skip and trivy:ignore comments')
    .option(
      '--import <report>',
      'read a Checkov, Trivy or KICS JSON report, or any SARIF, instead of scanning (repeatable)',
      collect,
      [],
    )
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .action(async (paths: string[], options: ScanOptions, command: Command) => {
      const globals = command.optsWithGlobals() as GlobalOptions & ScanOptions;
      // The rules, the engine and the report formats load with the command, not at start-up.
      const { ALL_KUBERNETES_RULES, TERRAFORM_RULES } = await import('../iac/scan/rules/registry.js');
      const { importReport, renderJson, renderJunit, renderSarif, renderText } = await import(
        '../iac/scan/report/index.js'
      );
      const { scanPaths } = await import('../dataset/scan/scan-paths.js');
      const format = globals.json && options.format === 'text' ? 'json' : options.format;
      const rules = [...TERRAFORM_RULES, ...ALL_KUBERNETES_RULES];
      const report: ScanReport = {
        findings: [],
        files_scanned: 0,
        errors: [],
        rules,
        tool: { name: 'InfraLM', version: packageVersion() },
      };
      if (options.import.length > 0) {
        for (const file of options.import) {
          let text: string;
          try {
            text = readFileSync(file, 'utf8');
          } catch {
            throw new InfraLMError('INFRALM_ERR_INPUT_NOT_FOUND', file);
          }
          const imported = importReport(text, file, rules);
          report.findings.push(...imported.findings);
          report.errors.push(...imported.errors);
          report.files_scanned += imported.files_scanned ?? 0;
        }
      } else {
        if (paths.length === 0)
          throw new InfraLMError('INFRALM_ERR_USAGE', 'scan needs at least one PATH (or --import REPORT)');
        const result = scanPaths(paths, {
          terraformRules: TERRAFORM_RULES,
          kubernetesRules: ALL_KUBERNETES_RULES,
          suppressions: options.suppressions,
        });
        report.findings = [...result.findings, ...result.suppressed];
        report.files_scanned = result.files_scanned;
        report.errors = result.errors;
      }
      const output =
        format === 'json'
          ? renderJson(report)
          : format === 'sarif'
            ? renderSarif(report)
            : format === 'junit'
              ? renderJunit(report)
              : renderText(report, { color: !options.output && Boolean(process.stdout.isTTY) });
      const text = output.endsWith('\n') ? output : `${output}\n`;
      if (options.output) writeFileAtomicSync(options.output, text);
      else process.stdout.write(text);
      if (options.failOn) {
        const threshold = SEVERITIES.indexOf(options.failOn.toUpperCase() as Severity);
        if (
          report.findings.some(
            (finding) => !finding.suppressed && SEVERITIES.indexOf(finding.severity) >= threshold,
          )
        )
          process.exitCode = 1;
      }
    });

  program
    .command('rules')
    .description('list the scanner rules with their Checkov, Trivy and KICS equivalents')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (options: { format: string }, command: Command) => {
      const globals = command.optsWithGlobals() as GlobalOptions;
      const { ruleCatalogue } = await import('../iac/scan/rules/registry.js');
      const catalogue = ruleCatalogue();
      if (options.format === 'json' || globals.json) {
        process.stdout.write(`${JSON.stringify(catalogue)}\n`);
        return;
      }
      for (const rule of catalogue.rules) {
        const equivalents = [...rule.equivalents.checkov, ...rule.equivalents.trivy].join(', ');
        process.stdout.write(
          `${rule.id}\t${rule.severity}\t${rule.category}\t${rule.title}${equivalents ? `\t(${equivalents})` : ''}\n`,
        );
      }
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
