import { existsSync } from 'node:fs';
import { InfraLMError } from '../../core/errors.js';
import type { AssistantTurn, Predictor, Task } from '../../core/types.js';
import {
  MANIFEST_OUTPUT_SCHEMA,
  type ManifestInput,
  type ManifestTarget,
  manifestMessages,
  parseManifestAnswer,
  renderManifestAnswer,
} from '../../tasks/manifest/record.js';
import { goldPaths } from '../gold-files.js';
import { Bm25Index } from './bm25-index.js';
import { scoreManifests } from './manifest-metrics.js';
import { readManifestRecords } from './read-manifest-examples.js';

// The manifest task as evaluation sees it. Its dataset is built by the manifest pipeline
// (`infralm build manifest`), so `build` here only points there. The baseline is retrieval: the
// gold manifest of the training instruction most similar to the question under BM25.

/** Retrieval baseline over the training split of a workspace, indexed on first use. */
export function createRetrievalBaseline(workspace: string): Predictor<ManifestInput, ManifestTarget> {
  let loading: Promise<{ index: Bm25Index; manifests: string[] }> | undefined;
  const load = async () => {
    const index = new Bm25Index();
    const manifests: string[] = [];
    for await (const { example } of readManifestRecords(workspace, 'train')) {
      index.add(example.input.instruction);
      manifests.push(example.target.manifest);
    }
    return { index, manifests };
  };
  return {
    id: 'bm25-retrieval',
    async predict(input) {
      loading ??= load();
      const { index, manifests } = await loading;
      const [best] = index.search(input.instruction, 1);
      if (!best)
        throw new InfraLMError(
          'INFRALM_ERR_INPUT_NOT_FOUND',
          'the training split has no records to retrieve from',
        );
      return { manifest: manifests[best.document]! };
    },
  };
}

async function firstSystemPrompt(workspace: string): Promise<string | undefined> {
  for (const split of ['train', 'test'] as const) {
    if (!existsSync(goldPaths(workspace, 'manifest', split).records)) continue;
    for await (const record of readManifestRecords(workspace, split)) return record.systemPrompt;
  }
  return undefined;
}

/** The manifest task for a workspace: prompts use the system prompt its records were built with. */
export async function createManifestTask(workspace: string): Promise<Task<ManifestInput, ManifestTarget>> {
  const systemPrompt = await firstSystemPrompt(workspace);
  return {
    name: 'manifest',
    // biome-ignore lint/correctness/useYield: the dataset comes from the manifest pipeline, not a step.
    build: async function* () {
      throw new InfraLMError(
        'INFRALM_ERR_USAGE',
        'the manifest dataset is built by `infralm build manifest`',
      );
    },
    messages: (input) => manifestMessages(input, systemPrompt),
    render: (target) => renderManifestAnswer(target, 'tool_calls', 'call_eval') as AssistantTurn,
    outputSchema: MANIFEST_OUTPUT_SCHEMA,
    parse: parseManifestAnswer,
    score: (pairs) => ({ values: scoreManifests(pairs) }),
    baseline: createRetrievalBaseline(workspace),
  };
}
