// EKS cluster rules: endpoint exposure, control plane logging and secrets envelope encryption.

import { fail, PASS, UNKNOWN_RESULT, valueAt } from '../../terraform-values.js';
import type { TerraformRule } from '../../types.js';
import { blockList, isWorldCidr, same, stringListAt } from './rule-helpers.js';

const EKS_DOCS = 'https://docs.aws.amazon.com/eks/latest/userguide';
const LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

export const EKS_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AWS-042',
    title: 'EKS cluster API endpoint is not public',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['aws_eks_cluster'],
    remediation:
      'Set vpc_config { endpoint_public_access = false, endpoint_private_access = true } (public access is on by default).',
    references: [`${EKS_DOCS}/cluster-endpoint.html`],
    equivalents: same({ checkov: ['CKV_AWS_39'], trivy: ['AVD-AWS-0040'] }),
    check(cluster) {
      const configs = blockList(cluster.values, ['vpc_config']);
      if (configs === 'unknown' || configs.length === 0) return UNKNOWN_RESULT;
      const value = valueAt(configs[0]!, ['endpoint_public_access']);
      if (value === false || value === 'false') return PASS;
      if (value === undefined || value === null || value === true || value === 'true')
        return fail(['vpc_config', 0, 'endpoint_public_access'], 'EKS API endpoint is publicly accessible');
      return UNKNOWN_RESULT;
    },
  },
  {
    id: 'ILM-TF-AWS-043',
    title: 'EKS public endpoint is not open to 0.0.0.0/0',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['aws_eks_cluster'],
    remediation:
      'Disable the public endpoint, or set vpc_config.public_access_cidrs to the ranges that need it.',
    references: [`${EKS_DOCS}/cluster-endpoint.html`],
    equivalents: same({ checkov: ['CKV_AWS_38'] }),
    check(cluster) {
      const configs = blockList(cluster.values, ['vpc_config']);
      if (configs === 'unknown' || configs.length === 0) return UNKNOWN_RESULT;
      const config = configs[0]!;
      const publicAccess = valueAt(config, ['endpoint_public_access']);
      if (publicAccess === false || publicAccess === 'false') return PASS;
      const cidrs = stringListAt(config, ['public_access_cidrs']);
      if (cidrs === undefined)
        return fail(['vpc_config', 0], 'EKS public endpoint accepts 0.0.0.0/0 (no public_access_cidrs)');
      if (cidrs.known.some(isWorldCidr))
        return fail(['vpc_config', 0, 'public_access_cidrs'], 'EKS public endpoint accepts 0.0.0.0/0');
      if (cidrs.unknown) return UNKNOWN_RESULT;
      if (cidrs.known.length === 0)
        return fail(['vpc_config', 0, 'public_access_cidrs'], 'EKS public_access_cidrs is empty');
      return publicAccess === true ||
        publicAccess === 'true' ||
        publicAccess === undefined ||
        publicAccess === null
        ? PASS
        : UNKNOWN_RESULT;
    },
  },
  {
    id: 'ILM-TF-AWS-044',
    title: 'EKS control plane logging is enabled for all log types',
    severity: 'MEDIUM',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['aws_eks_cluster'],
    remediation: `Set enabled_cluster_log_types = ${JSON.stringify(LOG_TYPES)}.`,
    references: [`${EKS_DOCS}/control-plane-logs.html`],
    equivalents: same({ checkov: ['CKV_AWS_37'], trivy: ['AVD-AWS-0038'] }),
    check(cluster) {
      const types = stringListAt(cluster.values, ['enabled_cluster_log_types']);
      const missing = LOG_TYPES.filter((type) => !types?.known.includes(type));
      if (missing.length === 0) return PASS;
      if (types?.unknown) return UNKNOWN_RESULT;
      return fail(['enabled_cluster_log_types'], `EKS control plane logging misses: ${missing.join(', ')}`);
    },
  },
  {
    id: 'ILM-TF-AWS-045',
    title: 'EKS secrets are envelope-encrypted with KMS',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['aws_eks_cluster'],
    remediation:
      'Add encryption_config { resources = ["secrets"] provider { key_arn = aws_kms_key.eks.arn } }.',
    references: [`${EKS_DOCS}/enable-kms.html`],
    equivalents: same({
      checkov: ['CKV_AWS_58'],
      trivy: ['AVD-AWS-0039'],
      kics: ['63ebcb19-2739-4d3f-aa5c-e8bbb9b85281'],
    }),
    check(cluster) {
      const configs = blockList(cluster.values, ['encryption_config']);
      if (configs === 'unknown') return UNKNOWN_RESULT;
      let unknown = false;
      for (const config of configs) {
        const resources = stringListAt(config, ['resources']);
        if (resources?.known.includes('secrets')) return PASS;
        if (resources?.unknown) unknown = true;
      }
      if (unknown) return UNKNOWN_RESULT;
      return fail(
        configs.length > 0 ? ['encryption_config', 0, 'resources'] : undefined,
        'EKS secrets are not encrypted with KMS',
      );
    },
  },
];
