#!/usr/bin/env node
// Throughput of the manifest pipeline, measured as users see it: wall time of the real
// `infralm build manifest` command in a fresh process and a fresh workspace, start-up included.
//
//   npm run bench                          # corpus: ../shared/corpora/k8s if present, else examples/k8s
//   node bench/run.js --input DIR --runs 5
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1];
};
const shared = resolve(root, '../shared/corpora/k8s');
const input = resolve(option('--input', existsSync(shared) ? shared : join(root, 'examples/k8s')));
const runs = Number(option('--runs', '5'));

function corpusSize(directory) {
  let files = 0;
  let bytes = 0;
  const walk = (path) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/i.test(entry.name)) {
        files++;
        bytes += statSync(full).size;
      }
    }
  };
  walk(directory);
  return { files, bytes };
}

const { files, bytes } = corpusSize(input);
const times = [];
let summary;
for (let run = 0; run < runs; run++) {
  const workspace = mkdtempSync(join(tmpdir(), 'infralm-bench-'));
  const started = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'bin/infralm.js'),
      'build',
      'manifest',
      '--input',
      input,
      '--workspace',
      workspace,
      '--quiet',
      '--json',
    ],
    { encoding: 'utf8' },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    process.exit(1);
  }
  times.push(seconds);
  summary = JSON.parse(result.stdout);
  summary.yield = JSON.parse(readFileSync(join(workspace, 'reports/manifest/yield.json'), 'utf8'));
  rmSync(workspace, { recursive: true, force: true });
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const report = {
  benchmark: 'infralm build manifest (wall time, fresh process and workspace)',
  input,
  files,
  megabytes: +(bytes / 1e6).toFixed(3),
  runs,
  seconds: { min: +times[0].toFixed(3), median: +median.toFixed(3), max: +times.at(-1).toFixed(3) },
  files_per_second: Math.round(files / median),
  megabytes_per_second: +(bytes / 1e6 / median).toFixed(2),
  records_written: summary.yield.records_written,
  stage_seconds: Object.fromEntries(summary.stages.map((stage) => [stage.name, stage.seconds ?? null])),
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
