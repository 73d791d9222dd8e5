import { describe } from 'vitest';
import { describeCaseCoverage, describeRuleCases, type RuleCase } from '../terraform-azure/rule-cases.js';
import { NETWORK_RULES } from './network.js';

const firewall = (body: string) => `
resource "google_compute_firewall" "rule" {
  name    = "test-firewall"
  network = "default"
${body}
}
`;

const allow = (ports: string) => `  allow {\n    protocol = "tcp"\n    ports    = ${ports}\n  }`;

const subnet = (body: string) => `
resource "google_compute_subnetwork" "subnet" {
  name          = "test-subnetwork"
  ip_cidr_range = "10.2.0.0/16"
  region        = "us-central1"
  network       = "default"
${body}
}
`;

const cases: RuleCase[] = [
  {
    id: 'ILM-TF-GCP-048',
    fail: [
      firewall(`${allow('["22"]')}\n  source_ranges = ["0.0.0.0/0"]`),
      firewall(`${allow('["20-30"]')}\n  source_ranges = ["0.0.0.0/0"]`),
    ],
    pass: [
      firewall(`${allow('["22"]')}\n  source_ranges = ["35.235.240.0/20"]`),
      firewall(`${allow('["443"]')}\n  source_ranges = ["0.0.0.0/0"]`),
    ],
    unknown: [`variable "ranges" {}\n${firewall(`${allow('["22"]')}\n  source_ranges = var.ranges`)}`],
  },
  {
    id: 'ILM-TF-GCP-049',
    fail: [firewall(`${allow('["80", "3389"]')}\n  source_ranges = ["0.0.0.0/0"]`)],
    pass: [firewall(`${allow('["3389"]')}\n  source_ranges = ["10.0.0.0/8"]`)],
  },
  {
    id: 'ILM-TF-GCP-050',
    fail: [firewall(`${allow('["443"]')}\n  source_ranges = ["0.0.0.0/0"]`), firewall(allow('["443"]'))],
    pass: [
      firewall(`${allow('["443"]')}\n  source_ranges = ["10.0.0.0/8"]`),
      firewall(`${allow('["443"]')}\n  source_ranges = ["0.0.0.0/0"]\n  target_tags   = ["web"]`),
      firewall(`  deny {\n    protocol = "tcp"\n  }\n  source_ranges = ["0.0.0.0/0"]`),
      firewall(`${allow('["443"]')}\n  direction          = "EGRESS"\n  destination_ranges = ["0.0.0.0/0"]`),
      firewall(`${allow('["443"]')}\n  source_ranges = ["0.0.0.0/0"]\n  disabled      = true`),
    ],
  },
  {
    id: 'ILM-TF-GCP-051',
    fail: [subnet('')],
    pass: [
      subnet(
        '  log_config {\n    aggregation_interval = "INTERVAL_10_MIN"\n    flow_sampling        = 0.5\n  }',
      ),
      subnet('  purpose = "REGIONAL_MANAGED_PROXY"\n  role    = "ACTIVE"'),
    ],
  },
];

describe('VPC network rules', () => {
  describeCaseCoverage(NETWORK_RULES, cases);
  describeRuleCases(NETWORK_RULES, cases);
});
