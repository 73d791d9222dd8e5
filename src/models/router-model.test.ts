import { describe, expect, it } from 'vitest';
import { lintTask } from '../tasks/lint/task.js';
import { planTask } from '../tasks/plan/task.js';
import { resolveModel } from './registry.js';
import { createRouterModelFactory, parseRouterSpec, requestCategory } from './router-model.js';
import type { Model, ModelContext } from './types.js';

/** An inner model that answers with its own spec, so a test sees which side the router picked. */
function echoModel<I, O>(spec: string): Model<I, O> {
  return {
    spec,
    fingerprint: `echo:${spec}`,
    deterministic: true,
    requestKey: (input) => input,
    generate: async () => ({ output: spec as unknown as O }),
  };
}

const echoRouter = createRouterModelFactory(<I, O>(spec: string, _context: ModelContext<I, O>) =>
  echoModel<I, O>(spec),
);

describe('router spec', () => {
  it('parses both orders and keeps nested specs whole', () => {
    expect(
      parseRouterSpec(
        'router:specialist=gguf:./m/sec.gguf?lora=a.gguf,generalist=openai:http://127.0.0.1:8080/v1#m',
      ),
    ).toEqual({
      specialist: 'gguf:./m/sec.gguf?lora=a.gguf',
      generalist: 'openai:http://127.0.0.1:8080/v1#m',
    });
    expect(parseRouterSpec('router:generalist=baseline,specialist=gguf:x.gguf')).toEqual({
      specialist: 'gguf:x.gguf',
      generalist: 'baseline',
    });
  });

  it('rejects a malformed spec and a router inside a router', () => {
    expect(() => parseRouterSpec('router:specialist=baseline')).toThrow(
      /expected router:specialist=SPEC,generalist=SPEC/,
    );
    expect(() =>
      echoRouter.create('router:specialist=router:specialist=a,generalist=b,generalist=c', {
        task: planTask,
      }),
    ).toThrow(/cannot route to another router/);
  });
});

describe('request category', () => {
  it('sends lint and triage to the specialist whatever the input', () => {
    expect(requestCategory('lint', { files: [] })).toBe('security');
    expect(requestCategory('triage', {})).toBe('security');
  });

  it('sends security-sensitive plan inputs to the specialist and the rest to the generalist', () => {
    const sg = { files: [{ path: 'main.tf', content: 'resource "aws_security_group" "web" {}\n' }] };
    const bucket = { files: [{ path: 'main.tf', content: 'resource "aws_s3_bucket" "logs" {}\n' }] };
    const cidr = { files: [{ path: 'main.tf', content: 'cidr_blocks = ["0.0.0.0/0"]\n' }] };
    expect(requestCategory('plan', sg)).toBe('security');
    expect(requestCategory('plan', cidr)).toBe('security');
    expect(requestCategory('plan', bucket)).toBe('general');
  });
});

describe('router model', () => {
  it('answers each request from the side its category picks, and keys requests by side', async () => {
    const model = echoRouter.create('router:specialist=S,generalist=G', { task: planTask });
    const sg = { files: [{ path: 'main.tf', content: 'resource "aws_iam_role" "r" {}\n' }] };
    const vpc = { files: [{ path: 'main.tf', content: 'resource "aws_vpc" "v" {}\n' }] };
    expect((await model.generate(sg, { temperature: 0 })).output).toBe('S');
    expect((await model.generate(vpc, { temperature: 0 })).output).toBe('G');
    expect(model.requestKey(sg, { temperature: 0 })).toEqual({ side: 'security', key: sg });
    expect(model.deterministic).toBe(true);

    const lint = echoRouter.create('router:specialist=S,generalist=G', { task: lintTask });
    expect((await lint.generate({ files: [] } as never, { temperature: 0 })).output).toBe('S');
  });

  it('changes its fingerprint when either side changes', () => {
    const a = echoRouter.create('router:specialist=S,generalist=G', { task: planTask });
    const b = echoRouter.create('router:specialist=S,generalist=H', { task: planTask });
    const c = echoRouter.create('router:specialist=T,generalist=G', { task: planTask });
    expect(new Set([a.fingerprint, b.fingerprint, c.fingerprint]).size).toBe(3);
  });

  it('resolves real inner models through the registry', async () => {
    const model = resolveModel('router:specialist=baseline,generalist=baseline', { task: planTask });
    const input = { files: [{ path: 'main.tf', content: 'resource "aws_s3_bucket" "b" {}\n' }] };
    expect(await model.generate(input, { temperature: 0 })).toEqual({
      output: { resource_changes: [{ address: 'aws_s3_bucket.b', actions: ['create'] }] },
    });
    expect(() => resolveModel('router:specialist=baseline,generalist=gpt-4', { task: planTask })).toThrow(
      /unknown model "gpt-4"/,
    );
  });
});
