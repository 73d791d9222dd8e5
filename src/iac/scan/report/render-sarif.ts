// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Validated in tests against the OASIS
// schema (__fixtures__/sarif-schema-2.1.0.json). Levels and security-severity follow what GitHub reads.

import { sha256, stableStringify } from '../../../core/hash.js';
import type { Finding, RuleMetadata, Severity } from '../types.js';
import { type ScanReport, type ScanReportError, sortFindings } from './scan-report.js';

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** GitHub buckets security-severity as critical > 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  CRITICAL: '9.5',
  HIGH: '8.0',
  MEDIUM: '5.5',
  LOW: '2.0',
};

export type SarifLevel = 'error' | 'warning' | 'note';

export const SARIF_LEVEL: Record<Severity, SarifLevel> = {
  CRITICAL: 'error',
  HIGH: 'error',
  MEDIUM: 'warning',
  LOW: 'note',
};

/** The key of our partial fingerprint; bump the version if the hashed fields ever change. */
export const FINGERPRINT_KEY = 'infralmFindingHash/v1';

const SOURCE_ROOT = '%SRCROOT%';

type RuleDescriptorSource = Pick<
  RuleMetadata,
  'id' | 'title' | 'severity' | 'category' | 'cwe' | 'remediation' | 'references'
> &
  Partial<Pick<RuleMetadata, 'resourceTypes'>>;

/** Render a scan report as a SARIF 2.1.0 log with one run (two-space indent, trailing newline). */
export function renderSarif(report: ScanReport): string {
  const findings = sortFindings(report.findings);
  const descriptors = ruleDescriptorSources(report.rules, findings);
  const ruleIndex = new Map(descriptors.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            ...(report.tool.informationUri && isAbsoluteUri(report.tool.informationUri)
              ? { informationUri: report.tool.informationUri }
              : {}),
            rules: descriptors.map(ruleDescriptor),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.errors.map(notification),
          },
        ],
        results: findings.map((finding) => result(finding, ruleIndex.get(finding.rule_id) ?? -1)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A stable identity for a finding across runs: moving code around does not change it. */
export function findingFingerprint(
  finding: Pick<Finding, 'rule_id' | 'file' | 'resource' | 'attribute'>,
): string {
  return sha256(stableStringify([finding.rule_id, finding.file, finding.resource, finding.attribute]));
}

// Rules that ran, then any rule a finding names that the report did not list (imported findings),
// so every result has a ruleIndex.
function ruleDescriptorSources(
  rules: readonly RuleMetadata[],
  findings: readonly Finding[],
): RuleDescriptorSource[] {
  const seen = new Set<string>();
  const sources: RuleDescriptorSource[] = [];
  for (const rule of rules) {
    if (seen.has(rule.id)) continue;
    seen.add(rule.id);
    sources.push(rule);
  }
  for (const finding of findings) {
    if (seen.has(finding.rule_id)) continue;
    seen.add(finding.rule_id);
    sources.push({
      id: finding.rule_id,
      title: finding.title,
      severity: finding.severity,
      category: finding.category,
      cwe: finding.cwe,
      remediation: finding.remediation,
      references: [],
    });
  }
  return sources;
}

function ruleDescriptor(rule: RuleDescriptorSource): Record<string, unknown> {
  const title = rule.title || rule.id;
  const appliesTo =
    rule.resourceTypes && rule.resourceTypes.length > 0
      ? ` Applies to ${rule.resourceTypes.join(', ')}.`
      : '';
  const helpUri = rule.references.find(isAbsoluteUri);
  const references = rule.references.filter(isAbsoluteUri);
  const remediation = rule.remediation || 'No remediation given.';
  return {
    id: rule.id,
    name: pascalCase(title) || rule.id,
    shortDescription: { text: title },
    fullDescription: { text: `${title}${title.endsWith('.') ? '' : '.'}${appliesTo}` },
    help: {
      text: remediation,
      markdown:
        references.length > 0
          ? `${remediation}\n\nReferences:\n${references.map((reference) => `- <${reference}>`).join('\n')}`
          : remediation,
    },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
    properties: {
      // GitHub only shows security-severity for rules tagged `security`.
      tags: [...new Set(['security', rule.category, rule.cwe].filter((tag) => tag !== ''))],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      precision: 'high',
    },
  };
}

function result(finding: Finding, ruleIndex: number): Record<string, unknown> {
  return {
    ruleId: finding.rule_id,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: SARIF_LEVEL[finding.severity],
    message: { text: finding.message || finding.title || finding.rule_id },
    locations: [{ physicalLocation: physicalLocation(finding.file, finding.line, finding.column) }],
    partialFingerprints: { [FINGERPRINT_KEY]: findingFingerprint(finding) },
    ...(finding.module_calls && finding.module_calls.length > 0
      ? {
          relatedLocations: finding.module_calls.map((call, index) => ({
            id: index,
            physicalLocation: physicalLocation(call.file, call.line, call.column),
            message: { text: index === 0 ? 'module call in the root module' : 'module call' },
          })),
        }
      : {}),
    ...(finding.suppressed
      ? {
          suppressions: [
            {
              kind: 'inSource',
              status: 'accepted',
              justification: finding.suppressed.reason,
              properties: {
                source: finding.suppressed.source,
                ...(finding.suppressed.expires ? { expires: finding.suppressed.expires } : {}),
              },
            },
          ],
        }
      : {}),
    // Per result as well as per rule: imported findings of one foreign id can differ in severity.
    properties: {
      'security-severity': SECURITY_SEVERITY[finding.severity],
      category: finding.category,
      resource: finding.resource,
      attribute: finding.attribute,
    },
  };
}

function notification(error: ScanReportError): Record<string, unknown> {
  return {
    level: 'error',
    message: { text: error.message },
    ...(error.file !== ''
      ? {
          locations: [{ physicalLocation: physicalLocation(error.file, error.line ?? 0, error.column ?? 0) }],
        }
      : {}),
  };
}

// Line or column 0 means unknown (imported reports): SARIF wants them absent then, not 0.
function physicalLocation(file: string, line: number, column: number): Record<string, unknown> {
  return {
    artifactLocation: artifactLocation(file),
    ...(line >= 1 ? { region: { startLine: line, ...(column >= 1 ? { startColumn: column } : {}) } } : {}),
  };
}

/** A path as a SARIF artifact location: relative paths against %SRCROOT%, each segment percent-encoded. */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const path = file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  const encoded = path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  if (path.startsWith('/')) return { uri: `file://${encoded}` };
  return { uri: encoded, uriBaseId: SOURCE_ROOT };
}

function isAbsoluteUri(text: string): boolean {
  return /^https?:\/\/[^\s]+$/.test(text) && URL.canParse(text);
}

function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}
