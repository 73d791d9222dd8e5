#!/usr/bin/env node
// Load on the real `infralm serve` (baseline predictors) as clients see it: the server runs as its own
// process, and autocannon drives it over loopback HTTP from this one, endpoint after endpoint.
//   node bench/serve.js [--duration 5] [--connections 16] [--warmup 1] [--log-level LEVEL]
// Needs a current build (`npm run build`, done by `npm run bench`). Only 127.0.0.1 is ever targeted.
// Both processes share the machine's cores, so the figures are for client and server together.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1];
};
const duration = Number(option('--duration', '5'));
const connections = Number(option('--connections', '16'));
const warmup = Number(option('--warmup', '1'));
const logLevel = option('--log-level', undefined);
const HOST = '127.0.0.1';

const PLAN_INPUT = {
  files: [
    { path: 'main.tf', content: 'resource "aws_instance" "web" {\n  count = 2\n  ami   = "ami-1"\n}\n' },
  ],
};
const LINT_INPUT = {
  language: 'terraform',
  files: [{ path: 'main.tf', content: 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n' }],
};
const endpoints = [
  { name: 'GET /health', method: 'GET', path: '/health' },
  { name: 'POST /v1/predict/plan', method: 'POST', path: '/v1/predict/plan', body: { input: PLAN_INPUT } },
  { name: 'POST /v1/predict/lint', method: 'POST', path: '/v1/predict/lint', body: { input: LINT_INPUT } },
];

const entry = join(root, 'bin/infralm.js');
if (!existsSync(join(root, 'dist/bundle/main.js'))) {
  process.stderr.write('bench/serve.js: no dist/bundle/main.js: run `npm run build` first\n');
  process.exit(1);
}

const workspace = mkdtempSync(join(tmpdir(), 'infralm-bench-serve-'));
const serverArgs = [
  entry,
  '--workspace',
  workspace,
  ...(logLevel ? ['--log-level', logLevel] : []),
  'serve',
  '--host',
  HOST,
  '--port',
  '0',
];
// stdout carries the per-request log lines (pino); they go to /dev/null, stderr is read for the address.
const server = spawn(process.execPath, serverArgs, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
let serverStderr = '';
let serverExit;
const exited = new Promise((resolveExit) => {
  server.on('exit', (code, signal) => {
    serverExit = { code, signal };
    resolveExit(serverExit);
  });
});
const killServer = () => {
  if (serverExit === undefined) server.kill('SIGKILL');
};
process.on('exit', killServer);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killServer();
    rmSync(workspace, { recursive: true, force: true });
    process.exit(130);
  });
}

/** The address from `infralm serve: listening on http://...` (port 0 = a free port, no race). */
const listening = new Promise((resolveAddress, reject) => {
  server.stderr.setEncoding('utf8');
  server.stderr.on('data', (chunk) => {
    serverStderr = (serverStderr + chunk).slice(-8192);
    const match = /listening on (http:\/\/[^\s]+)/.exec(serverStderr);
    if (match) resolveAddress(match[1]);
  });
  exited.then(({ code, signal }) =>
    reject(
      new Error(`the server exited (code ${code}, signal ${signal}) before listening:\n${serverStderr}`),
    ),
  );
  setTimeout(
    () => reject(new Error(`the server did not listen within 20 s:\n${serverStderr}`)),
    20_000,
  ).unref();
});

/** Poll GET /health until every model has loaded (status "ok"). */
async function waitHealthy(base) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const body = await fetch(`${base}/health`).then(
      (response) => response.json(),
      () => undefined,
    );
    if (body?.status === 'ok') return body;
    if (body?.status === 'degraded') throw new Error(`server degraded: ${JSON.stringify(body.models)}`);
    if (Date.now() > deadline) throw new Error(`server not ready in 20 s: ${JSON.stringify(body)}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
}

/** The server's CPU time so far (Linux /proc), in seconds; undefined elsewhere. */
function serverCpuSeconds() {
  try {
    const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (USER_HZ 100)
  } catch {
    return undefined;
  }
}

async function run() {
  const started = performance.now();
  const base = await listening;
  const health = await waitHealthy(base);
  const readySeconds = (performance.now() - started) / 1000;
  const results = [];
  for (const endpoint of endpoints) {
    const body = endpoint.body === undefined ? undefined : JSON.stringify(endpoint.body);
    const headers = body === undefined ? {} : { 'content-type': 'application/json' };
    // One request first: the load must measure real answers, not fast 4xx rejections.
    const probe = await fetch(`${base}${endpoint.path}`, { method: endpoint.method, headers, body });
    if (probe.status !== 200) {
      throw new Error(`${endpoint.name}: status ${probe.status}: ${await probe.text()}`);
    }
    await probe.arrayBuffer();
    const cpuBefore = serverCpuSeconds();
    const result = await autocannon({
      url: `${base}${endpoint.path}`,
      method: endpoint.method,
      headers,
      body,
      connections,
      duration,
      ...(warmup > 0 ? { warmup: { connections, duration: warmup } } : {}),
    });
    const cpuAfter = serverCpuSeconds();
    const completed = result.requests.total;
    results.push({
      endpoint: endpoint.name,
      request_bytes: body === undefined ? 0 : Buffer.byteLength(body),
      requests_per_second: {
        mean: Math.round(result.requests.mean),
        stddev: Math.round(result.requests.stddev),
      },
      latency_ms: {
        p50: result.latency.p50,
        p99: result.latency.p99,
        mean: +result.latency.mean.toFixed(2),
        max: result.latency.max,
      },
      requests: completed,
      errors: result.errors,
      timeouts: result.timeouts,
      non_2xx: result.non2xx,
      status_codes: Object.fromEntries(
        Object.entries(result.statusCodeStats).map(([code, stats]) => [code, stats.count]),
      ),
      server_cpu_ms_per_request:
        cpuBefore === undefined || cpuAfter === undefined || completed === 0
          ? null
          : +(((cpuAfter - cpuBefore) * 1000) / completed).toFixed(3),
      seconds: result.duration,
    });
  }
  return { base, health, readySeconds, results };
}

let failure;
let outcome;
try {
  outcome = await run();
} catch (error) {
  failure = error;
} finally {
  if (serverExit === undefined) {
    server.kill('SIGTERM'); // graceful: finish in-flight requests, close the feedback database
    const timer = setTimeout(killServer, 5000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(workspace, { recursive: true, force: true });
}
if (failure) {
  process.stderr.write(`bench/serve.js: ${failure instanceof Error ? failure.message : String(failure)}\n`);
  process.exit(1);
}
const report = {
  benchmark: 'infralm serve under load (server in its own process, autocannon from the bench process)',
  command: `node bin/infralm.js --workspace <tmpdir>${logLevel ? ` --log-level ${logLevel}` : ''} serve --host ${HOST} --port 0`,
  address: outcome.base,
  server_logging: `${logLevel ?? 'info'} (pino, stdout to /dev/null)`,
  models: Object.fromEntries(outcome.health.models.map((model) => [model.task, model.spec])),
  version: outcome.health.version,
  load: {
    tool: 'autocannon',
    connections,
    duration_seconds: duration,
    warmup_seconds: warmup,
    latency_resolution_ms: 1,
  },
  machine: { cpus: cpus().length, node: process.version, note: 'client and server share these cores' },
  seconds_to_ready: +outcome.readySeconds.toFixed(3),
  server_exit: serverExit,
  endpoints: outcome.results,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
