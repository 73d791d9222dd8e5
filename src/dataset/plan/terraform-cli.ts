import { spawn } from 'node:child_process';
import { accessSync, constants, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join, relative, resolve } from 'node:path';
import { InfraLMError } from '../../core/errors.js';
import { terraformFiles } from '../../corpus/terraform-files.js';
import { loadModuleTree } from '../../iac/terraform/config/load-module-tree.js';
import type { Diagnostic } from '../../iac/terraform/hcl/ast.js';
import type { ResourceChange } from '../../iac/terraform/plan/static-plan.js';

// Ground truth from the real CLI: `terraform` (or OpenTofu's `tofu`) when one is on PATH. The module is
// copied to a temporary folder, initialised without a backend, planned and shown as JSON, with a
// timeout and without the caller's cloud credentials (a plan must never touch a real account).

export type TerraformEngine = 'terraform' | 'tofu';

export interface CliPlanResult {
  format_version: string;
  resource_changes: ResourceChange[];
  diagnostics: Diagnostic[];
  engine: TerraformEngine;
  /** `terraform version` of the binary that produced the plan. */
  engine_version?: string;
}

export interface CliPlanOptions {
  /** Which binary; default: terraform, else tofu, whichever is on PATH first. */
  engine?: TerraformEngine;
  varFiles?: string[];
  vars?: string[];
  /** Per command (default 5 minutes). */
  timeoutMs?: number;
  /** The environment to start from (default process.env); credentials are removed from it. */
  environment?: NodeJS.ProcessEnv;
}

/** Environment variables that hold cloud credentials or point at them: never passed to the CLI. */
const CREDENTIAL_VARIABLE =
  /^(AWS_|AZURE_|ARM_|GOOGLE_|GCLOUD_|CLOUDSDK_|GITHUB_TOKEN$|GH_TOKEN$|HF_TOKEN$|TF_TOKEN_|TFE_TOKEN$|DIGITALOCEAN_|ALICLOUD_|OCI_|KUBECONFIG$|VAULT_TOKEN$)/;

/** The first of `names` that is an executable on PATH, with its full path. */
export function findEngine(
  names: TerraformEngine[] = ['terraform', 'tofu'],
  path = process.env.PATH ?? '',
): { engine: TerraformEngine; binary: string } | undefined {
  for (const engine of names) {
    for (const directory of path.split(delimiter)) {
      if (!directory) continue;
      const binary = join(directory, engine);
      try {
        accessSync(binary, constants.X_OK);
        return { engine, binary };
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** The environment the CLI runs with: the caller's minus credentials, non-interactive. */
export function cliEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base))
    if (!CREDENTIAL_VARIABLE.test(name)) environment[name] = value;
  environment.TF_IN_AUTOMATION = '1';
  environment.TF_INPUT = '0';
  environment.CHECKPOINT_DISABLE = '1';
  return environment;
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function run(
  binary: string,
  args: string[],
  cwd: string,
  environment: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(binary, args, { cwd, env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr, timedOut });
    });
  });
}

/** Terraform's human error blocks ("Error: summary", "on file line N", detail) as diagnostics. */
export function parseCliErrors(text: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  // Strip the box-drawing gutter newer versions print in front of each diagnostic line.
  const clean = text.replace(/^[│╷╵] ?/gm, '');
  const blocks = clean.split(/\n(?=(?:Error|Warning): )/);
  for (const block of blocks) {
    const header = /^(Error|Warning): (.+)$/m.exec(block);
    if (!header) continue;
    const location = /on (\S+) line (\d+)/.exec(block);
    const detail = block
      .slice(header.index + header[0].length)
      .replace(/^\s*on \S+ line \d+.*$/m, '')
      .replace(/^\s*\d+: .*$/gm, '')
      .trim();
    diagnostics.push({
      severity: header[1] === 'Error' ? 'error' : 'warning',
      summary: header[2]!.trim(),
      detail,
      ...(location
        ? {
            range: {
              filename: location[1]!.replace(/:$/, ''),
              start: { line: Number(location[2]), column: 1, byte: 0 },
              end: { line: Number(location[2]), column: 1, byte: 0 },
            },
          }
        : {}),
    });
  }
  return diagnostics;
}

