// Turns a schema report into alerts, and delivers them to Slack or the log.
//
// Severity choice: a PII leak, too few records and a low pass rate each make the dataset unfit to
// train on, so they are CRITICAL and fail the report; a single violation type over its cap with an
// otherwise healthy pass rate points at one broken builder or source, so it is a WARNING that is
// reported but does not fail the run on its own.

/** The task-independent shape of a schema report (counts are records). */
export interface SchemaReport<Violation extends string = string> {
  total: number;
  valid: number;
  /** valid / total in percent, one decimal; 0 when there are no records. */
  pass_rate_pct: number;
  violation_counts: Record<Violation, number>;
  /** Records in which at least one PII value was found. */
  pii_leaks: number;
  /** Records per PII type. */
  pii_types: Record<string, number>;
  by_split: Record<string, { total: number; valid: number }>;
}

export interface AnomalyThresholds {
  /** Fail below this pass rate (percent); exactly this passes. */
  minPassRatePct: number;
  /** Warn when one violation type has more records than this. */
  maxViolationsPerType: number;
  /** Fail when fewer records than this were written. */
  minRecords: number;
  /** Fail when more records than this leak PII. */
  maxPiiLeaks: number;
}

/** AutoMend's thresholds. */
export const DEFAULT_ANOMALY_THRESHOLDS: Readonly<AnomalyThresholds> = Object.freeze({
  minPassRatePct: 80,
  maxViolationsPerType: 50,
  minRecords: 10,
  maxPiiLeaks: 0,
});

export type AlertSeverity = 'CRITICAL' | 'WARNING';
export type AlertCode = 'low_pass_rate' | 'pii_leak' | 'violation_spike' | 'too_few_records';

export interface AnomalyAlert {
  severity: AlertSeverity;
  code: AlertCode;
  message: string;
  value: number;
  threshold: number;
  /** The violation type, for `violation_spike`. */
  violation?: string;
}

export interface AnomalyReport {
  /** FAIL when any alert is CRITICAL; warnings alone keep PASS. */
  status: 'PASS' | 'FAIL';
  anomalies_found: number;
  alerts: AnomalyAlert[];
}

/** Compare a schema report with the thresholds and list the alerts it raises. */
export function detectAnomalies(
  schema: SchemaReport,
  thresholds: Partial<AnomalyThresholds> = {},
): AnomalyReport {
  const limits: AnomalyThresholds = { ...DEFAULT_ANOMALY_THRESHOLDS, ...thresholds };
  const alerts: AnomalyAlert[] = [];
  if (schema.total < limits.minRecords) {
    alerts.push({
      severity: 'CRITICAL',
      code: 'too_few_records',
      message: `only ${schema.total} records were written; at least ${limits.minRecords} are expected`,
      value: schema.total,
      threshold: limits.minRecords,
    });
  }
  // Compared on the counts, not the rounded percentage, so 79.96% cannot round up into a pass.
  // With no records the rate is undefined; too_few_records already reports that.
  if (schema.total > 0 && schema.valid * 100 < limits.minPassRatePct * schema.total) {
    alerts.push({
      severity: 'CRITICAL',
      code: 'low_pass_rate',
      message: `pass rate ${schema.pass_rate_pct}% is below the minimum ${limits.minPassRatePct}% (${schema.valid} of ${schema.total} records valid)`,
      value: schema.pass_rate_pct,
      threshold: limits.minPassRatePct,
    });
  }
  if (schema.pii_leaks > limits.maxPiiLeaks) {
    const types = Object.keys(schema.pii_types);
    alerts.push({
      severity: 'CRITICAL',
      code: 'pii_leak',
      message: `${schema.pii_leaks} records leak PII${types.length > 0 ? ` (${types.join(', ')})` : ''}; at most ${limits.maxPiiLeaks} allowed`,
      value: schema.pii_leaks,
      threshold: limits.maxPiiLeaks,
    });
  }
  for (const [violation, count] of Object.entries<number>(schema.violation_counts)) {
    // PII has its own, stricter alert above; a spike alert for it would only repeat that one.
    if (violation === 'pii_leak' || count <= limits.maxViolationsPerType) continue;
    alerts.push({
      severity: 'WARNING',
      code: 'violation_spike',
      message: `${count} records fail with ${violation}; at most ${limits.maxViolationsPerType} allowed per type`,
      value: count,
      threshold: limits.maxViolationsPerType,
      violation,
    });
  }
  return {
    status: alerts.some((alert) => alert.severity === 'CRITICAL') ? 'FAIL' : 'PASS',
    anomalies_found: alerts.length,
    alerts,
  };
}

