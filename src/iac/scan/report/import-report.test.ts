import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InfraLMError } from '../../../core/errors.js';
import {
  PRIVILEGED_CONTAINER,
  PUBLIC_SECURITY_GROUP,
  S3_ENCRYPTION,
  SAMPLE_RULES,
  sampleReport,
} from './__fixtures__/sample-report.js';
import { detectReportFormat, importReport } from './import-report.js';
import { renderSarif } from './render-sarif.js';

// Every report below is HAND-BUILT in the tool's documented JSON format (field names from
// Checkov's checkov/common/output/record.py + report.py, Trivy's pkg/fanal/types/misconf.go and
// integration goldens, KICS's docs/results.md, and the OASIS SARIF 2.1.0 schema); none is output
// captured from the tools themselves.

function checkovRecord(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    check_id: 'CKV_AWS_19',
    bc_check_id: 'BC_AWS_S3_14',
    check_name: 'Ensure all data stored in the S3 bucket is securely encrypted at rest',
    check_result: { result: 'FAILED', evaluated_keys: ['server_side_encryption_configuration'] },
    code_block: [[1, 'resource "aws_s3_bucket" "logs" {\n']],
    file_path: '/main.tf',
    file_abs_path: '/work/repo/main.tf',
    repo_file_path: '/main.tf',
    file_line_range: [1, 5],
    resource: 'aws_s3_bucket.logs',
    evaluations: null,
    check_class: 'checkov.terraform.checks.resource.aws.S3Encryption',
    fixed_definition: null,
    entity_tags: null,
    caller_file_path: null,
    caller_file_line_range: null,
    resource_address: null,
    severity: null,
    bc_category: null,
    benchmarks: null,
    description: null,
    short_description: null,
    vulnerability_details: null,
    connected_node: null,
    guideline:
      'https://docs.prismacloud.io/en/enterprise-edition/policy-reference/aws-policies/s3-policies/s3-14-data-encrypted-at-rest',
    details: [],
    check_len: null,
    ...fields,
  };
}

const CHECKOV_TERRAFORM = {
  check_type: 'terraform',
  results: {
    passed_checks: [
      checkovRecord({
        check_id: 'CKV_AWS_24',
        check_result: { result: 'PASSED' },
        resource: 'aws_security_group.web',
        file_line_range: [10, 20],
      }),
    ],
    failed_checks: [
      checkovRecord({}),
      checkovRecord({
        check_id: 'CKV_AWS_999',
        check_name: 'Ensure something Checkov-only',
        severity: 'LOW',
        file_path: '/modules/store/main.tf',
        file_line_range: [3, 9],
        resource: 'aws_s3_bucket.this',
        resource_address: 'module.store.aws_s3_bucket.this',
        guideline: 'https://example.org/guide',
      }),
      checkovRecord({
        check_id: 'CKV2_AWS_6',
        check_name: 'Ensure that S3 bucket has a Public Access block',
        severity: null,
      }),
    ],
    skipped_checks: [
      checkovRecord({
        check_id: 'CKV_AWS_24',
        check_result: { result: 'SKIPPED', suppress_comment: 'bastion host, reviewed' },
        resource: 'aws_security_group.bastion',
        file_line_range: [30, 40],
      }),
    ],
    parsing_errors: ['/broken.tf'],
  },
  summary: {
    passed: 1,
    failed: 3,
    skipped: 1,
    parsing_errors: 1,
    resource_count: 4,
    checkov_version: '3.2.0',
  },
  url: 'Add an api key to see more detailed insights',
};

const CHECKOV_KUBERNETES = {
  check_type: 'kubernetes',
  results: {
    passed_checks: [],
    failed_checks: [
      checkovRecord({
        check_id: 'CKV_K8S_16',
        check_name: 'Container should not be privileged',
        file_path: '/k8s/deploy.yaml',
        file_line_range: [1, 30],
        resource: 'Deployment.default.web',
        check_class: 'checkov.kubernetes.checks.resource.k8s.PrivilegedContainers',
      }),
    ],
    skipped_checks: [],
    parsing_errors: [],
  },
  summary: {
    passed: 0,
    failed: 1,
    skipped: 0,
    parsing_errors: 0,
    resource_count: 1,
    checkov_version: '3.2.0',
  },
};

