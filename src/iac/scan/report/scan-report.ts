// The result of one scan, as every renderer takes it and every importer gives it back.

import type { Finding, RuleMetadata, Severity } from '../types.js';

/** A file the scan could not read or parse (a parse error, an unreadable file, a rule that threw). */
export interface ScanReportError {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export interface ScanReport {
  findings: Finding[];
  files_scanned: number;
  errors: ScanReportError[];
  /** The rules that ran (SARIF lists them in tool.driver.rules; JUnit gives each one a suite). */
  rules: RuleMetadata[];
  /** `informationUri` goes to SARIF's tool.driver when the caller knows the project's home page. */
  tool: { name: 'InfraLM'; version: string; informationUri?: string };
}

/** Most severe first, for summaries and sorting. */
export const SEVERITY_ORDER: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

/** Findings in reading order: file, line, column, then rule and resource so ties are stable. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

function compareFindings(left: Finding, right: Finding): number {
  return (
    compareText(left.file, right.file) ||
    left.line - right.line ||
    left.column - right.column ||
    compareText(left.rule_id, right.rule_id) ||
    compareText(left.resource, right.resource) ||
    compareText(left.attribute, right.attribute)
  );
}

// Code-point order, not locale order, so output is byte-identical on every machine.
function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** `resource.attribute`, or the resource alone for a finding on the block itself. */
export function findingTarget(finding: Pick<Finding, 'resource' | 'attribute'>): string {
  if (finding.attribute === '') return finding.resource;
  if (finding.resource === '') return finding.attribute;
  return `${finding.resource}.${finding.attribute}`;
}

/** Counts of findings by severity, every severity present (zero when none). */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}
