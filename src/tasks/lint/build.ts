import { posix } from 'node:path';
import { sha256, stableStringify } from '../../core/hash.js';
import type { Document, Example, Step } from '../../core/types.js';
import { isHelmTemplate } from '../../iac/kubernetes/helm-template.js';
import { scanKubernetesText, scanTerraformTree } from '../../iac/scan/scan-engine.js';
import type { Finding, KubernetesRule, TerraformRule } from '../../iac/scan/types.js';
import { isConfigFileName, loadModuleTree } from '../../iac/terraform/config/load-module-tree.js';
import { redactFiles } from '../../quality/redact-files.js';
import { memoryFiles } from '../plan/memory-files.js';
import { type LabelRule, lintTarget } from './label.js';
import type { LintFinding, LintInput, LintTarget } from './types.js';

// Corpus → lint examples, one repository at a time: each folder with .tf files is one example (the
// module and the local modules it calls), each Kubernetes YAML file another, labelled by the
// built-in scanner under the labelling rule. The label's source is recorded in the strata.

export interface LintBuildOptions {
  terraformRules: readonly TerraformRule[];
  kubernetesRules: readonly KubernetesRule[];
  labelRule?: LabelRule;
  /** Largest input in characters (default 32k). */
  maxInputChars?: number;
  today?: string;
}

export const LINT_DROP_REASONS = [
  'input-too-large',
  'no-resources',
  'helm-template',
  'parse-error',
  'redaction-changed-lines',
] as const;

/** Findings as the lint target lists them. */
export function toLintFindings(findings: readonly Finding[]): LintFinding[] {
  return findings
    .filter((finding) => !finding.suppressed)
    .map((finding) => ({
      rule_id: finding.rule_id,
      severity: finding.severity,
      category: finding.category,
      file: finding.file,
      line: finding.line,
      resource: finding.resource,
      message: finding.message,
    }));
}

/** Scan a lint input with the built-in scanner (the baseline and the label source). */
export function scanLintInput(
  input: LintInput,
  options: LintBuildOptions,
): { findings: LintFinding[]; resources: number; errors: number } {
  const today = options.today ?? '2026-01-01';
  if (input.language === 'kubernetes') {
    let findings: Finding[] = [];
    let resources = 0;
    let errors = 0;
    for (const file of input.files) {
      const result = scanKubernetesText(file.content, file.path, options.kubernetesRules, { today });
      findings = findings.concat(result.findings);
      resources += result.objects;
      errors += result.errors.length;
    }
    return { findings: toLintFindings(findings), resources, errors };
  }
  const files = new Map(input.files.map((file) => [file.path, file.content]));
  const reader = memoryFiles(files);
  const tree = loadModuleTree('.', reader);
  const result = scanTerraformTree(tree, options.terraformRules, {
    today,
    files: reader,
    displayPath: (filename) => filename,
    readText: (filename) => files.get(filename),
  });
  const resources = tree.modules.reduce((sum, module) => sum + module.declarations.resources.size, 0);
  return { findings: toLintFindings(result.findings), resources, errors: result.errors.length };
}

/** The lint task's build step. */
export function buildLintExamples(options: LintBuildOptions): Step<Document, Example<LintInput, LintTarget>> {
  const maxInputChars = options.maxInputChars ?? 32_000;
  return async function* (documents, context) {
    let repository: string | undefined;
    let buffered: Document[] = [];
    const flush = function* () {
      if (buffered.length === 0) return;
      const byPath = new Map(buffered.map((document) => [document.source.path, document]));
      const first = buffered[0]!.source;
      const candidates: { input: LintInput; path: string }[] = [];
      const moduleDirectories = [
        ...new Set(
          buffered
            .filter((document) => isConfigFileName(posix.basename(document.source.path)))
            .map((document) => posix.dirname(document.source.path)),
        ),
      ].sort();
      for (const directory of moduleDirectories) {
        const view = new Map<string, string>();
        for (const [path, document] of byPath)
          view.set(posix.relative(directory, path) || path, document.text);
        const tree = loadModuleTree('.', memoryFiles(view));
        const files = tree.modules.flatMap((module) =>
          module.files.map((file) => ({ path: file.filename, content: view.get(file.filename) ?? '' })),
        );
        candidates.push({ input: { language: 'terraform', files }, path: directory });
      }
      for (const document of buffered) {
        if (!/\.ya?ml$/i.test(document.source.path)) continue;
        if (isHelmTemplate(document.text)) {
          context.drop(`${first.repo ?? ''}/${document.source.path}`, 'helm-template');
          continue;
        }
        candidates.push({
          input: {
            language: 'kubernetes',
            files: [{ path: posix.basename(document.source.path), content: document.text }],
          },
          path: document.source.path,
        });
      }
      for (const candidate of candidates) {
        const label = `${first.repo ?? ''}/${candidate.path}`;
        const size = candidate.input.files.reduce((sum, file) => sum + file.content.length, 0);
        if (size > maxInputChars) {
          context.drop(label, 'input-too-large', `${size} characters`);
          continue;
        }
        const scanned = scanLintInput(candidate.input, options);
        if (scanned.errors > 0) {
          context.drop(label, 'parse-error');
          continue;
        }
        if (scanned.resources === 0) {
          context.drop(label, 'no-resources');
          continue;
        }
        const target = lintTarget(scanned.findings, options.labelRule);
        // The label is the original text's; the text written is redacted, line for line.
        const redacted = redactFiles(candidate.input.files, (type, n) =>
          context.count(`redactions:${type}`, n),
        );
        if (redacted.changedLines !== undefined) {
          context.drop(label, 'redaction-changed-lines', redacted.changedLines);
          continue;
        }
        const input: LintInput = { ...candidate.input, files: redacted.files };
        const categories = new Map<string, number>();
        for (const finding of scanned.findings)
          categories.set(finding.category, (categories.get(finding.category) ?? 0) + 1);
        const category =
          [...categories].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? 'none';
        context.count('examples');
        yield {
          id: sha256(stableStringify(input)),
          task: 'lint' as const,
          input,
          target,
          group: first.repo ?? 'unknown',
          strata: {
            language: candidate.input.language,
            label: target.label,
            category,
            label_source: 'infralm-scanner',
          },
          source: { ...first, path: candidate.path },
        };
      }
      buffered = [];
    };
    for await (const document of documents) {
      const repo = document.source.repo ?? '';
      if (repository !== undefined && repo !== repository) yield* flush();
      repository = repo;
      buffered.push(document);
    }
    yield* flush();
  };
}
