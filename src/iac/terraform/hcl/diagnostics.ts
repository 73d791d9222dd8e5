// Small helpers for building diagnostics in hashicorp/hcl's shape and wording.

import type { Diagnostic, Range } from './ast.js';

/** An error diagnostic with a subject range. */
export function errorAt(summary: string, detail: string, range: Range): Diagnostic {
  return { severity: 'error', summary, detail, range };
}

/** A range as hcl prints it in messages: `main.tf:3,3-4`, or `main.tf:3,3-5,1` across lines. */
export function formatRange(range: Range): string {
  const { start, end } = range;
  if (start.line === end.line) return `${range.filename}:${start.line},${start.column}-${end.column}`;
  return `${range.filename}:${start.line},${start.column}-${end.line},${end.column}`;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}
