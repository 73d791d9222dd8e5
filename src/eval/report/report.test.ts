import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeChatServer, startFakeChatServer } from '../../models/__fixtures__/fake-chat-server.js';
import { planWorkspace } from '../__fixtures__/plan-workspace.js';
import { type EvaluateResult, evaluate } from '../evaluate.js';
import { scopeSvgIds } from './report-html.js';

// Opens the report in headless Chromium (Debian's `chromium`; CI installs it) and checks that the
// charts render with a size and their text, and that the tables have rows.

const CHROMIUM = process.env.INFRALM_CHROMIUM ?? '/usr/bin/chromium';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let browser: Browser;
let server: FakeChatServer;
let result: EvaluateResult;
let model: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set INFRALM_CHROMIUM`,
    );
  }
  const workspace = await planWorkspace();
  // A model that gets every other request right, so the worst-examples table has rows.
  server = await startFakeChatServer((_, index) => ({
    content: index % 2 === 0 ? '{"resource_changes":[]}' : 'not JSON',
    usage: { prompt_tokens: 12, completion_tokens: 3 },
  }));
  model = `openai:${server.url}#half`;
  [browser, result] = await Promise.all([
    chromium.launch({ executablePath: CHROMIUM }),
    evaluate({
      workspace,
      task: 'plan',
      models: ['baseline', model],
      split: 'train',
      runs: 2,
      resamples: 200,
      http: { retries: 0, timeoutMs: 2000, backoffMs: 1 },
    }),
  ]);
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('report', () => {
  it('writes PNG and SVG charts, rendered without a browser', () => {
    const charts = join(result.directory, 'charts');
    const names = readdirSync(charts).sort();
    for (const expected of [
      'primary-boxplot',
      'metric-bars',
      'runtime',
      'stratum-provider',
      'stratum-complexity',
      'confusion-1',
      'confusion-2',
    ]) {
      expect(names).toContain(`${expected}.svg`);
      expect(names).toContain(`${expected}.png`);
      const png = readFileSync(join(charts, `${expected}.png`));
      expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      // Width and height from the IHDR chunk: the PNG is rendered at twice the SVG's size.
      const svg = readFileSync(join(charts, `${expected}.svg`), 'utf8');
      const svgWidth = Number(/width="(\d+(?:\.\d+)?)"/.exec(svg)![1]);
      expect(png.readUInt32BE(16)).toBe(Math.round(svgWidth * 2));
    }
  });

  it('renders in headless Chromium: charts with a size and their text, tables with rows, nothing fetched', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(pathToFileURL(result.report!.html).href);
    expect(requested.every((url) => url.startsWith('file:') || url.startsWith('data:'))).toBe(true);

    const figures = page.locator('figure.chart');
    expect(await figures.count()).toBe(7);
    for (let index = 0; index < 7; index++) {
      const box = await figures.nth(index).locator('svg').first().boundingBox();
      expect(box!.width).toBeGreaterThan(100);
      expect(box!.height).toBeGreaterThan(100);
    }
    const chartText = async (name: string) => (await page.locator(`#chart-${name} svg`).textContent()) ?? '';
    expect(await chartText('primary-boxplot')).toContain('f1 across 2 runs, per model');
    const bars = await chartText('metric-bars');
    for (const text of ['precision', 'recall', 'f1', 'exact_match', 'baseline', model])
      expect(bars).toContain(text);
    expect(await chartText('runtime')).toContain('Runtime per example (ms)');
    expect(await chartText('stratum-provider')).toContain('synthetic (n=');
    expect(await chartText('confusion-1')).toContain(
      'Confusion matrix (action per resource address): baseline',
    );
    expect(await chartText('confusion-2')).toContain('(absent)');

    expect(await page.locator('table.headline tbody tr').count()).toBe(2);
    expect(await page.locator('table.headline').textContent()).toContain(model);
    expect(await page.locator('table.run-values tbody tr').count()).toBe(4);
    expect(await page.locator('table.stratum tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('table.confusion tbody tr').count()).toBeGreaterThan(0);
    const worst = page.locator('table.worst tbody tr');
    expect(await worst.count()).toBeGreaterThan(0);
    expect(await worst.first().textContent()).toMatch(/prediction failed \(parse\)|missed/);
    await page.close();
  }, 20_000);

  it('writes a Markdown summary with the headline table and the worst examples', () => {
    const summary = readFileSync(result.report!.summary, 'utf8');
    expect(summary).toContain('### InfraLM eval: plan (train split,');
    expect(summary).toContain('| model | precision | recall | f1 | exact_match | failures | ms / example |');
    expect(summary).toContain(`| \`${model}\` |`);
    expect(summary).toContain(`Worst examples: ${model}`);
    expect(readFileSync(result.report!.html, 'utf8')).not.toMatch(/<script|src="https?:|href="https?:/);
  });

  it('keeps the ids of inline SVGs apart', () => {
    const svg =
      '<svg><defs><clipPath id="clip1"><rect/></clipPath></defs><g clip-path="url(#clip1)"/><use href="#clip1"/></svg>';
    expect(scopeSvgIds(svg, 'bars')).toBe(
      '<svg><defs><clipPath id="bars-clip1"><rect/></clipPath></defs><g clip-path="url(#bars-clip1)"/><use href="#bars-clip1"/></svg>',
    );
  });
});
