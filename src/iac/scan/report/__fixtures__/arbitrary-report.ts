// fast-check generators of scan reports for the renderer property tests.

import fc from 'fast-check';
import { type Category, type Finding, type RuleMetadata, SEVERITIES } from '../../types.js';
import type { ScanReport } from '../scan-report.js';

const CATEGORIES: Category[] = ['encryption', 'network', 'iam', 'logging', 'secrets', 'general'];

const segment = fc.stringMatching(/^[A-Za-z0-9 _#%?&é-]{1,8}$/);
/** Relative paths with characters that need percent-encoding in a URI. */
export const arbitraryPath = fc
  .tuple(fc.array(segment, { minLength: 0, maxLength: 2 }), segment)
  .map(([directories, name]) => [...directories, `${name}.tf`].join('/'));

const ruleId = fc.constantFrom('ILM-TF-AWS-001', 'ILM-TF-AWS-002', 'ILM-K8S-001', 'CKV_AWS_999', 'AVD-DS-0002');

export const arbitraryRule: fc.Arbitrary<RuleMetadata> = fc.record({
  id: ruleId,
  title: fc.string({ maxLength: 40 }),
  severity: fc.constantFrom(...SEVERITIES),
  category: fc.constantFrom(...CATEGORIES),
  cwe: fc.constantFrom('CWE-311', 'CWE-284', ''),
  resourceTypes: fc.array(fc.constantFrom('aws_s3_bucket', '*'), { maxLength: 2 }),
  remediation: fc.string({ maxLength: 40 }),
  references: fc.array(fc.constantFrom('https://example.org/a', 'not a url', 'https://example.org/b'), { maxLength: 2 }),
  equivalents: fc.constant({ checkov: [], trivy: [], kics: [] }),
});

export const arbitraryFinding: fc.Arbitrary<Finding> = fc
  .record({
    rule_id: ruleId,
    title: fc.string({ maxLength: 30 }),
    severity: fc.constantFrom(...SEVERITIES),
    category: fc.constantFrom(...CATEGORIES),
    cwe: fc.constantFrom('CWE-311', ''),
    file: arbitraryPath,
    line: fc.integer({ min: 0, max: 5000 }),
    column: fc.integer({ min: 0, max: 200 }),
    resource: fc.constantFrom('aws_s3_bucket.b', 'module.m.aws_s3_bucket.b[0]', 'Deployment.default.web', ''),
    attribute: fc.constantFrom('', 'acl', 'ingress.0.cidr_blocks'),
    message: fc.string({ minLength: 1, maxLength: 60, unit: 'binary' }),
    remediation: fc.string({ maxLength: 30 }),
    suppressed: fc.option(
      fc.record({ reason: fc.string({ maxLength: 20 }), source: fc.constant('main.tf:1') }),
      { nil: undefined },
    ),
  })
  .map(({ suppressed, ...rest }) => ({
    ...rest,
    equivalents: { checkov: [], trivy: [], kics: [] },
    ...(suppressed ? { suppressed } : {}),
  }));

export const arbitraryReport: fc.Arbitrary<ScanReport> = fc.record({
  findings: fc.array(arbitraryFinding, { maxLength: 8 }),
  files_scanned: fc.nat({ max: 50 }),
  errors: fc.array(
    fc.record(
      {
        file: fc.oneof(arbitraryPath, fc.constant('')),
        line: fc.integer({ min: 1, max: 100 }),
        column: fc.integer({ min: 1, max: 100 }),
        message: fc.string({ maxLength: 40, unit: 'binary' }),
      },
      { requiredKeys: ['file', 'message'] },
    ),
    { maxLength: 3 },
  ),
  rules: fc.uniqueArray(arbitraryRule, { selector: (rule) => rule.id, maxLength: 4 }),
  tool: fc.constant({ name: 'InfraLM' as const, version: '0.1.0' }),
});
