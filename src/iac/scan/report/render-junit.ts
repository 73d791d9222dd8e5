// JUnit XML for CI test-report views. One <testsuite> per rule, as Checkov's JUnit output does: suite
// names stay the same from run to run (CI trend views key on them), and a rule that found nothing
// still shows as one passing test. Each finding is a failing test (type = severity), each suppressed
// finding a skipped test, and scan errors fill a last suite of erroring tests.

import type { Finding } from '../types.js';
import { findingTarget, type ScanReport, sortFindings } from './scan-report.js';

const ERROR_SUITE = 'InfraLM scan errors';

interface Suite {
  name: string;
  cases: string[];
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/** Render a scan report as a JUnit XML document with per-rule test suites. */
export function renderJunit(report: ScanReport): string {
  const findingsByRule = new Map<string, Finding[]>();
  for (const finding of sortFindings(report.findings)) {
    const list = findingsByRule.get(finding.rule_id) ?? [];
    list.push(finding);
    findingsByRule.set(finding.rule_id, list);
  }
  const titles = new Map<string, string>();
  for (const rule of report.rules) if (!titles.has(rule.id)) titles.set(rule.id, rule.title);
  for (const [ruleId, findings] of findingsByRule)
    if (!titles.has(ruleId)) titles.set(ruleId, findings[0]!.title);

  const suites: Suite[] = [...titles].map(([ruleId, title]) =>
    ruleSuite(ruleId, title, findingsByRule.get(ruleId) ?? [], report),
  );
  if (report.errors.length > 0) suites.push(errorSuite(report));

  const total = (key: 'tests' | 'failures' | 'errors' | 'skipped'): number =>
    suites.reduce((sum, suite) => sum + suite[key], 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXmlAttribute(report.tool.name)}" tests="${total('tests')}" failures="${total('failures')}" errors="${total('errors')}" skipped="${total('skipped')}">`,
  ];
  suites.forEach((suite, index) => {
    lines.push(
      `  <testsuite name="${escapeXmlAttribute(suite.name)}" id="${index}" tests="${suite.tests}" failures="${suite.failures}" errors="${suite.errors}" skipped="${suite.skipped}">`,
      ...suite.cases,
      '  </testsuite>',
    );
  });
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

function ruleSuite(ruleId: string, title: string, findings: Finding[], report: ScanReport): Suite {
  const name = title ? `${ruleId}: ${title}` : ruleId;
  if (findings.length === 0) {
    const files = `${report.files_scanned} file${report.files_scanned === 1 ? '' : 's'}`;
    return {
      name,
      cases: [
        `    <testcase classname="${escapeXmlAttribute(ruleId)}" name="${escapeXmlAttribute(`no findings in ${files}`)}"/>`,
      ],
      tests: 1,
      failures: 0,
      errors: 0,
      skipped: 0,
    };
  }
  const cases: string[] = [];
  let failures = 0;
  let skipped = 0;
  for (const finding of findings) {
    const opening = `    <testcase classname="${escapeXmlAttribute(ruleId)}" name="${escapeXmlAttribute(`${findingTarget(finding)} (${finding.file}:${finding.line})`)}" file="${escapeXmlAttribute(finding.file)}" line="${finding.line}">`;
    if (finding.suppressed) {
      skipped += 1;
      cases.push(
        opening,
        `      <skipped message="${escapeXmlAttribute(`suppressed: ${finding.suppressed.reason}`)}"/>`,
        '    </testcase>',
      );
      continue;
    }
    failures += 1;
    const body = [
      `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.rule_id} ${findingTarget(finding)}`,
      finding.message,
      ...(finding.remediation ? [`Remediation: ${finding.remediation}`] : []),
      ...(finding.cwe ? [finding.cwe] : []),
    ].join('\n');
    cases.push(
      opening,
      `      <failure message="${escapeXmlAttribute(finding.message)}" type="${finding.severity}">${escapeXmlText(body)}</failure>`,
      '    </testcase>',
    );
  }
  return { name, cases, tests: findings.length, failures, errors: 0, skipped };
}

function errorSuite(report: ScanReport): Suite {
  const cases: string[] = [];
  for (const error of report.errors) {
    const where = [error.file, error.line, error.line !== undefined ? error.column : undefined]
      .filter((part) => part !== undefined)
      .join(':');
    cases.push(
      `    <testcase classname="scan" name="${escapeXmlAttribute(where)}" file="${escapeXmlAttribute(error.file)}">`,
      `      <error message="${escapeXmlAttribute(error.message)}" type="ScanError">${escapeXmlText(error.message)}</error>`,
      '    </testcase>',
    );
  }
  return {
    name: ERROR_SUITE,
    cases,
    tests: report.errors.length,
    failures: 0,
    errors: report.errors.length,
    skipped: 0,
  };
}

// XML 1.0 cannot carry most control characters even escaped: replace them.
function clean(value: string): string {
  return value.replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '\ufffd');
}

/** Escape text for element content (a carriage return as a reference: parsers turn a raw one into a newline). */
export function escapeXmlText(value: string): string {
  return clean(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** Escape text for a double-quoted attribute (newlines and tabs kept as character references). */
export function escapeXmlAttribute(value: string): string {
  return escapeXmlText(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}
