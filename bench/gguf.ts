// Tokens per second of the real `gguf:` back end (node-llama-cpp, CPU) answering the plan task:
//   node --import tsx bench/gguf.ts [--requests 8] [--max-tokens 200] [--contexts 2]
// The model is the tiny random-weight GGUF the tests write (src/test-support/make-tiny-gguf.ts):
// the figures measure the inference path (prompt, grammar-constrained sampling, parse), not a trained
// model. Three runs, each on its own model instance: prefill (maxTokens=1, sequential), sequential
// generation (one context) and concurrent generation (a pool of `contexts`, all requests at once).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GgufModel } from '../src/models/gguf-model.js';
import { resolveModel } from '../src/models/registry.js';
import type { Generation } from '../src/models/types.js';
import { planTask } from '../src/tasks/plan/task.js';
import type { PlanInput, PlanTarget } from '../src/tasks/plan/types.js';
import { writeTinyGguf } from '../src/test-support/make-tiny-gguf.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : (args[index + 1] ?? fallback);
};
const requests = Number(option('--requests', '8'));
const maxTokens = Number(option('--max-tokens', '200'));
const contexts = Number(option('--contexts', '2'));
const TEMPERATURE = 0.9;

const input: PlanInput = {
  files: [
    { path: 'main.tf', content: 'resource "aws_instance" "web" {\n  count = 2\n  ami   = "ami-1"\n}\n' },
  ],
};

const round = (value: number, digits = 1) => +value.toFixed(digits);

interface Timed {
  generation: Generation<PlanTarget>;
  ms: number;
}

async function timed(model: GgufModel<PlanInput, PlanTarget>, seed: number): Promise<Timed> {
  const started = performance.now();
  const generation = await model.generate(input, { temperature: TEMPERATURE, seed });
  return { generation, ms: performance.now() - started };
}

/** Load the model (timed), answer one request outside the measurement (grammar compile), then run. */
async function measure(
  spec: string,
  mode: 'sequential' | 'concurrent',
): Promise<{ loadMs: number; firstRequestMs: number; wallMs: number; runs: Timed[] }> {
  const model = resolveModel(spec, { task: planTask }) as GgufModel<PlanInput, PlanTarget>;
  try {
    let started = performance.now();
    await model.load();
    const loadMs = performance.now() - started;
    const first = await timed(model, 0);
    started = performance.now();
    const seeds = Array.from({ length: requests }, (_, index) => index + 1);
    const runs: Timed[] = [];
    if (mode === 'sequential') for (const seed of seeds) runs.push(await timed(model, seed));
    else runs.push(...(await Promise.all(seeds.map((seed) => timed(model, seed)))));
    return { loadMs, firstRequestMs: first.ms, wallMs: performance.now() - started, runs };
  } finally {
    await model.dispose();
  }
}

function summary(result: Awaited<ReturnType<typeof measure>>) {
  const prompt = result.runs.reduce((sum, run) => sum + (run.generation.tokens?.prompt ?? 0), 0);
  const completion = result.runs.reduce((sum, run) => sum + (run.generation.tokens?.completion ?? 0), 0);
  const seconds = result.wallMs / 1000;
  const latencies = result.runs.map((run) => run.ms).sort((a, b) => a - b);
  const failures: Record<string, number> = {};
  for (const run of result.runs) {
    const kind = run.generation.failure?.kind;
    if (kind) failures[kind] = (failures[kind] ?? 0) + 1;
  }
  return {
    requests: result.runs.length,
    model_load_ms: round(result.loadMs),
    first_request_ms: round(result.firstRequestMs),
    wall_seconds: round(seconds, 3),
    prompt_tokens: prompt,
    completion_tokens: completion,
    completion_tokens_per_request: round(completion / result.runs.length),
    completion_tokens_per_second: round(completion / seconds),
    total_tokens_per_second: round((prompt + completion) / seconds),
    ms_per_request: round(result.wallMs / result.runs.length),
    request_latency_ms: {
      mean: round(latencies.reduce((sum, ms) => sum + ms, 0) / latencies.length),
      min: round(latencies[0] ?? 0),
      max: round(latencies.at(-1) ?? 0),
    },
    answers_parsed: result.runs.filter((run) => run.generation.output !== undefined).length,
    failures,
  };
}

const directory = mkdtempSync(join(tmpdir(), 'infralm-bench-gguf-'));
try {
  const files = writeTinyGguf(directory);
  // The first load of the process also starts the llama.cpp binding: it happens in the prefill run.
  const prefill = await measure(`gguf:${files.model}?maxTokens=1`, 'sequential');
  const sequential = await measure(`gguf:${files.model}?maxTokens=${maxTokens}`, 'sequential');
  const concurrent = await measure(
    `gguf:${files.model}?contexts=${contexts}&maxTokens=${maxTokens}`,
    'concurrent',
  );
  const prefillSummary = summary(prefill);
  // Prompt evaluation dominates a short answer: subtract the prefill run's time per request for an
  // estimate of the generation rate alone (sequential only; concurrent requests overlap).
  const sequentialSummary = summary(sequential);
  const decodeSeconds = (sequential.wallMs - requests * (prefill.wallMs / prefill.runs.length)) / 1000;
  const report = {
    benchmark: 'gguf back end (node-llama-cpp, CPU), plan task',
    note: 'random-weight tiny model: the figures measure the inference path (prompt, grammar-constrained sampling, parse), not a trained model; answers are garbage by design',
    model: {
      file: 'tiny-llama.gguf from src/test-support/make-tiny-gguf.ts',
      bytes: statSync(files.model).size,
      architecture: 'llama, 2 layers, embedding 64, 4 heads, F32, ~0.14 M parameters',
    },
    input: 'one main.tf: aws_instance with count = 2',
    settings: { requests, max_tokens: maxTokens, temperature: TEMPERATURE, seeds: `1..${requests}` },
    machine: {
      cpus: cpus().length,
      node: process.version,
      llama_threads: 'batch 2, context 1 (gguf-model.ts)',
    },
    prefill: {
      spec: 'gguf:tiny-llama.gguf?maxTokens=1',
      model_load_ms_including_binding_start: prefillSummary.model_load_ms,
      prompt_tokens_per_request: round(prefillSummary.prompt_tokens / prefill.runs.length),
      prompt_tokens_per_second: round(prefillSummary.prompt_tokens / (prefill.wallMs / 1000)),
      ms_per_request: prefillSummary.ms_per_request,
    },
    sequential: {
      spec: `gguf:tiny-llama.gguf?maxTokens=${maxTokens}`,
      ...sequentialSummary,
      completion_tokens_per_second_without_prefill_estimate:
        decodeSeconds > 0 ? round(sequentialSummary.completion_tokens / decodeSeconds) : null,
    },
    concurrent: {
      spec: `gguf:tiny-llama.gguf?contexts=${contexts}&maxTokens=${maxTokens}`,
      contexts,
      ...summary(concurrent),
    },
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
