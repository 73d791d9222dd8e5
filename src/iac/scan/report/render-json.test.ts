import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryReport } from './__fixtures__/arbitrary-report.js';
import { SAMPLE_FINDINGS, sampleReport } from './__fixtures__/sample-report.js';
import { renderJson } from './render-json.js';

const CONTRACT_KEYS = [
  'rule_id',
  'severity',
  'category',
  'cwe',
  'file',
  'line',
  'column',
  'resource',
  'attribute',
  'message',
];

describe('renderJson', () => {
  it('writes findings, files_scanned and errors first, with the contract keys first in every finding', () => {
    const document = JSON.parse(renderJson(sampleReport()));
    expect(Object.keys(document).slice(0, 3)).toEqual(['findings', 'files_scanned', 'errors']);
    expect(document.files_scanned).toBe(5);
    for (const finding of [...document.findings, ...document.suppressed]) {
      expect(Object.keys(finding).slice(0, CONTRACT_KEYS.length)).toEqual(CONTRACT_KEYS);
    }
  });

  it('puts suppressed findings in their own array, not in findings', () => {
    const document = JSON.parse(renderJson(sampleReport()));
    const suppressedInput = SAMPLE_FINDINGS.filter((finding) => finding.suppressed);
    expect(document.findings).toHaveLength(SAMPLE_FINDINGS.length - suppressedInput.length);
    expect(document.findings.some((finding: { suppressed?: unknown }) => finding.suppressed)).toBe(false);
    expect(document.suppressed.map((finding: { resource: string }) => finding.resource)).toEqual(
      suppressedInput.map((finding) => finding.resource),
    );
    expect(document.suppressed[0].suppressed.reason).toBe(suppressedInput[0]!.suppressed!.reason);
  });

  it('orders findings by file then line and keeps module calls and errors', () => {
    const document = JSON.parse(renderJson(sampleReport()));
    const locations = document.findings.map(
      (finding: { file: string; line: number }) => `${finding.file}:${finding.line}`,
    );
    expect(locations).toEqual(['k8s/deploy.yaml:21', 'main.tf:12', 'main.tf:30', 'modules/store/main.tf:3']);
    expect(document.findings[3].module_calls).toEqual([{ file: 'main.tf', line: 40, column: 1 }]);
    expect(document.errors).toEqual([
      { file: 'broken.tf', line: 7, column: 3, message: 'Unclosed configuration block' },
      { file: 'k8s/bad.yaml', message: 'YAML does not parse' },
    ]);
  });

  it('keeps every finding, with every contract key, for any report', () => {
    fc.assert(
      fc.property(arbitraryReport, (report) => {
        const document = JSON.parse(renderJson(report));
        expect(document.findings.length + document.suppressed.length).toBe(report.findings.length);
        for (const finding of [...document.findings, ...document.suppressed]) {
          for (const key of CONTRACT_KEYS) expect(finding).toHaveProperty(key);
        }
      }),
    );
  });
});
