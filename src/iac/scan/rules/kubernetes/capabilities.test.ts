import { describe, expect, it } from 'vitest';
import { CAPABILITY_RULES as RULES } from './capabilities.js';
import { failurePaths, outcome, podWith, type RuleCase, uncoveredRules } from './test-manifests.js';

const caps = (capabilities: Record<string, unknown>) => podWith({ securityContext: { capabilities } });

const cases: RuleCase[] = [
  ['ILM-K8S-018', 'no capabilities block', podWith({}), 'fail'],
  ['ILM-K8S-018', 'drops NET_RAW only', caps({ drop: ['NET_RAW'] }), 'fail'],
  ['ILM-K8S-018', 'drops ALL', caps({ drop: ['ALL'] }), 'pass'],
  ['ILM-K8S-018', 'drops all (lower case)', caps({ drop: ['all'] }), 'pass'],
  ['ILM-K8S-019', 'drops NET_RAW', caps({ drop: ['NET_RAW'] }), 'pass'],
  ['ILM-K8S-019', 'drops ALL', caps({ drop: ['ALL'] }), 'pass'],
  ['ILM-K8S-019', 'drops something else', caps({ drop: ['SYS_ADMIN'] }), 'fail'],
  ['ILM-K8S-019', 'drops nothing', podWith({}), 'fail'],
  ['ILM-K8S-020', 'adds NET_RAW', caps({ add: ['NET_RAW'] }), 'fail'],
  ['ILM-K8S-020', 'adds NET_BIND_SERVICE', caps({ add: ['NET_BIND_SERVICE'] }), 'pass'],
  ['ILM-K8S-021', 'adds SYS_ADMIN', caps({ add: ['CHOWN', 'SYS_ADMIN'] }), 'fail'],
  ['ILM-K8S-021', 'adds CHOWN', caps({ add: ['CHOWN'] }), 'pass'],
  ['ILM-K8S-022', 'adds SYS_MODULE', caps({ add: ['SYS_MODULE'] }), 'fail'],
  ['ILM-K8S-022', 'adds nothing', caps({ drop: ['ALL'] }), 'pass'],
  ['ILM-K8S-023', 'adds NET_BIND_SERVICE', caps({ add: ['NET_BIND_SERVICE'] }), 'fail'],
  ['ILM-K8S-023', 'empty add list', caps({ add: [], drop: ['ALL'] }), 'pass'],
  ['ILM-K8S-023', 'no capabilities', podWith({}), 'pass'],
  ['ILM-K8S-024', 'adds NET_BIND_SERVICE only', caps({ add: ['NET_BIND_SERVICE'] }), 'pass'],
  ['ILM-K8S-024', 'adds CHOWN', caps({ add: ['NET_BIND_SERVICE', 'CHOWN'] }), 'fail'],
  ['ILM-K8S-025', 'does not drop ALL', caps({ drop: ['NET_RAW'] }), 'fail'],
  ['ILM-K8S-025', 'drops ALL but adds CHOWN', caps({ drop: ['ALL'], add: ['CHOWN'] }), 'fail'],
  [
    'ILM-K8S-025',
    'drops ALL, adds NET_BIND_SERVICE',
    caps({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] }),
    'pass',
  ],
];

describe('capability rules', () => {
  it.each(cases)('%s: %s is %s', (id, _description, yaml, expected) => {
    expect(outcome(RULES, id, yaml)).toBe(expected);
  });

  it('has a failing and a passing case for every rule', () => {
    expect(uncoveredRules(RULES, cases)).toEqual([]);
  });

  it('points at the added capability, or at the closest block when drop is missing', () => {
    expect(failurePaths(RULES, 'ILM-K8S-021', caps({ add: ['CHOWN', 'SYS_ADMIN'] }))).toEqual([
      ['spec', 'containers', 0, 'securityContext', 'capabilities', 'add', 1],
    ]);
    expect(failurePaths(RULES, 'ILM-K8S-018', caps({ add: ['CHOWN'] }))).toEqual([
      ['spec', 'containers', 0, 'securityContext', 'capabilities'],
    ]);
    expect(failurePaths(RULES, 'ILM-K8S-018', podWith({}))).toEqual([['spec', 'containers', 0]]);
  });

  it('never fails on templated values', () => {
    expect(outcome(RULES, 'ILM-K8S-018', caps({ drop: ['{{ .Values.drop }}'] }))).toBe('unknown');
    expect(
      outcome(
        RULES,
        'ILM-K8S-021',
        podWith({ securityContext: { capabilities: '{{ toYaml .Values.caps }}' } }),
      ),
    ).toBe('unknown');
  });
});
