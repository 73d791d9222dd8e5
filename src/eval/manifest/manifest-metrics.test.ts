import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scored } from '../../core/types.js';
import type { ManifestTarget } from '../../tasks/manifest/record.js';
import { analyzeManifestErrors } from './manifest-error-analysis.js';
import { describeManifestError, manifestConfusion, manifestEvaluation } from './manifest-evaluation.js';
import {
  compareManifests,
  manifestFields,
  multisetOverlap,
  parseManifest,
  scoreManifests,
} from './manifest-metrics.js';

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: "1"\n';
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n';
const pair = (target: string, prediction: string | undefined, id = 'x'): Scored<ManifestTarget> => ({
  id,
  target: { manifest: target },
  prediction: prediction === undefined ? undefined : { manifest: prediction },
  strata: { iac_type: 'k8s_config' },
});

describe('manifest metrics (hand-computed)', () => {
  it('flattens documents into kind-prefixed leaf fields, list positions dropped', () => {
    expect(manifestFields(parseManifest(CONFIG_MAP).documents)).toEqual([
      'ConfigMap:apiVersion="v1"',
      'ConfigMap:kind="ConfigMap"',
      'ConfigMap:metadata.name="a"',
      'ConfigMap:data.x="1"',
    ]);
    expect(manifestFields(parseManifest('kind: A\nspec: {a: [], b: {}, c: [1, 2]}\n').documents)).toEqual([
      'A:kind="A"',
      'A:spec.a=[]',
      'A:spec.b={}',
      'A:spec.c[]=1',
      'A:spec.c[]=2',
    ]);
  });

  it('computes field overlap as multiset F1', () => {
    // Reference: 4 fields. Answer: 5 fields, 3 in common (apiVersion, kind, data.x).
    // P = 3/5, R = 3/4, F1 = 2·0.6·0.75 / 1.35 = 2/3.
    const answer = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  x: "1"\n  y: "2"\n';
    const comparison = compareManifests(answer, CONFIG_MAP);
    expect(comparison).toEqual({
      validYaml: true,
      validKubernetes: true,
      kindMatch: true,
      fieldOverlap: expect.closeTo(2 / 3, 12),
      fieldPrecision: 0.6,
      fieldRecall: 0.75,
      primaryKind: 'ConfigMap',
    });
    expect(multisetOverlap(['a', 'a'], ['a'])).toEqual({ precision: 0.5, recall: 1, f1: 2 / 3 });
    expect(multisetOverlap([], [])).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(multisetOverlap([], ['a'])).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('ignores the order of list items and documents', () => {
    const swapped =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 81\n    - port: 80\n';
    const reference =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n    - port: 81\n';
    expect(compareManifests(swapped, reference).fieldOverlap).toBe(1);
    expect(compareManifests(`${SERVICE}---\n${CONFIG_MAP}`, `${CONFIG_MAP}---\n${SERVICE}`)).toMatchObject({
      kindMatch: true,
      fieldOverlap: 1,
    });
  });

  it('edge cases: failed, empty, invalid YAML, YAML that is not Kubernetes, wrong kind', () => {
    const zero = { validYaml: false, validKubernetes: false, kindMatch: false, fieldOverlap: 0 };
    expect(compareManifests(undefined, CONFIG_MAP)).toMatchObject(zero);
    expect(compareManifests('', CONFIG_MAP)).toMatchObject(zero);
    expect(compareManifests('a: [\n', CONFIG_MAP)).toMatchObject(zero);
    expect(compareManifests('foo: bar\n', CONFIG_MAP)).toMatchObject({
      validYaml: true,
      validKubernetes: false,
      kindMatch: false,
      fieldOverlap: 0,
    });
    // Service vs ConfigMap: only apiVersion could match, but fields are prefixed by kind.
    expect(compareManifests(SERVICE, CONFIG_MAP)).toMatchObject({
      validKubernetes: true,
      kindMatch: false,
      fieldOverlap: 0,
    });
  });

  it('averages over examples', () => {
    const values = scoreManifests([
      pair(CONFIG_MAP, CONFIG_MAP),
      pair(CONFIG_MAP, SERVICE),
      pair(CONFIG_MAP, undefined),
    ]);
    expect(values).toEqual({
      examples: 3,
      valid_yaml: 2 / 3,
      valid_kubernetes: 2 / 3,
      kind_match: 1 / 3,
      field_overlap: 1 / 3,
      field_precision: 1 / 3,
      field_recall: 1 / 3,
      parse_failure_rate: 1 / 3,
    });
    expect(scoreManifests([])).toMatchObject({ examples: 0, valid_yaml: 0, field_overlap: 0 });
  });

  it('scores a manifest against itself as perfect (property)', () => {
    const scalar = fc.oneof(fc.integer(), fc.boolean(), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), scalar, { maxKeys: 5 }), (labels) => {
        const text = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'n', labels } });
        expect(compareManifests(text, text)).toMatchObject({
          validKubernetes: true,
          kindMatch: true,
          fieldOverlap: 1,
        });
      }),
    );
  });

  it('builds the kind confusion matrix and describes errors', () => {
    const pairs = [
      pair(CONFIG_MAP, CONFIG_MAP, '1'),
      pair(CONFIG_MAP, SERVICE, '2'),
      pair(SERVICE, 'a: [', '3'),
    ];
    expect(manifestConfusion(pairs)).toEqual({
      subject: 'kind of the first document',
      labels: ['ConfigMap', 'Service', '(invalid)'],
      counts: [
        [1, 1, 0],
        [0, 0, 1],
        [0, 0, 0],
      ],
    });
    expect(describeManifestError(pairs[1]!)).toBe(
      'kinds [Service] instead of [ConfigMap]; field overlap 0.00',
    );
    expect(describeManifestError(pairs[2]!)).toBe('the answer is not valid YAML');
    expect(manifestEvaluation.exampleScore(pairs[0]!)).toBe(1);
  });

  it('analyses errors: invalid answers, kind mismatches, missed fields, overlap histogram', () => {
    const analysis = analyzeManifestErrors([
      pair(CONFIG_MAP, CONFIG_MAP),
      pair(CONFIG_MAP, SERVICE),
      pair(SERVICE, undefined),
    ]);
    expect(analysis.failures).toBe(1);
    expect(analysis.kind_mismatches).toEqual([
      { expected: 'ConfigMap', predicted: 'Service', count: 1 },
      { expected: 'Service', predicted: '(failed)', count: 1 },
    ]);
    // ConfigMap's 4 field paths are missed once (by the Service answer), Service's 4 once (failed).
    expect(analysis.missed_fields.find((entry) => entry.path === 'ConfigMap:data.x')).toEqual({
      path: 'ConfigMap:data.x',
      count: 1,
    });
    expect(analysis.field_overlap_histogram[0]).toEqual({ bin: '0.0–0.1', count: 2 });
    expect(analysis.field_overlap_histogram[10]).toEqual({ bin: '1.0', count: 1 });
  });
});
