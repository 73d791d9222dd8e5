import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Document, Example, Scored, StepContext } from '../../core/types.js';
import { buildPlanExamples } from './build.js';
import { addressCategories, addressPattern, analyzePlanErrors } from './error-analysis.js';
import { countPairs, precisionRecallF1, scorePlans } from './metrics.js';
import { parsePlanAnswer } from './parse.js';
import { planMessages, renderFiles } from './prompt.js';
import { generateSynthetic, TEMPLATES } from './synthetic.js';
import { planTask } from './task.js';
import type { PlanInput, PlanTarget } from './types.js';

const plan = (...pairs: [string, string][]): PlanTarget => ({
  resource_changes: pairs.map(([address, action]) => ({ address, actions: action.split('+') })),
});

describe('plan metrics', () => {
  it('computes precision, recall and F1 over (address, action) pairs by hand', () => {
    const gold = plan(['a.x', 'create'], ['a.y', 'create'], ['data.b.z', 'read']);
    const prediction = plan(['a.x', 'create'], ['a.y', 'update'], ['a.w', 'create']);
    // tp = 1 (a.x), fp = 2 (a.y update, a.w), fn = 2 (a.y create, data.b.z)
    expect(countPairs(prediction, gold)).toEqual({ truePositives: 1, falsePositives: 2, falseNegatives: 2 });
    const { precision, recall, f1 } = precisionRecallF1(countPairs(prediction, gold));
    expect(precision).toBeCloseTo(1 / 3);
    expect(recall).toBeCloseTo(1 / 3);
    expect(f1).toBeCloseTo(1 / 3);
  });

  it('handles the edge cases: empty plans, nothing predicted, all wrong, failed predictions', () => {
    expect(precisionRecallF1(countPairs(plan(), plan()))).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(precisionRecallF1(countPairs(plan(), plan(['a.x', 'create'])))).toEqual({
      precision: 0,
      recall: 0,
      f1: 0,
    });
    expect(precisionRecallF1(countPairs(plan(['a.x', 'create']), plan()))).toEqual({
      precision: 0,
      recall: 0,
      f1: 0,
    });
    expect(precisionRecallF1(countPairs(undefined, plan(['a.x', 'create'])))).toEqual({
      precision: 0,
      recall: 0,
      f1: 0,
    });
    // A replace is one pair: delete+create must match as a whole.
    expect(countPairs(plan(['a.x', 'create']), plan(['a.x', 'delete+create'])).truePositives).toBe(0);
  });

  it('aggregates micro and macro figures, exact match and breakdowns by stratum', () => {
    const pairs: Scored<PlanTarget>[] = [
      {
        id: '1',
        prediction: plan(['a.x', 'create']),
        target: plan(['a.x', 'create']),
        strata: { provider: 'aws', complexity: 'simple' },
      },
      {
        id: '2',
        prediction: plan(['g.x', 'create']),
        target: plan(['g.x', 'create'], ['g.y', 'create']),
        strata: { provider: 'google', complexity: 'simple' },
      },
      {
        id: '3',
        prediction: undefined,
        target: plan(['a.z', 'create']),
        strata: { provider: 'aws', complexity: 'complex' },
      },
    ];
    const metrics = scorePlans(pairs);
    // micro: tp 2, fp 0, fn 2 → P 1, R 0.5, F1 2/3; macro F1 = (1 + 2/3 + 0) / 3
    expect(metrics.values.precision).toBe(1);
    expect(metrics.values.recall).toBe(0.5);
    expect(metrics.values.f1).toBeCloseTo(2 / 3);
    expect(metrics.values.macro_f1).toBeCloseTo((1 + 2 / 3) / 3);
    expect(metrics.values.exact_match).toBeCloseTo(1 / 3);
    expect(metrics.values.parse_failure_rate).toBeCloseTo(1 / 3);
    expect(metrics.by?.provider?.aws?.exact_match).toBe(0.5);
    expect(metrics.by?.complexity?.complex?.recall).toBe(0);
  });
});

describe('parsePlanAnswer', () => {
  it('accepts the schema object, a bare array, show -json changes and fenced JSON', () => {
    const expected = plan(['aws_s3_bucket.b["x"]', 'create']);
    expect(
      parsePlanAnswer('{"resource_changes":[{"address":"aws_s3_bucket.b[\\"x\\"]","actions":["create"]}]}'),
    ).toEqual(expected);
    expect(parsePlanAnswer('[{"address":"aws_s3_bucket.b[\\"x\\"]","actions":["create"]}]')).toEqual(
      expected,
    );
    expect(
      parsePlanAnswer(
        '{"resource_changes":[{"address":"aws_s3_bucket.b[\\"x\\"]","change":{"actions":["create"]}}]}',
      ),
    ).toEqual(expected);
    expect(
      parsePlanAnswer('Here:\n```json\n[{"address":"aws_s3_bucket.b[\\"x\\"]","actions":["create"]}]\n```'),
    ).toEqual(expected);
  });

  it('rejects what is not a plan with a clear message', () => {
    expect(() => parsePlanAnswer('nope')).toThrow(/not JSON/);
    expect(() => parsePlanAnswer('{"changes": []}')).toThrow(/no resource_changes/);
    expect(() => parsePlanAnswer('[{"address": "a.b", "actions": ["make"]}]')).toThrow(/actions must be/);
  });

  it('round-trips every rendered answer (property)', () => {
    const address = fc.stringMatching(
      /^[a-z][a-z0-9_]{0,8}\.[a-z][a-z0-9_]{0,8}(\[[0-9]\]|\["[a-z"\\]{0,5}"\])?$/,
    );
    const action = fc.constantFrom('create', 'read', 'update', 'delete', 'no-op');
    fc.assert(
      fc.property(
        fc.array(fc.record({ address, actions: fc.array(action, { minLength: 1, maxLength: 2 }) }), {
          maxLength: 6,
        }),
        (changes) => {
          const target = { resource_changes: changes };
          const text = planTask.render(target).content as string;
          expect(parsePlanAnswer(text).resource_changes).toEqual(
            [...changes].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0)),
          );
        },
      ),
    );
  });
});

