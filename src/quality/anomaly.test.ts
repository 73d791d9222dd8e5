import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AnomalyAlert,
  type AnomalyReport,
  buildSlackMessage,
  DEFAULT_ANOMALY_THRESHOLDS,
  detectAnomalies,
  type SchemaReport,
  sendAlerts,
} from './anomaly.js';

// A schema report with consistent derived fields, from the counts a test cares about.
function schema(counts: {
  total: number;
  valid?: number;
  violations?: Record<string, number>;
  piiLeaks?: number;
}): SchemaReport {
  const valid = counts.valid ?? counts.total;
  return {
    total: counts.total,
    valid,
    pass_rate_pct: counts.total === 0 ? 0 : Math.round((valid / counts.total) * 1000) / 10,
    violation_counts: counts.violations ?? {},
    pii_leaks: counts.piiLeaks ?? 0,
    pii_types: counts.piiLeaks ? { email: counts.piiLeaks } : {},
    by_split: { train: { total: counts.total, valid } },
  };
}

const codes = (report: AnomalyReport) => report.alerts.map((alert) => alert.code);

describe('detectAnomalies', () => {
  it('uses AutoMend thresholds by default', () => {
    expect(DEFAULT_ANOMALY_THRESHOLDS).toEqual({
      minPassRatePct: 80,
      maxViolationsPerType: 50,
      minRecords: 10,
      maxPiiLeaks: 0,
    });
  });

  it('passes a healthy report', () => {
    expect(detectAnomalies(schema({ total: 43 }))).toEqual({
      status: 'PASS',
      anomalies_found: 0,
      alerts: [],
    });
  });

  it('passes at exactly 80% and fails just below', () => {
    expect(codes(detectAnomalies(schema({ total: 10, valid: 8 })))).toEqual([]);
    const failing = detectAnomalies(schema({ total: 10, valid: 7 }));
    expect(failing.status).toBe('FAIL');
    expect(failing.alerts).toEqual([
      expect.objectContaining({ severity: 'CRITICAL', code: 'low_pass_rate', value: 70, threshold: 80 }),
    ]);
  });

  it('compares the exact rate, so 79.99% does not round up into a pass', () => {
    const report = schema({ total: 10_000, valid: 7_999 });
    expect(report.pass_rate_pct).toBe(80);
    expect(codes(detectAnomalies(report))).toEqual(['low_pass_rate']);
  });

  it('passes 10 records and fails 9', () => {
    expect(codes(detectAnomalies(schema({ total: 10 })))).toEqual([]);
    expect(detectAnomalies(schema({ total: 9 })).alerts).toEqual([
      expect.objectContaining({ severity: 'CRITICAL', code: 'too_few_records', value: 9, threshold: 10 }),
    ]);
  });

  it('reports an empty dataset as too few records only', () => {
    const report = detectAnomalies(schema({ total: 0 }));
    expect(report.status).toBe('FAIL');
    expect(codes(report)).toEqual(['too_few_records']);
  });

  it('passes 50 violations of a type and warns at 51, without failing', () => {
    const total = 1000;
    expect(codes(detectAnomalies(schema({ total, valid: 950, violations: { invalid_yaml: 50 } })))).toEqual(
      [],
    );
    const report = detectAnomalies(
      schema({ total, valid: 949, violations: { invalid_yaml: 51, role_order: 3 } }),
    );
    expect(report).toMatchObject({ status: 'PASS', anomalies_found: 1 });
    expect(report.alerts).toEqual([
      expect.objectContaining({
        severity: 'WARNING',
        code: 'violation_spike',
        violation: 'invalid_yaml',
        value: 51,
        threshold: 50,
      }),
    ]);
  });

  it('fails on a single PII leak, and does not repeat it as a spike', () => {
    const one = detectAnomalies(schema({ total: 100, valid: 99, piiLeaks: 1, violations: { pii_leak: 1 } }));
    expect(one.status).toBe('FAIL');
    expect(one.alerts).toEqual([
      expect.objectContaining({ severity: 'CRITICAL', code: 'pii_leak', value: 1 }),
    ]);
    expect(one.alerts[0]?.message).toContain('email');
    const many = detectAnomalies(
      schema({ total: 1000, valid: 940, piiLeaks: 60, violations: { pii_leak: 60 } }),
    );
    expect(codes(many)).toEqual(['pii_leak']);
  });

  it('takes custom thresholds over the defaults', () => {
    const report = schema({ total: 20, valid: 18 });
    expect(codes(detectAnomalies(report, { minPassRatePct: 95, minRecords: 50 }))).toEqual([
      'too_few_records',
      'low_pass_rate',
    ]);
  });

  it('fails exactly when an alert is critical (property)', () => {
    const arbitrary = fc
      .record({
        total: fc.nat(200),
        invalid: fc.nat(200),
        piiLeaks: fc.nat(3),
        spike: fc.nat(120),
      })
      .map(({ total, invalid, piiLeaks, spike }) =>
        schema({
          total,
          valid: total - Math.min(invalid, total),
          piiLeaks: Math.min(piiLeaks, total),
          violations: { invalid_yaml: Math.min(spike, total) },
        }),
      );
    fc.assert(
      fc.property(arbitrary, (report) => {
        const result = detectAnomalies(report);
        expect(result.anomalies_found).toBe(result.alerts.length);
        expect(result.status === 'FAIL').toBe(result.alerts.some((alert) => alert.severity === 'CRITICAL'));
        expect(codes(result).includes('too_few_records')).toBe(report.total < 10);
        expect(codes(result).includes('pii_leak')).toBe(report.pii_leaks > 0);
      }),
    );
  });
});