const TRIVY_CONFIG = {
  SchemaVersion: 2,
  CreatedAt: '2024-05-01T10:00:00.000000000Z',
  ArtifactName: '.',
  ArtifactType: 'filesystem',
  Results: [
    {
      Target: 'main.tf',
      Class: 'config',
      Type: 'terraform',
      MisconfSummary: { Successes: 1, Failures: 3 },
      Misconfigurations: [
        {
          Type: 'Terraform Security Check',
          ID: 'AVD-AWS-0088',
          AVDID: 'AVD-AWS-0088',
          Title: 'Unencrypted S3 bucket.',
          Description:
            'S3 Buckets should be encrypted to protect the data that is stored within them if access is compromised.',
          Message: 'Bucket does not have encryption enabled',
          Namespace: 'builtin.aws.s3.aws0088',
          Query: 'data.builtin.aws.s3.aws0088.deny',
          Resolution: 'Configure bucket encryption',
          Severity: 'HIGH',
          PrimaryURL: 'https://avd.aquasec.com/misconfig/avd-aws-0088',
          References: ['https://avd.aquasec.com/misconfig/avd-aws-0088'],
          Status: 'FAIL',
          Layer: {},
          CauseMetadata: {
            Resource: 'aws_s3_bucket.logs',
            Provider: 'AWS',
            Service: 's3',
            StartLine: 1,
            EndLine: 5,
            Code: { Lines: null },
            RenderedCause: {},
          },
        },
        {
          // Newer Trivy: ID without the AVD- prefix, AVDID deprecated but still written.
          ID: 'AWS-0107',
          AVDID: 'AVD-AWS-0107',
          Title: 'An ingress security group rule allows traffic from /0.',
          Message: 'Security group rule allows ingress from public internet.',
          Resolution: 'Set a more restrictive cidr range',
          Severity: 'CRITICAL',
          Status: 'FAIL',
          CauseMetadata: {
            Resource: 'aws_security_group.ssh',
            Provider: 'AWS',
            Service: 'ec2',
            StartLine: 33,
            EndLine: 33,
          },
        },
        {
          ID: 'AVD-AWS-0090',
          AVDID: 'AVD-AWS-0090',
          Title: 'S3 Data should be versioned',
          Message: 'Bucket does not have versioning enabled',
          Resolution: 'Enable versioning to protect against accidental/malicious removal or modification',
          Severity: 'MEDIUM',
          Status: 'EXCEPTION',
          CauseMetadata: { Resource: 'aws_s3_bucket.logs', StartLine: 1, EndLine: 5 },
        },
        {
          ID: 'AVD-AWS-0086',
          AVDID: 'AVD-AWS-0086',
          Title: 'S3 Access block should block public ACL',
          Severity: 'HIGH',
          Status: 'PASS',
          CauseMetadata: { Resource: 'aws_s3_bucket.logs', StartLine: 1 },
        },
      ],
    },
    {
      Target: 'Dockerfile',
      Class: 'config',
      Type: 'dockerfile',
      MisconfSummary: { Successes: 26, Failures: 1 },
      Misconfigurations: [
        {
          Type: 'Dockerfile Security Check',
          ID: 'DS002',
          AVDID: 'AVD-DS-0002',
          Title: "Image user should not be 'root'",
          Message: 'Specify at least 1 USER command in Dockerfile with non-root user as argument',
          Resolution: "Add 'USER <non root user name>' line to the Dockerfile",
          Severity: 'HIGH',
          Status: 'FAIL',
          CauseMetadata: { Provider: 'Dockerfile', Service: 'general', Code: { Lines: null } },
        },
      ],
    },
  ],
};

