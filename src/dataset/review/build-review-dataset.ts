import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type AtomicWriter, createAtomicWriter, writeJsonAtomic } from '../../core/atomic-write.js';
import { InfraLMError } from '../../core/errors.js';
import { sha256, stableStringify } from '../../core/hash.js';
import { readJsonl } from '../../core/jsonl.js';
import type { Example, StepContext } from '../../core/types.js';
import { githubPaths } from '../../corpus/github/github-paths.js';
import { buildReviewExamples, REVIEW_DROP_REASONS } from '../../tasks/review/build.js';
import { REVIEW_OUTPUT_SCHEMA, REVIEW_SYSTEM_PROMPT } from '../../tasks/review/prompt.js';
import { reviewTask } from '../../tasks/review/task.js';
import type { ReviewInput, ReviewTarget } from '../../tasks/review/types.js';
import { assignSplits, SPLIT_NAMES, type SplitItem, type SplitName, splitStats } from '../split.js';
import { bronzeDiffLookup } from './bronze-diffs.js';

// `infralm build review`: the GitHub crawl's silver review threads (streamed) and the diffs in its
// bronze → review examples → splits that keep each pull request (or, optionally, each repository)
// whole, stratified by file type → gold chat records, their metadata, stats, and a yield report
// with every drop counted by reason and listed in reports/review/drops.jsonl for audit.
//
// Examples go to a staging file as they are built, so memory holds only the split items (group and
// stratum); a second pass writes each example to its split.

export interface ReviewDatasetOptions {
  seed: number;
  ratios?: Record<SplitName, number>;
  /** Longest comment body kept (default 2000 characters). */
  maxBodyChars?: number;
  /** Longest rendered hunks text (default 32k characters). */
  maxInputChars?: number;
  /** What a split keeps whole: a pull request (default) or a whole repository. */
  groupBy?: 'pull-request' | 'repository';
}

export interface ReviewDatasetResult {
  rows: number;
  examples: number;
  comments: number;
  duplicates: number;
  records: Record<SplitName, number>;
  comments_by_split: Record<SplitName, number>;
  by_file_type: Record<string, number>;
  drops: Record<string, number>;
  drop_examples: Record<string, string[]>;
  counts: Record<string, number>;
}

/** Where the review dataset goes in a workspace. */
export function reviewDatasetPaths(workspace: string): { gold: string; reports: string; silver: string } {
  return {
    gold: join(workspace, 'gold', 'review'),
    reports: join(workspace, 'reports', 'review'),
    silver: githubPaths(workspace).silverComments,
  };
}

