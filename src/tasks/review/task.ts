import type { Task } from '../../core/types.js';
import { ALL_KUBERNETES_RULES, TERRAFORM_RULES } from '../../iac/scan/rules/registry.js';
import { predictReviewBaseline } from './baseline.js';
import { buildReviewExamplesFromDocuments } from './build.js';
import { scoreReview } from './metrics/score-review.js';
import { parseReviewAnswer } from './parse.js';
import { REVIEW_OUTPUT_SCHEMA, renderReviewAnswer, reviewMessages } from './prompt.js';
import type { ReviewInput, ReviewTarget } from './types.js';

const RULES = { terraformRules: TERRAFORM_RULES, kubernetesRules: ALL_KUBERNETES_RULES };

/**
 * The `review` task: one file's line-numbered diff → the human reviewers' line comments. `score`
 * is synchronous and leaves BERTScore out (it needs an encoder): see scoreReviewWithBertScore.
 */
export const reviewTask: Task<ReviewInput, ReviewTarget> = {
  name: 'review',
  build: buildReviewExamplesFromDocuments(),
  messages: reviewMessages,
  render: renderReviewAnswer,
  outputSchema: REVIEW_OUTPUT_SCHEMA,
  parse: parseReviewAnswer,
  score: (pairs) => scoreReview(pairs),
  baseline: {
    id: 'baseline',
    async predict(input) {
      return predictReviewBaseline(input, RULES);
    },
  },
};