const KICS_RESULTS = {
  kics_version: 'v1.7.13',
  files_scanned: 4,
  lines_scanned: 120,
  files_parsed: 3,
  lines_parsed: 100,
  files_failed_to_scan: 1,
  queries_total: 900,
  queries_failed_to_execute: 0,
  queries_other_platforms: 0,
  queries: [
    {
      query_name: 'S3 Bucket Without Server-side-encryption',
      query_id: '6726dcc0-5ff5-459d-b473-a780bef7665c',
      query_url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket',
      severity: 'HIGH',
      platform: 'Terraform',
      cloud_provider: 'AWS',
      category: 'Encryption',
      description: 'S3 Buckets should have server-side encryption at rest enabled',
      files: [
        {
          file_name: 'main.tf',
          similarity_id: 'aaa',
          line: 1,
          resource_type: 'aws_s3_bucket',
          resource_name: 'logs',
          issue_type: 'MissingAttribute',
          search_key: 'aws_s3_bucket[logs]',
          search_line: 1,
          search_value: '',
          expected_value: "'server_side_encryption_configuration' should be defined and not null",
          actual_value: "'server_side_encryption_configuration' is undefined or null",
        },
      ],
    },
    {
      query_name: 'Container Allow Privilege Escalation Is True',
      query_id: 'c878abb4-cca5-4724-92b9-289be68bd47c',
      severity: 'INFO',
      category: 'Insecure Configurations',
      cwe: '732',
      files: [
        {
          file_name: './assets/positive.tf',
          line: 11,
          resource_type: 'kubernetes_pod',
          resource_name: 'test3',
          issue_type: 'IncorrectValue',
          search_key: 'kubernetes_pod[test3].spec.container.allow_privilege_escalation',
          expected_value: "Attribute 'allow_privilege_escalation' is undefined or false",
          actual_value: "Attribute 'allow_privilege_escalation' is true",
          value: null,
        },
      ],
    },
  ],
  severity_counters: { CRITICAL: 0, HIGH: 1, INFO: 1, LOW: 0, MEDIUM: 0, TRACE: 0 },
  total_counter: 2,
};

const FOREIGN_SARIF = {
  $schema: 'https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json',
  version: '2.1.0',
  runs: [
    {
      tool: {
        driver: {
          name: 'Checkov',
          version: '3.2.0',
          rules: [
            {
              id: 'CKV_AWS_24',
              name: 'Ensure no security groups allow ingress from 0.0.0.0:0 to port 22',
              shortDescription: { text: 'SSH open' },
            },
            {
              id: 'CKV_AWS_777',
              name: 'Some other check',
              help: { text: 'Do the thing' },
              properties: { 'security-severity': '9.1' },
            },
          ],
        },
      },
      results: [
        {
          ruleId: 'CKV_AWS_24',
          ruleIndex: 0,
          level: 'error',
          message: { text: 'Ensure no security groups allow ingress from 0.0.0.0:0 to port 22' },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: 'net/security%20groups.tf', uriBaseId: '%SRCROOT%' },
                region: { startLine: 8, startColumn: 3, endLine: 20 },
              },
            },
          ],
        },
        {
          ruleId: 'CKV_AWS_777',
          message: { text: 'other' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'a.tf' } } }],
        },
        {
          ruleId: 'CKV_AWS_24',
          kind: 'pass',
          message: { text: 'passed' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'b.tf' }, region: { startLine: 2 } } }],
        },
        {
          ruleId: 'CKV_AWS_24',
          level: 'error',
          message: { text: 'suppressed one' },
          suppressions: [{ kind: 'external', justification: 'accepted risk' }],
          locations: [{ physicalLocation: { artifactLocation: { uri: 'c.tf' }, region: { startLine: 4 } } }],
        },
      ],
    },
    {
      tool: { driver: { name: 'tflint', rules: [] } },
      results: [
        {
          ruleId: 'terraform_unused_declarations',
          level: 'note',
          message: { text: 'variable "x" is declared but not used' },
        },
        { ruleId: 'terraform_typed_variables', message: { text: 'no type' } },
      ],
      invocations: [
        {
          executionSuccessful: false,
          toolExecutionNotifications: [
            {
              level: 'error',
              message: { text: 'Failed to load configurations' },
              locations: [
                { physicalLocation: { artifactLocation: { uri: 'bad.tf' }, region: { startLine: 3 } } },
              ],
            },
            { level: 'warning', message: { text: 'just a warning' } },
          ],
        },
      ],
    },
  ],
};

function expectInfraLMError(run: () => unknown, ...fragments: string[]): InfraLMError {
  try {
    run();
  } catch (error) {
    expect(InfraLMError.isInstance(error)).toBe(true);
    const infralm = error as InfraLMError;
    expect(infralm.code).toBe('INFRALM_ERR_RECORD_PARSE');
    for (const fragment of fragments) expect(infralm.message).toContain(fragment);
    return infralm;
  }
  throw new Error('expected an InfraLMError');
}

