// Rules are data: metadata plus one check function. Findings are what a scan reports.

import type { ResourceDeclaration } from '../terraform/config/module-config.js';
import type { ValueObject } from '../terraform/eval/value.js';
import type { Range } from '../terraform/hcl/ast.js';

export type Severity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export const SEVERITIES: readonly Severity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

export type Category =
  | 'encryption'
  | 'network'
  | 'iam'
  | 'logging'
  | 'secrets'
  | 'backup'
  | 'access-control'
  | 'availability'
  | 'container'
  | 'rbac'
  | 'supply-chain'
  | 'general';

/** The ids of the checks in other tools that test the same thing (for migration and suppressions). */
export interface Equivalents {
  checkov: string[];
  trivy: string[];
  kics: string[];
}

export interface RuleMetadata {
  /** Stable id: ILM-TF-AWS-001, ILM-TF-AZURE-001, ILM-TF-GCP-001, ILM-K8S-001. */
  id: string;
  title: string;
  severity: Severity;
  category: Category;
  /** e.g. "CWE-311". */
  cwe: string;
  /** Terraform resource types, or Kubernetes kinds ('*' for every kind with a pod spec). */
  resourceTypes: string[];
  remediation: string;
  references: string[];
  equivalents: Equivalents;
}

/**
 * The outcome of a check on one resource. `attribute` is the path of the offending attribute
 * (Terraform: names and list indexes into the configuration; Kubernetes: keys and indexes into the
 * object); when absent, or when the attribute is missing, the finding points at the block header.
 * An unknown value is never a failure: answer `unknown`.
 */
export type CheckResult =
  | { status: 'fail'; attribute?: (string | number)[]; message?: string }
  | { status: 'pass' }
  | { status: 'unknown' };

/** One Terraform resource instance as rules see it. */
export interface TerraformResourceView {
  /** `aws_s3_bucket.b`, `module.m.aws_s3_bucket.b[0]`. */
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** Module instance address ('' for the root). */
  module: string;
  /** Evaluated configuration: attributes, nested blocks as lists of objects; unknowns are Unknown. */
  values: ValueObject;
  /** The declaration with source ranges (for locating attributes and references). */
  declaration: ResourceDeclaration;
  /** The module calls leading to this resource, root first (empty at the root). */
  moduleCalls: Range[];
}

export interface TerraformRuleContext {
  /** Every resource instance of the scanned module tree. */
  resources: readonly TerraformResourceView[];
  /**
   * Resources of `type` in the same module instance whose `attribute` refers to `target` — by a
   * reference in the configuration (`bucket = aws_s3_bucket.b.id`) or by equal known values
   * (`bucket = "my-bucket"` when the target's `targetAttribute` is "my-bucket").
   */
  referencing(
    type: string,
    attribute: string,
    target: TerraformResourceView,
    targetAttribute?: string,
  ): TerraformResourceView[];
}

export interface TerraformRule extends RuleMetadata {
  check(resource: TerraformResourceView, context: TerraformRuleContext): CheckResult | CheckResult[];
}

/** One Kubernetes object as rules see it. */
export interface KubernetesObjectView {
  kind: string;
  apiVersion: string;
  name: string;
  /** `default` when the manifest has none (as Checkov names resources). */
  namespace: string;
  object: Record<string, unknown>;
  file: string;
  /** Index of the document in a multi-document file. */
  document: number;
}

/** A container of a pod spec, wherever the kind keeps it. */
export interface ContainerView {
  container: Record<string, unknown>;
  /** Path from the object root to the container. */
  path: (string | number)[];
  kind: 'container' | 'initContainer' | 'ephemeralContainer';
}

/** A pod spec inside an object (Deployment spec.template.spec, CronJob spec.jobTemplate.spec.template.spec, ...). */
export interface PodSpecView {
  spec: Record<string, unknown>;
  path: (string | number)[];
}

export interface KubernetesRuleContext {
  podSpecs(object: KubernetesObjectView): PodSpecView[];
  containers(object: KubernetesObjectView): ContainerView[];
}

export interface KubernetesRule extends RuleMetadata {
  check(object: KubernetesObjectView, context: KubernetesRuleContext): CheckResult | CheckResult[];
}

/** A reported problem. Paths are relative to the scanned PATH. */
export interface Finding {
  rule_id: string;
  title: string;
  severity: Severity;
  category: Category;
  cwe: string;
  file: string;
  line: number;
  column: number;
  /** Terraform address or Kubernetes `Kind.namespace.name`. */
  resource: string;
  /** Dotted attribute path ('' for the block itself). */
  attribute: string;
  message: string;
  remediation: string;
  /** Where the module calls are, for findings inside modules (root first). */
  module_calls?: { file: string; line: number; column: number }[];
  equivalents: Equivalents;
  /** Set when a suppression comment matched (suppressed findings do not count for --fail-on). */
  suppressed?: { reason: string; source: string; expires?: string };
}
