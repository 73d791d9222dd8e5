// KICS's `kics scan --report-formats json` (results.json): queries[] with query_id, query_name,
// severity, category, files[] (file_name, line, resource_type, resource_name, search_key,
// expected_value, actual_value, issue_type). Older KICS wrote key_expected_value/key_actual_value.

import { z } from 'zod';
import type { Finding } from '../types.js';
import {
  type EquivalenceIndex,
  foreignFinding,
  type ImportedReport,
  parseSeverity,
  parseWith,
  relativePath,
} from './imported-report.js';
import type { ScanReportError } from './scan-report.js';

const kicsFile = z.looseObject({
  file_name: z.string(),
  line: z.number().int().optional(),
  resource_type: z.string().optional(),
  resource_name: z.string().optional(),
  issue_type: z.string().optional(),
  search_key: z.string().optional(),
  expected_value: z.string().nullish(),
  actual_value: z.string().nullish(),
  key_expected_value: z.string().nullish(),
  key_actual_value: z.string().nullish(),
  remediation: z.string().nullish(),
});

const kicsQuery = z.looseObject({
  query_name: z.string(),
  query_id: z.string(),
  severity: z.string(),
  category: z.string().optional(),
  description: z.string().optional(),
  query_url: z.string().optional(),
  cwe: z.string().optional(),
  files: z.array(kicsFile).nullish(),
});

const kicsReport = z.looseObject({
  kics_version: z.string().optional(),
  files_scanned: z.number().int().optional(),
  files_failed_to_scan: z.number().int().optional(),
  queries: z.array(kicsQuery),
});

type KicsFile = z.infer<typeof kicsFile>;

/** Import a KICS JSON report (already parsed). */
export function importKics(value: unknown, file: string, index: EquivalenceIndex): ImportedReport {
  const parsed = parseWith(kicsReport, value, file, 'KICS');
  const findings: Finding[] = [];
  for (const query of parsed.queries) {
    for (const entry of query.files ?? []) {
      const resource = kicsResource(entry);
      const expected = entry.expected_value ?? entry.key_expected_value;
      const actual = entry.actual_value ?? entry.key_actual_value;
      findings.push(
        foreignFinding(
          {
            tool: 'kics',
            foreignIds: [query.query_id],
            title: query.query_name,
            severity: parseSeverity(query.severity),
            ...(query.cwe && /^\d+$/.test(query.cwe) ? { cwe: `CWE-${query.cwe}` } : {}),
            file: relativePath(entry.file_name),
            line: entry.line ?? 0,
            column: 0,
            resource,
            attribute: kicsAttribute(entry),
            message: actual ?? query.query_name,
            remediation: entry.remediation ?? (expected ? `Expected: ${expected}` : ''),
          },
          index,
        ),
      );
    }
  }
  const errors: ScanReportError[] = [];
  const failed = parsed.files_failed_to_scan ?? 0;
  // KICS counts the files it could not scan but does not name them.
  if (failed > 0)
    errors.push({
      file,
      message: `KICS failed to scan ${failed} file${failed === 1 ? '' : 's'} (not named in its report)`,
    });
  return {
    format: 'kics',
    tool: { name: 'KICS', ...(parsed.kics_version ? { version: parsed.kics_version } : {}) },
    findings,
    passed: [],
    errors,
    ...(parsed.files_scanned !== undefined ? { files_scanned: parsed.files_scanned } : {}),
  };
}

function kicsResource(entry: KicsFile): string {
  if (entry.resource_type && entry.resource_name) return `${entry.resource_type}.${entry.resource_name}`;
  return entry.resource_name ?? '';
}

// `aws_s3_bucket[positive1].acl` names the attribute after the resource; other search keys
// (Kubernetes `metadata.name={{x}}...`) do not map onto our paths, so they give none.
function kicsAttribute(entry: KicsFile): string {
  if (!entry.search_key || !entry.resource_type) return '';
  const match = /^(?:resource\.)?([^.[]+)\[([^\]]+)\]\.(.+)$/.exec(entry.search_key);
  return match && match[1] === entry.resource_type ? match[3]! : '';
}
