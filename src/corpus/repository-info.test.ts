import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createProvenanceResolver,
  originUrlFromConfig,
  readGitCheckout,
  repoNameFromRemoteUrl,
} from './repository-info.js';

const MIT = `MIT License

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction.

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.
`;
const APACHE = `
                                 Apache License
                           Version 2.0, January 2004
                        http://www.apache.org/licenses/
`;
const SHA_MAIN = '1111111111111111111111111111111111111111';
const SHA_PACKED = '2222222222222222222222222222222222222222';
const SHA_DETACHED = '3333333333333333333333333333333333333333';

const temporaryDirectories: string[] = [];
function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'infralm-repository-info-'));
  temporaryDirectories.push(directory);
  return directory;
}
afterEach(() => {
  for (const directory of temporaryDirectories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function write(path: string, text: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

function fakeGit(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) write(join(root, '.git', path), text);
}

describe('repoNameFromRemoteUrl', () => {
  it.each([
    ['https://github.com/kserve/kserve.git', 'kserve/kserve'],
    ['https://github.com/kserve/kserve', 'kserve/kserve'],
    ['https://user@github.com/kserve/kserve/', 'kserve/kserve'],
    ['git@github.com:hashicorp/terraform-provider-aws.git', 'hashicorp/terraform-provider-aws'],
    ['ssh://git@gitlab.example.com:2222/group/sub/project.git', 'sub/project'],
    ['/srv/git/owner/name.git', 'owner/name'],
    ['name-only', undefined],
  ])('%s → %s', (url, expected) => {
    expect(repoNameFromRemoteUrl(url)).toBe(expected);
  });

  it('finds the origin url among other remotes and sections', () => {
    const config = `[core]
\trepositoryformatversion = 0
[remote "upstream"]
\turl = https://github.com/upstream/project.git
[remote "origin"]
\turl = git@github.com:me/project.git
\tfetch = +refs/heads/*:refs/remotes/origin/*
[branch "main"]
\tremote = origin
`;
    expect(originUrlFromConfig(config)).toBe('git@github.com:me/project.git');
    expect(originUrlFromConfig('[core]\n\tbare = false\n')).toBeUndefined();
  });
});

describe('readGitCheckout', () => {
  it('resolves HEAD through a loose branch ref and names the repo from origin', () => {
    const root = temporaryDirectory();
    fakeGit(root, {
      HEAD: 'ref: refs/heads/main\n',
      'refs/heads/main': `${SHA_MAIN}\n`,
      config: '[remote "origin"]\n\turl = https://github.com/acme/infra.git\n',
    });
    mkdirSync(join(root, 'modules', 'vpc'), { recursive: true });
    expect(readGitCheckout(join(root, 'modules', 'vpc'))).toEqual({
      root,
      repo: 'acme/infra',
      commit: SHA_MAIN,
    });
  });

  it('resolves a branch that only exists in packed-refs', () => {
    const root = temporaryDirectory();
    fakeGit(root, {
      HEAD: 'ref: refs/heads/release\n',
      'packed-refs': `# pack-refs with: peeled fully-peeled sorted\n${SHA_MAIN} refs/heads/main\n${SHA_PACKED} refs/heads/release\n^${SHA_DETACHED}\n`,
    });
    expect(readGitCheckout(root)).toEqual({ root, repo: root.split('/').at(-1), commit: SHA_PACKED });
  });

  it('reads a detached HEAD, and leaves the commit out on an unborn branch', () => {
    const detached = temporaryDirectory();
    fakeGit(detached, { HEAD: `${SHA_DETACHED}\n` });
    expect(readGitCheckout(detached)?.commit).toBe(SHA_DETACHED);
    const unborn = temporaryDirectory();
    fakeGit(unborn, { HEAD: 'ref: refs/heads/main\n' });
    expect(readGitCheckout(unborn)).toEqual({ root: unborn, repo: unborn.split('/').at(-1) });
  });

  it('follows a .git file (worktree) to its git directory and the common directory', () => {
    const base = temporaryDirectory();
    const main = join(base, 'main');
    fakeGit(main, {
      HEAD: 'ref: refs/heads/main\n',
      'refs/heads/feature': `${SHA_PACKED}\n`,
      config: '[remote "origin"]\n\turl = git@github.com:acme/worktree-repo.git\n',
      'worktrees/feature/HEAD': 'ref: refs/heads/feature\n',
      'worktrees/feature/commondir': '../..\n',
    });
    const worktree = join(base, 'feature');
    write(join(worktree, '.git'), `gitdir: ${join(main, '.git', 'worktrees', 'feature')}\n`);
    expect(readGitCheckout(worktree)).toEqual({
      root: worktree,
      repo: 'acme/worktree-repo',
      commit: SHA_PACKED,
    });
  });

  it('is undefined outside any checkout', () => {
    // tmpdir() itself is not inside a git checkout on any sane machine.
    const plain = temporaryDirectory();
    expect(existsSync(join(dirname(plain), '.git'))).toBe(false);
    expect(readGitCheckout(plain)).toBeUndefined();
  });
});

describe('createProvenanceResolver', () => {
  it('gives git checkout files their repo, commit, repo-relative path and nearest licence', async () => {
    const root = temporaryDirectory();
    fakeGit(root, {
      HEAD: 'ref: refs/heads/main\n',
      'refs/heads/main': `${SHA_MAIN}\n`,
      config: '[remote "origin"]\n\turl = https://github.com/acme/infra.git\n',
    });
    write(join(root, 'LICENSE'), MIT);
    write(join(root, 'vendor', 'LICENSE.md'), APACHE);
    const top = write(join(root, 'main.tf'), 'x');
    const deep = write(join(root, 'vendor', 'lib', 'deep', 'a.tf'), 'x');
    const beside = write(join(root, 'modules', 'b.tf'), 'x');
    // The input root is a subfolder: paths stay relative to the checkout root.
    const resolve = await createProvenanceResolver(join(root, 'vendor'));
    expect(resolve(deep)).toEqual({
      kind: 'directory',
      repo: 'acme/infra',
      commit: SHA_MAIN,
      path: 'vendor/lib/deep/a.tf',
      license: 'Apache-2.0',
    });
    expect(resolve(top).license).toBe('MIT');
    expect(resolve(beside)).toMatchObject({ path: 'modules/b.tf', license: 'MIT' });
  });

  it('caches licences per directory instead of re-reading licence files', async () => {
    const root = temporaryDirectory();
    const licence = write(join(root, 'LICENSE'), MIT);
    const first = write(join(root, 'a', 'one.yaml'), 'x');
    const second = write(join(root, 'a', 'two.yaml'), 'x');
    const resolve = await createProvenanceResolver(root);
    expect(resolve(first).license).toBe('MIT');
    rmSync(licence);
    expect(resolve(second).license).toBe('MIT');
    expect((await createProvenanceResolver(root))(second).license).toBeUndefined();
  });

  it('gives an unrecognised nearest licence file no licence rather than a parent one', async () => {
    const root = temporaryDirectory();
    write(join(root, 'LICENSE'), MIT);
    write(join(root, 'proprietary', 'COPYING'), 'All rights reserved.');
    const file = write(join(root, 'proprietary', 'x.yaml'), 'x');
    expect((await createProvenanceResolver(root))(file).license).toBeUndefined();
  });

  it('names a plain folder after the input root', async () => {
    const root = temporaryDirectory();
    const file = write(join(root, 'charts', 'values.yaml'), 'x');
    expect((await createProvenanceResolver(root))(file)).toEqual({
      kind: 'directory',
      repo: root.split('/').at(-1),
      path: 'charts/values.yaml',
    });
  });

  function corporaTree(): string {
    const base = temporaryDirectory();
    write(
      join(base, 'SOURCES.md'),
      `# Sources

## k8s/ (3 files)

| repo | commit | commit date | licence | files |
|---|---|---|---|---|
| acme/widgets | \`${SHA_MAIN}\` | 2026-01-01 | MIT | 2 |
| other-org/no-license | \`${SHA_PACKED}\` | 2026-01-02 | BSD-3-Clause | 1 |

## terraform/ (1 file)

| repo | commit | commit date | licence | files |
|---|---|---|---|---|
| acme/widgets | \`${SHA_DETACHED}\` | 2026-01-03 | Apache-2.0 | 1 |
`,
    );
    write(join(base, 'k8s', 'acme__widgets', 'LICENSE'), MIT);
    write(join(base, 'k8s', 'acme__widgets', 'deploy', 'app.yaml'), 'x');
    write(join(base, 'k8s', 'acme__widgets', 'third_party', 'LICENSE'), APACHE);
    write(join(base, 'k8s', 'acme__widgets', 'third_party', 'x.yaml'), 'x');
    write(join(base, 'k8s', 'other-org__no-license', 'svc.yml'), 'x');
    write(join(base, 'terraform', 'acme__widgets', 'main.tf'), 'x');
    return base;
  }

  it('reads the corpora layout from the parent of k8s/ and terraform/', async () => {
    const base = corporaTree();
    const resolve = await createProvenanceResolver(base);
    expect(resolve(join(base, 'k8s', 'acme__widgets', 'deploy', 'app.yaml'))).toEqual({
      kind: 'directory',
      repo: 'acme/widgets',
      commit: SHA_MAIN,
      path: 'deploy/app.yaml',
      license: 'MIT',
    });
    expect(resolve(join(base, 'k8s', 'acme__widgets', 'third_party', 'x.yaml')).license).toBe('Apache-2.0');
    // No licence file: the SOURCES.md licence column.
    expect(resolve(join(base, 'k8s', 'other-org__no-license', 'svc.yml'))).toEqual({
      kind: 'directory',
      repo: 'other-org/no-license',
      commit: SHA_PACKED,
      path: 'svc.yml',
      license: 'BSD-3-Clause',
    });
    // The same repository in another corpus table, at another commit.
    expect(resolve(join(base, 'terraform', 'acme__widgets', 'main.tf'))).toMatchObject({
      commit: SHA_DETACHED,
      license: 'Apache-2.0',
    });
    // A file outside every repository folder.
    expect(resolve(join(base, 'SOURCES.md'))).toEqual({
      kind: 'directory',
      repo: base.split('/').at(-1),
      path: 'SOURCES.md',
    });
  });

  it('reads the corpora layout from a corpus folder or one repository folder', async () => {
    const base = corporaTree();
    const file = join(base, 'k8s', 'acme__widgets', 'deploy', 'app.yaml');
    const expected = { repo: 'acme/widgets', commit: SHA_MAIN, path: 'deploy/app.yaml', license: 'MIT' };
    expect((await createProvenanceResolver(join(base, 'k8s')))(file)).toMatchObject(expected);
    expect((await createProvenanceResolver(join(base, 'k8s', 'acme__widgets')))(file)).toMatchObject(
      expected,
    );
  });

  it('prefers a SOURCES.md corpus over a checkout the corpus sits in', async () => {
    const base = corporaTree();
    fakeGit(base, {
      HEAD: `${SHA_DETACHED}\n`,
      config: '[remote "origin"]\n\turl = https://x.org/steering/repo\n',
    });
    const file = join(base, 'k8s', 'acme__widgets', 'deploy', 'app.yaml');
    expect((await createProvenanceResolver(join(base, 'k8s')))(file)).toMatchObject({ repo: 'acme/widgets' });
  });

  it('refuses a missing input root', async () => {
    await expect(createProvenanceResolver(join(temporaryDirectory(), 'absent'))).rejects.toMatchObject({
      code: 'INFRALM_ERR_INPUT_NOT_FOUND',
    });
  });

  const k8s = '/work/shared/corpora/k8s';
  it.skipIf(!existsSync(k8s))('resolves the shared k8s corpus', async () => {
    const resolve = await createProvenanceResolver(k8s);
    const file = join(k8s, 'kserve__kserve', 'config', 'default', 'kustomization.yaml');
    expect(resolve(file)).toEqual({
      kind: 'directory',
      repo: 'kserve/kserve',
      commit: 'aaac4e294dae2c7b1aa1886447793f3aa1c30912',
      path: 'config/default/kustomization.yaml',
      license: 'Apache-2.0',
    });
    expect(resolve(join(k8s, 'SeldonIO__seldon-core', 'x.yaml'))).toMatchObject({
      repo: 'SeldonIO/seldon-core',
      commit: '822053e7bbc897f34d84aaf5892d5947163249c5',
      license: 'Apache-2.0',
    });
  });
});
