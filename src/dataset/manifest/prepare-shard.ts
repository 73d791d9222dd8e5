import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../../core/atomic-write.js';
import { readJsonl } from '../../core/jsonl.js';
import type { Document } from '../../core/types.js';
import { offerWritten } from '../../core/written-handoff.js';
import { takeHandedOffShard } from '../../corpus/bronze-store.js';
import {
  createManifestPreparer,
  type ManifestCandidate,
  type PrepareOptions,
} from '../../tasks/manifest/build.js';

// The worker-thread task of the prepare stage: one bronze shard in, its candidates, rejects and a
// completion marker out. A shard whose marker matches its input and parameters is not redone, so
// a killed run resumes where it stopped and ends with the same bytes.

export interface PrepareShardTask {
  shardPath: string;
  shardSha256: string;
  shardName: string;
  /** silver/manifest */
  outputDirectory: string;
  paramsHash: string;
  options: PrepareOptions;
}

export interface PrepareShardResult {
  shard: string;
  items_in: number;
  items_out: number;
  bytes_in: number;
  drops: Record<string, number>;
  redactions: Record<string, number>;
  /** The first few parse errors, as file:line:col: problem. */
  examples: Record<string, string[]>;
  resumed: boolean;
}

/** What dedup and the split read of a candidate, in candidate order (silver/manifest/keys/<shard>.json). */
export interface CandidateKey {
  id: string;
  order: string;
  group: string;
  stratum: string;
  /** MinHash signature, base64. */
  signature: string;
}

/** Paths of a shard's outputs inside silver/manifest. */
export function shardOutputs(outputDirectory: string, shardName: string) {
  return {
    candidates: join(outputDirectory, 'candidates', `${shardName}.jsonl`),
    rejected: join(outputDirectory, 'rejected', `${shardName}.jsonl`),
    marker: join(outputDirectory, 'markers', `${shardName}.json`),
    keys: join(outputDirectory, 'keys', `${shardName}.json`),
  };
}

/** Process one bronze shard (the worker entry point). */
export async function runTask(task: PrepareShardTask): Promise<PrepareShardResult> {
  const outputs = shardOutputs(task.outputDirectory, task.shardName);
  const done = readMarker(outputs.marker);
  if (
    done &&
    done.input === task.shardSha256 &&
    done.params === task.paramsHash &&
    existsSync(outputs.candidates) &&
    existsSync(outputs.rejected) &&
    existsSync(outputs.keys)
  ) {
    return { ...done.result, resumed: true };
  }
  const prepare = createManifestPreparer(task.options);
  const result: PrepareShardResult = {
    shard: task.shardName,
    items_in: 0,
    items_out: 0,
    bytes_in: 0,
    drops: {},
    redactions: {},
    examples: {},
    resumed: false,
  };
  let candidates = '';
  const kept: ManifestCandidate[] = [];
  let rejected = '';
  const keys: CandidateKey[] = [];
  const documents =
    takeHandedOffShard(task.shardPath, task.shardSha256) ?? readJsonl<Document>(task.shardPath);
  for await (const document of documents) {
    result.items_in++;
    result.bytes_in += Buffer.byteLength(document.text);
    const outcome = prepare(document);
    if ('drop' in outcome) {
      const { reason, detail } = outcome.drop;
      result.drops[reason] = (result.drops[reason] ?? 0) + 1;
      if (detail && reason.endsWith('error')) {
        result.examples[reason] ??= [];
        if (result.examples[reason].length < 5) result.examples[reason].push(detail);
      }
      // Rejects keep their provenance and reason, not their text: bronze already holds the raw
      // bytes, and unredacted text must not spread into more files.
      rejected += `${JSON.stringify({ document_id: document.id, source: document.source, reason, detail })}\n`;
      continue;
    }
    result.items_out++;
    for (const [type, count] of Object.entries(outcome.keep.redactions)) {
      result.redactions[type] = (result.redactions[type] ?? 0) + count;
    }
    candidates += `${JSON.stringify(outcome.keep)}\n`;
    kept.push(outcome.keep);
    const { id, order, group, strata, signature } = outcome.keep;
    keys.push({ id, order, group, stratum: strata.iac_type, signature });
  }
  const candidateBytes = Buffer.from(candidates, 'utf8');
  writeFileAtomicSync(outputs.candidates, candidateBytes);
  // The export stage takes these objects instead of parsing the file back when it runs in this thread.
  // They are what parsing gives: fresh objects from the preparer, fields JSON keeps (strings, numbers).
  offerWritten(outputs.candidates, candidateBytes, kept);
  writeFileAtomicSync(outputs.rejected, rejected);
  writeFileAtomicSync(outputs.keys, `${JSON.stringify(keys)}\n`);
  // The marker goes last: its presence means both outputs are complete.
  writeFileAtomicSync(
    outputs.marker,
    `${JSON.stringify({ input: task.shardSha256, params: task.paramsHash, result })}\n`,
  );
  return result;
}

function readMarker(path: string): { input: string; params: string; result: PrepareShardResult } | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}
