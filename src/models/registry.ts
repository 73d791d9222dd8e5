import { InfraLMError } from '../core/errors.js';
import { baselineModelFactory } from './baseline-model.js';
import { ggufModelFactory } from './gguf-model.js';
import { openAiModelFactory } from './openai-model.js';
import { createRouterModelFactory } from './router-model.js';
import type { Model, ModelContext, ModelFactory } from './types.js';

// Model spec strings resolve through these factories in order; the first whose `test` claims the
// spec creates the model. One line here adds a back end.

export const MODEL_FACTORIES: readonly ModelFactory[] = [
  baselineModelFactory,
  openAiModelFactory,
  ggufModelFactory,
  createRouterModelFactory((spec, context) => resolveModel(spec, context)),
];

/** Registry completeness: names are unique and every factory has a spec form. */
export function checkModelFactories(factories: readonly ModelFactory[]): void {
  const names = new Set<string>();
  for (const factory of factories) {
    if (names.has(factory.name)) throw new Error(`model registry: "${factory.name}" is registered twice`);
    if (!factory.form) throw new Error(`model registry: "${factory.name}" has no spec form`);
    names.add(factory.name);
  }
}

checkModelFactories(MODEL_FACTORIES);

/** Resolve a model spec for a task; an unknown spec is a usage error listing the known forms. */
export function resolveModel<I, O>(
  spec: string,
  context: ModelContext<I, O>,
  factories: readonly ModelFactory[] = MODEL_FACTORIES,
): Model<I, O> {
  const factory = factories.find((candidate) => candidate.test(spec));
  if (!factory) {
    throw new InfraLMError(
      'INFRALM_ERR_USAGE',
      `unknown model "${spec}"; known forms: ${factories.map((candidate) => candidate.form).join(', ')}`,
    );
  }
  return factory.create(spec, context);
}
