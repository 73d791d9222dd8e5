// What an importer gives back, and the pieces every importer shares: severity parsing, mapping a
// foreign check id to our rule through `equivalents`, and building a Finding from a foreign result.

import type { z } from 'zod';
import { InfraLMError } from '../../../core/errors.js';
import type { Category, Equivalents, Finding, RuleMetadata, Severity } from '../types.js';
import type { ScanReportError } from './scan-report.js';

export type ReportFormat = 'checkov' | 'trivy' | 'kics' | 'sarif';
export type ForeignTool = keyof Equivalents;

/** A check the foreign tool ran and that passed (for precision/recall against our scanner). */
export interface PassedCheck {
  /** Our rule id when a rule declares the foreign id as equivalent, else the foreign id. */
  rule_id: string;
  foreign_id: string;
  file: string;
  /** 0 when the report gives no line. */
  line: number;
  resource: string;
}

export interface ImportedReport {
  format: ReportFormat;
  tool: { name: string; version?: string };
  /** Failed checks; suppressed/skipped ones carry `suppressed`. Line/column 0 = not in the report. */
  findings: Finding[];
  passed: PassedCheck[];
  errors: ScanReportError[];
  /** When the report says how many files it scanned. */
  files_scanned?: number;
}

/** Finds our rule for a foreign check id (case-insensitive; Trivy ids with or without `AVD-`). */
export class EquivalenceIndex {
  readonly #byTool: Record<ForeignTool, Map<string, RuleMetadata[]>> = {
    checkov: new Map(),
    trivy: new Map(),
    kics: new Map(),
  };
  readonly #byId = new Map<string, RuleMetadata>();

  constructor(rules: readonly RuleMetadata[]) {
    for (const rule of rules) {
      if (!this.#byId.has(rule.id)) this.#byId.set(rule.id, rule);
      for (const tool of ['checkov', 'trivy', 'kics'] as const) {
        for (const foreignId of rule.equivalents[tool]) {
          const key = normalizeForeignId(tool, foreignId);
          const list = this.#byTool[tool].get(key) ?? [];
          if (!list.includes(rule)) list.push(rule);
          this.#byTool[tool].set(key, list);
        }
      }
    }
  }

  /** Our rule by its own id. */
  rule(id: string): RuleMetadata | undefined {
    return this.#byId.get(id);
  }

  /**
   * The rule declaring any of `foreignIds` as equivalent. When several do, the one whose resource
   * types include the finding's, else the lowest rule id, so the answer never depends on rule order.
   */
  lookup(tool: ForeignTool, foreignIds: readonly string[], resourceType: string): RuleMetadata | undefined {
    const candidates = new Set<RuleMetadata>();
    for (const foreignId of foreignIds) {
      for (const rule of this.#byTool[tool].get(normalizeForeignId(tool, foreignId)) ?? [])
        candidates.add(rule);
    }
    const sorted = [...candidates].sort((left, right) =>
      left.id < right.id ? -1 : left.id > right.id ? 1 : 0,
    );
    return sorted.find((rule) => rule.resourceTypes.includes(resourceType)) ?? sorted[0];
  }
}

function normalizeForeignId(tool: ForeignTool, id: string): string {
  const upper = id.trim().toUpperCase();
  return tool === 'trivy' ? upper.replace(/^AVD-/, '') : upper;
}

/** A foreign severity word as ours: INFO/TRACE count as LOW; anything else unknown is undefined. */
export function parseSeverity(value: unknown): Severity | undefined {
  if (typeof value !== 'string') return undefined;
  const upper = value.trim().toUpperCase();
  if (upper === 'CRITICAL' || upper === 'HIGH' || upper === 'MEDIUM' || upper === 'LOW') return upper;
  if (upper === 'INFO' || upper === 'TRACE') return 'LOW';
  return undefined;
}

const CATEGORIES: readonly Category[] = [
  'encryption',
  'network',
  'iam',
  'logging',
  'secrets',
  'backup',
  'access-control',
  'availability',
  'container',
  'rbac',
  'supply-chain',
  'general',
];

/** A category string as ours, or undefined. */
export function parseCategory(value: unknown): Category | undefined {
  return CATEGORIES.find((category) => category === value);
}

/** The resource type of a Terraform address or a Kubernetes `Kind.namespace.name`. */
export function resourceTypeOf(resource: string): string {
  const withoutModules = resource.replace(/^(module\.[^.]+(\[[^\]]*\])?\.)+/, '');
  return withoutModules.replace(/^data\./, '').split('.')[0] ?? '';
}

export interface ForeignResult {
  tool: ForeignTool | undefined;
  /** The tool's check id first, then any alternative ids (Trivy's AVDID). */
  foreignIds: string[];
  title: string;
  severity: Severity | undefined;
  cwe?: string;
  file: string;
  line: number;
  column: number;
  resource: string;
  attribute: string;
  message: string;
  remediation: string;
  suppressed?: Finding['suppressed'];
}

/**
 * A Finding for a foreign result: mapped to our rule (its id, severity, category, CWE, title and
 * remediation) when a rule declares the id as equivalent; else the foreign id with category
 * `general` and the report's severity or MEDIUM. The foreign message is kept either way.
 */
export function foreignFinding(result: ForeignResult, index: EquivalenceIndex): Finding {
  const foreignId = result.foreignIds[0] ?? '';
  const rule = result.tool
    ? index.lookup(result.tool, result.foreignIds, resourceTypeOf(result.resource))
    : undefined;
  const location = {
    file: result.file,
    line: result.line,
    column: result.column,
    resource: result.resource,
    attribute: result.attribute,
    ...(result.suppressed ? { suppressed: result.suppressed } : {}),
  };
  if (rule) {
    return {
      rule_id: rule.id,
      title: rule.title,
      severity: rule.severity,
      category: rule.category,
      cwe: rule.cwe,
      ...location,
      message: result.message || rule.title,
      remediation: rule.remediation,
      equivalents: rule.equivalents,
    };
  }
  const equivalents: Equivalents = { checkov: [], trivy: [], kics: [] };
  if (result.tool) equivalents[result.tool] = [...new Set(result.foreignIds.filter((id) => id !== ''))];
  return {
    rule_id: foreignId,
    title: result.title || foreignId,
    severity: result.severity ?? 'MEDIUM',
    category: 'general',
    cwe: result.cwe ?? '',
    ...location,
    message: result.message || result.title || foreignId,
    remediation: result.remediation,
    equivalents,
  };
}

/** The rule id a passed foreign check stands for. */
export function passedRuleId(
  tool: ForeignTool | undefined,
  foreignIds: string[],
  resource: string,
  index: EquivalenceIndex,
): string {
  const rule = tool ? index.lookup(tool, foreignIds, resourceTypeOf(resource)) : undefined;
  return rule?.id ?? foreignIds[0] ?? '';
}

/** The error for a report that is not what it claims to be. */
export function malformedReport(
  file: string,
  detail: string,
  location: { line?: number; column?: number } = {},
): InfraLMError {
  return new InfraLMError('INFRALM_ERR_RECORD_PARSE', detail, { location: { file, ...location } });
}

/** A report path in our form: forward slashes, no leading `./`. */
export function relativePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/** Check a parsed report against a schema; on failure, name the first offending JSON path. */
export function parseWith<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  file: string,
  format: string,
  prefix: readonly PropertyKey[] = [],
): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = jsonPath([...prefix, ...(issue?.path ?? [])]);
  // zod's messages name expected and received types, never the values (which may be secrets).
  throw malformedReport(file, `${format} report: ${where || '(top level)'}: ${issue?.message ?? 'invalid'}`);
}

function jsonPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}
