import { type Dirent, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InfraLMError } from '../../core/errors.js';
import { terraformFiles } from '../../corpus/terraform-files.js';
import { isHelmTemplate } from '../../iac/kubernetes/helm-template.js';
import { type ScanError, scanKubernetesText, scanTerraformTree } from '../../iac/scan/scan-engine.js';
import type { Finding, KubernetesRule, TerraformRule } from '../../iac/scan/types.js';
import { isConfigFileName, loadModuleTree } from '../../iac/terraform/config/load-module-tree.js';
import type { ConfigFile } from '../../iac/terraform/hcl/ast.js';
import { parseConfigFile } from '../../iac/terraform/hcl/index.js';

// `infralm scan PATH...`: every folder holding .tf files is a root module evaluated with its
// variables' defaults (local modules followed, so findings inside them carry the call's location);
// every YAML file outside Helm templates is scanned for Kubernetes objects. One broken file is an
// entry in `errors` and never stops the run. Each file is read and parsed once however many roots
// include it.

export interface ScanPathsOptions {
  terraformRules: readonly TerraformRule[];
  kubernetesRules: readonly KubernetesRule[];
  suppressions?: boolean;
  /** YYYY-MM-DD for suppression expiry (default: today, UTC). */
  today?: string;
}

export interface ScanPathsResult {
  findings: Finding[];
  suppressed: Finding[];
  files_scanned: number;
  errors: ScanError[];
  /** Kubernetes YAML files skipped because they are Helm templates. */
  helm_templates: number;
}

const IGNORED = new Set(['.git', 'node_modules', '.terraform']);
const YAML = /\.ya?ml$/i;

function walk(directory: string, visit: (path: string, entry: Dirent) => void): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (IGNORED.has(entry.name)) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) walk(path, visit);
    else if (entry.isFile()) visit(path, entry);
  }
}

/** Scan files and directories; paths in the result are relative to the PATH they were found under. */
export function scanPaths(paths: string[], options: ScanPathsOptions): ScanPathsResult {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const engine = { suppressions: options.suppressions ?? true, today };
  const all: Finding[] = [];
  const errors: ScanError[] = [];
  let filesScanned = 0;
  let helmTemplates = 0;
  const texts = new Map<string, string | undefined>();
  const readText = (absolute: string) => {
    if (!texts.has(absolute)) {
      try {
        texts.set(absolute, readFileSync(absolute, 'utf8'));
      } catch {
        texts.set(absolute, undefined);
      }
    }
    return texts.get(absolute);
  };
  const parsed = new Map<string, ConfigFile>();
  const parseOnce = (root: string) => (text: string, filename: string) => {
    const absolute = isAbsolute(filename) ? filename : resolve(root, filename);
    let file = parsed.get(absolute);
    if (!file) {
      file = parseConfigFile(text, absolute);
      parsed.set(absolute, file);
    }
    return file;
  };

  for (const input of paths) {
    const base = resolve(input);
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(base);
    } catch {
      throw new InfraLMError('INFRALM_ERR_INPUT_NOT_FOUND', input);
    }
    const baseDirectory = stats.isDirectory() ? base : dirname(base);
    const display = (absolute: string) => relative(baseDirectory, absolute).split(sep).join('/') || '.';
    const moduleDirectories = new Set<string>();
    const yamlFiles: string[] = [];
    const consider = (path: string) => {
      const name = path.slice(path.lastIndexOf(sep) + 1);
      if (isConfigFileName(name)) {
        moduleDirectories.add(dirname(path));
        filesScanned++;
      } else if (YAML.test(name)) yamlFiles.push(path);
    };
    if (stats.isDirectory()) walk(base, (path) => consider(path));
    else consider(base);

    for (const directory of [...moduleDirectories].sort()) {
      const files = terraformFiles(directory);
      const tree = loadModuleTree(directory, files, { parse: parseOnce(directory) });
      const result = scanTerraformTree(tree, options.terraformRules, {
        ...engine,
        files,
        displayPath: (filename) => display(isAbsolute(filename) ? filename : resolve(directory, filename)),
        readText: (filename) => readText(isAbsolute(filename) ? filename : resolve(directory, filename)),
      });
      all.push(...result.findings);
      errors.push(...result.errors);
    }
    for (const path of yamlFiles) {
      const text = readText(path);
      if (text === undefined) {
        errors.push({ file: display(path), message: 'unreadable file' });
        continue;
      }
      if (isHelmTemplate(text)) {
        helmTemplates++;
        continue;
      }
      filesScanned++;
      const result = scanKubernetesText(text, display(path), options.kubernetesRules, engine);
      all.push(...result.findings);
      errors.push(...result.errors);
    }
  }
  // A file reached from several roots (a module and the examples calling it), or a counted resource,
  // gives the same finding more than once: report it once.
  const seen = new Set<string>();
  const unique = all.filter((finding) => {
    const key = `${finding.rule_id}|${finding.file}|${finding.line}|${finding.column}|${finding.attribute}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort((a, b) =>
    a.file < b.file
      ? -1
      : a.file > b.file
        ? 1
        : a.line - b.line ||
          a.column - b.column ||
          (a.rule_id < b.rule_id ? -1 : a.rule_id > b.rule_id ? 1 : 0),
  );
  const uniqueErrors = [
    ...new Map(errors.map((error) => [`${error.file}|${error.line}|${error.message}`, error])).values(),
  ];
  return {
    findings: unique.filter((finding) => !finding.suppressed),
    suppressed: unique.filter((finding) => finding.suppressed),
    files_scanned: filesScanned,
    errors: uniqueErrors,
    helm_templates: helmTemplates,
  };
}
