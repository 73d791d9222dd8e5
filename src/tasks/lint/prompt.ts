import { InfraLMError } from '../../core/errors.js';
import type { AssistantTurn, ChatMessage, JSONSchema } from '../../core/types.js';
import type { LintInput, LintLabel, LintTarget } from './types.js';

export const LINT_SYSTEM_PROMPT =
  'You are a cloud security reviewer. Decide whether the infrastructure code is SECURE or INSECURE ' +
  '(INSECURE when it has a high or critical issue), list the findings and explain briefly.';

export const LINT_OUTPUT_SCHEMA: JSONSchema = {
  type: 'object',
  properties: {
    label: { type: 'string', enum: ['SECURE', 'INSECURE'] },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          rule_id: { type: 'string' },
          severity: { type: 'string', enum: ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] },
          category: { type: 'string' },
          file: { type: 'string' },
          line: { type: 'integer', minimum: 1 },
          resource: { type: 'string' },
          message: { type: 'string' },
        },
        required: ['severity', 'line', 'message'],
      },
    },
    explanation: { type: 'string' },
  },
  required: ['label', 'explanation'],
};

function fence(text: string): string {
  let longest = 0;
  for (const match of text.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** The code under review in a fenced layout. */
export function renderLintInput(input: LintInput): string {
  const language = input.language === 'terraform' ? 'hcl' : 'yaml';
  return input.files
    .map((file) => {
      const marks = fence(file.content);
      return `${file.path}\n${marks}${language}\n${file.content}${file.content.endsWith('\n') ? '' : '\n'}${marks}`;
    })
    .join('\n\n');
}

/** Chat form. */
export function lintMessages(input: LintInput): ChatMessage[] {
  const kind = input.language === 'terraform' ? 'Terraform module' : 'Kubernetes manifest';
  return [
    { role: 'system', content: LINT_SYSTEM_PROMPT },
    { role: 'user', content: `Review this ${kind}:\n\n${renderLintInput(input)}` },
  ];
}

/** The answer in chat form: JSON matching the output schema. */
export function renderLintAnswer(target: LintTarget): AssistantTurn {
  return { role: 'assistant', content: JSON.stringify(target) };
}

/** Axon's completion form: `{input}\n\n{target}` with the label first, then the explanation. */
export function completionRecord(
  input: LintInput,
  target: LintTarget,
): { prompt: string; completion: string; text: string } {
  const prompt = `Is this ${input.language === 'terraform' ? 'Terraform' : 'Kubernetes'} code secure?\n\n${renderLintInput(input)}`;
  const completion = `${target.label}\n${target.explanation}`;
  return { prompt, completion, text: `${prompt}\n\n${completion}` };
}

/** Model text → target: the schema's JSON (possibly fenced), or Axon's "SECURE|INSECURE\nexplanation". */
export function parseLintAnswer(text: string): LintTarget {
  const fenced = /```(?:json)?\s*\n([\s\S]*?)\n```/.exec(text);
  const body = (fenced ? fenced[1]! : text).trim();
  if (body.startsWith('{')) {
    let value: Partial<LintTarget>;
    try {
      value = JSON.parse(body) as Partial<LintTarget>;
    } catch (error) {
      throw new InfraLMError(
        'INFRALM_ERR_RECORD_PARSE',
        `lint answer is not valid JSON: ${(error as Error).message}`,
      );
    }
    if (value.label !== 'SECURE' && value.label !== 'INSECURE') {
      throw new InfraLMError('INFRALM_ERR_RECORD_PARSE', 'lint answer has no SECURE/INSECURE label');
    }
    return {
      label: value.label,
      findings: Array.isArray(value.findings) ? value.findings : [],
      explanation: String(value.explanation ?? ''),
    };
  }
  // Free text: the first SECURE/INSECURE word decides (INSECURE contains SECURE: test it first).
  const match = /\b(INSECURE|SECURE)\b/i.exec(body);
  if (!match)
    throw new InfraLMError('INFRALM_ERR_RECORD_PARSE', 'lint answer says neither SECURE nor INSECURE');
  const label = match[1]!.toUpperCase() as LintLabel;
  return { label, findings: [], explanation: body.slice(match.index + match[0].length).trim() };
}
