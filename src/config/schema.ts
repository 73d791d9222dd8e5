import { z } from 'zod';

// Keys are snake_case as users write them in infralm.yaml; every object is strict so a typo is an error.

const ratio = z.number().min(0).max(1);

export const directorySourceSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, - and _'),
  kind: z.literal('directory'),
  path: z.string().min(1),
  max_bytes: z.number().int().positive().default(1_048_576),
});

export const parquetSourceSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, - and _'),
  kind: z.literal('parquet'),
  /** A local file or folder of .parquet files, or an https URL (HF_TOKEN is sent when set). */
  location: z.string().min(1),
  max_rows: z.number().int().positive().optional(),
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
  filter: z
    .strictObject({
      min_bytes: z.number().int().nonnegative().default(200),
      max_bytes: z.number().int().positive().default(204_800),
      extensions: z.array(z.string().startsWith('.')).nonempty().default(['.yaml', '.yml']),
      licenses: z.array(z.string().min(1)).default(PERMISSIVE_LICENSES),
      keywords: z
        .strictObject({
          enabled: z.boolean().default(true),
          terms: z
            .array(z.string().min(2))
            .nonempty()
            .default(DEFAULT_ML_KEYWORDS as [string, ...string[]]),
        })
        .prefault({}),
    })
    .prefault({}),
  dedup: z
    .strictObject({
      near: z.boolean().default(true),
      threshold: z.number().gt(0).lt(1).default(0.85),
      num_permutations: z.number().int().min(16).max(1024).default(128),
      shingle_size: z.number().int().min(1).max(20).default(5),
    })
    .prefault({}),
  prompts: z
    .strictObject({
      seed: z.number().int().default(42),
      system_prompt: z
        .string()
        .default(
          'You are AutoMend, an assistant that deploys and repairs Kubernetes workloads. ' +
            'Answer with one apply_manifest tool call holding the complete manifest.',
        ),
      strip_header_comments: z.boolean().default(true),
    })
    .prefault({}),
  format: z.enum(['tool_calls', 'legacy']).default('tool_calls'),
  split: z
    .strictObject({
      ratios: z
        .strictObject({ train: ratio.default(0.8), validation: ratio.default(0.1), test: ratio.default(0.1) })
        .prefault({})
        .refine((r) => Math.abs(r.train + r.validation + r.test - 1) < 1e-9, 'ratios must sum to 1'),
      seed: z.number().int().default(42),
    })
    .prefault({}),
  bias: z
    .strictObject({
      dimension: z.string().default('iac_type'),
      max_share: z.number().gt(0).lt(1).default(0.4),
      min_share: z.number().min(0).lt(1).default(0.05),
      seed: z.number().int().default(42),
    })
    .prefault({}),
  anomaly: z
    .strictObject({
      min_pass_rate_pct: z.number().min(0).max(100).default(80),
      max_violations_per_type: z.number().int().nonnegative().default(50),
      min_records: z.number().int().nonnegative().default(10),
      max_pii_leaks: z.number().int().nonnegative().default(0),
    })
    .prefault({}),
});

export const configSchema = z.strictObject({
  workspace: z.string().min(1).default('./infralm-data'),
  log_level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /** Worker threads for CPU-bound steps; 0 = one per core. */
  workers: z.number().int().min(0).max(64).default(0),
  /** Inputs smaller than this run on one thread: workers' start-up costs more than they save. */
  parallel_min_bytes: z
    .number()
    .int()
    .nonnegative()
    .default(16 * 1024 * 1024),
  /** Documents per bronze shard: the unit of parallel work and of resumption. */
  shard_documents: z.number().int().min(1).max(100_000).default(256),
  sources: z.array(sourceSchema).default([]),
  manifest: manifestSchema.prefault({}),
});

export type Config = z.infer<typeof configSchema>;
export type SourceConfig = z.infer<typeof sourceSchema>;
export type ManifestConfig = z.infer<typeof manifestSchema>;
