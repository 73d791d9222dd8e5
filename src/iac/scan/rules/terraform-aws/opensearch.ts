// OpenSearch / Elasticsearch domain rules (aws_opensearch_domain and the older aws_elasticsearch_domain).

import { fail, numberAt, PASS, stringAt, UNKNOWN_RESULT, valueAt } from '../../terraform-values.js';
import type { TerraformRule } from '../../types.js';
import { blockList, forbidFalse, requireTrue, same } from './rule-helpers.js';

const DOMAIN_TYPES = ['aws_elasticsearch_domain', 'aws_opensearch_domain'];
const OPENSEARCH_DOCS = 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide';

export const OPENSEARCH_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AWS-107',
    title: 'OpenSearch domain is encrypted at rest',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: DOMAIN_TYPES,
    remediation: 'Add encrypt_at_rest { enabled = true }.',
    references: [`${OPENSEARCH_DOCS}/encryption-at-rest.html`],
    equivalents: same({ checkov: ['CKV_AWS_5'], trivy: ['AVD-AWS-0048'] }),
    check: (domain) =>
      requireTrue(domain.values, ['encrypt_at_rest', 0, 'enabled'], 'Domain is not encrypted at rest'),
  },
  {
    id: 'ILM-TF-AWS-108',
    title: 'Multi-node OpenSearch domain encrypts node-to-node traffic',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-319',
    resourceTypes: DOMAIN_TYPES,
    remediation: 'Add node_to_node_encryption { enabled = true }.',
    references: [`${OPENSEARCH_DOCS}/ntn.html`],
    equivalents: same({ checkov: ['CKV_AWS_6'] }),
    check(domain) {
      // As Checkov: only a domain with more than one node has node-to-node traffic to protect.
      const count = numberAt(domain.values, ['cluster_config', 0, 'instance_count']);
      if (count === 'unknown') return UNKNOWN_RESULT;
      if (count === undefined || count <= 1) return PASS;
      return requireTrue(
        domain.values,
        ['node_to_node_encryption', 0, 'enabled'],
        'Node-to-node traffic is not encrypted',
      );
    },
  },
  {
    id: 'ILM-TF-AWS-109',
    title: 'OpenSearch domain enforces HTTPS',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-319',
    resourceTypes: DOMAIN_TYPES,
    remediation: 'Set domain_endpoint_options { enforce_https = true } (the default).',
    references: [`${OPENSEARCH_DOCS}/infrastructure-security.html`],
    equivalents: same({ checkov: ['CKV_AWS_83'], trivy: ['AVD-AWS-0046'] }),
    check: (domain) =>
      forbidFalse(
        domain.values,
        ['domain_endpoint_options', 0, 'enforce_https'],
        'Domain accepts plain HTTP',
      ),
  },
  {
    id: 'ILM-TF-AWS-110',
    title: 'OpenSearch domain requires TLS 1.2 or later',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-326',
    resourceTypes: DOMAIN_TYPES,
    remediation: 'Set domain_endpoint_options { tls_security_policy = "Policy-Min-TLS-1-2-2019-07" }.',
    references: [`${OPENSEARCH_DOCS}/infrastructure-security.html`],
    equivalents: same({ checkov: ['CKV_AWS_228'], trivy: ['AVD-AWS-0126'] }),
    check(domain) {
      const policy = stringAt(domain.values, ['domain_endpoint_options', 0, 'tls_security_policy']);
      if (policy === 'unknown') return UNKNOWN_RESULT;
      if (policy !== undefined && /^Policy-Min-TLS-1-[23]-/.test(policy)) return PASS;
      return fail(
        ['domain_endpoint_options', 0, 'tls_security_policy'],
        policy === undefined
          ? 'No tls_security_policy: TLS 1.0 is accepted'
          : `TLS policy ${policy} accepts TLS below 1.2`,
      );
    },
  },
  {
    id: 'ILM-TF-AWS-111',
    title: 'OpenSearch domain publishes audit logs',
    severity: 'MEDIUM',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: DOMAIN_TYPES,
    remediation:
      'Add log_publishing_options { log_type = "AUDIT_LOGS", cloudwatch_log_group_arn = ... } (needs fine-grained access control).',
    references: [`${OPENSEARCH_DOCS}/audit-logs.html`],
    equivalents: same({ trivy: ['AVD-AWS-0042'] }),
    check(domain) {
      const options = blockList(domain.values, ['log_publishing_options']);
      if (options === 'unknown') return UNKNOWN_RESULT;
      let unknown = false;
      for (const option of options) {
        const type = stringAt(option, ['log_type']);
        const enabled = valueAt(option, ['enabled']);
        if (type === 'unknown') unknown = true;
        if (type !== 'AUDIT_LOGS') continue;
        if (enabled === false || enabled === 'false') continue;
        if (enabled === undefined || enabled === null || enabled === true || enabled === 'true') return PASS;
        unknown = true;
      }
      return unknown
        ? UNKNOWN_RESULT
        : fail(['log_publishing_options'], 'Domain does not publish audit logs');
    },
  },
];