/** Plan a module with the real CLI; resolves with its resource changes or its diagnostics. */
export async function planWithCli(
  moduleDirectory: string,
  options: CliPlanOptions = {},
): Promise<CliPlanResult> {
  const environment = cliEnvironment(options.environment ?? process.env);
  const found = findEngine(options.engine ? [options.engine] : undefined, environment.PATH ?? '');
  if (!found) {
    throw new InfraLMError(
      'INFRALM_ERR_USAGE',
      `--engine ${options.engine ?? 'terraform'}: neither terraform nor tofu is on PATH (this machine cannot install them; use --engine static)`,
    );
  }
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  const workDirectory = mkdtempSync(join(tmpdir(), 'infralm-tf-'));
  // Local module sources may climb out of the module (envs/prod → ../../modules/x): copy the
  // ancestor folder they reach, and plan from the module's place inside the copy.
  const absolute = resolve(moduleDirectory);
  const tree = loadModuleTree('.', terraformFiles(absolute));
  const climb = Math.max(
    0,
    ...tree.modules.map((module) => (/^(?:\.\.\/)+/.exec(`${module.directory}/`)?.[0].length ?? 0) / 3),
  );
  let copyFrom = absolute;
  for (let level = 0; level < climb; level++) copyFrom = dirname(copyFrom);
  const copyRoot = join(workDirectory, 'module');
  const copy = join(copyRoot, relative(copyFrom, absolute));
  try {
    // No provider cache and no state: the copy plans from scratch, as a fresh checkout would.
    cpSync(copyFrom, copyRoot, {
      recursive: true,
      filter: (source) =>
        !['.terraform', 'terraform.tfstate', 'terraform.tfstate.backup', '.git'].includes(basename(source)),
    });
    const step = async (args: string[]) => {
      const result = await run(found.binary, args, copy, environment, timeoutMs);
      if (result.timedOut) {
        return {
          ok: false as const,
          diagnostics: [
            {
              severity: 'error' as const,
              summary: 'Timed out',
              detail: `${found.engine} ${args[0]} took longer than ${timeoutMs} ms`,
            },
          ],
        };
      }
      if (result.code !== 0) {
        const diagnostics = parseCliErrors(result.stderr || result.stdout);
        return {
          ok: false as const,
          diagnostics:
            diagnostics.length > 0
              ? diagnostics
              : [
                  {
                    severity: 'error' as const,
                    summary: `${found.engine} ${args[0]} failed`,
                    detail: (result.stderr || result.stdout).trim().slice(0, 2000),
                  },
                ],
        };
      }
      return { ok: true as const, stdout: result.stdout };
    };
    const version = await step(['version']);
    const engineVersion = version.ok ? version.stdout.split('\n')[0]?.trim() : undefined;
    const init = await step(['init', '-backend=false', '-input=false', '-no-color']);
    if (!init.ok)
      return {
        format_version: '1.2',
        resource_changes: [],
        diagnostics: init.diagnostics,
        engine: found.engine,
        ...(engineVersion ? { engine_version: engineVersion } : {}),
      };
    const planArgs = ['plan', '-out=infralm.plan', '-input=false', '-lock=false', '-no-color'];
    for (const file of options.varFiles ?? []) planArgs.push(`-var-file=${resolve(file)}`);
    for (const variable of options.vars ?? []) planArgs.push(`-var=${variable}`);
    const plan = await step(planArgs);
    if (!plan.ok)
      return {
        format_version: '1.2',
        resource_changes: [],
        diagnostics: plan.diagnostics,
        engine: found.engine,
        ...(engineVersion ? { engine_version: engineVersion } : {}),
      };
    const show = await step(['show', '-json', 'infralm.plan']);
    if (!show.ok)
      return {
        format_version: '1.2',
        resource_changes: [],
        diagnostics: show.diagnostics,
        engine: found.engine,
        ...(engineVersion ? { engine_version: engineVersion } : {}),
      };
    let document: { format_version?: string; resource_changes?: ResourceChange[] };
    try {
      document = JSON.parse(show.stdout);
    } catch (error) {
      throw new InfraLMError(
        'INFRALM_ERR_RECORD_PARSE',
        `${found.engine} show -json printed no JSON (${(error as Error).message})`,
      );
    }
    return {
      format_version: document.format_version ?? '1.2',
      resource_changes: document.resource_changes ?? [],
      diagnostics: [],
      engine: found.engine,
      ...(engineVersion ? { engine_version: engineVersion } : {}),
    };
  } finally {
    rmSync(workDirectory, { recursive: true, force: true });
  }
}

/** Reads a recorded `terraform show -json` document. */
export function readShowJson(path: string): { format_version: string; resource_changes: ResourceChange[] } {
  const document = JSON.parse(readFileSync(path, 'utf8')) as {
    format_version?: string;
    resource_changes?: ResourceChange[];
  };
  return {
    format_version: document.format_version ?? '1.2',
    resource_changes: document.resource_changes ?? [],
  };
}
