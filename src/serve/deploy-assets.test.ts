import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { scanPaths } from '../dataset/scan/scan-paths.js';
import { ALL_KUBERNETES_RULES, TERRAFORM_RULES } from '../iac/scan/rules/registry.js';
import { scanKubernetesText } from '../iac/scan/scan-engine.js';
import type { Finding } from '../iac/scan/types.js';
import { createServerMetrics } from './server-metrics.js';

// The deployment assets under deploy/ are configuration, not code: these tests hold them to what the
// server really is (its metrics, port, user) and to the project's own Kubernetes scanner.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEPLOY = join(ROOT, 'deploy');
const K8S = join(DEPLOY, 'k8s');

/** Labels Prometheus adds to every scraped series. */
const TARGET_LABELS = ['job', 'instance'];

type Yaml = Record<string, unknown>;

function readYaml(path: string): Yaml {
  return parse(readFileSync(path, 'utf8')) as Yaml;
}

function describeFinding(finding: Finding): string {
  const suppressed = finding.suppressed ? ` (suppressed: ${finding.suppressed.reason})` : '';
  return `${finding.file}:${finding.line} ${finding.severity} ${finding.rule_id} ${finding.message}${suppressed}`;
}

function scanK8s(suppressions: boolean) {
  return scanPaths([K8S], {
    terraformRules: TERRAFORM_RULES,
    kubernetesRules: ALL_KUBERNETES_RULES,
    suppressions,
  });
}

/**
 * The series names a query may select, with the labels each carries, from the server's real registry:
 * a counter or gauge under its own name, a classic histogram only as _bucket (plus `le`), _sum, _count.
 */
async function exportedSeries(): Promise<Map<string, string[]>> {
  const { registry } = createServerMetrics();
  const types = new Map<string, string>();
  for (const match of (await registry.metrics()).matchAll(/^# TYPE (\S+) (\S+)$/gm))
    types.set(match[1]!, match[2]!);
  const series = new Map<string, string[]>();
  for (const metric of registry.getMetricsAsArray()) {
    const labelNames: unknown = (metric as { labelNames?: unknown }).labelNames;
    if (!Array.isArray(labelNames))
      throw new Error(`prom-client no longer exposes labelNames (${metric.name})`);
    const labels = labelNames.map(String);
    const type = types.get(metric.name);
    if (type === 'histogram') {
      series.set(`${metric.name}_bucket`, [...labels, 'le']);
      series.set(`${metric.name}_sum`, labels);
      series.set(`${metric.name}_count`, labels);
    } else if (type === 'counter' || type === 'gauge') {
      series.set(metric.name, labels);
    } else {
      throw new Error(`unexpected metric type ${String(type)} of ${metric.name}`);
    }
  }
  return series;
}

/**
 * What a PromQL expression gets wrong about the server's metrics: infralm_* names it does not export,
 * label matchers and by/without/on/ignoring labels that none of the expression's infralm_* series carry.
 */
function metricProblems(expr: string, series: ReadonlyMap<string, readonly string[]>): string[] {
  // Label values may contain anything (regexes, `$instance`): blank them before looking at names.
  const code = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const problems: string[] = [];
  const names = [...new Set([...code.matchAll(/\binfralm_[A-Za-z0-9_]*/g)].map((match) => match[0]))];
  for (const name of names) if (!series.has(name)) problems.push(`unknown metric ${name}`);
  if (names.length === 0) return problems;
  for (const match of code.matchAll(/\b(infralm_[A-Za-z0-9_]*)\s*\{([^}]*)\}/g)) {
    const known = [...(series.get(match[1]!) ?? []), ...TARGET_LABELS];
    for (const label of match[2]!.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*(?:=~|!~|!=|=)/g)) {
      if (!known.includes(label[1]!)) problems.push(`${match[1]} has no label ${label[1]}`);
    }
  }
  const anyLabel = new Set([...names.flatMap((name) => series.get(name) ?? []), ...TARGET_LABELS]);
  for (const match of code.matchAll(/\b(?:by|without|on|ignoring)\s*\(([^)]*)\)/g)) {
    for (const label of match[1]!.split(',').map((part) => part.trim())) {
      if (label !== '' && !anyLabel.has(label))
        problems.push(`no series of the expression has label ${label}`);
    }
  }
  return problems;
}

