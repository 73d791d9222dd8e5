import type { TaskName } from '../core/types.js';

// JSON schemas of each task's input, for request validation and the OpenAPI document. They mirror
// the input types in src/tasks/<task>/types.ts; limits keep one request from asking for unbounded work.

const MAX_FILES = 500;

const FILES = {
  type: 'array',
  minItems: 1,
  maxItems: MAX_FILES,
  items: {
    type: 'object',
    properties: { path: { type: 'string', minLength: 1, maxLength: 1024 }, content: { type: 'string' } },
    required: ['path', 'content'],
    additionalProperties: false,
  },
} as const;

export const INPUT_SCHEMAS: Partial<Record<TaskName, Record<string, unknown>>> = {
  plan: {
    type: 'object',
    properties: { files: FILES },
    required: ['files'],
    additionalProperties: false,
  },
  lint: {
    type: 'object',
    properties: { language: { type: 'string', enum: ['terraform', 'kubernetes'] }, files: FILES },
    required: ['language', 'files'],
    additionalProperties: false,
  },
  manifest: {
    type: 'object',
    properties: { instruction: { type: 'string', minLength: 1, maxLength: 20_000 } },
    required: ['instruction'],
    additionalProperties: false,
  },
  review: {
    type: 'object',
    properties: {
      repo: { type: 'string' },
      pr: { type: 'integer', minimum: 1 },
      path: { type: 'string', minLength: 1 },
      hunks: { type: 'string' },
      diff: { type: 'string', minLength: 1 },
    },
    required: ['path', 'hunks', 'diff'],
    additionalProperties: false,
  },
};

/** The input schema of a task; a task without one accepts any object. */
export function inputSchema(task: string): Record<string, unknown> {
  return INPUT_SCHEMAS[task as TaskName] ?? { type: 'object' };
}
