import type { AssistantTurn, ChatMessage, JSONSchema } from '../../core/types.js';
import type { PlanInput, PlanTarget } from './types.js';

export const PLAN_SYSTEM_PROMPT =
  "You are a Terraform expert. Given a module's files, predict the resource changes `terraform plan` " +
  'would show with no prior state: every resource instance address exactly as Terraform writes it ' +
  '(module.a["k"].aws_s3_bucket.b[0]) and its actions. Answer with JSON only.';

/** Output schema for constrained decoding and validation. */
export const PLAN_OUTPUT_SCHEMA: JSONSchema = {
  type: 'object',
  properties: {
    resource_changes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          address: { type: 'string', minLength: 1 },
          actions: {
            type: 'array',
            minItems: 1,
            items: { type: 'string', enum: ['create', 'read', 'update', 'delete', 'no-op'] },
          },
        },
        required: ['address', 'actions'],
        additionalProperties: false,
      },
    },
  },
  required: ['resource_changes'],
  additionalProperties: false,
};

/** The longest run of backticks in a text, so a fence can always be longer. */
function fenceFor(text: string): string {
  let longest = 0;
  for (const match of text.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** The module's files in a fenced layout, one block per file with its path. */
export function renderFiles(input: PlanInput): string {
  return input.files
    .map((file) => {
      const fence = fenceFor(file.content);
      const language = file.path.endsWith('.json') ? 'json' : 'hcl';
      return `${file.path}\n${fence}${language}\n${file.content}${file.content.endsWith('\n') ? '' : '\n'}${fence}`;
    })
    .join('\n\n');
}

/** The prompt in chat form. */
export function planMessages(input: PlanInput): ChatMessage[] {
  return [
    { role: 'system', content: PLAN_SYSTEM_PROMPT },
    { role: 'user', content: `Module files:\n\n${renderFiles(input)}\n\nWhat will \`terraform plan\` do?` },
  ];
}

/** The answer as the model should write it: compact JSON, addresses sorted. */
export function renderPlanAnswer(target: PlanTarget): AssistantTurn {
  return { role: 'assistant', content: JSON.stringify(normalizeTarget(target)) };
}

/** Sorted by address, actions as given; the canonical form stored in gold files. */
export function normalizeTarget(target: PlanTarget): PlanTarget {
  return {
    resource_changes: [...target.resource_changes]
      .map((change) => ({ address: change.address, actions: [...change.actions] }))
      .sort((left, right) => (left.address < right.address ? -1 : left.address > right.address ? 1 : 0)),
  };
}
