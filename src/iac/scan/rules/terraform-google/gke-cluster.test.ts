import { describe } from 'vitest';
import { describeCaseCoverage, describeRuleCases, type RuleCase } from '../terraform-azure/rule-cases.js';
import { GKE_CLUSTER_RULES } from './gke-cluster.js';

const cluster = (body: string) => `
resource "google_container_cluster" "primary" {
  name               = "marcellus-wallace"
  location           = "us-central1-a"
  initial_node_count = 3
${body}
}
`;

const privateConfig = (nodes: boolean, endpoint: boolean) =>
  cluster(`  private_cluster_config {
    enable_private_nodes    = ${nodes}
    enable_private_endpoint = ${endpoint}
    master_ipv4_cidr_block  = "172.16.0.0/28"
  }`);

const authorizedNetwork = (cidr: string) =>
  cluster(`  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = "${cidr}"
      display_name = "admins"
    }
  }`);

const cases: RuleCase[] = [
  {
    id: 'ILM-TF-GCP-006',
    fail: [cluster(''), privateConfig(false, false)],
    pass: [privateConfig(true, false)],
    unknown: [
      `variable "private" {}\n${cluster('  private_cluster_config {\n    enable_private_nodes = var.private\n  }')}`,
    ],
  },
  {
    id: 'ILM-TF-GCP-007',
    fail: [cluster(''), privateConfig(true, false)],
    pass: [privateConfig(true, true)],
  },
  { id: 'ILM-TF-GCP-008', fail: [cluster('')], pass: [authorizedNetwork('10.10.0.0/16')] },
  {
    id: 'ILM-TF-GCP-009',
    fail: [authorizedNetwork('0.0.0.0/0')],
    pass: [authorizedNetwork('10.10.0.0/16'), cluster('')],
  },
  {
    id: 'ILM-TF-GCP-010',
    fail: [cluster('  enable_legacy_abac = true')],
    pass: [cluster(''), cluster('  enable_legacy_abac = false')],
  },
  {
    id: 'ILM-TF-GCP-011',
    fail: [cluster('  master_auth {\n    username = "admin"\n    password = "correct-horse-battery"\n  }')],
    pass: [cluster(''), cluster('  master_auth {\n    username = ""\n    password = ""\n  }')],
  },
  {
    id: 'ILM-TF-GCP-012',
    fail: [
      cluster(
        '  master_auth {\n    client_certificate_config {\n      issue_client_certificate = true\n    }\n  }',
      ),
    ],
    pass: [
      cluster(''),
      cluster(
        '  master_auth {\n    client_certificate_config {\n      issue_client_certificate = false\n    }\n  }',
      ),
    ],
  },
  {
    id: 'ILM-TF-GCP-013',
    fail: [cluster(''), cluster('  network_policy {\n    enabled = false\n  }')],
    pass: [
      cluster('  network_policy {\n    enabled = true\n  }'),
      cluster('  datapath_provider = "ADVANCED_DATAPATH"'),
      cluster('  enable_autopilot = true'),
    ],
  },
  {
    id: 'ILM-TF-GCP-014',
    fail: [cluster(''), cluster('  enable_shielded_nodes = false')],
    pass: [cluster('  enable_shielded_nodes = true')],
  },
  {
    id: 'ILM-TF-GCP-015',
    fail: [cluster('')],
    pass: [
      cluster('  workload_identity_config {\n    workload_pool = "my-project.svc.id.goog"\n  }'),
      cluster('  enable_autopilot = true'),
    ],
  },
  {
    id: 'ILM-TF-GCP-016',
    fail: [cluster('')],
    pass: [cluster('  release_channel {\n    channel = "REGULAR"\n  }')],
  },
  {
    id: 'ILM-TF-GCP-017',
    fail: [cluster('  logging_service = "none"')],
    pass: [cluster(''), cluster('  logging_service = "logging.googleapis.com/kubernetes"')],
  },
  {
    id: 'ILM-TF-GCP-018',
    fail: [cluster('  monitoring_service = "none"')],
    pass: [cluster(''), cluster('  monitoring_service = "monitoring.googleapis.com/kubernetes"')],
  },
];

describe('GKE cluster rules', () => {
  describeCaseCoverage(GKE_CLUSTER_RULES, cases);
  describeRuleCases(GKE_CLUSTER_RULES, cases);
});