describe('importReport: Checkov', () => {
  const imported = importReport(
    JSON.stringify([CHECKOV_TERRAFORM, CHECKOV_KUBERNETES]),
    'checkov.json',
    SAMPLE_RULES,
  );

  it('maps a check to our rule through equivalents, with our severity and metadata', () => {
    expect(imported.format).toBe('checkov');
    expect(imported.tool).toEqual({ name: 'Checkov', version: '3.2.0' });
    const s3 = imported.findings.find((finding) => finding.rule_id === S3_ENCRYPTION.id)!;
    expect(s3).toMatchObject({
      severity: 'HIGH',
      category: 'encryption',
      cwe: 'CWE-311',
      file: 'main.tf',
      line: 1,
      column: 0,
      resource: 'aws_s3_bucket.logs',
      message: 'Ensure all data stored in the S3 bucket is securely encrypted at rest',
      remediation: S3_ENCRYPTION.remediation,
    });
    const privileged = imported.findings.find((finding) => finding.rule_id === PRIVILEGED_CONTAINER.id)!;
    expect(privileged).toMatchObject({
      file: 'k8s/deploy.yaml',
      resource: 'Deployment.default.web',
      severity: 'MEDIUM',
    });
  });

  it('keeps an unmapped check id, category general, severity from the report or MEDIUM', () => {
    const own = imported.findings.find((finding) => finding.rule_id === 'CKV_AWS_999')!;
    expect(own).toMatchObject({
      category: 'general',
      severity: 'LOW',
      file: 'modules/store/main.tf',
      line: 3,
      resource: 'module.store.aws_s3_bucket.this',
      remediation: 'https://example.org/guide',
      equivalents: { checkov: ['CKV_AWS_999'], trivy: [], kics: [] },
    });
    expect(imported.findings.find((finding) => finding.rule_id === 'CKV2_AWS_6')!.severity).toBe('MEDIUM');
  });

  it('imports skipped checks as suppressed, passed checks, and parsing errors', () => {
    const skipped = imported.findings.filter((finding) => finding.suppressed);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({
      rule_id: PUBLIC_SECURITY_GROUP.id,
      resource: 'aws_security_group.bastion',
      suppressed: { reason: 'bastion host, reviewed', source: 'checkov:skip' },
    });
    expect(imported.passed).toEqual([
      {
        rule_id: PUBLIC_SECURITY_GROUP.id,
        foreign_id: 'CKV_AWS_24',
        file: 'main.tf',
        line: 10,
        resource: 'aws_security_group.web',
      },
    ]);
    expect(imported.errors).toEqual([
      { file: 'broken.tf', message: 'Checkov could not parse this file (terraform)' },
    ]);
    expect(imported.findings).toHaveLength(5);
  });

  it('reads a single framework object and the summary-only object of an empty scan', () => {
    expect(importReport(JSON.stringify(CHECKOV_KUBERNETES), 'k.json', SAMPLE_RULES).findings).toHaveLength(1);
    const empty = importReport(
      JSON.stringify({
        passed: 0,
        failed: 0,
        skipped: 0,
        parsing_errors: 0,
        resource_count: 0,
        checkov_version: '3.2.0',
      }),
      'empty.json',
    );
    expect(empty).toMatchObject({ format: 'checkov', findings: [], passed: [], errors: [] });
  });

  it('names the file and the JSON path of a malformed record', () => {
    const broken = structuredClone(CHECKOV_TERRAFORM);
    (broken.results.failed_checks[1] as Record<string, unknown>).file_line_range = '3-9';
    expectInfraLMError(
      () => importReport(JSON.stringify(broken), 'reports/checkov.json'),
      'reports/checkov.json',
      'Checkov report: results.failed_checks[1].file_line_range',
    );
  });
});

