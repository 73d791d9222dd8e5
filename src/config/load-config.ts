import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import type { LineCounter, Node as YamlNode } from 'yaml';
import { InfraLMError } from '../core/errors.js';
import { type Config, configSchema } from './schema.js';

export interface LoadConfigOptions {
  /** Path of infralm.yaml; when absent, ./infralm.yaml is used if it exists, else defaults. */
  file?: string;
  /** `key.path=value` overrides (values parsed as YAML scalars/flow values). */
  overrides?: string[];
  cwd?: string;
}

export interface LoadedConfig {
  config: Config;
  /** The file the config came from, if any; relative paths in it resolve against its folder. */
  file: string | undefined;
  baseDirectory: string;
}

// `yaml` keeps every node's position, which an error message needs and a valid file does not: it is
// loaded (synchronously, from node_modules) only when the fast path below cannot answer. Its cold
// parse of a 2 KB config cost ~11 ms of every command's start-up.
const requireYaml = () => createRequire(import.meta.url)('yaml') as typeof import('yaml');

/**
 * The config as plain values when js-yaml (YAML 1.2 core schema, as `yaml` reads it) parses it and
 * it validates; undefined sends the caller to the path that can name lines.
 */
function loadValid(text: string): Config | undefined {
  let raw: unknown;
  try {
    raw = load(text, { schema: CORE_SCHEMA });
  } catch {
    return undefined;
  }
  const parsed = configSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : undefined;
}

/** Read, override and validate the configuration; errors name the key and the file line. */
export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  let file = options.file ? resolve(cwd, options.file) : resolve(cwd, 'infralm.yaml');
  if (!existsSync(file)) {
    if (options.file) throw new InfraLMError('INFRALM_ERR_CONFIG_NOT_FOUND', file);
    file = '';
  }
  const text = file ? readFileSync(file, 'utf8') : '';
  if ((options.overrides ?? []).length === 0) {
    const config = loadValid(text);
    if (config) return { config, file: file || undefined, baseDirectory: file ? dirname(file) : cwd };
  }
  const { LineCounter, parseDocument } = requireYaml();
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    const first = document.errors[0]!;
    const position = lineCounter.linePos(first.pos[0]);
    throw new InfraLMError('INFRALM_ERR_CONFIG_INVALID', first.message.split('\n')[0]!, {
      location: { file: file || '<defaults>', line: position?.line, column: position?.col },
    });
  }
  const raw = (document.toJS() ?? {}) as Record<string, unknown>;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InfraLMError('INFRALM_ERR_CONFIG_INVALID', 'the top level must be a mapping', {
      location: { file, line: 1 },
    });
  }
  for (const override of options.overrides ?? []) applyOverride(raw, override);

  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') path.push(issue.keys[0]!);
    const key = path.join('.') || '(top level)';
    const line = file
      ? lineOf(document.contents as YamlNode | null, issue.path, lineCounter, issue)
      : undefined;
    const fromOverride = (options.overrides ?? []).some((o) => o.startsWith(`${path.join('.')}=`));
    throw new InfraLMError('INFRALM_ERR_CONFIG_INVALID', `${key}: ${issue.message}`, {
      location: fromOverride ? { file: `--set ${key}` } : { file: file || '<defaults>', line },
    });
  }
  return { config: parsed.data, file: file || undefined, baseDirectory: file ? dirname(file) : cwd };
}

/** Apply one `a.b.c=value` override to a plain object. */
export function applyOverride(target: Record<string, unknown>, override: string): void {
  const equals = override.indexOf('=');
  if (equals <= 0) {
    throw new InfraLMError('INFRALM_ERR_USAGE', `--set expects key.path=value, got "${override}"`);
  }
  const keys = override.slice(0, equals).split('.');
  const valueText = override.slice(equals + 1);
  const value = requireYaml().parseDocument(valueText).toJS();
  let node: Record<string, unknown> = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === undefined || next === null) node[key] = {};
    else if (typeof next !== 'object') {
      throw new InfraLMError('INFRALM_ERR_USAGE', `--set ${override}: ${key} is not a mapping`);
    }
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

/** Resolve a path from the config against the config file's folder. */
export function resolveConfigPath(loaded: LoadedConfig, path: string): string {
  return isAbsolute(path) ? path : resolve(loaded.baseDirectory, path);
}

function lineOf(
  root: YamlNode | null,
  path: PropertyKey[],
  lineCounter: LineCounter,
  issue: { code: string; keys?: string[] },
): number | undefined {
  const { isMap, isScalar, isSeq } = requireYaml();
  let node: YamlNode | null | undefined = root;
  let line: number | undefined = node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  const steps = [...path];
  for (const step of steps) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(step));
      if (!pair) break;
      const keyNode = pair.key as YamlNode;
      if (keyNode.range) line = lineCounter.linePos(keyNode.range[0]).line;
      node = pair.value as YamlNode | null;
    } else if (isSeq(node)) {
      const item = node.items[Number(step)] as YamlNode | undefined;
      if (!item) break;
      if (item.range) line = lineCounter.linePos(item.range[0]).line;
      node = item;
    } else break;
  }
  if (issue.code === 'unrecognized_keys' && isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === issue.keys?.[0]);
    const keyNode = pair?.key as YamlNode | undefined;
    if (keyNode?.range) line = lineCounter.linePos(keyNode.range[0]).line;
  }
  return line;
}
