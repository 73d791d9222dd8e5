// The CLI's JSON contract: `{findings, files_scanned, errors}` with fixed keys in every finding;
// suppressed findings go to their own array so consumers counting `findings` never see them.

import type { Finding } from '../types.js';
import { type ScanReport, sortFindings } from './scan-report.js';

/** Render a scan report as the CLI's JSON document (two-space indent, trailing newline). */
export function renderJson(report: ScanReport): string {
  const ordered = sortFindings(report.findings);
  const document = {
    findings: ordered.filter((finding) => !finding.suppressed).map(jsonFinding),
    files_scanned: report.files_scanned,
    errors: report.errors.map((error) => ({
      file: error.file,
      ...(error.line !== undefined ? { line: error.line } : {}),
      ...(error.column !== undefined ? { column: error.column } : {}),
      message: error.message,
    })),
    suppressed: ordered.filter((finding) => finding.suppressed).map(jsonFinding),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

// Key order is part of the contract: the ten listed keys first, extras after.
function jsonFinding(finding: Finding): Record<string, unknown> {
  return {
    rule_id: finding.rule_id,
    severity: finding.severity,
    category: finding.category,
    cwe: finding.cwe,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    resource: finding.resource,
    attribute: finding.attribute,
    message: finding.message,
    title: finding.title,
    remediation: finding.remediation,
    ...(finding.module_calls && finding.module_calls.length > 0
      ? { module_calls: finding.module_calls }
      : {}),
    ...(finding.suppressed ? { suppressed: finding.suppressed } : {}),
    equivalents: finding.equivalents,
  };
}
