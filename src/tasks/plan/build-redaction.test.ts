import { describe, expect, it } from 'vitest';
import type { Document, Example, StepContext } from '../../core/types.js';
import { buildPlanExamples } from './build.js';
import type { PlanInput, PlanTarget } from './types.js';

describe('plan examples and secrets', () => {
  it('writes the module redacted; the resource changes are those of the original', async () => {
    const secret = 'Sup3rS3cretPw!';
    const documents: Document[] = [
      {
        id: 'a',
        text: `resource "aws_db_instance" "d" {\n  count    = 2\n  password = "${secret}"\n}\n`,
        source: { kind: 'directory', repo: 'o/r', path: 'db/main.tf', license: 'MIT' },
      },
    ];
    const counts: Record<string, number> = {};
    const context: StepContext = {
      count: (name, n = 1) => {
        counts[name] = (counts[name] ?? 0) + n;
      },
      drop: () => {},
    };
    async function* stream() {
      yield* documents;
    }
    const examples: Example<PlanInput, PlanTarget>[] = [];
    for await (const example of buildPlanExamples()(stream(), context)) examples.push(example);
    expect(examples).toHaveLength(1);
    expect(JSON.stringify(examples)).not.toContain(secret);
    expect(examples[0]!.input.files[0]!.content).toContain('password = "REDACTED_CREDS"');
    expect(examples[0]!.target.resource_changes.map((change) => change.address)).toEqual([
      'aws_db_instance.d[0]',
      'aws_db_instance.d[1]',
    ]);
    expect(counts['redactions:credential_field']).toBe(1);
  });
});