interface DockerInstruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions per stage (continuation lines joined, comments dropped). */
function dockerStages(text: string): DockerInstruction[][] {
  const stages: DockerInstruction[][] = [];
  for (const line of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(trimmed) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args };
    if (instruction.keyword === 'FROM') stages.push([]);
    stages.at(-1)?.push(instruction);
  }
  return stages;
}

function deploymentPodSpec(): Yaml {
  const text = readFileSync(join(K8S, '30-deployment.yaml'), 'utf8');
  const deployment = parseAllDocuments(text)
    .map((document) => document.toJS() as Yaml)
    .find((object) => object.kind === 'Deployment');
  if (!deployment) throw new Error('no Deployment in deploy/k8s/30-deployment.yaml');
  return (deployment as { spec: { template: { spec: Yaml } } }).spec.template.spec;
}

describe('Kubernetes manifests', () => {
  const files = readdirSync(K8S).sort();

  it('scans every manifest with no HIGH or CRITICAL finding, even with suppressions off', () => {
    const result = scanK8s(false);
    expect(result.errors).toEqual([]);
    expect(result.helm_templates).toBe(0);
    expect(result.files_scanned).toBe(files.length);
    const serious = result.findings.filter((finding) => ['HIGH', 'CRITICAL'].includes(finding.severity));
    expect(serious.map(describeFinding), 'HIGH/CRITICAL findings in deploy/k8s').toEqual([]);
  });

  it('leaves no finding unexplained: each remaining one carries a suppression with a reason', () => {
    const result = scanK8s(true);
    expect(result.findings.map(describeFinding), 'unsuppressed findings in deploy/k8s').toEqual([]);
    for (const finding of result.suppressed) {
      expect(finding.suppressed?.reason.length ?? 0, describeFinding(finding)).toBeGreaterThan(20);
    }
  });

  it('is really checked: the Deployment with a writable root file system is a HIGH finding', () => {
    const text = readFileSync(join(K8S, '30-deployment.yaml'), 'utf8');
    expect(text).toContain('readOnlyRootFilesystem: true');
    const broken = text.replace('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false');
    const { findings } = scanKubernetesText(broken, '30-deployment.yaml', ALL_KUBERNETES_RULES, {
      today: '2026-01-01',
    });
    expect(findings.map((finding) => [finding.rule_id, finding.severity])).toContainEqual([
      'ILM-K8S-003',
      'HIGH',
    ]);
  });

  it('runs the image as its own non-root UID and probes /health on the port the image serves', () => {
    const spec = deploymentPodSpec() as {
      securityContext: { runAsUser: number };
      containers: { ports: { containerPort: number }[]; livenessProbe: unknown; readinessProbe: unknown }[];
    };
    const dockerfile = dockerStages(readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8')).at(-1) ?? [];
    const user = dockerfile.findLast((instruction) => instruction.keyword === 'USER')?.args.split(':')[0];
    expect(spec.securityContext.runAsUser).toBe(Number(user));
    const expose = dockerfile.find((instruction) => instruction.keyword === 'EXPOSE')?.args;
    const [container] = spec.containers;
    expect(container?.ports.map((port) => String(port.containerPort))).toEqual([expose]);
    for (const probe of [container?.livenessProbe, container?.readinessProbe]) {
      expect(probe).toMatchObject({ httpGet: { path: '/health', port: 'http' } });
    }
  });
});

describe('metric names and labels in queries', () => {
  it('accepts real series and rejects names and labels the server does not export', async () => {
    const series = await exportedSeries();
    expect(
      metricProblems(
        'sum by (route, le) (rate(infralm_http_request_duration_seconds_bucket{job="x", route!~"/a|/b"}[5m]))',
        series,
      ),
    ).toEqual([]);
    expect(metricProblems('rate(infralm_feedback_total_count[5m])', series)).toEqual([
      'unknown metric infralm_feedback_total_count',
    ]);
    // A classic histogram has no series under its bare name.
    expect(metricProblems('rate(infralm_completion_tokens_per_second[5m])', series)).toEqual([
      'unknown metric infralm_completion_tokens_per_second',
    ]);
    expect(metricProblems('sum by (task) (rate(infralm_http_errors_total{route="/x"}[5m]))', series)).toEqual(
      ['infralm_http_errors_total has no label route', 'no series of the expression has label task'],
    );
  });
});

describe('Prometheus alert rules', () => {
  const alerts = readYaml(join(DEPLOY, 'prometheus', 'alerts.yml')) as {
    groups: { name: string; rules: Record<string, unknown>[] }[];
  };
  const rules = alerts.groups.flatMap((group) => group.rules);

  it('gives every rule a name, an expression, a duration, a severity and a summary', () => {
    expect(rules.length).toBeGreaterThanOrEqual(6);
    const names = rules.map((rule) => rule.alert);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of rules) {
      const name = String(rule.alert);
      expect(rule.alert, name).toMatch(/^InfraLM[A-Za-z0-9]+$/);
      expect(typeof rule.expr, name).toBe('string');
      expect(rule.for, name).toMatch(/^\d+[smh]$/);
      expect(['critical', 'warning', 'info'], name).toContain((rule.labels as Yaml | undefined)?.severity);
      expect(String((rule.annotations as Yaml | undefined)?.summary ?? ''), name).not.toBe('');
    }
  });

  it('covers the failure modes the README documents', () => {
    const exprs = rules.map((rule) => String(rule.expr)).join('\n');
    expect(exprs).toMatch(/\bup\{job="infralm"\} == 0/);
    expect(exprs).toMatch(/status=~"5\.\."/);
    expect(exprs).toMatch(/histogram_quantile\(0\.99,[\s\S]*infralm_http_request_duration_seconds_bucket/);
    expect(exprs).toContain('infralm_completion_tokens_per_second_bucket');
    expect(exprs).toContain('infralm_model_load_seconds');
  });

  it('queries only series and labels the server exports', async () => {
    const series = await exportedSeries();
    const problems = rules.flatMap((rule) =>
      metricProblems(String(rule.expr), series).map((problem) => `${String(rule.alert)}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });
});

describe('Grafana dashboard', () => {
  const dashboard = JSON.parse(readFileSync(join(DEPLOY, 'grafana', 'infralm-dashboard.json'), 'utf8')) as {
    schemaVersion: number;
    panels: Panel[];
    templating: { list: { name: string; type: string; query?: unknown }[] };
  };
  interface Panel {
    title: string;
    type: string;
    panels?: Panel[];
    datasource?: { uid?: string };
    targets?: { expr?: string }[];
  }
  const panels = (list: Panel[]): Panel[] => list.flatMap((panel) => [panel, ...panels(panel.panels ?? [])]);
  const graphs = panels(dashboard.panels).filter((panel) => panel.type !== 'row');

  it('queries only series and labels the server exports, in every panel target', async () => {
    const series = await exportedSeries();
    const exprs = graphs.flatMap((panel) =>
      (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr ?? '' })),
    );
    expect(exprs.length).toBeGreaterThanOrEqual(8);
    const problems = exprs.flatMap(({ panel, expr }) =>
      expr === ''
        ? [`${panel}: empty expr`]
        : metricProblems(expr, series).map((problem) => `${panel}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });

  it('charts every metric of the HTTP API', () => {
    const all = graphs
      .flatMap((panel) => (panel.targets ?? []).map((target) => target.expr ?? ''))
      .join('\n');
    for (const name of [
      'infralm_http_requests_total',
      'infralm_http_request_duration_seconds_bucket',
      'infralm_http_errors_total',
      'infralm_feedback_total',
      'infralm_completion_tokens_per_second_bucket',
      'infralm_model_load_seconds',
    ])
      expect(all, name).toContain(name);
  });

  it('takes its Prometheus data source from a dashboard variable', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', query: 'prometheus' }),
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a JavaScript template
    const variable = '${DS_PROMETHEUS}';
    for (const panel of graphs) expect(panel.datasource?.uid, panel.title).toBe(variable);
  });
});

describe('docker compose', () => {
  const compose = readYaml(join(DEPLOY, 'docker-compose.yml')) as {
    services: Record<string, Yaml>;
  };
  const services = Object.entries(compose.services);

  it('builds the server from deploy/Dockerfile with the repository as context, hardened', () => {
    const built = services.filter(([, service]) => service.build !== undefined);
    expect(built.map(([name]) => name)).toEqual(['infralm']);
    const [, server] = built[0]!;
    const build = server.build as { context: string; dockerfile: string };
    const context = resolve(DEPLOY, build.context);
    expect(context).toBe(resolve(ROOT));
    expect(resolve(context, build.dockerfile)).toBe(join(DEPLOY, 'Dockerfile'));
    expect(server.read_only).toBe(true);
    expect(server.privileged ?? false).toBe(false);
    expect(server.cap_drop).toEqual(['ALL']);
    // Secrets come from the caller's environment (bare names), never with a value in this file.
    expect(server.environment).toEqual([
      'INFRALM_API_TOKEN',
      'GITHUB_APP_ID',
      'GITHUB_APP_PRIVATE_KEY',
      'GITHUB_WEBHOOK_SECRET',
    ]);
  });

  it('runs a pinned Prometheus that mounts the alert rules it loads and scrapes the server', () => {
    const [, prometheus] = services.find(([, service]) =>
      String(service.image).startsWith('prom/prometheus:'),
    )!;
    expect(prometheus.image).toMatch(/^prom\/prometheus:v\d+\.\d+\.\d+$/);
    const mounts = (prometheus.volumes as string[]).map((volume) => {
      const [source = '', target = ''] = volume.split(':');
      return { source: source.startsWith('.') ? resolve(DEPLOY, source) : source, target };
    });
    const config = mounts.find((mount) => mount.source === join(DEPLOY, 'prometheus', 'prometheus.yml'));
    const rules = mounts.find((mount) => mount.source === join(DEPLOY, 'prometheus', 'alerts.yml'));
    expect(config, 'prometheus.yml mount').toBeDefined();
    expect(rules, 'alerts.yml mount').toBeDefined();
    expect(prometheus.command).toContain(`--config.file=${config?.target}`);
    const prometheusYml = readYaml(join(DEPLOY, 'prometheus', 'prometheus.yml')) as {
      rule_files: string[];
      scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
    };
    expect(prometheusYml.rule_files).toContain(rules?.target);
    // The alert rules select job="infralm".
    const job = prometheusYml.scrape_configs.find((scrape) => scrape.job_name === 'infralm');
    expect(job?.static_configs.flatMap((entry) => entry.targets)).toEqual(['infralm:8080']);
  });
});

describe('Dockerfile', () => {
  const stages = dockerStages(readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8'));
  const final = stages.at(-1) ?? [];

  it('builds in a separate stage and runs the final one as a numeric non-root user', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const user = final.findLast((instruction) => instruction.keyword === 'USER')?.args ?? '';
    // Numeric, so that the kubelet can verify runAsNonRoot without reading /etc/passwd.
    expect(user).toMatch(/^\d+(:\d+)?$/);
    expect(Number(user.split(':')[0])).toBeGreaterThan(0);
  });

  it('serves the workspace /data on 8080 with a health check', () => {
    const entrypoint = JSON.parse(
      final.find((instruction) => instruction.keyword === 'ENTRYPOINT')?.args ?? '[]',
    ) as string[];
    expect(entrypoint.join(' ')).toBe(
      'node bin/infralm.js --workspace /data serve --host 0.0.0.0 --port 8080',
    );
    expect(final.find((instruction) => instruction.keyword === 'HEALTHCHECK')?.args).toContain('/health');
    expect(existsSync(join(ROOT, '.dockerignore'))).toBe(true);
  });
});
