import type { Command } from 'commander';
import { InfraLMError } from '../core/errors.js';
import type { TerraformEngine } from '../dataset/plan/terraform-cli.js';
import type { PlanResult } from '../iac/terraform/plan/static-plan.js';
import type { GlobalOptions } from './main.js';

interface PlanOptions {
  varFile: string[];
  var: string[];
  state?: string;
  engine: string;
}

/** `infralm plan DIR`: the static planner (or, later, the terraform CLI) over one root module. */
export function registerPlanCommand(program: Command): void {
  program
    .command('plan')
    .description(
      'predict the resource changes `terraform plan` would make for a module (--state: against a prior state)',
    )
    .argument('<dir>', 'root module directory')
    .option('--var-file <file>', 'a .tfvars or .tfvars.json file (repeatable, in order)', collect, [])
    .option('--var <name=value>', 'a root variable value (repeatable, in order)', collect, [])
    .option('--state <file>', 'a terraform.tfstate (format v4) to plan against')
    .option(
      '--engine <engine>',
      'static (the built-in planner), terraform or tofu (the real CLI, when installed)',
      'static',
    )
    .action(async (directory: string, options: PlanOptions, command: Command) => {
      const globals = command.optsWithGlobals() as GlobalOptions & PlanOptions;
      if (!['static', 'terraform', 'tofu'].includes(options.engine)) {
        throw new InfraLMError(
          'INFRALM_ERR_USAGE',
          `unknown --engine ${options.engine}: use static, terraform or tofu`,
        );
      }
      if (options.state) {
        throw new InfraLMError(
          'INFRALM_ERR_USAGE',
          '--state is not supported yet: the static planner plans with no prior state',
        );
      }
      // The Terraform engine loads with the command, not at start-up.
      const { planDirectory } = await import('../dataset/plan/plan-directory.js');
      const { planWithCli } = await import('../dataset/plan/terraform-cli.js');
      const result: PlanResult =
        options.engine === 'static'
          ? planDirectory(directory, options)
          : {
              ...(await planWithCli(directory, {
                engine: options.engine as TerraformEngine,
                varFiles: options.varFile,
                vars: options.var,
              })),
              format_version: '1.2',
              undecided: [],
            };
      const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
      if (globals.json) process.stdout.write(`${JSON.stringify(planJson(result))}\n`);
      else process.stdout.write(renderPlan(result));
      if (errors.length > 0) process.exitCode = 1;
    });
}

/** The --json document: `terraform show -json`'s resource_changes plus diagnostics. */
export function planJson(result: PlanResult): Record<string, unknown> {
  return {
    format_version: result.format_version,
    engine: result.engine,
    resource_changes: result.resource_changes,
    diagnostics: result.diagnostics.map((diagnostic) => ({
      severity: diagnostic.severity,
      summary: diagnostic.summary,
      detail: diagnostic.detail,
      ...(diagnostic.range
        ? {
            range: {
              filename: diagnostic.range.filename,
              start: diagnostic.range.start,
              end: diagnostic.range.end,
            },
          }
        : {}),
    })),
    undecided: result.undecided,
  };
}

/** A human summary in Terraform's words. */
export function renderPlan(result: PlanResult): string {
  const lines: string[] = [];
  for (const diagnostic of result.diagnostics) {
    const where = diagnostic.range
      ? `\n\n  on ${diagnostic.range.filename} line ${diagnostic.range.start.line}`
      : '';
    lines.push(
      `${diagnostic.severity === 'error' ? 'Error' : 'Warning'}: ${diagnostic.summary}${where}\n\n${diagnostic.detail}\n`,
    );
  }
  if (result.diagnostics.some((diagnostic) => diagnostic.severity === 'error'))
    return `${lines.join('\n')}\n`;
  // Terraform's words: a replace counts once to add and once to destroy; reads and no-ops not at all.
  const phrase = (actions: string[]): string | undefined => {
    const key = actions.join('+');
    if (key === 'create') return 'will be created';
    if (key === 'read') return 'will be read during apply';
    if (key === 'update') return 'will be updated in-place';
    if (key === 'delete') return 'will be destroyed';
    if (key === 'delete+create' || key === 'create+delete') return 'must be replaced';
    return undefined;
  };
  const counted = (name: 'create' | 'update' | 'delete') =>
    result.resource_changes.filter((change) => change.change.actions.includes(name)).length;
  const changes = result.resource_changes.filter((change) => phrase(change.change.actions) !== undefined);
  if (changes.length === 0) {
    lines.push('No changes. Your infrastructure matches the configuration.');
  } else {
    lines.push('Terraform will perform the following actions:\n');
    for (const change of changes) lines.push(`  # ${change.address} ${phrase(change.change.actions)}`);
    lines.push('');
    lines.push(
      `Plan: ${counted('create')} to add, ${counted('update')} to change, ${counted('delete')} to destroy.`,
    );
  }
  for (const entry of result.undecided)
    lines.push(`(not decidable statically: ${entry.address}: ${entry.reason})`);
  return `${lines.join('\n')}\n`;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
