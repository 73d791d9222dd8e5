// Plan every module directory of a Terraform corpus with the static planner and report what it finds:
//   node --import tsx bench/plan-terraform.ts [DIR]      (default ../shared/corpora/terraform)
// Each directory holding .tf files is planned as a root; required variables without values become
// values known at plan time (these are mostly reusable modules, not roots), so counts stay honest.
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { terraformFiles } from '../src/corpus/terraform-files.js';
import { loadModuleTree } from '../src/iac/terraform/config/load-module-tree.js';
import { staticPlan } from '../src/iac/terraform/plan/static-plan.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = resolve(process.argv[2] ?? join(root, '../shared/corpora/terraform'));

function moduleDirectories(directory: string, out: string[] = []): string[] {
  const entries = readdirSync(directory, { withFileTypes: true });
  if (
    entries.some((entry) => entry.isFile() && (entry.name.endsWith('.tf') || entry.name.endsWith('.tf.json')))
  )
    out.push(directory);
  for (const entry of entries)
    if (entry.isDirectory() && !entry.name.startsWith('.'))
      moduleDirectories(join(directory, entry.name), out);
  return out;
}

const directories = moduleDirectories(corpus);
const totals = {
  roots: 0,
  modulesLoaded: 0,
  files: 0,
  instances: 0,
  dataReads: 0,
  unknownValues: 0,
  unresolved: 0,
  undecided: 0,
  rootsWithErrors: 0,
};
const errorSummaries = new Map<string, number>();
const errorExamples: string[] = [];
let crashes = 0;
const started = performance.now();
for (const directory of directories) {
  totals.roots++;
  try {
    const files = terraformFiles(directory, corpus);
    const tree = loadModuleTree(directory, files);
    totals.modulesLoaded += tree.modules.length;
    totals.files += tree.modules.reduce((sum, module) => sum + module.files.length, 0);
    totals.unresolved += tree.unresolved.length;
    const result = staticPlan(tree, { files, missingRootVariables: 'unknown' });
    const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    if (errors.length > 0) {
      totals.rootsWithErrors++;
      for (const error of errors) {
        errorSummaries.set(error.summary, (errorSummaries.get(error.summary) ?? 0) + 1);
        if (errorExamples.length < 12)
          errorExamples.push(
            `${relative(corpus, directory)}: ${error.range ? `${error.range.filename}:${error.range.start.line}: ` : ''}${error.summary}: ${error.detail.split('\n')[0]}`,
          );
      }
    }
    totals.undecided += result.undecided.length;
    for (const change of result.resource_changes) {
      if (change.change.actions.includes('read')) totals.dataReads++;
      else totals.instances++;
      totals.unknownValues += JSON.stringify(change.change.after_unknown).split('true').length - 1;
    }
  } catch (error) {
    crashes++;
    console.error(`CRASH ${relative(corpus, directory)}: ${(error as Error).stack}`);
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(`corpus: ${corpus}`);
console.log(
  `root modules planned: ${totals.roots} (${totals.modulesLoaded} module instances loaded, ${totals.files} files parsed), crashes: ${crashes}`,
);
console.log(
  `resource instances to create: ${totals.instances}, deferred data reads: ${totals.dataReads}, unknown values in after: ${totals.unknownValues}`,
);
console.log(
  `unresolved module calls (registry/git, no cache): ${totals.unresolved}, undecidable expansions: ${totals.undecided}`,
);
console.log(`roots with error diagnostics: ${totals.rootsWithErrors}`);
for (const [summary, count] of [...errorSummaries].sort((a, b) => b[1] - a[1]))
  console.log(`  ${count}\t${summary}`);
for (const example of errorExamples) console.log(`  e.g. ${example}`);
console.log(
  `time: ${seconds.toFixed(2)} s, ${((seconds * 1000) / totals.roots).toFixed(1)} ms per root module (load + parse + plan)`,
);
