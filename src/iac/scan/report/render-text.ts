// Human output: findings grouped by file (a blank line between files) and ordered by line, one line
// each in `file:line:col` form so terminals and editors can jump to them; then a summary and errors.

import type { Severity } from '../types.js';
import {
  countBySeverity,
  findingTarget,
  type ScanReport,
  SEVERITY_ORDER,
  sortFindings,
} from './scan-report.js';

export interface TextOptions {
  /** ANSI colours; the CLI passes the output stream's isTTY. */
  color: boolean;
}

const RESET = '\x1b[0m';
const SEVERITY_COLOR: Record<Severity, string> = {
  CRITICAL: '\x1b[1;35m',
  HIGH: '\x1b[31m',
  MEDIUM: '\x1b[33m',
  LOW: '\x1b[36m',
};
const ERROR_COLOR = '\x1b[1;31m';
const DIM = '\x1b[2m';
const SEVERITY_WIDTH = Math.max(...SEVERITY_ORDER.map((severity) => severity.length));

/** Render a scan report for a terminal; colour only when asked. */
export function renderText(report: ScanReport, options: TextOptions): string {
  const paint = (code: string, text: string): string => (options.color ? `${code}${text}${RESET}` : text);
  const lines: string[] = [];
  const active = sortFindings(report.findings.filter((finding) => !finding.suppressed));
  let previousFile: string | undefined;
  for (const finding of active) {
    if (previousFile !== undefined && finding.file !== previousFile) lines.push('');
    previousFile = finding.file;
    const location = `${printable(finding.file)}:${finding.line}:${finding.column}`;
    const severity = paint(SEVERITY_COLOR[finding.severity], finding.severity.padEnd(SEVERITY_WIDTH));
    lines.push(
      `${location} ${severity} ${printable(finding.rule_id)} ${printable(findingTarget(finding))} — ${printable(finding.message)}`,
    );
  }
  if (active.length > 0) lines.push('');
  lines.push(summaryLine(report, active.length));
  if (report.errors.length > 0) {
    lines.push('', paint(ERROR_COLOR, `${plural(report.errors.length, 'error')}:`));
    for (const error of report.errors) {
      const where = [printable(error.file), error.line, error.line !== undefined ? error.column : undefined]
        .filter((part) => part !== undefined)
        .join(':');
      lines.push(`${where} ${paint(DIM, 'error')} ${printable(error.message)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function summaryLine(report: ScanReport, activeCount: number): string {
  const counts = countBySeverity(report.findings.filter((finding) => !finding.suppressed));
  const bySeverity = SEVERITY_ORDER.map((severity) => `${counts[severity]} ${severity}`).join(', ');
  const suppressed = report.findings.length - activeCount;
  return (
    `${plural(activeCount, 'finding')} (${bySeverity}), ${suppressed} suppressed, ` +
    `${plural(report.files_scanned, 'file')} scanned, ${plural(report.errors.length, 'error')}`
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

// Findings can carry text from scanned files or imported reports: keep each on one line and never
// let it send escape sequences to the terminal.
function printable(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}
