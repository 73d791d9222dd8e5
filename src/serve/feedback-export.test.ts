import { describe, expect, it } from 'vitest';
import { feedbackExample } from './feedback-export.js';

describe('feedback examples', () => {
  it('redacts secrets in the prompt and in the answer before they become training data', () => {
    const token = `ghp_${'a1B2c3D4e5'.repeat(3)}xYz987`;
    const example = feedbackExample({
      id: '1',
      created_at: '2026-11-23T00:00:00.000Z',
      task: 'review',
      prompt: `File: ci.tf\n\n+  token = "${token}"\n`,
      model_output: '',
      feedback: `Do not commit ${token}; read it from a variable.`,
      case_type: 'rewritten',
      model: 'github-review',
    });
    const text = JSON.stringify(example.messages);
    expect(text).not.toContain(token);
    expect(example.messages[0]!.content).toContain('File: ci.tf');
    expect(example.messages[1]!.content).toContain('read it from a variable');
    expect(example.weight).toBe(1);
  });
});
