// Trivy's `trivy config -f json`: Results[] per target file, each with Misconfigurations[] (ID,
// AVDID, Title, Message, Resolution, Severity, Status, CauseMetadata). Field names from
// pkg/fanal/types/misconf.go and the integration goldens; older Trivy wrote the Results array alone.

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

const trivyMisconfiguration = z
  .looseObject({
    Type: z.string().optional(),
    ID: z.string().optional(),
    AVDID: z.string().optional(),
    Title: z.string().optional(),
    Description: z.string().optional(),
    Message: z.string().optional(),
    Resolution: z.string().optional(),
    Severity: z.string().optional(),
    PrimaryURL: z.string().optional(),
    Status: z.string().optional(),
    CauseMetadata: z
      .looseObject({
        Resource: z.string().optional(),
        Provider: z.string().optional(),
        Service: z.string().optional(),
        StartLine: z.number().int().optional(),
        EndLine: z.number().int().optional(),
      })
      .optional(),
  })
  .refine((misconfiguration) => misconfiguration.ID !== undefined || misconfiguration.AVDID !== undefined, {
    message: 'a misconfiguration needs an ID or an AVDID',
  });

const trivyResult = z.looseObject({
  Target: z.string(),
  Class: z.string().optional(),
  Type: z.string().optional(),
  Misconfigurations: z.array(trivyMisconfiguration).nullish(),
});

const trivyReport = z.looseObject({
  SchemaVersion: z.number().optional(),
  ArtifactName: z.string().optional(),
  Results: z.array(trivyResult).nullish(),
});

/** Import a Trivy JSON report (already parsed). */
export function importTrivy(value: unknown, file: string, index: EquivalenceIndex): ImportedReport {
  // Older Trivy wrote the Results array alone: read it as the Results of a report.
  const parsed = parseWith(trivyReport, Array.isArray(value) ? { Results: value } : value, file, 'Trivy');
  const results = parsed.Results ?? [];
  const findings: Finding[] = [];
  const passed: PassedCheck[] = [];
  for (const result of results) {
    const target = relativePath(result.Target);
    for (const misconfiguration of result.Misconfigurations ?? []) {
      const foreignIds = [misconfiguration.ID, misconfiguration.AVDID].filter((id): id is string => !!id);
      const cause = misconfiguration.CauseMetadata;
      const resource = cause?.Resource ?? '';
      const line = cause?.StartLine ?? 0;
      const status = (misconfiguration.Status ?? 'FAIL').toUpperCase();
      if (status === 'PASS') {
        passed.push({
          rule_id: passedRuleId('trivy', foreignIds, resource, index),
          foreign_id: foreignIds[0]!,
          file: target,
          line,
          resource,
        });
        continue;
      }
      findings.push(
        foreignFinding(
          {
            tool: 'trivy',
            foreignIds,
            title: misconfiguration.Title ?? '',
            severity: parseSeverity(misconfiguration.Severity),
            file: target,
            line,
            column: 0,
            resource,
            attribute: '',
            message: misconfiguration.Message ?? misconfiguration.Title ?? '',
            remediation: misconfiguration.Resolution ?? '',
            // Trivy's EXCEPTION status: an exception policy or ignore file accepted the failure.
            ...(status === 'EXCEPTION'
              ? { suppressed: { reason: 'Trivy exception', source: 'trivy:exception' } }
              : {}),
          },
          index,
        ),
      );
    }
  }
  return {
    format: 'trivy',
    tool: { name: 'Trivy' },
    findings,
    passed,
    errors: [],
    files_scanned: results.length,
  };
}
