import { posix } from 'node:path';
import { type DiffFile, findDiffFile, parseUnifiedDiff } from '../../iac/diff/index.js';
import { isHelmTemplate } from '../../iac/kubernetes/helm-template.js';
import { scanKubernetesText, scanTerraformTree } from '../../iac/scan/scan-engine.js';
import type { Finding, KubernetesRule, TerraformRule } from '../../iac/scan/types.js';
import { isConfigFileName, loadModuleTree } from '../../iac/terraform/config/load-module-tree.js';
import { memoryFiles } from '../plan/memory-files.js';
import type { ReviewComment, ReviewInput, ReviewTarget } from './types.js';

// The review baseline: the built-in scanner's findings on the ADDED lines of a Terraform or
// Kubernetes file, one comment per line; nothing for any other file, and nothing on context or
// removed lines (a reviewer comments on what the change brings in).
//
// Only the diff is available, not the file. The new side is rebuilt from the hunks: every context
// and added line at its new line number and blank lines in the gaps, so a finding's line is the
// diff's RIGHT line as it stands. That text is scanned only if it parses (scan errors = 0). When
// it does not (a hunk that starts inside a block leaves braces or indentation unbalanced), each hunk
// is tried on its own, again at its real line numbers, and the hunks that parse alone are scanned.
// A file added in the pull request is one hunk holding the whole file, so it is scanned whole.
// Values defined in files outside the diff (variables, locals) are unknown to the scan: rules
// answer "unknown" for them and report nothing, so the baseline errs towards silence.

/** The scanner's rules and today's date (for suppression expiry). */
export interface ReviewBaselineOptions {
  terraformRules: readonly TerraformRule[];
  kubernetesRules: readonly KubernetesRule[];
  today?: string;
}

/** The new side of a file as far as its hunks show it. */
export interface NewSide {
  /** Lines 1..last new line of the hunks; lines outside every hunk are blank. */
  text: string;
  /** New line numbers of added lines. */
  added: Set<number>;
  /** Per hunk: its own lines at their new numbers, every other line blank. */
  hunkTexts: string[];
}

function withoutCarriageReturn(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

/** Rebuild the new side of a file from its hunks (see the module comment). */
export function newSideOf(file: DiffFile): NewSide {
  let last = 0;
  for (const hunk of file.hunks)
    for (const line of hunk.lines) if (line.newLine !== undefined) last = Math.max(last, line.newLine);
  const whole: string[] = new Array(last).fill('');
  const added = new Set<number>();
  const hunkTexts: string[] = [];
  for (const hunk of file.hunks) {
    const own: string[] = new Array(last).fill('');
    for (const line of hunk.lines) {
      if (line.newLine === undefined) continue;
      const text = withoutCarriageReturn(line.text);
      whole[line.newLine - 1] = text;
      own[line.newLine - 1] = text;
      if (line.kind === 'added') added.add(line.newLine);
    }
    hunkTexts.push(own.join('\n'));
  }
  return { text: whole.join('\n'), added, hunkTexts };
}

/** Which kind of infrastructure file a path and its (new-side) text are. */
export function reviewFileType(path: string, text: string): 'terraform' | 'kubernetes' | 'yaml' | 'other' {
  const name = posix.basename(path).toLowerCase();
  if (/\.(tf|tf\.json|tfvars|tfvars\.json|hcl)$/.test(name)) return 'terraform';
  if (/\.ya?ml$/.test(name)) {
    return /^\s*apiVersion\s*:/m.test(text) && /^\s*kind\s*:/m.test(text) ? 'kubernetes' : 'yaml';
  }
  return 'other';
}

function scanText(
  path: string,
  text: string,
  kind: 'terraform' | 'kubernetes',
  options: ReviewBaselineOptions,
): { findings: Finding[]; parsed: boolean } {
  const today = options.today ?? '2026-01-01';
  if (kind === 'kubernetes') {
    const result = scanKubernetesText(text, path, options.kubernetesRules, { today });
    return { findings: result.findings, parsed: result.errors.length === 0 };
  }
  const name = posix.basename(path);
  const files = new Map([[name, text]]);
  const reader = memoryFiles(files);
  const result = scanTerraformTree(loadModuleTree('.', reader), options.terraformRules, {
    today,
    files: reader,
    displayPath: () => path,
    readText: (filename) => files.get(filename),
  });
  return { findings: result.findings, parsed: result.errors.length === 0 };
}

/** The body of a baseline comment: what is wrong, the rule, and how to fix it. */
export function findingBody(finding: Finding): string {
  return `${finding.message} (${finding.rule_id}, ${finding.severity.toLowerCase()} severity). ${finding.remediation}`;
}

/** Scanner findings on the added lines of one file's diff, as review comments (one per line). */
export function baselineComments(file: DiffFile, options: ReviewBaselineOptions): ReviewComment[] {
  if (file.binary || file.status === 'removed' || file.hunks.length === 0) return [];
  const side = newSideOf(file);
  if (side.added.size === 0) return [];
  const type = reviewFileType(file.path, side.text);
  const scannable =
    (type === 'terraform' && isConfigFileName(posix.basename(file.path))) ||
    (type === 'kubernetes' && !isHelmTemplate(side.text));
  if (!scannable) return [];
  const kind = type === 'terraform' ? 'terraform' : 'kubernetes';
  let findings: Finding[] = [];
  const whole = scanText(file.path, side.text, kind, options);
  if (whole.parsed) findings = whole.findings;
  else {
    for (const text of side.hunkTexts) {
      const part = scanText(file.path, text, kind, options);
      if (part.parsed) findings = findings.concat(part.findings);
    }
  }
  const byLine = new Map<number, string[]>();
  for (const finding of findings) {
    if (finding.suppressed || !side.added.has(finding.line)) continue;
    const bodies = byLine.get(finding.line) ?? [];
    const body = findingBody(finding);
    if (!bodies.includes(body)) bodies.push(body);
    byLine.set(finding.line, bodies);
  }
  return [...byLine]
    .sort((left, right) => left[0] - right[0])
    .map(([line, bodies]) => ({ path: file.path, line, side: 'RIGHT' as const, body: bodies.join('\n') }));
}

/** The baseline prediction for a review input (empty for files it cannot scan). */
export function predictReviewBaseline(input: ReviewInput, options: ReviewBaselineOptions): ReviewTarget {
  const parsed = parseUnifiedDiff(input.diff);
  const file = findDiffFile(parsed, input.path) ?? (parsed.files.length === 1 ? parsed.files[0] : undefined);
  return { comments: file ? baselineComments(file, options) : [] };
}
