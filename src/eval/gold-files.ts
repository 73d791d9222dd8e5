import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InfraLMError } from '../core/errors.js';
import { readJsonl } from '../core/jsonl.js';
import type { Example, Provenance, TaskName } from '../core/types.js';
import type { SplitName } from '../dataset/split.js';

/** Where `infralm build <task>` writes a split: the chat records and their metadata lines. */
export function goldPaths(
  workspace: string,
  task: TaskName,
  split: SplitName,
): { records: string; meta: string } {
  const folder = join(workspace, 'gold', task);
  return { records: join(folder, `${split}.jsonl`), meta: join(folder, `${split}.meta.jsonl`) };
}

/** A missing gold file is a usage problem with a hint, not a stack trace. */
export function requireGoldFile(path: string, task: TaskName): void {
  if (!existsSync(path)) {
    throw new InfraLMError(
      'INFRALM_ERR_INPUT_NOT_FOUND',
      `${path} (build the dataset first: infralm build ${task} --input DIR --workspace WORKSPACE)`,
    );
  }
}

interface MetaLine<I, O> {
  id: string;
  group: string;
  strata: Record<string, string>;
  source: Provenance;
  input: I;
  target: O;
}

/** Examples from `<split>.meta.jsonl` lines that carry {id, group, strata, source, input, target}. */
export async function* readMetaExamples<I, O>(
  workspace: string,
  task: TaskName,
  split: SplitName,
): AsyncIterable<Example<I, O>> {
  const { meta } = goldPaths(workspace, task, split);
  requireGoldFile(meta, task);
  let line = 0;
  for await (const record of readJsonl<MetaLine<I, O>>(meta)) {
    line++;
    if (typeof record.id !== 'string' || record.input === undefined || record.target === undefined) {
      throw new InfraLMError('INFRALM_ERR_RECORD_PARSE', 'a meta line needs id, input and target', {
        location: { file: meta, line },
      });
    }
    yield {
      id: record.id,
      task,
      input: record.input,
      target: record.target,
      group: record.group,
      strata: record.strata ?? {},
      source: record.source,
    };
  }
}