describe('importReport: Trivy', () => {
  const imported = importReport(JSON.stringify(TRIVY_CONFIG), 'trivy.json', SAMPLE_RULES);

  it('maps ID or AVDID (with or without AVD-) to our rules', () => {
    expect(imported.format).toBe('trivy');
    const s3 = imported.findings.find(
      (finding) => finding.rule_id === S3_ENCRYPTION.id && !finding.suppressed,
    )!;
    expect(s3).toMatchObject({
      file: 'main.tf',
      line: 1,
      resource: 'aws_s3_bucket.logs',
      message: 'Bucket does not have encryption enabled',
    });
    const group = imported.findings.find((finding) => finding.rule_id === PUBLIC_SECURITY_GROUP.id)!;
    expect(group).toMatchObject({ severity: 'CRITICAL', line: 33, resource: 'aws_security_group.ssh' });
  });

  it('keeps unmapped checks with their severity and splits PASS, FAIL and EXCEPTION', () => {
    const docker = imported.findings.find((finding) => finding.rule_id === 'DS002')!;
    expect(docker).toMatchObject({
      severity: 'HIGH',
      category: 'general',
      file: 'Dockerfile',
      line: 0,
      resource: '',
      remediation: "Add 'USER <non root user name>' line to the Dockerfile",
      equivalents: { checkov: [], trivy: ['DS002', 'AVD-DS-0002'], kics: [] },
    });
    const exception = imported.findings.find((finding) => finding.rule_id === 'AVD-AWS-0090')!;
    expect(exception.suppressed).toEqual({ reason: 'Trivy exception', source: 'trivy:exception' });
    expect(imported.passed).toEqual([
      {
        rule_id: 'AVD-AWS-0086',
        foreign_id: 'AVD-AWS-0086',
        file: 'main.tf',
        line: 1,
        resource: 'aws_s3_bucket.logs',
      },
    ]);
    expect(imported.findings).toHaveLength(4);
    expect(imported.files_scanned).toBe(2);
  });

  it('reads the Results array older Trivy wrote on its own', () => {
    const legacy = importReport(JSON.stringify(TRIVY_CONFIG.Results), 'old.json', SAMPLE_RULES);
    expect(legacy.format).toBe('trivy');
    expect(legacy.findings).toHaveLength(4);
  });

  it('rejects a misconfiguration without an id, naming where', () => {
    const broken = structuredClone(TRIVY_CONFIG) as {
      Results: { Misconfigurations: Record<string, unknown>[] }[];
    };
    delete broken.Results[1]!.Misconfigurations[0]!.ID;
    delete broken.Results[1]!.Misconfigurations[0]!.AVDID;
    expectInfraLMError(
      () => importReport(JSON.stringify(broken), 'trivy.json'),
      'trivy.json',
      'Results[1].Misconfigurations[0]',
    );
  });
});

describe('importReport: KICS', () => {
  const imported = importReport(JSON.stringify(KICS_RESULTS), 'results.json', SAMPLE_RULES);

  it('maps a query id to our rule and keeps the resource', () => {
    expect(imported.format).toBe('kics');
    expect(imported.tool).toEqual({ name: 'KICS', version: 'v1.7.13' });
    expect(imported.findings[0]).toMatchObject({
      rule_id: S3_ENCRYPTION.id,
      severity: 'HIGH',
      file: 'main.tf',
      line: 1,
      resource: 'aws_s3_bucket.logs',
      attribute: '',
      message: "'server_side_encryption_configuration' is undefined or null",
    });
  });

  it('keeps an unmapped query: INFO is LOW, the attribute comes from the search key, CWE from the query', () => {
    expect(imported.findings[1]).toMatchObject({
      rule_id: 'c878abb4-cca5-4724-92b9-289be68bd47c',
      title: 'Container Allow Privilege Escalation Is True',
      severity: 'LOW',
      category: 'general',
      cwe: 'CWE-732',
      file: 'assets/positive.tf',
      line: 11,
      resource: 'kubernetes_pod.test3',
      attribute: 'spec.container.allow_privilege_escalation',
      remediation: "Expected: Attribute 'allow_privilege_escalation' is undefined or false",
    });
  });

  it('counts files scanned and reports the files KICS failed to scan', () => {
    expect(imported.files_scanned).toBe(4);
    expect(imported.errors).toEqual([
      { file: 'results.json', message: 'KICS failed to scan 1 file (not named in its report)' },
    ]);
  });

  it('rejects a query without files of the right type', () => {
    const broken = structuredClone(KICS_RESULTS) as { queries: Record<string, unknown>[] };
    broken.queries[0]!.files = { file_name: 'x' };
    expectInfraLMError(
      () => importReport(JSON.stringify(broken), 'results.json'),
      'KICS report: queries[0].files',
    );
  });
});