function sorted(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Build the review dataset into `workspace` from its silver review threads and bronze diffs. */
export async function buildReviewDataset(
  workspace: string,
  options: ReviewDatasetOptions,
): Promise<ReviewDatasetResult> {
  const paths = reviewDatasetPaths(workspace);
  if (!existsSync(paths.silver)) {
    throw new InfraLMError(
      'INFRALM_ERR_INPUT_NOT_FOUND',
      `${paths.silver} (collect GitHub pull request reviews into the workspace first)`,
    );
  }
  const drops: Record<string, number> = Object.fromEntries(REVIEW_DROP_REASONS.map((reason) => [reason, 0]));
  const dropExamples: Record<string, string[]> = {};
  const counts: Record<string, number> = {};
  const dropLog = createAtomicWriter(join(paths.reports, 'drops.jsonl'));
  const staging = join(paths.gold, `.staging-${process.pid}.jsonl`);
  const stagingWriter = createAtomicWriter(staging);
  // Drops are written in order, one after another; the step does not wait for them.
  let dropWrites: Promise<void> = Promise.resolve();
  const context: StepContext = {
    count(name, n = 1) {
      counts[name] = (counts[name] ?? 0) + n;
    },
    drop(item, reason, detail) {
      drops[reason] = (drops[reason] ?? 0) + 1;
      dropExamples[reason] ??= [];
      const label = detail ? `${String(item)}: ${detail}` : String(item);
      if (dropExamples[reason].length < 10) dropExamples[reason].push(label);
      const line = `${JSON.stringify({ reason, item: String(item), detail: detail ?? null })}\n`;
      dropWrites = dropWrites.then(() => dropLog.write(line));
    },
  };
  const items: SplitItem[] = [];
  const seen = new Set<string>();
  const byFileType: Record<string, number> = {};
  let duplicates = 0;
  let comments = 0;
  const groupOf = (example: Example<ReviewInput, ReviewTarget>) =>
    options.groupBy === 'repository' ? (example.source.repo ?? example.group) : example.group;
  try {
    const step = buildReviewExamples({
      diffAt: bronzeDiffLookup(workspace),
      maxBodyChars: options.maxBodyChars,
      maxInputChars: options.maxInputChars,
    });
    for await (const example of step(readJsonl(paths.silver), context)) {
      if (seen.has(example.id)) {
        duplicates++;
        continue;
      }
      seen.add(example.id);
      const fileType = example.strata.file_type ?? 'other';
      items.push({ group: groupOf(example), stratum: fileType });
      byFileType[fileType] = (byFileType[fileType] ?? 0) + 1;
      comments += example.target.comments.length;
      await stagingWriter.write(`${JSON.stringify(example)}\n`);
    }
    await dropWrites;
    await stagingWriter.commit();
    await dropLog.commit();
  } catch (error) {
    await stagingWriter.abort();
    await dropLog.abort();
    throw error;
  }

  const assignment = assignSplits(items, {
    ratios: options.ratios ?? { train: 0.8, validation: 0.1, test: 0.1 },
    seed: options.seed,
  });
  const records = { train: 0, validation: 0, test: 0 } as Record<SplitName, number>;
  const commentsBySplit = { train: 0, validation: 0, test: 0 } as Record<SplitName, number>;
  const writers = new Map<string, AtomicWriter>();
  for (const split of SPLIT_NAMES) {
    writers.set(split, createAtomicWriter(join(paths.gold, `${split}.jsonl`)));
    writers.set(`${split}.meta`, createAtomicWriter(join(paths.gold, `${split}.meta.jsonl`)));
  }
  try {
    for await (const example of readJsonl<Example<ReviewInput, ReviewTarget>>(staging)) {
      const split = assignment.get(groupOf(example)) ?? 'train';
      records[split]++;
      commentsBySplit[split] += example.target.comments.length;
      const messages = [...reviewTask.messages(example.input), reviewTask.render(example.target)];
      await writers.get(split)!.write(`${JSON.stringify({ messages })}\n`);
      const meta = {
        id: example.id,
        group: example.group,
        strata: example.strata,
        source: example.source,
        input: example.input,
        target: example.target,
      };
      await writers.get(`${split}.meta`)!.write(`${JSON.stringify(meta)}\n`);
    }
    for (const writer of writers.values()) await writer.commit();
  } catch (error) {
    for (const writer of writers.values()) await writer.abort();
    throw error;
  } finally {
    await rm(staging, { force: true });
  }

  const result: ReviewDatasetResult = {
    rows: counts.rows ?? 0,
    examples: items.length,
    comments,
    duplicates,
    records,
    comments_by_split: commentsBySplit,
    by_file_type: sorted(byFileType),
    drops,
    drop_examples: dropExamples,
    counts: sorted(counts),
  };
  await writeJsonAtomic(join(paths.gold, 'stats.json'), {
    records,
    comments_by_split: commentsBySplit,
    by_file_type: result.by_file_type,
    group_by: options.groupBy ?? 'pull-request',
    seed: options.seed,
    split: splitStats(items, assignment),
    // The prompt the records were rendered with: a mismatch at serving time is a known failure.
    prompt: {
      system_prompt_sha256: sha256(REVIEW_SYSTEM_PROMPT),
      output_schema_sha256: sha256(stableStringify(REVIEW_OUTPUT_SCHEMA)),
    },
  });
  await writeJsonAtomic(join(paths.reports, 'yield.json'), result);
  return result;
}
