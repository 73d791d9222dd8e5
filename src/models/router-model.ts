import { InfraLMError } from '../core/errors.js';
import { sha256 } from '../core/hash.js';
import type { Task, TaskName } from '../core/types.js';
import type { Model, ModelContext, ModelFactory } from './types.js';

// `router:specialist=<spec>,generalist=<spec>`: the seed's dual-model design. Security requests go
// to the specialist, the rest to the generalist. A request is a security request when its task is one
// (lint, triage) or, for the other tasks, when its input is about security-sensitive configuration.

const SECURITY_TASKS: ReadonlySet<TaskName> = new Set(['lint', 'triage']);

/** Words that mark a plan/review/manifest input as security-sensitive. */
const SECURITY_WORDS =
  /(?<![a-z])(?:security_group|iam_(?:role|policy|user)|policy_document|kms_key|secret|password|encryption|encrypted|tls|ssl|rbac|clusterrole|rolebinding|privileged|firewall|acl|public_access|0\.0\.0\.0\/0)/i;

/** "security" or "general": which side of the router an input goes to. */
export function requestCategory(task: TaskName, input: unknown): 'security' | 'general' {
  if (SECURITY_TASKS.has(task)) return 'security';
  return SECURITY_WORDS.test(JSON.stringify(input) ?? '') ? 'security' : 'general';
}

/** The two specs of a router spec; nested specs may hold `:`, `/`, `#`, `?` and `=`. */
export function parseRouterSpec(spec: string): { specialist: string; generalist: string } {
  const body = spec.slice('router:'.length);
  const match =
    /^specialist=(.+),generalist=(.+)$/.exec(body) ?? /^generalist=(.+),specialist=(.+)$/.exec(body);
  if (!match) {
    throw new InfraLMError(
      'INFRALM_ERR_USAGE',
      `model "${spec}": expected router:specialist=SPEC,generalist=SPEC`,
    );
  }
  const [first, second] = [match[1]!, match[2]!];
  return body.startsWith('specialist=')
    ? { specialist: first, generalist: second }
    : { specialist: second, generalist: first };
}

/** The router back end; `resolve` resolves the two inner specs (the registry passes its own). */
export function createRouterModelFactory(
  resolve: <I, O>(spec: string, context: ModelContext<I, O>) => Model<I, O>,
): ModelFactory {
  return {
    name: 'router',
    form: 'router:specialist=SPEC,generalist=SPEC',
    test: (spec) => spec.startsWith('router:'),
    create<I, O>(spec: string, context: ModelContext<I, O>): Model<I, O> {
      const { specialist, generalist } = parseRouterSpec(spec);
      if (specialist.startsWith('router:') || generalist.startsWith('router:')) {
        throw new InfraLMError(
          'INFRALM_ERR_USAGE',
          `model "${spec}": a router cannot route to another router`,
        );
      }
      const models = { security: resolve(specialist, context), general: resolve(generalist, context) };
      const task: Task<I, O> = context.task;
      const pick = (input: I) => models[requestCategory(task.name, input)];
      return {
        spec,
        fingerprint: sha256(`router|${models.security.fingerprint}|${models.general.fingerprint}`),
        deterministic: models.security.deterministic && models.general.deterministic,
        requestKey: (input, options) => {
          const side = requestCategory(task.name, input);
          return { side, key: models[side].requestKey(input, options) };
        },
        generate: (input, options) => pick(input).generate(input, options),
      };
    },
  };
}
