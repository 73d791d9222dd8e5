#!/usr/bin/env node
// `npm run bench`: every pipeline's throughput, one after the other (each prints its own JSON).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const benches = [
  ['manifest pipeline', ['bench/run.js']],
  ['terraform parser', ['--import', 'tsx', 'bench/parse-terraform.ts']],
  ['static planner', ['--import', 'tsx', 'bench/plan-terraform.ts']],
  ['scanner', ['bench/scan.js']],
  ['server load', ['bench/serve.js']],
  ['gguf inference', ['--import', 'tsx', 'bench/gguf.ts']],
];
let failed = false;
for (const [name, args] of benches) {
  process.stdout.write(`\n== ${name} ==\n`);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
