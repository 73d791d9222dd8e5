import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../../core/atomic-write.js';
import type { Example, StepContext } from '../../core/types.js';
import { directorySource } from '../../corpus/directory-source.js';
import { importReport } from '../../iac/scan/report/index.js';
import { ALL_KUBERNETES_RULES, TERRAFORM_RULES } from '../../iac/scan/rules/registry.js';
import { buildLintExamples, LINT_DROP_REASONS, toLintFindings } from '../../tasks/lint/build.js';
import { DEFAULT_LABEL_RULE, type LabelRule, lintTarget } from '../../tasks/lint/label.js';
import { completionRecord } from '../../tasks/lint/prompt.js';
import { lintTask } from '../../tasks/lint/task.js';
import type { LintInput, LintTarget } from '../../tasks/lint/types.js';
import { seededRandom } from '../../tasks/plan/synthetic.js';
import { assignSplits, SPLIT_NAMES, type SplitName, splitStats } from '../split.js';

// `infralm build lint`: Terraform modules and Kubernetes files → SECURE/INSECURE examples labelled by
// the built-in scanner → splits isolated by repository and stratified by label → gold chat records,
// Axon's completion form, and a training file balanced between the labels.

export interface LintDatasetOptions {
  inputs: string[];
  seed: number;
  /** INSECURE at or above this severity (default HIGH, as Axon labels). */
  insecureAt?: LabelRule['threshold'];
  /**
   * Checkov, Trivy or KICS JSON reports, or SARIF, run over the same inputs: a file or module the
   * report covers (failed or passed checks) is labelled from the report instead of the built-in
   * scanner, and its label_source names the tool.
   */
  labelsFrom?: string[];
  ratios?: Record<SplitName, number>;
}

export interface LintDatasetResult {
  records: Record<SplitName, number>;
  balanced_train: number;
  labels: Record<string, number>;
  by_language: Record<string, number>;
  label_sources: Record<string, number>;
  drops: Record<string, number>;
  drop_examples: Record<string, string[]>;
}

