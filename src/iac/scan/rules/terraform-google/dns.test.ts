import { describe } from 'vitest';
import { describeCaseCoverage, describeRuleCases, type RuleCase } from '../terraform-azure/rule-cases.js';
import { DNS_RULES } from './dns.js';

const zone = (body: string) => `
resource "google_dns_managed_zone" "zone" {
  name     = "example-zone"
  dns_name = "example.com."
${body}
}
`;

const signed = (algorithm: string) =>
  zone(`  dnssec_config {
    state = "on"
    default_key_specs {
      algorithm  = "${algorithm}"
      key_length = 2048
      key_type   = "keySigning"
    }
  }`);

const cases: RuleCase[] = [
  {
    id: 'ILM-TF-GCP-061',
    fail: [zone(''), zone('  dnssec_config {\n    state = "off"\n  }')],
    pass: [zone('  dnssec_config {\n    state = "on"\n  }'), zone('  visibility = "private"')],
    unknown: [`variable "state" {}\n${zone('  dnssec_config {\n    state = var.state\n  }')}`],
  },
  { id: 'ILM-TF-GCP-062', fail: [signed('rsasha1')], pass: [signed('rsasha256'), zone('')] },
];

describe('Cloud DNS rules', () => {
  describeCaseCoverage(DNS_RULES, cases);
  describeRuleCases(DNS_RULES, cases);
});
