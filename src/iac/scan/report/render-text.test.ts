import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryReport } from './__fixtures__/arbitrary-report.js';
import { sampleReport } from './__fixtures__/sample-report.js';
import { renderText } from './render-text.js';

const ANSI = /\u001b\[/;

describe('renderText', () => {
  it('groups findings by file, orders them by line, one line each in file:line:col form', () => {
    const lines = renderText(sampleReport(), { color: false }).split('\n');
    const findingLines = lines.filter((line) => /^\S+:\d+:\d+ (CRITICAL|HIGH|MEDIUM|LOW) /.test(line));
    expect(findingLines.map((line) => line.split(' ')[0])).toEqual([
      'k8s/deploy.yaml:21:13',
      'main.tf:12:1',
      'main.tf:30:5',
      'modules/store/main.tf:3:1',
    ]);
    expect(findingLines[2]).toBe(
      'main.tf:30:5 CRITICAL ILM-TF-AWS-002 aws_security_group.ssh.ingress.0.cidr_blocks — ingress allows 0.0.0.0/0 on port 22',
    );
    // A blank line separates files, none separates findings of one file.
    const mainFirst = lines.indexOf(findingLines[1]!);
    expect(lines[mainFirst - 1]).toBe('');
    expect(lines[mainFirst + 1]).toBe(findingLines[2]);
  });

  it('uses no ANSI codes without color and keeps untrusted text on one line', () => {
    const output = renderText(sampleReport(), { color: false });
    expect(output).not.toMatch(ANSI);
    const privileged = output.split('\n').find((line) => line.includes('ILM-K8S-001'));
    expect(privileged).toContain('container "web" runs privileged <root> & "unconfined" second line ?[31m');
  });

  it('colours severities with color', () => {
    const output = renderText(sampleReport(), { color: true });
    expect(output).toContain('\u001b[1;35mCRITICAL\u001b[0m');
    expect(output).toContain('\u001b[33mMEDIUM  \u001b[0m');
  });

  it('ends with a summary counting active findings by severity, then the errors', () => {
    const lines = renderText(sampleReport(), { color: false }).trimEnd().split('\n');
    const summaryAt = lines.findIndex((line) => line.includes('suppressed'));
    expect(lines[summaryAt]).toBe(
      '4 findings (1 CRITICAL, 2 HIGH, 1 MEDIUM, 0 LOW), 1 suppressed, 5 files scanned, 2 errors',
    );
    expect(lines.slice(summaryAt + 1)).toEqual([
      '',
      '2 errors:',
      'broken.tf:7:3 error Unclosed configuration block',
      'k8s/bad.yaml error YAML does not parse',
    ]);
  });

  it('never lets report text write control characters to the terminal', () => {
    fc.assert(
      fc.property(arbitraryReport, (report) => {
        const output = renderText(report, { color: false });
        expect(output).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
        const active = report.findings.filter((finding) => !finding.suppressed).length;
        expect(output).toContain(`${active} finding${active === 1 ? '' : 's'} (`);
      }),
    );
  });
});