describe('plan error analysis', () => {
  it('classifies addresses into the categories the synthetic generator produces', () => {
    expect(addressCategories('aws_instance.x[0]')).toEqual(['count_index']);
    expect(addressCategories('aws_s3_bucket.b["k"]')).toEqual(['for_each_key']);
    expect(addressCategories('module.a[1].module.b["x"].aws_iam_role.r').sort()).toEqual(
      ['module_count', 'module_for_each', 'nested_module'].sort(),
    );
    expect(addressCategories('data.aws_iam_policy_document.p', ['read'])).toEqual(['data_read']);
    expect(addressCategories('aws_vpc.main')).toEqual(['plain']);
    expect(addressPattern('module.net[0].aws_subnet.private["a"]')).toBe('module.*[N].aws_subnet.*["K"]');
  });

  it('counts missed and spurious pairs by pattern', () => {
    const analysis = analyzePlanErrors([
      {
        id: '1',
        prediction: plan(['aws_instance.x[0]', 'create']),
        target: plan(
          ['aws_instance.x[0]', 'create'],
          ['aws_instance.x[1]', 'create'],
          ['aws_s3_bucket.b["k"]', 'create'],
        ),
        strata: {},
      },
      { id: '2', prediction: plan(['aws_vpc.v', 'create']), target: plan(), strata: {} },
    ]);
    expect(analysis.missed_pairs).toBe(2);
    expect(analysis.spurious_pairs).toBe(1);
    expect(analysis.missed_by_category.count_index).toBe(1);
    expect(analysis.missed_by_category.for_each_key).toBe(1);
    expect(analysis.expected_by_category.count_index).toBe(2);
    expect(analysis.missed_patterns[0]).toEqual({
      pattern: 'aws_instance.*[N] create',
      count: 1,
      example: 'aws_instance.x[1] create',
    });
  });
});

describe('synthetic plan examples', () => {
  it('are deterministic for a seed, plan exactly, and follow the weights they are given', () => {
    const first = generateSynthetic(20, 7);
    expect(generateSynthetic(20, 7)).toEqual(first);
    expect(new Set(first.map((example) => example.template)).size).toBeGreaterThan(3);
    for (const example of first) expect(example.input.files.length).toBeGreaterThan(0);
    const nested = generateSynthetic(30, 3, { nested_module: 1 });
    expect(
      nested.every((example) =>
        TEMPLATES.find((template) => template.name === example.template)!.categories.includes(
          'nested_module',
        ),
      ),
    ).toBe(true);
    expect(nested[0]!.target.resource_changes[0]!.address).toMatch(
      /^module\.stack\[0\]\.module\.unit\["[a-z]+"\]\./,
    );
  });
});

describe('buildPlanExamples', () => {
  it('plans each module directory of a repository and drops what it cannot label exactly', async () => {
    const documents: Document[] = Object.entries({
      'main.tf': 'module "m" {\n  source = "./modules/m"\n  n = 2\n}\n',
      'modules/m/main.tf':
        'variable "n" {\n  type = number\n}\nresource "aws_sqs_queue" "q" {\n  count = var.n\n}\n',
      'examples/empty/main.tf': 'locals {\n  x = 1\n}\n',
      'broken/main.tf': 'resource "a_b" "c" {\n  x = var.nope\n}\n',
      'README.md': '# not terraform',
    }).map(([path, text]) => ({
      id: path,
      text,
      source: { kind: 'directory', repo: 'o/r', path, license: 'MIT' },
    }));
    const drops: [string, string][] = [];
    const context: StepContext = {
      count: () => {},
      drop: (item, reason) => drops.push([String(item), reason]),
    };
    async function* stream() {
      yield* documents;
    }
    const examples: Example<PlanInput, PlanTarget>[] = [];
    for await (const example of buildPlanExamples()(stream(), context)) examples.push(example);
    expect(examples).toHaveLength(1);
    expect(examples[0]!.target).toEqual(
      plan(['module.m.aws_sqs_queue.q[0]', 'create'], ['module.m.aws_sqs_queue.q[1]', 'create']),
    );
    expect(examples[0]!.input.files.map((file) => file.path)).toEqual(['main.tf', 'modules/m/main.tf']);
    expect(examples[0]!.strata).toEqual({ provider: 'aws', complexity: 'simple', label_source: 'static' });
    expect(drops.sort()).toEqual([
      ['o/r/broken', 'plan-error'],
      ['o/r/examples/empty', 'no-changes'],
      ['o/r/modules/m', 'required-variables'],
    ]);
    // The baseline predictor is the static planner: on its own training label it is exact.
    expect(await planTask.baseline.predict(examples[0]!.input)).toEqual(examples[0]!.target);
  });

  it('fences files so that backticks in a file cannot close the block', () => {
    const text = renderFiles({ files: [{ path: 'main.tf', content: 'x = "```"\n' }] });
    expect(text).toBe('main.tf\n````hcl\nx = "```"\n````');
    expect(planMessages({ files: [] })[0]!.role).toBe('system');
  });
});
