import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPlanDataset } from '../../dataset/plan/build-plan-dataset.js';
import { readMetaExamples } from '../gold-files.js';
import type { SplitName } from '../../dataset/split.js';
import type { PlanInput, PlanTarget } from '../../tasks/plan/types.js';
import type { Example } from '../../core/types.js';

/** A workspace with a plan dataset built by the real builder from its synthetic edge cases. */
export async function planWorkspace(synthetic = 40, seed = 3): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'infralm-eval-plan-'));
  await buildPlanDataset(root, { inputs: [], synthetic, seed });
  return root;
}

/** The gold examples of a split, read back. */
export async function goldExamples(workspace: string, split: SplitName): Promise<Example<PlanInput, PlanTarget>[]> {
  const out: Example<PlanInput, PlanTarget>[] = [];
  for await (const example of readMetaExamples<PlanInput, PlanTarget>(workspace, 'plan', split)) out.push(example);
  return out;
}
