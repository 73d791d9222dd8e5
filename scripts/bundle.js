#!/usr/bin/env node
// Bundle the compiled CLI and its worker entry into dist/bundle/: one file each instead of ~200
// modules, which halves start-up (Node 20 has no compile cache; most of the cost is the ESM
// loader's per-module work). Both land in one folder so the pool finds ./worker-entry.js beside
// the code that starts it, exactly as it does in dist/pipeline/.
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'dist/cli/main.js', 'worker-entry': 'dist/pipeline/worker-entry.js' },
  outdir: 'dist/bundle',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // CommonJS dependencies call require(); give the ES module bundle one.
  banner: {
    js: "import { createRequire as __infralmCreateRequire } from 'node:module';\nconst require = __infralmCreateRequire(import.meta.url);",
  },
});
