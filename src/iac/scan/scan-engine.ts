// The scanner's pure core: rules over an evaluated Terraform module tree or a Kubernetes YAML file,
// findings located at the offending attribute, suppressions applied. No I/O: text in, findings out.

import type { ModuleTree } from '../terraform/config/load-module-tree.js';
import type { Range } from '../terraform/hcl/ast.js';
import type { PlanFileAccess } from '../terraform/plan/static-plan.js';
import { KUBERNETES_RULE_CONTEXT, parseKubernetesFile } from './kubernetes-model.js';
import { findSuppressionComments, matchSuppression, type SuppressionComment } from './suppressions.js';
import { buildTerraformScanModel, locateAttribute } from './terraform-model.js';
import type { CheckResult, Finding, KubernetesRule, RuleMetadata, TerraformRule } from './types.js';

export interface ScanError {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export interface EngineOptions {
  /** Honour suppression comments (default true; --no-suppressions turns them off). */
  suppressions?: boolean;
  /** Today's date (YYYY-MM-DD) for suppression expiry. */
  today: string;
}

function results(outcome: CheckResult | CheckResult[]): CheckResult[] {
  return Array.isArray(outcome) ? outcome : [outcome];
}

function finding(
  rule: RuleMetadata,
  location: { file: string; line: number; column: number },
  resource: string,
  attribute: (string | number)[],
  message?: string,
): Finding {
  return {
    rule_id: rule.id,
    title: rule.title,
    severity: rule.severity,
    category: rule.category,
    cwe: rule.cwe,
    file: location.file,
    line: location.line,
    column: location.column,
    resource,
    attribute: attribute.join('.'),
    message: message ?? rule.title,
    remediation: rule.remediation,
    equivalents: rule.equivalents,
  };
}

function applySuppression(
  found: Finding,
  rule: RuleMetadata,
  comments: readonly SuppressionComment[],
  block: { start: number; end: number },
  options: EngineOptions,
): Finding {
  if (options.suppressions === false) return found;
  const comment = matchSuppression(
    comments,
    {
      ruleId: rule.id,
      equivalents: rule.equivalents,
      line: found.line,
      blockStart: block.start,
      blockEnd: block.end,
    },
    options.today,
  );
  if (!comment) return found;
  return {
    ...found,
    suppressed: {
      reason: comment.reason,
      source: comment.source,
      ...(comment.expires ? { expires: comment.expires } : {}),
    },
  };
}

/**
 * Scan an evaluated Terraform module tree. `displayPath` maps a filename of the tree (relative to the
 * root module) to the path findings report; `readText` gives a file's text for suppression comments.
 */
export function scanTerraformTree(
  tree: ModuleTree,
  rules: readonly TerraformRule[],
  options: EngineOptions & {
    files?: PlanFileAccess;
    displayPath: (filename: string) => string;
    readText: (filename: string) => string | undefined;
  },
): { findings: Finding[]; errors: ScanError[] } {
  const model = buildTerraformScanModel(tree, options.files);
  // Broken files are errors; what evaluation finds wrong in a valid file (a missing template, a
  // required variable) is not the scanner's to report.
  const errors: ScanError[] = tree.modules
    .flatMap((module) => module.files.flatMap((file) => file.diagnostics))
    .filter((diagnostic) => diagnostic.severity === 'error')
    .map((diagnostic) => ({
      file: options.displayPath(diagnostic.range?.filename ?? '.'),
      ...(diagnostic.range
        ? { line: diagnostic.range.start.line, column: diagnostic.range.start.column }
        : {}),
      message: `${diagnostic.summary}: ${diagnostic.detail.split('\n')[0]}`,
    }));
  const byType = new Map<string, TerraformRule[]>();
  for (const rule of rules)
    for (const type of rule.resourceTypes) byType.set(type, [...(byType.get(type) ?? []), rule]);
  const comments = new Map<string, SuppressionComment[]>();
  const commentsOf = (filename: string) => {
    let found = comments.get(filename);
    if (!found) {
      found = findSuppressionComments(options.readText(filename) ?? '');
      comments.set(filename, found);
    }
    return found;
  };
  const located = (range: Range) => ({
    file: options.displayPath(range.filename),
    line: range.start.line,
    column: range.start.column,
  });
  const findings: Finding[] = [];
  for (const resource of model.resources) {
    for (const rule of byType.get(resource.type) ?? []) {
      let outcome: CheckResult[];
      try {
        outcome = results(rule.check(resource, model.context));
      } catch (error) {
        errors.push({
          file: options.displayPath(resource.declaration.range.filename),
          line: resource.declaration.range.start.line,
          message: `rule ${rule.id} failed on ${resource.address}: ${(error as Error).message}`,
        });
        continue;
      }
      for (const result of outcome) {
        if (result.status !== 'fail') continue;
        const attribute = result.attribute ?? [];
        const range = locateAttribute(resource, attribute);
        const entry = finding(rule, located(range), resource.address, attribute, result.message);
        if (resource.moduleCalls.length > 0) entry.module_calls = resource.moduleCalls.map(located);
        const block = resource.declaration.range;
        findings.push(
          applySuppression(
            entry,
            rule,
            commentsOf(range.filename),
            { start: block.start.line, end: block.end.line },
            options,
          ),
        );
      }
    }
  }
  return { findings, errors };
}

/** Scan one Kubernetes YAML file (multi-document). */
export function scanKubernetesText(
  text: string,
  file: string,
  rules: readonly KubernetesRule[],
  options: EngineOptions,
): { findings: Finding[]; errors: ScanError[]; objects: number } {
  const parsed = parseKubernetesFile(text, file);
  const errors: ScanError[] = parsed.errors.map((error) => ({
    file,
    line: error.line,
    column: error.column,
    message: error.message,
  }));
  const comments = findSuppressionComments(text);
  const findings: Finding[] = [];
  const lastLine = text.split('\n').length;
  for (const [index, { view, locate }] of parsed.objects.entries()) {
    const hasPodSpec = KUBERNETES_RULE_CONTEXT.podSpecs(view).length > 0;
    const start = locate([]).line;
    const end = index + 1 < parsed.objects.length ? parsed.objects[index + 1]!.locate([]).line - 1 : lastLine;
    for (const rule of rules) {
      if (!rule.resourceTypes.includes(view.kind) && !(hasPodSpec && rule.resourceTypes.includes('*')))
        continue;
      let outcome: CheckResult[];
      try {
        outcome = results(rule.check(view, KUBERNETES_RULE_CONTEXT));
      } catch (error) {
        errors.push({
          file,
          message: `rule ${rule.id} failed on ${view.kind}/${view.name}: ${(error as Error).message}`,
        });
        continue;
      }
      for (const result of outcome) {
        if (result.status !== 'fail') continue;
        const attribute = result.attribute ?? [];
        const position = locate(attribute);
        const entry = finding(
          rule,
          { file, ...position },
          `${view.kind}.${view.namespace}.${view.name}`,
          attribute,
          result.message,
        );
        findings.push(applySuppression(entry, rule, comments, { start, end }, options));
      }
    }
  }
  return { findings, errors, objects: parsed.objects.length };
}
