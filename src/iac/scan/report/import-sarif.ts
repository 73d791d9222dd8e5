// Any SARIF 2.1.0 log: runs[].results[] with ruleId/ruleIndex and locations. The tool's name picks
// the equivalence table (Checkov/Trivy/KICS), and InfraLM's own logs map straight back to our rules.
// Severity: properties.security-severity (GitHub's buckets) when present, else the SARIF level.

import { z } from 'zod';
import type { Finding, Severity } from '../types.js';
import {
  type EquivalenceIndex,
  type ForeignTool,
  foreignFinding,
  type ImportedReport,
  malformedReport,
  type PassedCheck,
  parseCategory,
  parseWith,
  passedRuleId,
  relativePath,
} from './imported-report.js';
import type { ScanReportError } from './scan-report.js';

const propertyBag = z.record(z.string(), z.unknown());

const region = z.looseObject({
  startLine: z.number().int().optional(),
  startColumn: z.number().int().optional(),
});

const physicalLocation = z.looseObject({
  artifactLocation: z
    .looseObject({ uri: z.string().optional(), uriBaseId: z.string().optional() })
    .optional(),
  region: region.optional(),
});

const location = z.looseObject({
  physicalLocation: physicalLocation.optional(),
  logicalLocations: z
    .array(z.looseObject({ fullyQualifiedName: z.string().optional(), name: z.string().optional() }))
    .optional(),
});

const message = z.looseObject({ text: z.string().optional(), id: z.string().optional() });
const multiformat = z.looseObject({ text: z.string() });

const reportingDescriptor = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  shortDescription: multiformat.optional(),
  fullDescription: multiformat.optional(),
  help: multiformat.optional(),
  defaultConfiguration: z.looseObject({ level: z.string().optional() }).optional(),
  properties: propertyBag.optional(),
});

const result = z.looseObject({
  ruleId: z.string().optional(),
  ruleIndex: z.number().int().optional(),
  rule: z.looseObject({ id: z.string().optional(), index: z.number().int().optional() }).optional(),
  kind: z.string().optional(),
  level: z.string().optional(),
  message,
  locations: z.array(location).optional(),
  suppressions: z
    .array(
      z.looseObject({
        kind: z.string(),
        status: z.string().optional(),
        justification: z.string().optional(),
      }),
    )
    .optional(),
  properties: propertyBag.optional(),
});

const run = z.looseObject({
  tool: z.looseObject({
    driver: z.looseObject({
      name: z.string(),
      version: z.string().optional(),
      semanticVersion: z.string().optional(),
      rules: z.array(reportingDescriptor).optional(),
    }),
  }),
  results: z.array(result).nullish(),
  artifacts: z.array(z.unknown()).optional(),
  invocations: z
    .array(
      z.looseObject({
        toolExecutionNotifications: z
          .array(
            z.looseObject({ level: z.string().optional(), message, locations: z.array(location).optional() }),
          )
          .optional(),
      }),
    )
    .optional(),
});

const sarifLog = z.looseObject({ version: z.literal('2.1.0'), runs: z.array(run) });

type SarifResult = z.infer<typeof result>;
type SarifRule = z.infer<typeof reportingDescriptor>;
type SarifLocation = z.infer<typeof location>;

