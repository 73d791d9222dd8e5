// The module tree of a root module: local `module` sources are loaded recursively; registry and git
// sources come from a `.terraform/modules/modules.json` cache when one is present, and are recorded
// as unresolved otherwise. Nothing is fetched. File access goes through a reader so this stays pure.

import { posix } from 'node:path';
import type { ConfigFile, Diagnostic } from '../hcl/ast.js';
import { parseConfigFile } from '../hcl/index.js';
import {
  buildModuleDeclarations,
  type ModuleCallDeclaration,
  type ModuleDeclarations,
} from './module-config.js';

/** File access for module loading; paths are POSIX, relative to the root module directory. */
export interface ModuleFileReader {
  /** Names of the entries of a directory, or undefined when it does not exist. */
  listDirectory(directory: string): string[] | undefined;
  /** A file's text, or undefined when it cannot be read. */
  readFile(path: string): string | undefined;
}

export interface LoadedModule {
  /** Module call names from the root: [] for the root, ['vpc', 'subnets'] for module.vpc.module.subnets. */
  path: string[];
  /** Directory relative to the root module ('.' for the root). */
  directory: string;
  declarations: ModuleDeclarations;
  files: ConfigFile[];
  children: Map<string, LoadedModule | UnresolvedModule>;
}

export interface UnresolvedModule {
  unresolved: true;
  path: string[];
  source: string;
  reason: string;
}

export interface ModuleTree {
  root: LoadedModule;
  diagnostics: Diagnostic[];
  unresolved: UnresolvedModule[];
  /** Every module loaded (root first). */
  modules: LoadedModule[];
}

interface CacheEntry {
  Key: string;
  Source?: string;
  Dir: string;
}

const MAX_DEPTH = 32;

/** True for a configuration file name Terraform reads (.tf, .tf.json; not editor backups). */
export function isConfigFileName(name: string): boolean {
  if (name.startsWith('.') || name.endsWith('~') || (name.startsWith('#') && name.endsWith('#')))
    return false;
  return name.endsWith('.tf') || name.endsWith('.tf.json');
}

/** True for a local module source (`./x`, `../x`). */
export function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..';
}

export interface LoadModuleTreeOptions {
  /** Parses one file (default parseConfigFile); a scanner passes a caching one shared by many roots. */
  parse?: (text: string, filename: string) => ConfigFile;
}

/** Load a root module directory and every module it calls that can be found locally. */
export function loadModuleTree(
  rootDirectory: string,
  reader: ModuleFileReader,
  options: LoadModuleTreeOptions = {},
): ModuleTree {
  const parse = options.parse ?? parseConfigFile;
  const diagnostics: Diagnostic[] = [];
  const unresolved: UnresolvedModule[] = [];
  const modules: LoadedModule[] = [];
  const cache = readModuleCache(reader, diagnostics);

  const load = (directory: string, path: string[]): LoadedModule => {
    const names = (reader.listDirectory(directory) ?? []).filter(isConfigFileName).sort();
    const files: ConfigFile[] = [];
    for (const name of names) {
      const filename = directory === '.' ? name : posix.join(directory, name);
      const text = reader.readFile(filename);
      if (text === undefined) {
        diagnostics.push({
          severity: 'error',
          summary: 'Failed to read file',
          detail: `The configuration file "${filename}" could not be read.`,
        });
        continue;
      }
      const file = parse(text, filename);
      diagnostics.push(...file.diagnostics);
      files.push(file);
    }
    const declarations = buildModuleDeclarations(directory, files);
    diagnostics.push(...declarations.diagnostics);
    const module: LoadedModule = { path, directory, declarations, files, children: new Map() };
    modules.push(module);
    if (path.length >= MAX_DEPTH) {
      diagnostics.push({
        severity: 'error',
        summary: 'Module nesting too deep',
        detail: `Modules nest more than ${MAX_DEPTH} levels below the root; is there a cycle of local module calls?`,
      });
      return module;
    }
    for (const call of declarations.moduleCalls.values()) {
      const child = resolveCall(call, module);
      module.children.set(call.name, child);
    }
    return module;
  };

  const resolveCall = (
    call: ModuleCallDeclaration,
    parent: LoadedModule,
  ): LoadedModule | UnresolvedModule => {
    const path = [...parent.path, call.name];
    const source = call.source ?? '';
    const cached = cache.get(path.join('.'));
    if (cached) {
      const directory = posix.normalize(cached.Dir).replace(/(.)\/+$/, '$1');
      if (reader.listDirectory(directory) !== undefined) return load(directory, path);
    }
    if (isLocalSource(source)) {
      const directory = posix.normalize(posix.join(parent.directory, source)).replace(/(.)\/+$/, '$1');
      if (reader.listDirectory(directory) === undefined) {
        diagnostics.push({
          severity: 'error',
          summary: 'Unreadable module directory',
          detail: `The directory ${directory} does not exist or cannot be read.`,
          ...(call.sourceRange ? { range: call.sourceRange } : {}),
        });
        const missing: UnresolvedModule = {
          unresolved: true,
          path,
          source,
          reason: 'missing local directory',
        };
        unresolved.push(missing);
        return missing;
      }
      return load(directory, path);
    }
    const reason = source === '' ? 'no source' : 'remote source (registry or git) not in .terraform/modules';
    const remote: UnresolvedModule = { unresolved: true, path, source, reason };
    unresolved.push(remote);
    return remote;
  };

  const root = load('.', []);
  void rootDirectory;
  return { root, diagnostics, unresolved, modules };
}

/** `.terraform/modules/modules.json`, written by `terraform init`: module key → directory. */
function readModuleCache(reader: ModuleFileReader, diagnostics: Diagnostic[]): Map<string, CacheEntry> {
  const entries = new Map<string, CacheEntry>();
  const text = reader.readFile('.terraform/modules/modules.json');
  if (text === undefined) return entries;
  try {
    const parsed = JSON.parse(text) as { Modules?: CacheEntry[] };
    for (const entry of parsed.Modules ?? []) {
      if (typeof entry.Key === 'string' && entry.Key !== '' && typeof entry.Dir === 'string')
        entries.set(entry.Key, entry);
    }
  } catch (error) {
    diagnostics.push({
      severity: 'warning',
      summary: 'Unreadable module cache',
      detail: `.terraform/modules/modules.json is not valid JSON (${(error as Error).message}); remote modules stay unresolved.`,
    });
  }
  return entries;
}
