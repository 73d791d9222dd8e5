import type { LintFinding, LintLabel, LintTarget } from './types.js';

const RANK = { LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 } as const;

export interface LabelRule {
  /** INSECURE when any finding is at or above this severity (default HIGH, as Axon labels). */
  threshold: keyof typeof RANK;
}

export const DEFAULT_LABEL_RULE: LabelRule = { threshold: 'HIGH' };

/** SECURE or INSECURE under a labelling rule. */
export function labelFor(findings: readonly LintFinding[], rule: LabelRule = DEFAULT_LABEL_RULE): LintLabel {
  return findings.some((finding) => RANK[finding.severity] >= RANK[rule.threshold]) ? 'INSECURE' : 'SECURE';
}

/** A short explanation from the findings: the worst few, most severe first. */
export function explain(findings: readonly LintFinding[], label: LintLabel, limit = 3): string {
  if (findings.length === 0) return 'No security findings.';
  const worst = [...findings]
    .sort((a, b) => RANK[b.severity] - RANK[a.severity] || a.line - b.line)
    .slice(0, limit);
  const parts = worst.map(
    (finding) =>
      `${finding.severity} ${finding.rule_id} at ${finding.file}:${finding.line} (${finding.resource}): ${finding.message}`,
  );
  const more = findings.length > worst.length ? ` (+${findings.length - worst.length} more)` : '';
  return `${label === 'INSECURE' ? 'Insecure' : 'No high-severity issue'}: ${parts.join('; ')}${more}.`;
}

/** The target of an example from its findings. */
export function lintTarget(findings: LintFinding[], rule: LabelRule = DEFAULT_LABEL_RULE): LintTarget {
  const label = labelFor(findings, rule);
  return { label, findings, explanation: explain(findings, label) };
}
