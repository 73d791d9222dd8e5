import { readFileSync } from 'node:fs';
import { createAtomicWriter, writeFileAtomic, writeJsonAtomic } from '../../core/atomic-write.js';
import { readJsonl } from '../../core/jsonl.js';
import { takeWritten } from '../../core/written-handoff.js';
import type { ManifestCandidate } from '../../tasks/manifest/build.js';
import { type RecordFormat, renderManifestRecord } from '../../tasks/manifest/record.js';
import { assignSplits, SPLIT_NAMES, type SplitName, type SplitOptions, splitStats } from '../split.js';
import { candidateFiles, candidateKeys, type DedupResult } from './dedup-stage.js';
import { manifestPaths } from './paths.js';

export interface ExportOptions {
  format: RecordFormat;
  systemPrompt: string;
  split: SplitOptions;
}

export interface ExportResult {
  records: Record<SplitName, number>;
  groups: Record<SplitName, string[]>;
  stats: ReturnType<typeof splitStats>;
}

/** Split the deduplicated candidates by repository and write the gold chat records and their metadata. */
export async function exportManifest(workspace: string, options: ExportOptions): Promise<ExportResult> {
  const paths = manifestPaths(workspace);
  const dedup = JSON.parse(readFileSync(paths.dedup, 'utf8')) as DedupResult;
  const removed = new Set(dedup.removed);
  const files = candidateFiles(workspace);

  // The split needs only each candidate's group and stratum (the keys files); then the records are
  // streamed to their split files.
  const items: { group: string; stratum: string }[] = [];
  for (const key of candidateKeys(workspace)) {
    if (!removed.has(key.order)) items.push({ group: key.group, stratum: key.stratum });
  }
  const assignment = assignSplits(items, options.split);

  const writers = Object.fromEntries(
    SPLIT_NAMES.flatMap((name) => [
      [name, createAtomicWriter(paths.split(name))],
      [`${name}.meta`, createAtomicWriter(paths.splitMeta(name))],
    ]),
  );
  const records = { train: 0, validation: 0, test: 0 } as Record<SplitName, number>;
  try {
    for (const file of files) {
      const candidates = takeWritten<ManifestCandidate[]>(file) ?? readJsonl<ManifestCandidate>(file);
      for await (const candidate of candidates) {
        if (removed.has(candidate.order)) continue;
        const split = assignment.get(candidate.group) ?? 'train';
        const line = renderManifestRecord(
          { instruction: candidate.instruction },
          { manifest: candidate.manifest },
          { format: options.format, systemPrompt: options.systemPrompt, recordId: candidate.id },
        );
        await writers[split]!.write(`${line}\n`);
        const meta = {
          id: candidate.id,
          group: candidate.group,
          strata: candidate.strata,
          source: candidate.source,
          redactions: candidate.redactions,
        };
        await writers[`${split}.meta`]!.write(`${JSON.stringify(meta)}\n`);
        records[split]++;
      }
    }
    for (const writer of Object.values(writers)) await writer.commit();
  } catch (error) {
    for (const writer of Object.values(writers)) await writer.abort();
    throw error;
  }
  const stats = splitStats(items, assignment);
  const groups = { train: [], validation: [], test: [] } as Record<SplitName, string[]>;
  for (const [group, split] of [...assignment].sort()) groups[split].push(group);
  await writeJsonAtomic(paths.splitStats, { records, groups, ...stats });
  await writeFileAtomic(paths.card, datasetCard(records, groups, options));
  return { records, groups, stats };
}

function datasetCard(
  records: Record<SplitName, number>,
  groups: Record<SplitName, string[]>,
  options: ExportOptions,
): string {
  const lines = [
    '# InfraLM manifest dataset',
    '',
    'Instruction → `apply_manifest` tool call records built from Kubernetes YAML by `infralm build manifest`.',
    '',
    `Format: ${options.format === 'tool_calls' ? 'OpenAI chat fine-tuning JSONL with `tools` and an assistant `tool_calls` turn' : "AutoMend's legacy form (assistant content is the tool-call JSON)"}.`,
    '',
    '| split | records | repositories |',
    '|---|---|---|',
    ...SPLIT_NAMES.map((name) => `| ${name} | ${records[name]} | ${groups[name].join(', ') || '—'} |`),
    '',
    'Each `<split>.meta.jsonl` line describes the record on the same line of `<split>.jsonl`:',
    'id, repository (group), strata (iac_type, license, size_bucket, prompt_type), provenance and redactions.',
    '`train.balanced.jsonl` is the bias-mitigated training set with a `sampling_weight` per record.',
    'Secrets and PII were redacted before writing (see reports/manifest/).',
    '',
  ];
  return lines.join('\n');
}
