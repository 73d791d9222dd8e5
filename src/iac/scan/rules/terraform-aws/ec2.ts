// EC2 instance, launch template/configuration and EBS rules.

import { isUnknown, type ValueObject } from '../../../terraform/eval/value.js';
import { fail, PASS, type Path, stringAt, UNKNOWN_RESULT, valueAt } from '../../terraform-values.js';
import type { CheckResult, TerraformResourceView, TerraformRule } from '../../types.js';
import {
  blockList,
  combine,
  forbidFalse,
  forbidTrue,
  requireString,
  requireTrue,
  same,
} from './rule-helpers.js';

const EC2_DOCS = 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide';

/** IMDSv2: http_tokens = "required", or the metadata endpoint disabled altogether. */
function metadataCheck(resource: TerraformResourceView): CheckResult {
  const options = blockList(resource.values, ['metadata_options']);
  if (options === 'unknown') return UNKNOWN_RESULT;
  const block = options[0];
  if (!block)
    return fail(
      undefined,
      'Instance metadata service v1 is enabled (no metadata_options with http_tokens = "required")',
    );
  const tokens = stringAt(block, ['http_tokens']);
  const endpoint = stringAt(block, ['http_endpoint']);
  if (tokens === 'required' || endpoint === 'disabled') return PASS;
  if (tokens === 'unknown' || endpoint === 'unknown') return UNKNOWN_RESULT;
  return fail(
    ['metadata_options', 0, 'http_tokens'],
    'Instance metadata service does not require session tokens (IMDSv2)',
  );
}

/** Block devices of an instance or launch configuration: every non-ephemeral device must be encrypted. */
function blockDeviceCheck(resource: TerraformResourceView): CheckResult {
  const results: CheckResult[] = [];
  for (const kind of ['root_block_device', 'ebs_block_device']) {
    const devices = blockList(resource.values, [kind]);
    if (devices === 'unknown') {
      results.push(UNKNOWN_RESULT);
      continue;
    }
    devices.forEach((device: ValueObject, index) => {
      const path: Path = [kind, index, 'encrypted'];
      const snapshot = valueAt(device, ['snapshot_id']);
      // A device restored from a snapshot takes the snapshot's encryption, which is not visible here.
      if (typeof snapshot === 'string' && snapshot !== '') return;
      if (snapshot !== undefined && snapshot !== null && isUnknown(snapshot)) {
        const encrypted = requireTrue(device, ['encrypted'], '');
        results.push(encrypted.status === 'pass' ? PASS : UNKNOWN_RESULT);
        return;
      }
      const encrypted = requireTrue(device, ['encrypted'], '');
      results.push(encrypted.status === 'fail' ? fail(path, `${kind} is not encrypted`) : encrypted);
    });
  }
  const roots = blockList(resource.values, ['root_block_device']);
  if (roots !== 'unknown' && roots.length === 0) {
    results.push(fail(undefined, 'No root_block_device block: the root volume is created unencrypted'));
  }
  return combine(results);
}

/** associate_public_ip_address on an instance / launch configuration, or on a launch template's interfaces. */
function publicIpCheck(resource: TerraformResourceView): CheckResult {
  if (resource.type !== 'aws_launch_template') {
    return forbidTrue(resource.values, ['associate_public_ip_address'], 'A public IP address is associated');
  }
  const interfaces = blockList(resource.values, ['network_interfaces']);
  if (interfaces === 'unknown') return UNKNOWN_RESULT;
  return combine(
    interfaces.map((networkInterface, index) => {
      const result = forbidTrue(networkInterface, ['associate_public_ip_address'], '');
      return result.status === 'fail'
        ? fail(
            ['network_interfaces', index, 'associate_public_ip_address'],
            'A public IP address is associated',
          )
        : result;
    }),
  );
}

