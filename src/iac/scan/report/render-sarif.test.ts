import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateSarifLogs } from '../../../test-support/sarif-validator.js';
import { arbitraryReport } from './__fixtures__/arbitrary-report.js';
import { LOGGING, SAMPLE_RULES, sampleReport } from './__fixtures__/sample-report.js';
import { importReport } from './import-report.js';
import { artifactLocation, FINGERPRINT_KEY, findingFingerprint, renderSarif } from './render-sarif.js';

// Validation is Microsoft's SARIF Multitool (`validate`), the reference validator, from npm.

// biome-ignore lint/suspicious/noExplicitAny: SARIF logs are inspected as plain JSON.
type Json = any;

describe('renderSarif', () => {
  it('validates with the SARIF Multitool, which rejects a broken log (the check can fail)', () => {
    const text = renderSarif(sampleReport());
    const log = JSON.parse(text);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    const broken = JSON.parse(text);
    broken.runs[0].results[0].level = 'fatal';
    delete broken.runs[0].tool.driver.name;
    const [valid, invalid] = validateSarifLogs([text, JSON.stringify(broken)]);
    expect(valid).toEqual([]);
    expect(invalid!.length).toBeGreaterThan(0);
  }, 120_000);

  it('describes every rule that ran with GitHub security-severity, tags and default level', () => {
    const driver = JSON.parse(renderSarif(sampleReport())).runs[0].tool.driver;
    expect(driver.name).toBe('InfraLM');
    expect(driver.version).toBe('0.1.0');
    expect(driver.informationUri).toBe('https://example.org/infralm');
    expect(driver.rules.map((rule: Json) => rule.id)).toEqual(SAMPLE_RULES.map((rule) => rule.id));
    const bySeverity = Object.fromEntries(
      driver.rules.map((rule: Json, index: number) => [
        SAMPLE_RULES[index]!.severity,
        [rule.properties['security-severity'], rule.defaultConfiguration.level],
      ]),
    );
    expect(bySeverity).toEqual({
      CRITICAL: ['9.5', 'error'],
      HIGH: ['8.0', 'error'],
      MEDIUM: ['5.5', 'warning'],
      LOW: ['2.0', 'note'],
    });
    const s3 = driver.rules[0];
    expect(s3.properties.tags).toEqual(['security', 'encryption', 'CWE-311']);
    expect(s3.help.text).toBe(SAMPLE_RULES[0]!.remediation);
    expect(s3.helpUri).toBe(SAMPLE_RULES[0]!.references[0]);
    expect(s3.name).toBe('S3BucketWithoutServerSideEncryption');
    // A reference that is not a URL is not offered as helpUri.
    expect(driver.rules[SAMPLE_RULES.indexOf(LOGGING)].helpUri).toBeUndefined();
  });

  it('points each result at its rule, its file under %SRCROOT% and its line and column', () => {
    const run = JSON.parse(renderSarif(sampleReport())).runs[0];
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    }
    const securityGroup = run.results.find((result: Json) => result.ruleId === 'ILM-TF-AWS-002');
    expect(securityGroup.level).toBe('error');
    expect(securityGroup.message.text).toBe('ingress allows 0.0.0.0/0 on port 22');
    expect(securityGroup.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'main.tf', uriBaseId: '%SRCROOT%' },
      region: { startLine: 30, startColumn: 5 },
    });
    const privileged = run.results.find((result: Json) => result.ruleId === 'ILM-K8S-001');
    expect(privileged.level).toBe('warning');
    const inModule = run.results.find((result: Json) => result.properties.resource.startsWith('module.'));
    expect(inModule.relatedLocations[0].physicalLocation.region).toEqual({ startLine: 40, startColumn: 1 });
  });

  it('marks suppressed findings with an inSource suppression and lists scan errors as notifications', () => {
    const run = JSON.parse(renderSarif(sampleReport())).runs[0];
    const suppressed = run.results.filter((result: Json) => result.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0].suppressions[0]).toMatchObject({
      kind: 'inSource',
      justification: 'static website, public by design',
    });
    const notifications = run.invocations[0].toolExecutionNotifications;
    expect(notifications.map((entry: Json) => entry.message.text)).toEqual([
      'Unclosed configuration block',
      'YAML does not parse',
    ]);
    expect(notifications[0].locations[0].physicalLocation.region).toEqual({ startLine: 7, startColumn: 3 });
    expect(notifications[1].locations[0].physicalLocation.region).toBeUndefined();
  });

  it('fingerprints by rule, file, resource and attribute, not by line', () => {
    const base = { rule_id: 'ILM-TF-AWS-001', file: 'main.tf', resource: 'aws_s3_bucket.b', attribute: '' };
    expect(findingFingerprint(base)).toBe(findingFingerprint({ ...base }));
    expect(findingFingerprint(base)).not.toBe(findingFingerprint({ ...base, attribute: 'acl' }));
    expect(findingFingerprint(base)).not.toBe(findingFingerprint({ ...base, file: 'other.tf' }));
    const report = sampleReport();
    const moved = sampleReport();
    for (const finding of moved.findings) finding.line += 10;
    const prints = (text: string) =>
      JSON.parse(text).runs[0].results.map((result: Json) => result.partialFingerprints[FINGERPRINT_KEY]);
    expect(prints(renderSarif(moved))).toEqual(prints(renderSarif(report)));
  });

  it('percent-encodes paths so URIs stay valid', () => {
    expect(artifactLocation('dir with space/a#b.tf')).toEqual({
      uri: 'dir%20with%20space/a%23b.tf',
      uriBaseId: '%SRCROOT%',
    });
    expect(artifactLocation('./x\\y.tf').uri).toBe('x/y.tf');
    expect(artifactLocation('/abs/main.tf')).toEqual({ uri: 'file:///abs/main.tf' });
  });

  it('validates for any report, and importing it gives back the same findings', () => {
    const rendered: string[] = [];
    fc.assert(
      fc.property(arbitraryReport, (report) => {
        const text = renderSarif(report);
        rendered.push(text);
        const imported = importReport(text, 'round-trip.sarif', report.rules);
        const key = (finding: {
          rule_id: string;
          file: string;
          line: number;
          column: number;
          resource: string;
          attribute: string;
          suppressed?: { reason: string };
        }) =>
          [
            finding.rule_id,
            finding.file,
            finding.line,
            finding.line >= 1 ? finding.column : 0,
            finding.resource,
            finding.attribute,
            finding.suppressed?.reason ?? '-',
          ].join('|');
        const expected = report.findings.map(key).sort();
        expect(imported.findings.map(key).sort()).toEqual(expected);
        // Severity survives per finding, even where findings of one rule id differ.
        const severities = (findings: { rule_id: string; severity: string; file: string }[]) =>
          findings.map((finding) => `${finding.rule_id}:${finding.file}:${finding.severity}`).sort();
        expect(severities(imported.findings)).toEqual(severities(report.findings));
        expect(imported.errors).toHaveLength(report.errors.length);
      }),
      { numRuns: 20 },
    );
    // One Multitool run validates every log the property produced.
    expect(validateSarifLogs(rendered).filter((errors) => errors.length > 0)).toEqual([]);
  }, 180_000);
});
