import { describe, expect, it } from 'vitest';
import { detectAnomalies, type SchemaReport } from './anomaly.js';
import { biasReport, mitigateBias, type StratifiedRecord } from './bias.js';
import { renderAnomalyMarkdown, renderBiasMarkdown, renderSchemaMarkdown } from './report-markdown.js';

const SCHEMA: SchemaReport = {
  total: 40,
  valid: 39,
  pass_rate_pct: 97.5,
  violation_counts: { invalid_yaml: 1, wrong_tool: 0 },
  pii_leaks: 1,
  pii_types: { email: 1 },
  by_split: { test: { total: 4, valid: 3 }, train: { total: 36, valid: 36 } },
};

// Table rows of a page whose first cell is `first`, split into cells on unescaped pipes.
function row(markdown: string, first: string): string[] | undefined {
  const line = markdown.split('\n').find((text) => text.startsWith(`| ${first} |`));
  return line
    ?.split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((cell) => cell.trim());
}

describe('renderSchemaMarkdown', () => {
  it('shows the headline, violations, PII types and splits', () => {
    const page = renderSchemaMarkdown(SCHEMA);
    expect(page.startsWith('# Schema report\n')).toBe(true);
    expect(page).toContain('**Pass rate 97.5%**: 39 of 40 records valid; 1 leak PII.');
    expect(row(page, 'invalid_yaml')).toEqual(['invalid_yaml', '1']);
    expect(row(page, 'wrong_tool')).toEqual(['wrong_tool', '0']);
    expect(row(page, 'email')).toEqual(['email', '1']);
    expect(row(page, 'test')).toEqual(['test', '4', '3', '75.0%']);
    expect(row(page, 'train')).toEqual(['train', '36', '36', '100.0%']);
  });

  it('omits the PII section when nothing leaked', () => {
    expect(renderSchemaMarkdown({ ...SCHEMA, pii_leaks: 0, pii_types: {} })).not.toContain('## PII types');
  });
});

describe('renderAnomalyMarkdown', () => {
  it('shows the status and one row per alert', () => {
    const report = detectAnomalies({ ...SCHEMA, total: 8, valid: 4, pass_rate_pct: 50 });
    const page = renderAnomalyMarkdown(report);
    expect(page).toContain(`**FAIL**: ${report.anomalies_found} anomalies found.`);
    expect(row(page, 'CRITICAL')).toEqual([
      'CRITICAL',
      'too_few_records',
      '8',
      '10',
      report.alerts[0]!.message,
    ]);
    expect(page.match(/^\| CRITICAL \|/gm)).toHaveLength(3);
  });

  it('has no table for a clean report', () => {
    const page = renderAnomalyMarkdown(detectAnomalies({ ...SCHEMA, pii_leaks: 0, pii_types: {} }));
    expect(page).toBe('# Anomaly report\n\n**PASS**: 0 anomalies found.\n');
  });
});

describe('renderBiasMarkdown', () => {
  const records: StratifiedRecord[] = [
    ...Array.from({ length: 45 }, (_, index) => ({ id: `k${index}`, strata: { iac_type: 'kserve' } })),
    ...Array.from({ length: 45 }, (_, index) => ({ id: `s${index}`, strata: { iac_type: 'a|b' } })),
    ...Array.from({ length: 10 }, (_, index) => ({ id: `c${index}`, strata: { iac_type: 'k8s_config' } })),
  ];

  it('shows imbalances, slices and the mitigation', () => {
    const detection = biasReport(records, { dimensions: ['iac_type'], maxShare: 0.4 });
    const mitigation = mitigateBias(records, { dimension: 'iac_type', maxShare: 0.4, seed: 42 });
    const page = renderBiasMarkdown(detection, mitigation);
    expect(page).toContain(`**${detection.imbalances_found} imbalances** across 1 dimensions of 100 records`);
    expect(page).toContain('## Mitigation');
    expect(page).toContain(`Downsampled 100 records to ${mitigation.balanced_total}.`);
    // A pipe in a slice value is escaped, so the row keeps its columns.
    expect(row(page, 'a\\|b')).toEqual(['a\\|b', '45', '45.0%']);
    expect(row(page, 'kserve')).toEqual(['kserve', '45', '45.0%']);
    expect(row(page, 'k8s_config')).toEqual(['k8s_config', '10', '10.0%']);
    const mitigationPart = page.slice(page.indexOf('## Mitigation'));
    expect(row(mitigationPart, 'kserve')).toEqual(['kserve', '25', '20', '40.0%']);
  });

  it('says when mitigation was not feasible and works without one', () => {
    const single = records.filter((record) => record.strata.iac_type === 'kserve');
    const detection = biasReport(single, { dimensions: ['iac_type'], maxShare: 0.4 });
    const page = renderBiasMarkdown(
      detection,
      mitigateBias(single, { dimension: 'iac_type', maxShare: 0.4, seed: 1 }),
    );
    expect(page).toContain('Not feasible');
    expect(renderBiasMarkdown(detection)).not.toContain('## Mitigation');
  });
});
