#!/usr/bin/env node
// Bundle the compiled CLI and its worker entry into dist/bundle/: one file each instead of ~200
// modules, which halves start-up (Node 20 has no compile cache; most of the cost is the ESM
// loader's per-module work). Both land in one folder so the pool finds ./worker-entry.js beside
// the code that starts it, exactly as it does in dist/pipeline/.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

// zod's namespace re-exports all of its ~50 message locales; only English (its default) is used, and
// compiling the rest cost start-up time on every command.
const englishOnlyZodLocales = {
  name: 'english-only-zod-locales',
  setup(plugin) {
    plugin.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'zod-locales' } : undefined,
    );
    plugin.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: "export { default as en } from 'zod/v4/locales/en.js';",
      resolveDir: process.cwd(),
    }));
  },
};

// Chunk names carry content hashes: clear the folder so no stale chunk is left behind.
rmSync('dist/bundle', { recursive: true, force: true });

await build({
  entryPoints: { main: 'dist/cli/main.js', 'worker-entry': 'dist/pipeline/worker-entry.js' },
  outdir: 'dist/bundle',
  bundle: true,
  // Commands load their engines with import(): each becomes a chunk parsed only when it runs.
  splitting: true,
  // In the same folder as the entries: modules resolve siblings (./worker-entry.js, ../../package.json)
  // relative to import.meta.url, which is the chunk's own URL.
  chunkNames: 'chunk-[hash]',
  platform: 'node',
  // Packages with native binaries stay in node_modules and load from there when a command needs them.
  external: [
    '@duckdb/*',
    'onnxruntime-node',
    '@resvg/*',
    'playwright-core',
    '@huggingface/tokenizers',
    'node-llama-cpp',
    '@node-llama-cpp/*',
  ],
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  // Whitespace, comments and syntax only (names are kept for stack traces): fewer bytes to compile
  // at every start.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  plugins: [englishOnlyZodLocales],
  // CommonJS dependencies call require(); give the ES module bundle one.
  banner: {
    js: "import { createRequire as __infralmCreateRequire } from 'node:module';\nconst require = __infralmCreateRequire(import.meta.url);",
  },
});

// The code version (what makes the stage runner rerun stages after a code change) is the hash of the
// bundle itself, computed here once instead of by hashing dist/ at every run (~40 ms of start-up).
const versionHash = createHash('sha256');
for (const name of readdirSync('dist/bundle')
  .filter((file) => file.endsWith('.js'))
  .sort()) {
  versionHash.update(`${name}\0`);
  versionHash.update(readFileSync(`dist/bundle/${name}`));
}
writeFileSync('dist/bundle/code-version.txt', `${versionHash.digest('hex').slice(0, 16)}\n`);
