#!/usr/bin/env node
// Throughput of `infralm scan` as users see it: wall time of the real command in a fresh process,
// start-up included, over the shared Terraform and Kubernetes corpora (or --input DIR).
//   node bench/scan.js [--input DIR] [--runs 5]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1];
};
const runs = Number(option('--runs', '5'));
const inputs = option('--input', undefined)
  ? [resolve(option('--input'))]
  : ['../shared/corpora/terraform', '../shared/corpora/k8s']
      .map((path) => resolve(root, path))
      .filter(existsSync);

const reports = [];
for (const input of inputs) {
  const times = [];
  let output;
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(
      process.execPath,
      [join(root, 'bin/infralm.js'), 'scan', input, '--format', 'json'],
      {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
    if (result.status !== 0 && result.status !== 1) {
      process.stderr.write(result.stderr);
      process.exit(1);
    }
    output = JSON.parse(result.stdout);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const bySeverity = {};
  for (const finding of output.findings)
    bySeverity[finding.severity] = (bySeverity[finding.severity] ?? 0) + 1;
  reports.push({
    benchmark: 'infralm scan (wall time, fresh process)',
    input,
    files_scanned: output.files_scanned,
    runs,
    seconds: { min: +times[0].toFixed(3), median: +median.toFixed(3), max: +times.at(-1).toFixed(3) },
    files_per_second: Math.round(output.files_scanned / median),
    findings: output.findings.length,
    findings_by_severity: bySeverity,
    errors: output.errors.length,
  });
}
process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
