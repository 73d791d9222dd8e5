import { describe } from 'vitest';
import { describeCaseCoverage, describeRuleCases, type RuleCase } from '../terraform-azure/rule-cases.js';
import { GKE_NODE_RULES } from './gke-nodes.js';

const pool = (body: string) => `
resource "google_container_node_pool" "primary" {
  name       = "my-node-pool"
  cluster    = "my-gke-cluster"
  node_count = 1
${body}
}
`;

const nodeConfig = (body: string) =>
  pool(`  node_config {
    machine_type = "e2-medium"
${body}
  }`);

const cases: RuleCase[] = [
  {
    id: 'ILM-TF-GCP-019',
    fail: [
      pool(''),
      nodeConfig(''),
      nodeConfig('    workload_metadata_config {\n      mode = "GCE_METADATA"\n    }'),
    ],
    pass: [
      nodeConfig('    workload_metadata_config {\n      mode = "GKE_METADATA"\n    }'),
      nodeConfig('    workload_metadata_config {\n      node_metadata = "GKE_METADATA_SERVER"\n    }'),
    ],
    unknown: [
      `variable "mode" {}\n${nodeConfig('    workload_metadata_config {\n      mode = var.mode\n    }')}`,
    ],
  },
  {
    id: 'ILM-TF-GCP-020',
    fail: [
      nodeConfig(''),
      nodeConfig('    shielded_instance_config {\n      enable_integrity_monitoring = true\n    }'),
    ],
    pass: [pool(''), nodeConfig('    shielded_instance_config {\n      enable_secure_boot = true\n    }')],
  },
  {
    id: 'ILM-TF-GCP-021',
    fail: [
      nodeConfig('    shielded_instance_config {\n      enable_integrity_monitoring = false\n    }'),
      nodeConfig('    shielded_instance_config {\n      enable_secure_boot = true\n    }'),
    ],
    pass: [
      nodeConfig(''),
      nodeConfig('    shielded_instance_config {\n      enable_integrity_monitoring = true\n    }'),
    ],
  },
  {
    id: 'ILM-TF-GCP-022',
    fail: [nodeConfig('    metadata = {\n      disable-legacy-endpoints = "false"\n    }')],
    pass: [nodeConfig(''), nodeConfig('    metadata = {\n      disable-legacy-endpoints = "true"\n    }')],
  },
  {
    id: 'ILM-TF-GCP-023',
    fail: [pool(''), pool('  management {\n    auto_repair  = false\n    auto_upgrade = true\n  }')],
    pass: [pool('  management {\n    auto_repair  = true\n    auto_upgrade = true\n  }')],
  },
  {
    id: 'ILM-TF-GCP-024',
    fail: [pool(''), pool('  management {\n    auto_repair  = true\n    auto_upgrade = false\n  }')],
    pass: [pool('  management {\n    auto_repair  = true\n    auto_upgrade = true\n  }')],
  },
  {
    id: 'ILM-TF-GCP-025',
    fail: [pool(''), nodeConfig('    image_type = "UBUNTU_CONTAINERD"'), nodeConfig('')],
    pass: [nodeConfig('    image_type = "COS_CONTAINERD"'), nodeConfig('    image_type = "cos"')],
  },
];

describe('GKE node rules', () => {
  describeCaseCoverage(GKE_NODE_RULES, cases);
  describeRuleCases(GKE_NODE_RULES, cases);
});