describe('importReport: SARIF', () => {
  const imported = importReport(JSON.stringify(FOREIGN_SARIF), 'merged.sarif', SAMPLE_RULES);

  it('maps a known tool’s rule ids through equivalents and decodes locations', () => {
    expect(imported.format).toBe('sarif');
    expect(imported.tool).toEqual({ name: 'Checkov, tflint', version: '3.2.0' });
    expect(imported.findings[0]).toMatchObject({
      rule_id: PUBLIC_SECURITY_GROUP.id,
      severity: 'CRITICAL',
      file: 'net/security groups.tf',
      line: 8,
      column: 3,
    });
  });

  it('takes severity from security-severity, else from the level', () => {
    const bySource = Object.fromEntries(
      imported.findings.map((finding) => [
        finding.rule_id + (finding.suppressed ? '!' : ''),
        finding.severity,
      ]),
    );
    expect(bySource).toMatchObject({
      CKV_AWS_777: 'CRITICAL',
      terraform_unused_declarations: 'LOW',
      terraform_typed_variables: 'MEDIUM',
    });
    expect(imported.findings.find((finding) => finding.rule_id === 'CKV_AWS_777')).toMatchObject({
      category: 'general',
      remediation: 'Do the thing',
      file: 'a.tf',
      line: 0,
    });
  });

  it('imports passes, suppressions and error notifications', () => {
    expect(imported.passed).toEqual([
      { rule_id: PUBLIC_SECURITY_GROUP.id, foreign_id: 'CKV_AWS_24', file: 'b.tf', line: 2, resource: '' },
    ]);
    expect(imported.findings.find((finding) => finding.suppressed)!.suppressed).toEqual({
      reason: 'accepted risk',
      source: 'sarif:external',
    });
    expect(imported.errors).toEqual([{ file: 'bad.tf', line: 3, message: 'Failed to load configurations' }]);
  });

  it('reads InfraLM’s own SARIF back to the same findings', () => {
    const report = sampleReport();
    const back = importReport(renderSarif(report), 'infralm.sarif', SAMPLE_RULES);
    const key = (finding: {
      rule_id: string;
      file: string;
      line: number;
      resource: string;
      attribute: string;
    }) => `${finding.rule_id} ${finding.file}:${finding.line} ${finding.resource} ${finding.attribute}`;
    expect(back.findings.map(key).sort()).toEqual(report.findings.map(key).sort());
    expect(back.findings.find((finding) => finding.suppressed)!.suppressed!.reason).toBe(
      'static website, public by design',
    );
    expect(back.errors).toHaveLength(2);
  });

  it('rejects a SARIF of another version', () => {
    expectInfraLMError(
      () => importReport(JSON.stringify({ ...FOREIGN_SARIF, version: '2.0.0' }), 'old.sarif'),
      'SARIF report: version',
    );
  });
});

describe('importReport: detection and malformed input', () => {
  it('detects each format from the document, not the file name', () => {
    expect(detectReportFormat(CHECKOV_TERRAFORM)).toBe('checkov');
    expect(detectReportFormat([CHECKOV_TERRAFORM, CHECKOV_KUBERNETES])).toBe('checkov');
    expect(detectReportFormat(TRIVY_CONFIG)).toBe('trivy');
    expect(detectReportFormat(KICS_RESULTS)).toBe('kics');
    expect(detectReportFormat(FOREIGN_SARIF)).toBe('sarif');
    expect(detectReportFormat({ findings: [] })).toBeUndefined();
    expect(detectReportFormat([])).toBeUndefined();
  });

  it('says where JSON breaks without quoting the report (it may hold secrets)', () => {
    const error = expectInfraLMError(
      () => importReport('{\n  "password": "hunter2-secret",\n  "x": ]\n}', 'scan.json'),
      'scan.json',
      'not valid JSON',
    );
    expect(error.message).not.toContain('hunter2');
    expect(error.location?.file).toBe('scan.json');
  });

  it('refuses a JSON document of no known format', () => {
    expectInfraLMError(
      () => importReport('{"findings": []}', 'ours.json'),
      'ours.json',
      'not a Checkov, Trivy, KICS or SARIF',
    );
  });

  it('only ever throws InfraLMError, whatever the JSON', () => {
    const shapes = fc.oneof(
      fc.jsonValue(),
      fc.record({ results: fc.jsonValue(), check_type: fc.jsonValue() }),
      fc.record({ Results: fc.jsonValue() }),
      fc.record({ queries: fc.jsonValue(), kics_version: fc.jsonValue() }),
      fc.record({ version: fc.constant('2.1.0'), runs: fc.jsonValue() }),
    );
    fc.assert(
      fc.property(shapes, (value) => {
        try {
          importReport(JSON.stringify(value), 'random.json', SAMPLE_RULES);
        } catch (error) {
          expect(InfraLMError.isInstance(error)).toBe(true);
        }
      }),
    );
  });
});
