// VPC rules that need other resources: flow logs are separate aws_flow_log resources.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { TerraformRule } from '../../types.js';
import { relatedResources } from './related-resources.js';
import { same } from './rule-helpers.js';

export const VPC_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AWS-099',
    title: 'VPC has flow logs',
    severity: 'MEDIUM',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['aws_vpc'],
    remediation: 'Add an aws_flow_log with vpc_id = aws_vpc.<name>.id delivering to CloudWatch Logs or S3.',
    references: ['https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html'],
    equivalents: same({ checkov: ['CKV2_AWS_11'], trivy: ['AVD-AWS-0178'] }),
    check(vpc, context) {
      const logs = relatedResources(context, vpc, 'aws_flow_log', 'vpc_id');
      if (logs.matches.length > 0) return PASS;
      return logs.undecided ? UNKNOWN_RESULT : fail(undefined, 'VPC has no flow log');
    },
  },
];
