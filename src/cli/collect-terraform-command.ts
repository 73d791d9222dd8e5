import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, resolveConfigPath } from '../config/load-config.js';
import { PERMISSIVE_LICENSES } from '../config/schema.js';
import { InfraLMError } from '../core/errors.js';
import { readSecret } from '../core/secrets.js';
import type { RepositoryCandidate } from '../corpus/terraform-repos/collect-terraform-repos.js';
import { packageVersion } from './code-version.js';
import type { GlobalOptions } from './main.js';

interface CollectTerraformOptions {
  githubQuery?: string;
  azureOrg?: string;
  azureProject?: string;
  maxRepos: number;
  apiUrl?: string;
  azureUrl?: string;
}

/** `infralm collect terraform`: Terraform repositories for the plan task, shallow-cloned. */
export function registerCollectTerraformCommand(collect: Command): void {
  collect
    .command('terraform')
    .description(
      'find Terraform repositories (GitHub search, Azure DevOps) and shallow-clone them into <workspace>/bronze/terraform-repos',
    )
    .option(
      '--github-query <query>',
      'a GitHub repository search query, e.g. "language:HCL topic:terraform-module"',
    )
    .option(
      '--azure-org <organization>',
      'an Azure DevOps organization (with --azure-project; AZURE_DEVOPS_TOKEN for private projects)',
    )
    .option('--azure-project <project>', 'the Azure DevOps project')
    .option(
      '--max-repos <n>',
      'clone at most n repositories (default 20)',
      (value) => Number.parseInt(value, 10),
      20,
    )
    .option('--api-url <url>', 'GitHub REST API root (default $GITHUB_API_URL or https://api.github.com)')
    .option('--azure-url <url>', 'Azure DevOps root (default https://dev.azure.com)')
    .action(async (options: CollectTerraformOptions, command: Command) => {
      const globals = command.optsWithGlobals() as GlobalOptions;
      const loaded = loadConfig({ file: globals.config, overrides: globals.set });
      const workspace = globals.workspace
        ? resolve(globals.workspace)
        : resolveConfigPath(loaded, loaded.config.workspace);
      if (!options.githubQuery && !(options.azureOrg && options.azureProject)) {
        throw new InfraLMError(
          'INFRALM_ERR_USAGE',
          'collect terraform needs --github-query or --azure-org with --azure-project',
        );
      }
      if (!Number.isInteger(options.maxRepos) || options.maxRepos < 1)
        throw new InfraLMError('INFRALM_ERR_USAGE', '--max-repos must be a positive integer');
      const { createGitHubClient } = await import('../corpus/github/github-client.js');
      const { createGitHubFetcher } = await import('../corpus/github/github-fetcher.js');
      const { collectRepositories, listAzureDevOpsRepositories, searchGitHubRepositories } = await import(
        '../corpus/terraform-repos/collect-terraform-repos.js'
      );
      const candidates: RepositoryCandidate[] = [];
      if (options.githubQuery) {
        const baseUrl = options.apiUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com';
        const octokit = createGitHubClient({
          token: readSecret('GITHUB_TOKEN'),
          baseUrl,
          userAgent: `infralm/${packageVersion()}`,
        });
        const fetcher = createGitHubFetcher({ octokit, baseUrl });
        // Ask for more than needed: some will be skipped for their licence.
        candidates.push(
          ...(await searchGitHubRepositories(fetcher, options.githubQuery, options.maxRepos * 3)),
        );
      }
      if (options.azureOrg && options.azureProject) {
        candidates.push(
          ...(await listAzureDevOpsRepositories({
            ...(options.azureUrl ? { baseUrl: options.azureUrl } : {}),
            organization: options.azureOrg,
            project: options.azureProject,
            token: readSecret('AZURE_DEVOPS_TOKEN'),
            max: options.maxRepos * 3,
          })),
        );
      }
      const directory = resolve(workspace, 'bronze', 'terraform-repos');
      const summary = await collectRepositories(candidates, directory, {
        maxRepos: options.maxRepos,
        licenses: PERMISSIVE_LICENSES,
      });
      if (globals.json) process.stdout.write(`${JSON.stringify({ directory, ...summary })}\n`);
      else if (!globals.quiet) {
        process.stderr.write(
          `terraform repositories in ${directory}: ${summary.cloned} cloned, ${summary.already_done} already there, ${summary.failed} failed, skipped ${JSON.stringify(summary.skipped)} (of ${summary.candidates} found)\n` +
            `next: infralm build plan --input ${directory}\n`,
        );
      }
    });
}