// ---- delivery ----

interface Captured {
  method: string | undefined;
  contentType: string | undefined;
  path: string | undefined;
  body: string;
}

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

// A real HTTP server on 127.0.0.1 playing Slack; the handler decides the answer.
async function slackServer(answer: (response: ServerResponse, attempt: number) => void) {
  const requests: Captured[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      requests.push({
        method: request.method,
        contentType: request.headers['content-type'],
        path: request.url,
        body,
      });
      answer(response, requests.length);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${SECRET_PATH}`, requests };
}

const SECRET_PATH = '/services/T0001/B0002/s3cretT0kenXYZ';

// A real pino logger writing to memory, to check levels and that the URL never shows.
function memoryLogger() {
  const lines: string[] = [];
  const log = pino({ level: 'trace', base: null }, { write: (line: string) => lines.push(line) });
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { log, lines, entries };
}

const REPORT = detectAnomalies(schema({ total: 9, valid: 5, violations: { invalid_yaml: 4 } }), {
  maxViolationsPerType: 3,
});

describe('sendAlerts', () => {
  it('has a report with two critical alerts and a warning to send', () => {
    expect(REPORT.alerts.map((alert) => alert.severity)).toEqual(['CRITICAL', 'CRITICAL', 'WARNING']);
  });

  it('posts a Slack incoming-webhook message and does not log the alerts', async () => {
    const slack = await slackServer((response) => response.end('ok'));
    const { log, lines } = memoryLogger();
    const outcome = await sendAlerts(REPORT, { webhookUrl: slack.url, log, source: 'manifest' });
    expect(outcome).toEqual({ delivered: true });
    expect(slack.requests).toHaveLength(1);
    const [request] = slack.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(SECRET_PATH);
    expect(request?.contentType).toMatch(/^application\/json/);
    const body = JSON.parse(request?.body ?? '') as {
      text: string;
      blocks: { type: string; text: { type: string; text: string } }[];
    };
    expect(body.text).toContain('FAIL');
    expect(body.text).toContain('manifest');
    expect(body.blocks).toHaveLength(1 + REPORT.alerts.length);
    for (const block of body.blocks) {
      expect(block.type).toBe('section');
      expect(block.text.type).toBe('mrkdwn');
    }
    for (const alert of REPORT.alerts) {
      expect(body.blocks.some((block) => block.text.text.includes(alert.code))).toBe(true);
    }
    expect(lines).toEqual([]);
  });

  it('retries a 500 once, then logs every critical alert as fatal without the URL', async () => {
    const slack = await slackServer((response) => {
      response.statusCode = 500;
      response.end(`upstream failed for ${SECRET_PATH}`);
    });
    const { log, lines, entries } = memoryLogger();
    const outcome = await sendAlerts(REPORT, {
      webhookUrl: slack.url,
      log,
      source: 'manifest',
      retryDelayMs: 0,
    });
    expect(slack.requests).toHaveLength(2);
    expect(outcome.delivered).toBe(false);
    expect(outcome.error).toContain('500');
    expect(outcome.error).not.toContain('s3cret');
    const fatal = entries().filter((entry) => entry.level === 60);
    expect(fatal.map((entry) => entry.code)).toEqual(['too_few_records', 'low_pass_rate']);
    for (const entry of fatal) expect(entry.severity).toBe('CRITICAL');
    expect(
      entries()
        .filter((entry) => entry.level === 40)
        .map((entry) => entry.code),
    ).toEqual(['violation_spike']);
    expect(entries().some((entry) => entry.level === 50 && entry.event === 'alert-delivery-failed')).toBe(
      true,
    );
    for (const line of lines) {
      expect(line).not.toContain('s3cret');
      expect(line).not.toContain(slack.url);
    }
  });

  it('does not retry a 4xx and passes on Slack error tokens', async () => {
    const slack = await slackServer((response) => {
      response.statusCode = 400;
      response.end('invalid_payload');
    });
    const { log } = memoryLogger();
    const outcome = await sendAlerts(REPORT, {
      webhookUrl: slack.url,
      log,
      source: 'manifest',
      retryDelayMs: 0,
    });
    expect(slack.requests).toHaveLength(1);
    expect(outcome.error).toMatch(/HTTP 400 \(invalid_payload\) after 1 attempt$/);
  });

  it('gives up after two timed-out attempts', async () => {
    const slack = await slackServer(() => {
      // Never answers.
    });
    const { log, entries } = memoryLogger();
    const outcome = await sendAlerts(REPORT, {
      webhookUrl: slack.url,
      log,
      source: 'manifest',
      timeoutMs: 100,
      retryDelayMs: 0,
    });
    expect(slack.requests).toHaveLength(2);
    expect(outcome).toEqual({
      delivered: false,
      error: 'Slack webhook timed out after 100 ms after 2 attempts',
    });
    expect(entries().filter((entry) => entry.level === 60)).toHaveLength(2);
  });

  it('keeps the URL out of network and parse errors', async () => {
    const slack = await slackServer((response) => response.end('ok'));
    const closedUrl = slack.url;
    await new Promise<void>((resolve) => servers.pop()?.close(() => resolve()));
    const { log, lines } = memoryLogger();
    const refused = await sendAlerts(REPORT, {
      webhookUrl: closedUrl,
      log,
      source: 'manifest',
      retryDelayMs: 0,
    });
    expect(refused.delivered).toBe(false);
    expect(refused.error).toContain('network error');
    const malformed = await sendAlerts(REPORT, { webhookUrl: 'hooks s3cret', log, source: 'manifest' });
    expect(malformed.delivered).toBe(false);
    for (const text of [refused.error, malformed.error, ...lines]) {
      expect(text).not.toContain('s3cret');
      expect(text).not.toContain('127.0.0.1');
    }
  });

  it('logs critical alerts as fatal when no webhook is set', async () => {
    const calls: { level: string; object: Record<string, unknown>; message: string }[] = [];
    const log = {
      fatal: (object: object, message: string) =>
        calls.push({ level: 'fatal', object: { ...object }, message }),
      error: (object: object, message: string) =>
        calls.push({ level: 'error', object: { ...object }, message }),
      warn: (object: object, message: string) =>
        calls.push({ level: 'warn', object: { ...object }, message }),
    };
    const outcome = await sendAlerts(REPORT, { log, source: 'manifest' });
    expect(outcome).toEqual({ delivered: false });
    expect(calls.map((call) => call.level)).toEqual(['fatal', 'fatal', 'warn']);
    expect(calls[0]).toMatchObject({
      object: { severity: 'CRITICAL', code: 'too_few_records', source: 'manifest' },
      message: REPORT.alerts[0]?.message,
    });
  });

  it('sends and logs nothing when there are no alerts', async () => {
    const slack = await slackServer((response) => response.end('ok'));
    const { log, lines } = memoryLogger();
    const clean = detectAnomalies(schema({ total: 50 }));
    expect(await sendAlerts(clean, { webhookUrl: slack.url, log, source: 'manifest' })).toEqual({
      delivered: false,
    });
    expect(slack.requests).toHaveLength(0);
    expect(lines).toEqual([]);
  });
});

describe('buildSlackMessage', () => {
  it('stays within Slack block limits and escapes mrkdwn control characters', () => {
    const alerts: AnomalyAlert[] = Array.from({ length: 60 }, (_, index) => ({
      severity: 'WARNING',
      code: 'violation_spike',
      message: `type_${index} <b> & ${'x'.repeat(4000)}`,
      value: 51 + index,
      threshold: 50,
    }));
    const message = buildSlackMessage({ status: 'PASS', anomalies_found: 60, alerts }, '<manifest>');
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const shown = message.blocks.length - 2;
    expect(message.blocks.at(-1)?.text.text).toContain(`${60 - shown} more`);
    for (const block of message.blocks) {
      expect(block.text.text.length).toBeLessThanOrEqual(3000);
      expect(block.text.text).not.toMatch(/[<>]/);
    }
    expect(message.blocks[0]?.text.text).toContain('&lt;manifest&gt;');
    expect(message.text).toContain('0 critical, 60 warnings');
  });
});
