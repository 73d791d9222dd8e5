import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeWritten } from '../../core/written-handoff.js';
import { ingestSource } from '../../corpus/ingest-source.js';
import { createWorkerPool } from '../../pipeline/worker-pool.js';
import type { PrepareOptions } from '../../tasks/manifest/build.js';
import { writePlantedCorpus } from '../../test-support/planted-corpus.js';
import { candidateFiles, dedupManifest } from './dedup-stage.js';
import { exportManifest } from './export-stage.js';
import { manifestPaths } from './paths.js';
import { prepareManifest } from './prepare-stage.js';

const OPTIONS: PrepareOptions = {
  minBytes: 200,
  maxBytes: 204_800,
  extensions: ['.yaml', '.yml'],
  licenses: ['MIT', 'Apache-2.0'],
  keywords: { enabled: true, terms: ['nvidia.com/gpu', 'kserve', 'vllm', 'kubeflow', 'triton', 'ray'] },
  promptSeed: 42,
  stripHeaderComments: true,
  minhash: { numPermutations: 64, shingleSize: 5 },
};
const EXPORT = {
  format: 'tool_calls' as const,
  systemPrompt: 'You write Kubernetes manifests.',
  split: { ratios: { train: 0.8, validation: 0.1, test: 0.1 }, seed: 42 },
};

async function prepared() {
  const corpus = mkdtempSync(join(tmpdir(), 'infralm-corpus-'));
  writePlantedCorpus(corpus, 40);
  const workspace = mkdtempSync(join(tmpdir(), 'infralm-ws-'));
  const bronze = join(workspace, 'bronze', 'input');
  await ingestSource({ kind: 'directory', path: corpus, maxBytes: 1 << 20 }, bronze, { shardDocuments: 16 });
  await prepareManifest(workspace, [bronze], OPTIONS, 'params', { pool: createWorkerPool(1) });
  await dedupManifest(workspace, { near: true, threshold: 0.85, numPermutations: 64 });
  return workspace;
}

const goldBytes = (workspace: string) =>
  ['train', 'validation', 'test'].flatMap((split) => [
    readFileSync(manifestPaths(workspace).split(split as 'train'), 'utf8'),
    readFileSync(manifestPaths(workspace).splitMeta(split as 'train'), 'utf8'),
  ]);

describe('prepare → export hand-off', () => {
  it('hands export exactly the candidates the files hold, line for line', async () => {
    const workspace = await prepared();
    const files = candidateFiles(workspace);
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const handed = takeWritten<unknown[]>(file);
      expect(handed).toBeDefined();
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      expect(handed!.map((candidate) => JSON.stringify(candidate))).toEqual(lines);
    }
  });

  it('writes the same gold bytes from the hand-off as from the files', async () => {
    const workspace = await prepared();
    await exportManifest(workspace, EXPORT); // takes the hand-off
    const first = goldBytes(workspace);
    expect(first[0]).toContain('apply_manifest');
    await exportManifest(workspace, EXPORT); // handed out once: now parses the files
    expect(goldBytes(workspace)).toEqual(first);
  });
});
