import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIVE_LICENSES } from '../../config/schema.js';
import { createGitHubClient } from '../github/github-client.js';
import { createGitHubFetcher } from '../github/github-fetcher.js';
import {
  collectRepositories,
  listAzureDevOpsRepositories,
  searchGitHubRepositories,
} from './collect-terraform-repos.js';

// Real git repositories made by the test play the remotes (file:// URLs); a server on 127.0.0.1
// answers in the documented shapes of GitHub's repository search and Azure DevOps' repositories list.

const MIT = [
  'MIT License',
  '',
  'Copyright (c) 2024 Example',
  '',
  'Permission is hereby granted, free of charge, to any person obtaining a copy',
  'of this software and associated documentation files (the "Software"), to deal',
  'in the Software without restriction, including without limitation the rights',
  'to use, copy, modify, merge, publish, distribute, sublicense, and/or sell',
  'copies of the Software, and to permit persons to whom the Software is',
  'furnished to do so, subject to the following conditions:',
  '',
  'The above copyright notice and this permission notice shall be included in all',
  'copies or substantial portions of the Software.',
  '',
  'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR',
  'IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,',
  'FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT.',
  '',
].join('\n');

function gitRepository(root: string, name: string, files: Record<string, string>): string {
  const directory = join(root, name);
  mkdirSync(directory, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(directory, path, '..'), { recursive: true });
    writeFileSync(join(directory, path), text);
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: directory, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('-c', 'user.email=t@example.org', '-c', 'user.name=t', 'add', '.');
  git('-c', 'user.email=t@example.org', '-c', 'user.name=t', 'commit', '-q', '-m', 'init');
  return `file://${directory}`;
}

let server: Server;
let baseUrl: string;
let remotes: Record<string, string>;
const requests: string[] = [];

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'infralm-remotes-'));
  remotes = {
    vpc: gitRepository(root, 'vpc', { 'main.tf': 'resource "aws_vpc" "v" {}\n', LICENSE: MIT }),
    gpl: gitRepository(root, 'gpl', { 'main.tf': 'resource "aws_vpc" "v" {}\n' }),
    nolicense: gitRepository(root, 'nolicense', { 'main.tf': 'resource "aws_vpc" "v" {}\n' }),
    azure: gitRepository(root, 'azure', {
      'main.tf': 'resource "azurerm_resource_group" "g" {}\n',
      LICENSE: MIT,
    }),
  };
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const url = new URL(request.url ?? '/', 'http://x');
    response.setHeader('content-type', 'application/json');
    if (url.pathname === '/search/repositories') {
      // GitHub's documented shape: total_count, incomplete_results, items with full_name, clone_url, license.
      response.end(
        JSON.stringify({
          total_count: 3,
          incomplete_results: false,
          items: [
            {
              full_name: 'acme/vpc',
              clone_url: remotes.vpc,
              default_branch: 'main',
              license: { key: 'mit', spdx_id: 'MIT' },
            },
            {
              full_name: 'acme/gpl',
              clone_url: remotes.gpl,
              default_branch: 'main',
              license: { key: 'gpl-3.0', spdx_id: 'GPL-3.0' },
            },
            {
              full_name: 'acme/nolicense',
              clone_url: remotes.nolicense,
              default_branch: 'main',
              license: null,
            },
          ],
        }),
      );
      return;
    }
    if (url.pathname === '/contoso/infra/_apis/git/repositories') {
      if (request.headers.authorization !== `Basic ${Buffer.from(':pat-123').toString('base64')}`) {
        response.statusCode = 401;
        response.end('{}');
        return;
      }
      response.end(
        JSON.stringify({
          count: 1,
          value: [{ id: '1', name: 'platform', remoteUrl: remotes.azure, defaultBranch: 'refs/heads/main' }],
        }),
      );
      return;
    }
    response.statusCode = 404;
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('collecting Terraform repositories', () => {
  it('finds repositories on GitHub and Azure DevOps, clones only permissive ones, and resumes', async () => {
    const octokit = createGitHubClient({ baseUrl, userAgent: 'infralm-test', maxRetries: 0 });
    const github = await searchGitHubRepositories(
      createGitHubFetcher({ octokit, baseUrl }),
      'language:HCL',
      10,
    );
    expect(github.map((candidate) => [candidate.fullName, candidate.license ?? null])).toEqual([
      ['acme/vpc', 'MIT'],
      ['acme/gpl', 'GPL-3.0'],
      ['acme/nolicense', null],
    ]);
    const azure = await listAzureDevOpsRepositories({
      baseUrl,
      organization: 'contoso',
      project: 'infra',
      token: 'pat-123',
      max: 5,
    });
    expect(azure).toEqual([
      {
        fullName: 'contoso/infra/platform',
        cloneUrl: remotes.azure,
        defaultBranch: 'main',
        source: 'azure-devops',
      },
    ]);

    const directory = mkdtempSync(join(tmpdir(), 'infralm-collect-'));
    const summary = await collectRepositories([...github, ...azure], directory, {
      maxRepos: 5,
      licenses: PERMISSIVE_LICENSES,
    });
    expect(summary).toMatchObject({
      cloned: 2,
      failed: 0,
      skipped: { 'license-not-permissive': 1, 'license-missing': 1 },
    });
    expect(existsSync(join(directory, 'acme__vpc', 'main.tf'))).toBe(true);
    expect(existsSync(join(directory, 'acme__gpl'))).toBe(false);
    expect(existsSync(join(directory, 'contoso__infra__platform', 'main.tf'))).toBe(true);
    const sources = readFileSync(join(directory, 'SOURCES.md'), 'utf8');
    expect(sources).toMatch(/\| acme\/vpc \| [0-9a-f]{40} \| MIT \|/);

    // A rerun does not clone again; --max-repos caps new clones.
    const again = await collectRepositories([...github, ...azure], directory, {
      maxRepos: 5,
      licenses: PERMISSIVE_LICENSES,
    });
    expect(again).toMatchObject({ cloned: 0, already_done: 4 });
  });

  it('fails clearly when Azure DevOps refuses the token', async () => {
    await expect(
      listAzureDevOpsRepositories({
        baseUrl,
        organization: 'contoso',
        project: 'infra',
        token: 'wrong',
        max: 5,
      }),
    ).rejects.toThrow(/HTTP 401/);
  });
});
