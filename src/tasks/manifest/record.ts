import { InfraLMError } from '../../core/errors.js';
import type { ChatMessage, JSONSchema } from '../../core/types.js';

/** The input of the manifest task: an instruction in plain English. */
export interface ManifestInput {
  instruction: string;
}

/** The target: the manifest the tool call applies. */
export interface ManifestTarget {
  manifest: string;
}

export type RecordFormat = 'tool_calls' | 'legacy';

export const APPLY_MANIFEST_TOOL = {
  type: 'function',
  function: {
    name: 'apply_manifest',
    description: 'Apply a Kubernetes manifest (one or more YAML documents) to the cluster.',
    parameters: {
      type: 'object',
      properties: {
        manifest_content: { type: 'string', description: 'The complete YAML manifest.' },
      },
      required: ['manifest_content'],
      additionalProperties: false,
    },
  },
} as const;

/** JSON schema of the tool-call arguments, for constrained decoding and validation. */
export const MANIFEST_OUTPUT_SCHEMA: JSONSchema = APPLY_MANIFEST_TOOL.function.parameters;

/** The prompt in chat form. */
export function manifestMessages(input: ManifestInput, systemPrompt?: string): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (systemPrompt) messages.push({ role: 'system', content: systemPrompt });
  messages.push({ role: 'user', content: input.instruction });
  return messages;
}

/** The assistant turn: a real `apply_manifest` tool call, or AutoMend's JSON-in-content form. */
export function renderManifestAnswer(
  target: ManifestTarget,
  format: RecordFormat,
  callId: string,
): ChatMessage {
  // The serializer does all escaping; nothing here builds JSON by hand.
  if (format === 'legacy') {
    return {
      role: 'assistant',
      content: JSON.stringify({ tool: 'apply_manifest', params: { manifest_content: target.manifest } }),
    };
  }
  return {
    role: 'assistant',
    tool_calls: [
      {
        id: callId,
        type: 'function',
        function: {
          name: 'apply_manifest',
          arguments: JSON.stringify({ manifest_content: target.manifest }),
        },
      },
    ],
  };
}

/** One gold JSONL line (without the trailing newline). */
export function renderManifestRecord(
  input: ManifestInput,
  target: ManifestTarget,
  options: { format: RecordFormat; systemPrompt?: string; recordId: string },
): string {
  const messages = [
    ...manifestMessages(input, options.systemPrompt),
    renderManifestAnswer(target, options.format, `call_${options.recordId.slice(0, 24)}`),
  ];
  return options.format === 'legacy'
    ? JSON.stringify({ messages })
    : JSON.stringify({ messages, tools: [APPLY_MANIFEST_TOOL] });
}

/** Model text → target: accepts a tool-call arguments object, AutoMend's legacy JSON, or bare YAML. */
export function parseManifestAnswer(text: string): ManifestTarget {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      throw new InfraLMError(
        'INFRALM_ERR_RECORD_PARSE',
        `answer is not valid JSON: ${(error as Error).message}`,
      );
    }
    const record = value as Record<string, unknown>;
    const params = (record.params ?? record.arguments ?? record) as Record<string, unknown>;
    const manifest = typeof params === 'string' ? safeArguments(params) : params.manifest_content;
    if (typeof manifest !== 'string') {
      throw new InfraLMError('INFRALM_ERR_RECORD_PARSE', 'answer has no string manifest_content');
    }
    return { manifest };
  }
  if (trimmed === '') throw new InfraLMError('INFRALM_ERR_RECORD_PARSE', 'answer is empty');
  return { manifest: text };
}

function safeArguments(text: string): unknown {
  try {
    return (JSON.parse(text) as Record<string, unknown>).manifest_content;
  } catch {
    return undefined;
  }
}
