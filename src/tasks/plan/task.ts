import type { Task } from '../../core/types.js';
import { loadModuleTree } from '../../iac/terraform/config/load-module-tree.js';
import { staticPlan } from '../../iac/terraform/plan/static-plan.js';
import { buildPlanExamples } from './build.js';
import { memoryFiles } from './memory-files.js';
import { scorePlans } from './metrics.js';
import { parsePlanAnswer } from './parse.js';
import { normalizeTarget, PLAN_OUTPUT_SCHEMA, planMessages, renderPlanAnswer } from './prompt.js';
import type { PlanInput, PlanTarget } from './types.js';

/** The `plan` task: a Terraform module's files → the resource changes `terraform plan` would make. */
export const planTask: Task<PlanInput, PlanTarget> = {
  name: 'plan',
  build: buildPlanExamples(),
  messages: planMessages,
  render: renderPlanAnswer,
  outputSchema: PLAN_OUTPUT_SCHEMA,
  parse: parsePlanAnswer,
  score: (pairs) => scorePlans(pairs),
  baseline: {
    id: 'baseline',
    async predict(input) {
      const reader = memoryFiles(new Map(input.files.map((file) => [file.path, file.content])));
      const result = staticPlan(loadModuleTree('.', reader), {
        files: reader,
        missingRootVariables: 'unknown',
      });
      return normalizeTarget({
        resource_changes: result.resource_changes.map((change) => ({
          address: change.address,
          actions: change.change.actions,
        })),
      });
    },
  },
};
