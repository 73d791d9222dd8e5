import { InfraLMError } from '../../core/errors.js';
import { readJsonl } from '../../core/jsonl.js';
import type { ChatMessage, Example, Provenance } from '../../core/types.js';
import type { SplitName } from '../../dataset/split.js';
import { type ManifestInput, type ManifestTarget, parseManifestAnswer } from '../../tasks/manifest/record.js';
import { goldPaths, requireGoldFile } from '../gold-files.js';

// Manifest gold records hold the instruction and the answer in the chat record itself; the meta
// file, line for line, holds id, group, strata and provenance.

export interface ManifestRecordParts {
  systemPrompt?: string;
  instruction: string;
  manifest: string;
}

/** The instruction and manifest of one gold chat record (tool-call or legacy form). */
export function manifestRecordParts(record: { messages?: ChatMessage[] }): ManifestRecordParts {
  const messages = record.messages ?? [];
  const system = messages.find((message) => message.role === 'system');
  const user = messages.find((message) => message.role === 'user');
  const assistant = messages.find((message) => message.role === 'assistant');
  if (!user || typeof user.content !== 'string') throw new Error('the record has no user instruction');
  if (assistant?.role !== 'assistant') throw new Error('the record has no assistant turn');
  const answer = assistant.tool_calls?.[0]?.function.arguments ?? assistant.content ?? '';
  if (!answer.trim().startsWith('{')) throw new Error('the assistant turn holds no apply_manifest call');
  return {
    ...(system && typeof system.content === 'string' ? { systemPrompt: system.content } : {}),
    instruction: user.content,
    manifest: parseManifestAnswer(answer).manifest,
  };
}

interface ManifestMeta {
  id: string;
  group: string;
  strata: Record<string, string>;
  source: Provenance;
}

/** The examples of a manifest split, with the system prompt of their records. */
export async function* readManifestRecords(
  workspace: string,
  split: SplitName,
): AsyncIterable<{ example: Example<ManifestInput, ManifestTarget>; systemPrompt?: string }> {
  const paths = goldPaths(workspace, 'manifest', split);
  requireGoldFile(paths.records, 'manifest');
  requireGoldFile(paths.meta, 'manifest');
  const metaLines = readJsonl<ManifestMeta>(paths.meta)[Symbol.asyncIterator]();
  let line = 0;
  // The meta iterator is driven by hand: close it too when the caller stops early (--limit).
  try {
    for await (const record of readJsonl<{ messages?: ChatMessage[] }>(paths.records)) {
      line++;
      const meta = await metaLines.next();
      if (meta.done) {
        throw new InfraLMError('INFRALM_ERR_RECORD_PARSE', `${paths.meta} has fewer lines than the records`, {
          location: { file: paths.records, line },
        });
      }
      let parts: ManifestRecordParts;
      try {
        parts = manifestRecordParts(record);
      } catch (error) {
        throw new InfraLMError('INFRALM_ERR_RECORD_PARSE', (error as Error).message, {
          location: { file: paths.records, line },
        });
      }
      yield {
        example: {
          id: meta.value.id,
          task: 'manifest',
          input: { instruction: parts.instruction },
          target: { manifest: parts.manifest },
          group: meta.value.group,
          strata: meta.value.strata ?? {},
          source: meta.value.source,
        },
        ...(parts.systemPrompt !== undefined ? { systemPrompt: parts.systemPrompt } : {}),
      };
    }
    if (!(await metaLines.next()).done) {
      throw new InfraLMError(
        'INFRALM_ERR_RECORD_PARSE',
        `${paths.meta} has more lines than ${paths.records}`,
      );
    }
  } finally {
    await metaLines.return?.();
  }
}

/** The examples of a manifest split. */
export async function* readManifestExamples(
  workspace: string,
  split: SplitName,
): AsyncIterable<Example<ManifestInput, ManifestTarget>> {
  for await (const { example } of readManifestRecords(workspace, split)) yield example;
}