/** The logger methods sendAlerts uses; a pino logger fits. */
export interface AlertLogger {
  fatal(object: object, message: string): void;
  error(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export interface SendAlertsOptions {
  /** Slack incoming-webhook URL; a secret, never logged or returned. */
  webhookUrl?: string;
  fetch?: typeof fetch;
  log: AlertLogger;
  /** What the report is about (task or stage), shown in every alert. */
  source: string;
  /** Per-attempt timeout; 5 s unless told. */
  timeoutMs?: number;
  /** Pause before the second (last) attempt; 1 s unless told. */
  retryDelayMs?: number;
}

export interface AlertDelivery {
  delivered: boolean;
  /** Why delivery failed; never holds the webhook URL. */
  error?: string;
}

const MAX_ATTEMPTS = 2;
// Slack limits: 50 blocks per message and 3000 characters per section text.
const MAX_BLOCKS = 50;
const MAX_SECTION_TEXT = 3000;

/** Deliver the alerts to Slack when a webhook is set; log CRITICAL alerts as fatal when not delivered. */
export async function sendAlerts(report: AnomalyReport, options: SendAlertsOptions): Promise<AlertDelivery> {
  if (report.alerts.length === 0) return { delivered: false };
  let outcome: AlertDelivery = { delivered: false };
  if (options.webhookUrl) {
    outcome = await postToSlack(report, options.webhookUrl, options);
    if (!outcome.delivered) {
      options.log.error(
        { event: 'alert-delivery-failed', source: options.source, error: outcome.error },
        'data alerts could not be delivered to Slack',
      );
    }
  }
  if (!outcome.delivered) {
    for (const alert of report.alerts) {
      const fields = {
        event: 'alert-raised',
        source: options.source,
        severity: alert.severity,
        code: alert.code,
        value: alert.value,
        threshold: alert.threshold,
        ...(alert.violation === undefined ? {} : { violation: alert.violation }),
      };
      if (alert.severity === 'CRITICAL') options.log.fatal(fields, alert.message);
      else options.log.warn(fields, alert.message);
    }
  }
  return outcome;
}

async function postToSlack(report: AnomalyReport, webhookUrl: string, options: SendAlertsOptions) {
  let url: URL;
  try {
    url = new URL(webhookUrl);
  } catch {
    return { delivered: false, error: 'the Slack webhook URL is not a valid URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { delivered: false, error: 'the Slack webhook URL must be http(s)' };
  }
  const fetchImplementation = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  const body = JSON.stringify(buildSlackMessage(report, options.source));
  let problem = '';
  let attempts = 0;
  while (attempts < MAX_ATTEMPTS) {
    attempts++;
    let retryable = true;
    try {
      const response = await fetchImplementation(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const answer = await response.text().catch(() => '');
      if (response.ok) return { delivered: true };
      // Slack answers with short error tokens (invalid_payload, no_service); anything else is not
      // echoed, since an arbitrary body could repeat the request URL.
      const token = /^[a-z_]{1,64}$/.test(answer.trim()) ? ` (${answer.trim()})` : '';
      problem = `Slack webhook answered HTTP ${response.status}${token}`;
      retryable = response.status === 429 || response.status >= 500;
    } catch (error) {
      problem = describeFetchError(error, timeoutMs);
    }
    if (!retryable) break;
    if (attempts < MAX_ATTEMPTS)
      await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 1000));
  }
  return { delivered: false, error: `${problem} after ${attempts} attempt${attempts === 1 ? '' : 's'}` };
}

// Built from the error's name and code only: fetch's own messages can include the URL.
function describeFetchError(error: unknown, timeoutMs: number): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError')
    return `Slack webhook timed out after ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' && /^[A-Z0-9_]+$/.test(cause.code) ? ` (${cause.code})` : '';
  return `network error posting to the Slack webhook${code}`;
}

interface SlackSection {
  type: 'section';
  text: { type: 'mrkdwn'; text: string };
}

/** The Slack incoming-webhook payload for a report: a plain-text fallback and mrkdwn sections. */
export function buildSlackMessage(
  report: AnomalyReport,
  source: string,
): { text: string; blocks: SlackSection[] } {
  const critical = report.alerts.filter((alert) => alert.severity === 'CRITICAL').length;
  const warnings = report.alerts.length - critical;
  const summary = `${critical} critical, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  const section = (text: string): SlackSection => ({
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(text, MAX_SECTION_TEXT) },
  });
  const blocks = [
    section(`*InfraLM data quality ${report.status}* for \`${escapeSlack(source)}\`: ${summary}`),
  ];
  // One block is kept for the "more" line when the alerts do not fit.
  const room = report.alerts.length + 1 <= MAX_BLOCKS ? report.alerts.length : MAX_BLOCKS - 2;
  for (const alert of report.alerts.slice(0, room)) {
    blocks.push(
      section(
        `*${alert.severity}* \`${alert.code}\`: ${escapeSlack(alert.message)} (value ${alert.value}, threshold ${alert.threshold})`,
      ),
    );
  }
  if (room < report.alerts.length) blocks.push(section(`…and ${report.alerts.length - room} more alerts`));
  return { text: escapeSlack(`InfraLM data quality ${report.status} for ${source}: ${summary}`), blocks };
}

// Slack's mrkdwn reserves these three characters; everything else is literal.
function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
