import { codeFingerprint } from './code-fingerprint.js';
import type { ModelFactory } from './types.js';

/** `baseline`: the task's deterministic engine (static planner, scanner, retrieval). */
export const baselineModelFactory: ModelFactory = {
  name: 'baseline',
  form: 'baseline',
  test: (spec) => spec === 'baseline',
  create(spec, context) {
    const { task } = context;
    return {
      spec,
      fingerprint: `baseline:${task.name}:${task.baseline.id}:${codeFingerprint()}`,
      deterministic: true,
      requestKey: (input) => input,
      async generate(input, options) {
        try {
          return { output: await task.baseline.predict(input, options) };
        } catch (error) {
          return { failure: { kind: 'predictor', message: (error as Error).message } };
        }
      },
    };
  },
};
