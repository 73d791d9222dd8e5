import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseImageReference, IMAGE_RULES as RULES } from './images.js';
import { failurePaths, outcome, podWith, type RuleCase, uncoveredRules } from './test-manifests.js';

const DIGEST = 'sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945';
const image = (reference: string, fields: Record<string, unknown> = {}) =>
  podWith({ image: reference, ...fields });

const cases: RuleCase[] = [
  ['ILM-K8S-044', 'latest tag', image('nginx:latest'), 'fail'],
  ['ILM-K8S-044', 'no tag', image('nginx'), 'fail'],
  ['ILM-K8S-044', 'registry port, no tag', image('registry.local:5000/team/app'), 'fail'],
  ['ILM-K8S-044', 'no image at all', podWith({ image: null }), 'fail'],
  ['ILM-K8S-044', 'version tag', image('nginx:1.25.3'), 'pass'],
  ['ILM-K8S-044', 'digest only', image(`nginx@${DIGEST}`), 'pass'],
  ['ILM-K8S-045', 'tag only', image('nginx:1.25.3'), 'fail'],
  ['ILM-K8S-045', 'digest', image(`nginx:1.25.3@${DIGEST}`), 'pass'],
  ['ILM-K8S-046', 'version tag, default policy', image('nginx:1.25.3'), 'fail'],
  ['ILM-K8S-046', 'IfNotPresent', image('nginx:1.25.3', { imagePullPolicy: 'IfNotPresent' }), 'fail'],
  ['ILM-K8S-046', 'latest tag, default policy (Always)', image('nginx:latest'), 'pass'],
  ['ILM-K8S-046', 'explicit Always', image('nginx:1.25.3', { imagePullPolicy: 'Always' }), 'pass'],
];

describe('image rules', () => {
  it.each(cases)('%s: %s is %s', (id, _description, yaml, expected) => {
    expect(outcome(RULES, id, yaml)).toBe(expected);
  });

  it('has a failing and a passing case for every rule', () => {
    expect(uncoveredRules(RULES, cases)).toEqual([]);
  });

  it('points at the image, or at the container for a defaulted pull policy', () => {
    expect(failurePaths(RULES, 'ILM-K8S-044', image('nginx:latest'))).toEqual([
      ['spec', 'containers', 0, 'image'],
    ]);
    expect(failurePaths(RULES, 'ILM-K8S-046', image('nginx:1.2'))).toEqual([['spec', 'containers', 0]]);
  });

  it('never fails on templated values', () => {
    const templated = image('{{ .Values.image.repository }}:{{ .Values.image.tag }}');
    for (const rule of RULES) expect(outcome(RULES, rule.id, templated)).toBe('unknown');
  });

  it('splits registries with ports, tags and digests', () => {
    expect(parseImageReference('registry.local:5000/team/app')).toEqual({
      repository: 'registry.local:5000/team/app',
      tag: '',
      digest: '',
    });
    expect(parseImageReference(`ghcr.io/a/b:v1@${DIGEST}`)).toEqual({
      repository: 'ghcr.io/a/b',
      tag: 'v1',
      digest: DIGEST,
    });
  });

  it('round-trips any repository, tag and digest', () => {
    const segment = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,10}$/);
    fc.assert(
      fc.property(
        fc.option(fc.tuple(segment, fc.integer({ min: 1, max: 65535 })), { nil: undefined }),
        fc.array(segment, { minLength: 1, maxLength: 3 }),
        fc.option(fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,20}$/), { nil: undefined }),
        fc.option(fc.stringMatching(/^sha256:[a-f0-9]{64}$/), { nil: undefined }),
        (registry, path, tag, digest) => {
          const repository = `${registry ? `${registry[0]}:${registry[1]}/` : ''}${path.join('/')}`;
          const reference = `${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
          expect(parseImageReference(reference)).toEqual({
            repository,
            tag: tag ?? '',
            digest: digest ?? '',
          });
        },
      ),
    );
  });
});
