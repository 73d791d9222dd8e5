// Corpus check and throughput of the HCL parsers: parses every .tf, .tf.json, .tfvars and .tfvars.json file
// under DIR, lists each file that gets an error diagnostic (all corpus files are valid Terraform, so every
// one is a parser bug), and prints files/s and MB/s for a cold first pass and for warm passes.
//
//   node --import tsx bench/parse-terraform.ts [DIR] [--passes N]    # DIR defaults to ../shared/corpora/terraform

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfigFile } from '../src/iac/terraform/hcl/index.js';

const TERRAFORM_FILE = /\.(tf|tfvars)(\.json)?$/i;
/** Above this many bytes the warm passes read files again instead of keeping the corpus in memory. */
const IN_MEMORY_LIMIT = 256 * 1024 * 1024;

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const passesFlag = args.indexOf('--passes');
const passes = passesFlag === -1 ? 5 : Number(args[passesFlag + 1]);
const positional = args.filter((arg, index) => !arg.startsWith('--') && args[index - 1] !== '--passes');
const directory = resolve(positional[0] ?? join(root, '../shared/corpora/terraform'));

function* terraformFiles(path: string): Generator<string> {
  const entries = readdirSync(path, { withFileTypes: true }).sort((left, right) =>
    left.name.localeCompare(right.name),
  );
  for (const entry of entries) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) yield* terraformFiles(full);
    else if (TERRAFORM_FILE.test(entry.name)) yield full;
  }
}

interface PassResult {
  milliseconds: number;
  bytes: number;
}

const paths = [...terraformFiles(directory)];
if (paths.length === 0) {
  console.error(`no Terraform files under ${directory}`);
  process.exit(2);
}

// Cold pass: the first parse of every file in a fresh process, also the correctness check.
const texts: string[] = [];
let keepTexts = true;
let blocks = 0;
let attributes = 0;
const failures: string[] = [];
const cold: PassResult = { milliseconds: 0, bytes: 0 };
for (const path of paths) {
  const text = readFileSync(path, 'utf8');
  const started = performance.now();
  const file = parseConfigFile(text, path);
  cold.milliseconds += performance.now() - started;
  cold.bytes += Buffer.byteLength(text);
  blocks += file.body.blocks.length;
  attributes += file.body.attributes.length;
  const error = file.diagnostics.find((diagnostic) => diagnostic.severity === 'error');
  if (error) {
    const where = error.range ? `${error.range.start.line}:${error.range.start.column}` : '?';
    failures.push(`${relative(directory, path)}:${where}: ${error.summary}: ${error.detail}`);
  }
  if (keepTexts && cold.bytes <= IN_MEMORY_LIMIT) texts.push(text);
  else keepTexts = false;
}

function warmPass(): PassResult {
  const result: PassResult = { milliseconds: 0, bytes: 0 };
  paths.forEach((path, index) => {
    const text = keepTexts ? texts[index]! : readFileSync(path, 'utf8');
    const started = performance.now();
    parseConfigFile(text, path);
    result.milliseconds += performance.now() - started;
    result.bytes += keepTexts ? 0 : Buffer.byteLength(text);
  });
  if (keepTexts) result.bytes = cold.bytes;
  return result;
}

warmPass(); // warm-up, not measured
const warm = Array.from({ length: passes }, warmPass);
const best = warm.reduce((left, right) => (right.milliseconds < left.milliseconds ? right : left));

const rate = (pass: PassResult): string => {
  const seconds = pass.milliseconds / 1000;
  const filesPerSecond = Math.round(paths.length / seconds);
  const megabytesPerSecond = (pass.bytes / 1e6 / seconds).toFixed(1);
  return `${pass.milliseconds.toFixed(0)} ms, ${filesPerSecond} files/s, ${megabytesPerSecond} MB/s`;
};

console.log(`corpus   ${directory}`);
console.log(
  `files    ${paths.length} (${(cold.bytes / 1e6).toFixed(2)} MB), top-level blocks ${blocks}, attributes ${attributes}`,
);
console.log(`cold     ${rate(cold)}`);
console.log(`warm     ${rate(best)} (best of ${passes} passes after a warm-up pass)`);
console.log(`errors   ${failures.length} file(s) with an error diagnostic`);
for (const failure of failures) console.log(`  ${failure}`);
process.exitCode = failures.length === 0 ? 0 : 1;
