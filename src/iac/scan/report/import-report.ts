// Reads another scanner's report and gives back our findings: detects Checkov, Trivy, KICS or SARIF
// from the document's shape (not the file name, which CI often calls results.json for all of them).

import type { RuleMetadata } from '../types.js';
import { importCheckov } from './import-checkov.js';
import { importKics } from './import-kics.js';
import { importSarif } from './import-sarif.js';
import { importTrivy } from './import-trivy.js';
import {
  EquivalenceIndex,
  type ImportedReport,
  malformedReport,
  type ReportFormat,
} from './imported-report.js';

/**
 * Import a Checkov, Trivy, KICS or SARIF 2.1.0 JSON report. Foreign check ids become our rule ids
 * where a rule in `rules` declares them in `equivalents`. Throws an InfraLMError naming `filename`
 * and the problem when the text is not JSON or not one of those formats.
 */
export function importReport(
  text: string,
  filename: string,
  rules: readonly RuleMetadata[] = [],
): ImportedReport {
  const value = parseJson(text, filename);
  const format = detectReportFormat(value);
  if (!format) {
    throw malformedReport(
      filename,
      'not a Checkov, Trivy, KICS or SARIF 2.1.0 JSON report (no check_type/results, Results, queries or runs)',
    );
  }
  const index = new EquivalenceIndex(rules);
  switch (format) {
    case 'checkov':
      return importCheckov(value, filename, index);
    case 'trivy':
      return importTrivy(value, filename, index);
    case 'kics':
      return importKics(value, filename, index);
    case 'sarif':
      return importSarif(value, filename, index);
  }
}

/** The report format a parsed JSON document looks like, or undefined. */
export function detectReportFormat(value: unknown): ReportFormat | undefined {
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    if (value.every((item) => isObject(item) && ('check_type' in item || 'results' in item)))
      return 'checkov';
    if (value.every((item) => isObject(item) && 'Target' in item)) return 'trivy';
    return undefined;
  }
  if (!isObject(value)) return undefined;
  if ('runs' in value && ('version' in value || '$schema' in value)) return 'sarif';
  if ('Results' in value || 'SchemaVersion' in value) return 'trivy';
  if (
    'queries' in value &&
    ('kics_version' in value || 'queries_total' in value || 'files_scanned' in value)
  ) {
    return 'kics';
  }
  if (
    'check_type' in value ||
    ('results' in value && isObject(value.results)) ||
    'checkov_version' in value
  ) {
    return 'checkov';
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// JSON.parse quotes the offending text in its message; a report can hold secrets (Checkov copies
// code blocks), so say where, never what.
function parseJson(text: string, filename: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    if (!position) throw malformedReport(filename, 'not valid JSON');
    const offset = Number(position[1]);
    const before = text.replace(/^\uFEFF/, '').slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    throw malformedReport(filename, 'not valid JSON', { line, column });
  }
}
