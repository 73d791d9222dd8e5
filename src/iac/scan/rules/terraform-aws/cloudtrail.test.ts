import { describe, expect, it } from 'vitest';
import { runTerraformRule, verdict } from '../../../../test-support/scan-harness.js';
import type { TerraformRule } from '../../types.js';
import { CLOUDTRAIL_RULES } from './cloudtrail.js';

const rule = (id: string): TerraformRule => {
  const found = CLOUDTRAIL_RULES.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};
const judge = (id: string, text: string) => verdict(runTerraformRule(rule(id), text));

const trail = (body: string) => `
resource "aws_cloudtrail" "t" {
  name           = "main"
  s3_bucket_name = "trail-logs"
${body}
}`;

const cases: { id: string; failing: string; passing: string }[] = [
  { id: 'ILM-TF-AWS-062', failing: trail(''), passing: trail('  is_multi_region_trail = true') },
  {
    id: 'ILM-TF-AWS-063',
    failing: trail('  enable_log_file_validation = false'),
    passing: trail('  enable_log_file_validation = true'),
  },
  {
    id: 'ILM-TF-AWS-064',
    failing: trail(''),
    passing: `resource "aws_kms_key" "trail" {}\n${trail('  kms_key_id = aws_kms_key.trail.arn')}`,
  },
  {
    id: 'ILM-TF-AWS-065',
    failing: trail(''),
    passing: `resource "aws_cloudwatch_log_group" "trail" {\n  name = "trail"\n}\n${trail(
      `  cloud_watch_logs_group_arn = "\${aws_cloudwatch_log_group.trail.arn}:*"\n  cloud_watch_logs_role_arn = "arn:aws:iam::111122223333:role/trail"`,
    )}`,
  },
  { id: 'ILM-TF-AWS-066', failing: trail('  enable_logging = false'), passing: trail('') },
];

describe('CloudTrail rules', () => {
  it.each(cases)('$id fails on the insecure snippet', ({ id, failing }) => {
    expect(judge(id, failing)).toBe('fail');
  });
  it.each(cases)('$id passes on the secure snippet', ({ id, passing }) => {
    expect(judge(id, passing)).toBe('pass');
  });

  it('is unknown, never failing, for flags known only later', () => {
    expect(judge('ILM-TF-AWS-062', `variable "all" {}\n${trail('  is_multi_region_trail = var.all')}`)).toBe(
      'unknown',
    );
  });

  it('points at the attribute', () => {
    const [outcome] = runTerraformRule(rule('ILM-TF-AWS-063'), trail('  enable_log_file_validation = false'));
    expect(outcome?.results[0]).toMatchObject({ status: 'fail', attribute: ['enable_log_file_validation'] });
  });
});
