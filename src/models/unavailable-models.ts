import { InfraLMError } from '../core/errors.js';
import type { ModelFactory } from './types.js';

// Spec forms that belong to back ends not built yet: resolving them is a clear error, not "unknown".

function unavailable(name: string, form: string, detail: string): ModelFactory {
  return {
    name,
    form,
    test: (spec) => spec.startsWith(`${name}:`),
    create(spec) {
      throw new InfraLMError(
        'INFRALM_ERR_USAGE',
        `model "${spec}": ${form} models are not available yet (${detail}); use baseline, openai:URL#MODEL or gguf:PATH`,
      );
    },
  };
}

/** `router:specialist=<spec>,generalist=<spec>`: routing between two models (its own issue). */
export const routerModelFactory = unavailable(
  'router',
  'router:specialist=SPEC,generalist=SPEC',
  'model routing comes with its own issue',
);
