// Checkov's `-o json`: one object per framework (an array when several ran), each with
// results.{failed,passed,skipped}_checks and parsing_errors; a summary-only object when nothing was
// scanned. Field names from checkov/common/output/record.py and report.py.

import { z } from 'zod';
import type { Finding } from '../types.js';
import {
  type EquivalenceIndex,
  foreignFinding,
  type ImportedReport,
  type PassedCheck,
  parseSeverity,
  parseWith,
  passedRuleId,
  relativePath,
} from './imported-report.js';
import type { ScanReportError } from './scan-report.js';

const severityField = z.union([z.string(), z.looseObject({ name: z.string() }), z.null()]).optional();

const checkovRecord = z.looseObject({
  check_id: z.string(),
  check_name: z.string().nullish(),
  check_result: z
    .looseObject({ result: z.string().optional(), suppress_comment: z.string().nullish() })
    .nullish(),
  file_path: z.string(),
  file_line_range: z.array(z.number().int()).nullish(),
  resource: z.string().nullish(),
  resource_address: z.string().nullish(),
  severity: severityField,
  guideline: z.string().nullish(),
  check_class: z.string().nullish(),
});

const checkovResults = z.looseObject({
  failed_checks: z.array(checkovRecord).optional(),
  passed_checks: z.array(checkovRecord).optional(),
  skipped_checks: z.array(checkovRecord).optional(),
  parsing_errors: z.array(z.string()).optional(),
});

const checkovFrameworkReport = z.looseObject({
  check_type: z.string().optional(),
  results: checkovResults.optional(),
  // Checkov's full-report variant of get_dict writes `checks` where the default writes `results`.
  checks: checkovResults.optional(),
  summary: z.looseObject({ checkov_version: z.string().optional() }).optional(),
  checkov_version: z.string().optional(),
});

type CheckovRecord = z.infer<typeof checkovRecord>;

/** Import a Checkov JSON report (already parsed). */
export function importCheckov(value: unknown, file: string, index: EquivalenceIndex): ImportedReport {
  // Element by element rather than a zod union, so an error names the exact path.
  const frameworks = Array.isArray(value)
    ? value.map((item, position) => parseWith(checkovFrameworkReport, item, file, 'Checkov', [position]))
    : [parseWith(checkovFrameworkReport, value, file, 'Checkov')];
  const findings: Finding[] = [];
  const passed: PassedCheck[] = [];
  const errors: ScanReportError[] = [];
  let version: string | undefined;
  for (const framework of frameworks) {
    version ??= framework.summary?.checkov_version ?? framework.checkov_version;
    const results = framework.results ?? framework.checks;
    if (!results) continue;
    for (const record of results.failed_checks ?? []) findings.push(checkovFinding(record, index));
    for (const record of results.skipped_checks ?? []) {
      const reason = record.check_result?.suppress_comment ?? '';
      findings.push(checkovFinding(record, index, { reason, source: 'checkov:skip' }));
    }
    for (const record of results.passed_checks ?? []) {
      const resource = record.resource_address ?? record.resource ?? '';
      passed.push({
        rule_id: passedRuleId('checkov', [record.check_id], resource, index),
        foreign_id: record.check_id,
        file: checkovPath(record.file_path),
        line: record.file_line_range?.[0] ?? 0,
        resource,
      });
    }
    for (const path of results.parsing_errors ?? []) {
      errors.push({
        file: checkovPath(path),
        message: `Checkov could not parse this file (${framework.check_type ?? 'unknown framework'})`,
      });
    }
  }
  return {
    format: 'checkov',
    tool: { name: 'Checkov', ...(version ? { version } : {}) },
    findings,
    passed,
    errors,
  };
}

function checkovFinding(
  record: CheckovRecord,
  index: EquivalenceIndex,
  suppressed?: Finding['suppressed'],
): Finding {
  const severity =
    typeof record.severity === 'object' && record.severity ? record.severity.name : record.severity;
  const title = record.check_name ?? record.check_id;
  return foreignFinding(
    {
      tool: 'checkov',
      foreignIds: [record.check_id],
      title,
      severity: parseSeverity(severity),
      file: checkovPath(record.file_path),
      line: record.file_line_range?.[0] ?? 0,
      column: 0,
      resource: record.resource_address ?? record.resource ?? '',
      attribute: '',
      message: title,
      remediation: record.guideline ?? '',
      ...(suppressed ? { suppressed } : {}),
    },
    index,
  );
}

// Checkov writes paths under the scanned directory as `/main.tf`.
function checkovPath(path: string): string {
  return relativePath(path).replace(/^\/+/, '');
}