/** Import a SARIF 2.1.0 log (already parsed). */
export function importSarif(value: unknown, file: string, index: EquivalenceIndex): ImportedReport {
  const parsed = parseWith(sarifLog, value, file, 'SARIF');
  const findings: Finding[] = [];
  const passed: PassedCheck[] = [];
  const errors: ScanReportError[] = [];
  let filesScanned: number | undefined;
  const toolNames: string[] = [];
  let version: string | undefined;
  for (const [runIndex, sarifRun] of parsed.runs.entries()) {
    const driver = sarifRun.tool.driver;
    toolNames.push(driver.name);
    version ??= driver.version ?? driver.semanticVersion;
    const tool = foreignTool(driver.name);
    const native = /^infralm$/i.test(driver.name);
    const rules = driver.rules ?? [];
    if (sarifRun.artifacts) filesScanned = (filesScanned ?? 0) + sarifRun.artifacts.length;
    for (const [resultIndex, sarifResult] of (sarifRun.results ?? []).entries()) {
      const rule = ruleOf(sarifResult, rules);
      const ruleId = sarifResult.ruleId ?? sarifResult.rule?.id ?? rule?.id;
      if (!ruleId) {
        throw malformedReport(
          file,
          `SARIF report: runs[${runIndex}].results[${resultIndex}]: no ruleId, rule.id or ruleIndex`,
        );
      }
      const where = primaryLocation(sarifResult.locations?.[0]);
      const properties = sarifResult.properties ?? {};
      const resource = typeof properties.resource === 'string' ? properties.resource : where.logicalName;
      const kind = sarifResult.kind ?? 'fail';
      if (kind === 'pass') {
        passed.push({
          rule_id: passedRuleId(tool, [ruleId], resource, index),
          foreign_id: ruleId,
          file: where.file,
          line: where.line,
          resource,
        });
        continue;
      }
      // notApplicable, informational, review and open are not failures.
      if (kind !== 'fail') continue;
      const suppression = sarifResult.suppressions?.find((entry) => entry.status !== 'rejected');
      const suppressed = suppression
        ? { reason: suppression.justification ?? '', source: `sarif:${suppression.kind}` }
        : undefined;
      const attribute = typeof properties.attribute === 'string' ? properties.attribute : '';
      const ours = native ? index.rule(ruleId) : undefined;
      if (ours) {
        findings.push({
          rule_id: ours.id,
          title: ours.title,
          severity: scoreSeverity(sarifResult.properties?.['security-severity']) ?? ours.severity,
          category: ours.category,
          cwe: ours.cwe,
          file: where.file,
          line: where.line,
          column: where.column,
          resource,
          attribute,
          message: sarifResult.message.text ?? ours.title,
          remediation: ours.remediation,
          equivalents: ours.equivalents,
          ...(suppressed ? { suppressed } : {}),
        });
        continue;
      }
      const finding = foreignFinding(
        {
          tool,
          foreignIds: [ruleId],
          title: rule?.shortDescription?.text ?? rule?.name ?? ruleId,
          severity: sarifSeverity(sarifResult, rule),
          ...(native ? { cwe: cweTag(rule) } : {}),
          file: where.file,
          line: where.line,
          column: where.column,
          resource,
          attribute,
          message: sarifResult.message.text ?? '',
          remediation: rule?.help?.text ?? '',
          ...(suppressed ? { suppressed } : {}),
        },
        index,
      );
      const category = parseCategory(properties.category);
      findings.push(native && category && finding.rule_id === ruleId ? { ...finding, category } : finding);
    }
    for (const invocation of sarifRun.invocations ?? []) {
      for (const notification of invocation.toolExecutionNotifications ?? []) {
        if (notification.level !== 'error') continue;
        const where = primaryLocation(notification.locations?.[0]);
        errors.push({
          file: where.file || file,
          ...(where.line > 0 ? { line: where.line } : {}),
          ...(where.column > 0 ? { column: where.column } : {}),
          message: notification.message.text ?? notification.message.id ?? 'tool execution error',
        });
      }
    }
  }
  return {
    format: 'sarif',
    tool: { name: [...new Set(toolNames)].join(', ') || 'SARIF', ...(version ? { version } : {}) },
    findings,
    passed,
    errors,
    ...(filesScanned !== undefined ? { files_scanned: filesScanned } : {}),
  };
}

function foreignTool(driverName: string): ForeignTool | undefined {
  if (/checkov/i.test(driverName)) return 'checkov';
  if (/trivy|tfsec|defsec/i.test(driverName)) return 'trivy';
  if (/kics/i.test(driverName)) return 'kics';
  return undefined;
}

function ruleOf(sarifResult: SarifResult, rules: readonly SarifRule[]): SarifRule | undefined {
  const position = sarifResult.ruleIndex ?? sarifResult.rule?.index;
  if (position !== undefined && position >= 0) return rules[position];
  const id = sarifResult.ruleId ?? sarifResult.rule?.id;
  return id === undefined ? undefined : rules.find((rule) => rule.id === id);
}

/** security-severity per GitHub's buckets, else the level (error HIGH, warning MEDIUM, note/none LOW). */
function sarifSeverity(sarifResult: SarifResult, rule: SarifRule | undefined): Severity {
  const scored =
    scoreSeverity(sarifResult.properties?.['security-severity']) ??
    scoreSeverity(rule?.properties?.['security-severity']);
  if (scored) return scored;
  const level = sarifResult.level ?? rule?.defaultConfiguration?.level ?? 'warning';
  if (level === 'error') return 'HIGH';
  if (level === 'warning') return 'MEDIUM';
  return 'LOW';
}

function scoreSeverity(value: unknown): Severity | undefined {
  const score = typeof value === 'string' || typeof value === 'number' ? Number(value) : Number.NaN;
  if (!Number.isFinite(score) || score <= 0) return undefined;
  if (score >= 9) return 'CRITICAL';
  if (score >= 7) return 'HIGH';
  if (score >= 4) return 'MEDIUM';
  return 'LOW';
}

function cweTag(rule: SarifRule | undefined): string {
  const tags = rule?.properties?.tags;
  if (!Array.isArray(tags)) return '';
  return tags.find((tag): tag is string => typeof tag === 'string' && /^CWE-\d+$/.test(tag)) ?? '';
}

function primaryLocation(sarifLocation: SarifLocation | undefined): {
  file: string;
  line: number;
  column: number;
  logicalName: string;
} {
  const physical = sarifLocation?.physicalLocation;
  const uri = physical?.artifactLocation?.uri ?? '';
  const logical = sarifLocation?.logicalLocations?.[0];
  return {
    file: uriToPath(uri),
    line: physical?.region?.startLine ?? 0,
    column: physical?.region?.startColumn ?? 0,
    logicalName: logical?.fullyQualifiedName ?? logical?.name ?? '',
  };
}

function uriToPath(uri: string): string {
  const path = uri.replace(/^file:\/\//, '');
  try {
    return relativePath(decodeURIComponent(path));
  } catch {
    return relativePath(path);
  }
}