export const EC2_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AWS-067',
    title: 'EC2 instance metadata service requires IMDSv2 tokens',
    severity: 'HIGH',
    category: 'access-control',
    cwe: 'CWE-918',
    resourceTypes: ['aws_instance', 'aws_launch_template', 'aws_launch_configuration'],
    remediation: 'Add metadata_options { http_tokens = "required" } (or http_endpoint = "disabled").',
    references: [`${EC2_DOCS}/configuring-instance-metadata-service.html`],
    equivalents: same({ checkov: ['CKV_AWS_79'], trivy: ['AVD-AWS-0028', 'AVD-AWS-0130'] }),
    check: metadataCheck,
  },
  {
    id: 'ILM-TF-AWS-068',
    title: 'EC2 instance and launch configuration block devices are encrypted',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['aws_instance', 'aws_launch_configuration'],
    remediation:
      'Declare root_block_device { encrypted = true } and set encrypted = true on every ebs_block_device.',
    references: [`${EC2_DOCS}/EBSEncryption.html`],
    equivalents: same({ checkov: ['CKV_AWS_8'], trivy: ['AVD-AWS-0131', 'AVD-AWS-0008'] }),
    check: blockDeviceCheck,
  },
  {
    id: 'ILM-TF-AWS-069',
    title: 'EBS volume is encrypted',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['aws_ebs_volume'],
    remediation: 'Set encrypted = true (and kms_key_id for a customer-managed key).',
    references: [`${EC2_DOCS}/EBSEncryption.html`],
    equivalents: same({
      checkov: ['CKV_AWS_3'],
      trivy: ['AVD-AWS-0026'],
      kics: ['cc997676-481b-4e93-aa81-d19f8c5e9b12'],
    }),
    check: (volume) => requireTrue(volume.values, ['encrypted'], 'EBS volume is not encrypted'),
  },
  {
    id: 'ILM-TF-AWS-070',
    title: 'EBS volume is encrypted with a customer-managed KMS key',
    severity: 'LOW',
    category: 'encryption',
    cwe: 'CWE-320',
    resourceTypes: ['aws_ebs_volume'],
    remediation: 'Set kms_key_id to a customer-managed KMS key.',
    references: [`${EC2_DOCS}/EBSEncryption.html`],
    equivalents: same({ checkov: ['CKV_AWS_189'], trivy: ['AVD-AWS-0027'] }),
    check: (volume) =>
      requireString(volume.values, ['kms_key_id'], 'EBS volume does not use a customer-managed KMS key'),
  },
  {
    id: 'ILM-TF-AWS-071',
    title: 'EC2 instance does not get a public IP address',
    severity: 'MEDIUM',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['aws_instance', 'aws_launch_template', 'aws_launch_configuration'],
    remediation: 'Set associate_public_ip_address = false and expose services through a load balancer.',
    references: [`${EC2_DOCS}/using-instance-addressing.html`],
    equivalents: same({ checkov: ['CKV_AWS_88'], trivy: ['AVD-AWS-0009'] }),
    check: publicIpCheck,
  },
  {
    id: 'ILM-TF-AWS-072',
    title: 'EC2 instance has detailed monitoring',
    severity: 'LOW',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['aws_instance'],
    remediation: 'Set monitoring = true.',
    references: [`${EC2_DOCS}/using-cloudwatch-new.html`],
    equivalents: same({ checkov: ['CKV_AWS_126'] }),
    check: (instance) => requireTrue(instance.values, ['monitoring'], 'Detailed monitoring is not enabled'),
  },
  {
    id: 'ILM-TF-AWS-073',
    title: 'EBS encryption by default is not turned off',
    severity: 'MEDIUM',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['aws_ebs_encryption_by_default'],
    remediation: 'Set enabled = true (the default).',
    references: [`${EC2_DOCS}/encryption-by-default.html`],
    equivalents: same({ checkov: ['CKV_AWS_106'] }),
    check: (setting) => forbidFalse(setting.values, ['enabled'], 'EBS encryption by default is disabled'),
  },
];