/** Build the lint dataset into `workspace`. */
export async function buildLintDataset(
  workspace: string,
  options: LintDatasetOptions,
): Promise<LintDatasetResult> {
  const drops: Record<string, number> = Object.fromEntries(LINT_DROP_REASONS.map((reason) => [reason, 0]));
  const dropExamples: Record<string, string[]> = {};
  const context: StepContext = {
    count() {},
    drop(item, reason, detail) {
      drops[reason] = (drops[reason] ?? 0) + 1;
      dropExamples[reason] ??= [];
      if (dropExamples[reason].length < 10)
        dropExamples[reason].push(detail ? `${String(item)}: ${detail}` : String(item));
    },
  };
  const examples: Example<LintInput, LintTarget>[] = [];
  const seen = new Set<string>();
  for (const input of options.inputs) {
    const build = buildLintExamples({
      terraformRules: TERRAFORM_RULES,
      kubernetesRules: ALL_KUBERNETES_RULES,
      labelRule: { threshold: options.insecureAt ?? DEFAULT_LABEL_RULE.threshold },
    });
    for await (const example of build(directorySource(input), context)) {
      if (seen.has(example.id)) {
        drops.duplicate = (drops.duplicate ?? 0) + 1;
        continue;
      }
      seen.add(example.id);
      examples.push(example);
    }
  }
  if (options.labelsFrom && options.labelsFrom.length > 0)
    relabelFromReports(examples, options.labelsFrom, options.insecureAt);
  const items = examples.map((example) => ({
    group: example.group,
    stratum: example.strata.label ?? 'SECURE',
  }));
  const assignment = assignSplits(items, {
    ratios: options.ratios ?? { train: 0.8, validation: 0.1, test: 0.1 },
    seed: options.seed,
  });
  const chat: Record<SplitName, string[]> = { train: [], validation: [], test: [] };
  const completion: Record<SplitName, string[]> = { train: [], validation: [], test: [] };
  const meta: Record<SplitName, string[]> = { train: [], validation: [], test: [] };
  const trainByLabel: Record<string, string[]> = {};
  for (const example of examples) {
    const split = assignment.get(example.group) ?? 'train';
    const line = JSON.stringify({
      messages: [...lintTask.messages(example.input), lintTask.render(example.target)],
    });
    chat[split].push(line);
    completion[split].push(JSON.stringify(completionRecord(example.input, example.target)));
    meta[split].push(
      JSON.stringify({
        id: example.id,
        group: example.group,
        strata: example.strata,
        source: example.source,
        input: example.input,
        target: example.target,
      }),
    );
    if (split === 'train') {
      trainByLabel[example.target.label] ??= [];
      trainByLabel[example.target.label]!.push(line);
    }
  }
  // Balanced training file: the majority label is downsampled (seeded) to the minority's size.
  const random = seededRandom(options.seed);
  const sizes = Object.values(trainByLabel).map((lines) => lines.length);
  const target = sizes.length === 2 ? Math.min(...sizes) : 0;
  const balanced: string[] = [];
  for (const lines of Object.values(trainByLabel)) {
    const shuffled = [...lines];
    for (let index = shuffled.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [shuffled[index], shuffled[other]] = [shuffled[other]!, shuffled[index]!];
    }
    balanced.push(...(target > 0 ? shuffled.slice(0, target) : shuffled));
  }
  balanced.sort();
  const gold = join(workspace, 'gold', 'lint');
  const write = (name: string, lines: string[]) =>
    writeFileAtomic(join(gold, name), lines.map((line) => `${line}\n`).join(''));
  for (const split of SPLIT_NAMES) {
    await write(`${split}.jsonl`, chat[split]);
    await write(`${split}.completion.jsonl`, completion[split]);
    await write(`${split}.meta.jsonl`, meta[split]);
  }
  await write('train.balanced.jsonl', balanced);
  const count = (key: string) => {
    const out: Record<string, number> = {};
    for (const example of examples)
      out[example.strata[key] ?? 'none'] = (out[example.strata[key] ?? 'none'] ?? 0) + 1;
    return Object.fromEntries(Object.entries(out).sort());
  };
  const result: LintDatasetResult = {
    records: { train: chat.train.length, validation: chat.validation.length, test: chat.test.length },
    balanced_train: balanced.length,
    labels: count('label'),
    by_language: count('language'),
    label_sources: count('label_source'),
    drops,
    drop_examples: dropExamples,
  };
  await writeJsonAtomic(join(gold, 'stats.json'), { ...result, split: splitStats(items, assignment) });
  await writeJsonAtomic(join(workspace, 'reports', 'lint', 'yield.json'), result);
  return result;
}

/** Normalised report path: no leading "./" or "/", forward slashes. */
function reportPath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '');
}

/**
 * Replace scanner labels by an imported report's where the report covers the example. Report paths
 * are taken relative to the folder the tool scanned: the corpus root (`owner__name/dir/main.tf`) or
 * the repository itself (`dir/main.tf`); both are tried.
 */
function relabelFromReports(
  examples: Example<LintInput, LintTarget>[],
  reports: string[],
  insecureAt: LabelRule['threshold'] | undefined,
): void {
  const rules = [...TERRAFORM_RULES, ...ALL_KUBERNETES_RULES];
  const imported = reports.map((file) => importReport(readFileSync(file, 'utf8'), file, rules));
  for (const example of examples) {
    const folder = (example.source.repo ?? '').replace('/', '__');
    const base = example.source.path;
    const prefixes = [`${folder}/${base}`, base];
    const covers = (path: string) => {
      const normal = reportPath(path);
      return prefixes.some((prefix) =>
        example.input.language === 'kubernetes'
          ? normal === prefix || normal.endsWith(`/${prefix}`)
          : normal.startsWith(`${prefix}/`) && !normal.slice(prefix.length + 1).includes('/'),
      );
    };
    for (const report of imported) {
      const findings = report.findings.filter((finding) => covers(finding.file));
      const covered = findings.length > 0 || report.passed.some((check) => covers(check.file));
      if (!covered) continue;
      example.target = lintTarget(toLintFindings(findings), {
        threshold: insecureAt ?? DEFAULT_LABEL_RULE.threshold,
      });
      example.strata = {
        ...example.strata,
        label: example.target.label,
        label_source: report.tool.name.toLowerCase(),
      };
      break;
    }
  }
}
