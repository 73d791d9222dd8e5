// The `lint` task's input and output (seed 004, Axon).

export type LintLanguage = 'terraform' | 'kubernetes';

/** A Terraform module (its files) or one Kubernetes YAML file. */
export interface LintInput {
  language: LintLanguage;
  files: { path: string; content: string }[];
}

export type LintLabel = 'SECURE' | 'INSECURE';

export interface LintFinding {
  rule_id: string;
  severity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  category: string;
  file: string;
  line: number;
  resource: string;
  message: string;
}

export interface LintTarget {
  label: LintLabel;
  findings: LintFinding[];
  /** A short explanation written from the findings. */
  explanation: string;
}
