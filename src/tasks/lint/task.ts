import type { Task } from '../../core/types.js';
import { ALL_KUBERNETES_RULES, TERRAFORM_RULES } from '../../iac/scan/rules/registry.js';
import { buildLintExamples, scanLintInput } from './build.js';
import { lintTarget } from './label.js';
import { scoreLint } from './metrics.js';
import { LINT_OUTPUT_SCHEMA, lintMessages, parseLintAnswer, renderLintAnswer } from './prompt.js';
import type { LintInput, LintTarget } from './types.js';

const RULES = { terraformRules: TERRAFORM_RULES, kubernetesRules: ALL_KUBERNETES_RULES };

/** The `lint` task: Terraform or Kubernetes code → SECURE/INSECURE, findings and an explanation. */
export const lintTask: Task<LintInput, LintTarget> = {
  name: 'lint',
  build: buildLintExamples(RULES),
  messages: lintMessages,
  render: renderLintAnswer,
  outputSchema: LINT_OUTPUT_SCHEMA,
  parse: parseLintAnswer,
  score: (pairs) => scoreLint(pairs),
  baseline: {
    id: 'baseline',
    async predict(input) {
      return lintTarget(scanLintInput(input, RULES).findings);
    },
  },
};
