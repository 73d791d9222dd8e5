// Cloud DNS managed zone rules.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { TerraformRule } from '../../types.js';
import { ABSENT, expectOneOf, readBlocks, readString, UNREADABLE } from '../terraform-azure/rule-support.js';

const ZONE_DOCS =
  'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/dns_managed_zone';

export const DNS_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-GCP-061',
    title: 'Public DNS zone has DNSSEC enabled',
    severity: 'MEDIUM',
    category: 'general',
    cwe: 'CWE-345',
    resourceTypes: ['google_dns_managed_zone'],
    remediation: 'Add dnssec_config { state = "on" }.',
    references: ['https://cloud.google.com/dns/docs/dnssec-config', `${ZONE_DOCS}#dnssec_config`],
    equivalents: { checkov: ['CKV_GCP_16'], trivy: [], kics: [] },
    check(resource) {
      const visibility = readString(resource.values, ['visibility']);
      if (visibility === UNREADABLE) return UNKNOWN_RESULT;
      // Private zones cannot be signed.
      if (visibility !== ABSENT && visibility === 'private') return PASS;
      if (readBlocks(resource.values, ['dnssec_config']) === UNREADABLE) return UNKNOWN_RESULT;
      return expectOneOf(
        resource.values,
        ['dnssec_config', 0, 'state'],
        ['on', 'transfer'],
        'fail',
        'DNSSEC is not enabled for the zone.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-062',
    title: 'DNSSEC does not sign with RSASHA1',
    severity: 'MEDIUM',
    category: 'encryption',
    cwe: 'CWE-327',
    resourceTypes: ['google_dns_managed_zone'],
    remediation: 'Use algorithm = "rsasha256" (or ecdsap256sha256) in dnssec_config default_key_specs.',
    references: [
      'https://cloud.google.com/dns/docs/dnssec-advanced#advanced-signing-options',
      `${ZONE_DOCS}#default_key_specs`,
    ],
    equivalents: {
      checkov: ['CKV_GCP_17'],
      trivy: ['AVD-GCP-0012', 'google-dns-no-rsa-sha1'],
      kics: [],
    },
    check(resource) {
      const configs = readBlocks(resource.values, ['dnssec_config']);
      if (configs === UNREADABLE) return UNKNOWN_RESULT;
      if (configs.length === 0) return PASS;
      const specs = readBlocks(resource.values, ['dnssec_config', 0, 'default_key_specs']);
      if (specs === UNREADABLE) return UNKNOWN_RESULT;
      let unknown = false;
      for (const [index, spec] of specs.entries()) {
        const algorithm = readString(spec, ['algorithm']);
        if (algorithm === UNREADABLE) unknown = true;
        else if (algorithm === 'rsasha1') {
          return fail(
            ['dnssec_config', 0, 'default_key_specs', index, 'algorithm'],
            'The zone is signed with RSASHA1.',
          );
        }
      }
      return unknown ? UNKNOWN_RESULT : PASS;
    },
  },
];
