import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// Keys are snake_case as users write them in infralm.yaml; every object is strict so a typo is an error.
// zod/mini, not the chained API: every command validates its config at start-up, and the chained
// API's import and schema construction cost ~25 ms of it against ~9 ms (same checks and messages).
z.config(en());

const ratio = z.number().check(z.gte(0), z.lte(1));

export const directorySourceSchema = z.strictObject({
  name: z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, - and _')),
  kind: z.literal('directory'),
  path: z.string().check(z.minLength(1)),
  max_bytes: z._default(z.number().check(z.int(), z.positive()), 1_048_576),
});

export const parquetSourceSchema = z.strictObject({
  name: z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, - and _')),
  kind: z.literal('parquet'),
  /** A local file or folder of .parquet files, or an https URL (HF_TOKEN is sent when set). */
  location: z.string().check(z.minLength(1)),
  max_rows: z.optional(z.number().check(z.int(), z.positive())),
});

export const sourceSchema = z.discriminatedUnion('kind', [directorySourceSchema, parquetSourceSchema]);

export const DEFAULT_ML_KEYWORDS = [
  'nvidia.com/gpu',
  'kserve',
  'seldon',
  'inferenceservice',
  'triton',
  'torchserve',
  'kubeflow',
  'ray',
  'vllm',
  'servingruntime',
  'mlflow',
  'tensorflow',
  'pytorch',
  'huggingface',
  'amd.com/gpu',
];

export const PERMISSIVE_LICENSES = [
  'MIT',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'ISC',
  '0BSD',
  'Unlicense',
  'CC0-1.0',
];

export const manifestSchema = z.strictObject({
  filter: z.prefault(
    z.strictObject({
      min_bytes: z._default(z.number().check(z.int(), z.nonnegative()), 200),
      max_bytes: z._default(z.number().check(z.int(), z.positive()), 204_800),
      extensions: z._default(z.array(z.string().check(z.startsWith('.'))).check(z.minLength(1)), [
        '.yaml',
        '.yml',
      ]),
      licenses: z._default(z.array(z.string().check(z.minLength(1))), PERMISSIVE_LICENSES),
      keywords: z.prefault(
        z.strictObject({
          enabled: z._default(z.boolean(), true),
          terms: z._default(
            z.array(z.string().check(z.minLength(2))).check(z.minLength(1)),
            DEFAULT_ML_KEYWORDS,
          ),
        }),
        {},
      ),
    }),
    {},
  ),
  dedup: z.prefault(
    z.strictObject({
      near: z._default(z.boolean(), true),
      threshold: z._default(z.number().check(z.gt(0), z.lt(1)), 0.85),
      num_permutations: z._default(z.number().check(z.int(), z.gte(16), z.lte(1024)), 128),
      shingle_size: z._default(z.number().check(z.int(), z.gte(1), z.lte(20)), 5),
    }),
    {},
  ),
  prompts: z.prefault(
    z.strictObject({
      seed: z._default(z.number().check(z.int()), 42),
      system_prompt: z._default(
        z.string(),
        'You are AutoMend, an assistant that deploys and repairs Kubernetes workloads. ' +
          'Answer with one apply_manifest tool call holding the complete manifest.',
      ),
      strip_header_comments: z._default(z.boolean(), true),
    }),
    {},
  ),
  format: z._default(z.enum(['tool_calls', 'legacy']), 'tool_calls'),
  split: z.prefault(
    z.strictObject({
      ratios: z
        .prefault(
          z.strictObject({
            train: z._default(ratio, 0.8),
            validation: z._default(ratio, 0.1),
            test: z._default(ratio, 0.1),
          }),
          {},
        )
        .check(z.refine((r) => Math.abs(r.train + r.validation + r.test - 1) < 1e-9, 'ratios must sum to 1')),
      seed: z._default(z.number().check(z.int()), 42),
    }),
    {},
  ),
  bias: z.prefault(
    z.strictObject({
      dimension: z._default(z.string(), 'iac_type'),
      max_share: z._default(z.number().check(z.gt(0), z.lt(1)), 0.4),
      min_share: z._default(z.number().check(z.gte(0), z.lt(1)), 0.05),
      seed: z._default(z.number().check(z.int()), 42),
    }),
    {},
  ),
  anomaly: z.prefault(
    z.strictObject({
      min_pass_rate_pct: z._default(z.number().check(z.gte(0), z.lte(100)), 80),
      max_violations_per_type: z._default(z.number().check(z.int(), z.nonnegative()), 50),
      min_records: z._default(z.number().check(z.int(), z.nonnegative()), 10),
      max_pii_leaks: z._default(z.number().check(z.int(), z.nonnegative()), 0),
    }),
    {},
  ),
});

export const configSchema = z.strictObject({
  workspace: z._default(z.string().check(z.minLength(1)), './infralm-data'),
  log_level: z._default(z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']), 'info'),
  /** Worker threads for CPU-bound steps; 0 = one per core. */
  workers: z._default(z.number().check(z.int(), z.gte(0), z.lte(64)), 0),
  /** Inputs smaller than this run on one thread: workers' start-up costs more than they save. */
  parallel_min_bytes: z._default(z.number().check(z.int(), z.nonnegative()), 16 * 1024 * 1024),
  /** Documents per bronze shard: the unit of parallel work and of resumption. */
  shard_documents: z._default(z.number().check(z.int(), z.gte(1), z.lte(100_000)), 256),
  sources: z._default(z.array(sourceSchema), []),
  manifest: z.prefault(manifestSchema, {}),
});

export type Config = z.infer<typeof configSchema>;
export type SourceConfig = z.infer<typeof sourceSchema>;
export type ManifestConfig = z.infer<typeof manifestSchema>;
