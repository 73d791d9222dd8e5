// GKE node rules: the node_config of clusters and node pools, and node pool management.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { TerraformRule } from '../../types.js';
import { ABSENT, expectBool, readBlocks, readString, UNREADABLE } from '../terraform-azure/rule-support.js';

const NODE_TYPES = ['google_container_cluster', 'google_container_node_pool'];
const POOL_DOCS =
  'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_node_pool';
const CLUSTER_DOCS =
  'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster';

export const GKE_NODE_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-GCP-019',
    title: 'GKE nodes use the GKE metadata server',
    severity: 'MEDIUM',
    category: 'container',
    cwe: 'CWE-200',
    resourceTypes: NODE_TYPES,
    remediation: 'Add node_config { workload_metadata_config { mode = "GKE_METADATA" } }.',
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity',
      `${CLUSTER_DOCS}#workload_metadata_config`,
    ],
    equivalents: { checkov: ['CKV_GCP_69'], trivy: [], kics: [] },
    check(resource) {
      const nodeConfig = readBlocks(resource.values, ['node_config']);
      if (nodeConfig === UNREADABLE) return UNKNOWN_RESULT;
      const first = nodeConfig[0];
      if (!first)
        return fail(
          ['node_config'],
          'Pods can read the node metadata: the GKE metadata server is not enabled.',
        );
      const workload = readBlocks(first, ['workload_metadata_config']);
      if (workload === UNREADABLE) return UNKNOWN_RESULT;
      let unknown = false;
      for (const config of workload) {
        const mode = readString(config, ['mode']);
        // node_metadata is the attribute's name before google provider v4.
        const legacy = readString(config, ['node_metadata']);
        if (mode === 'GKE_METADATA' || legacy === 'GKE_METADATA_SERVER') return PASS;
        if (mode === UNREADABLE || legacy === UNREADABLE) unknown = true;
      }
      if (unknown) return UNKNOWN_RESULT;
      return fail(
        ['node_config', 0, 'workload_metadata_config'],
        'Pods can read the node metadata: the GKE metadata server is not enabled.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-020',
    title: 'GKE nodes have Secure Boot enabled',
    severity: 'MEDIUM',
    category: 'container',
    cwe: 'CWE-693',
    resourceTypes: NODE_TYPES,
    remediation: 'Add node_config { shielded_instance_config { enable_secure_boot = true } }.',
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes#secure_boot',
      `${CLUSTER_DOCS}#enable_secure_boot`,
    ],
    equivalents: { checkov: ['CKV_GCP_68'], trivy: [], kics: [] },
    check(resource) {
      const nodeConfig = readBlocks(resource.values, ['node_config']);
      if (nodeConfig === UNREADABLE) return UNKNOWN_RESULT;
      // Without node_config there is nothing to judge here (a separate node pool may carry it).
      if (nodeConfig.length === 0) return PASS;
      if (readBlocks(resource.values, ['node_config', 0, 'shielded_instance_config']) === UNREADABLE)
        return UNKNOWN_RESULT;
      return expectBool(
        resource.values,
        ['node_config', 0, 'shielded_instance_config', 0, 'enable_secure_boot'],
        true,
        'fail',
        'Secure Boot is not enabled on the nodes.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-021',
    title: 'GKE nodes have integrity monitoring enabled',
    severity: 'MEDIUM',
    category: 'container',
    cwe: 'CWE-693',
    resourceTypes: NODE_TYPES,
    remediation: 'Set node_config { shielded_instance_config { enable_integrity_monitoring = true } }.',
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes#integrity_monitoring',
      `${CLUSTER_DOCS}#enable_integrity_monitoring`,
    ],
    equivalents: { checkov: ['CKV_GCP_72'], trivy: [], kics: [] },
    check(resource) {
      const nodeConfig = readBlocks(resource.values, ['node_config']);
      if (nodeConfig === UNREADABLE) return UNKNOWN_RESULT;
      if (nodeConfig.length === 0) return PASS;
      const shielded = readBlocks(resource.values, ['node_config', 0, 'shielded_instance_config']);
      if (shielded === UNREADABLE) return UNKNOWN_RESULT;
      // The default (no shielded_instance_config) has integrity monitoring on; an explicit block must say so.
      if (shielded.length === 0) return PASS;
      return expectBool(
        resource.values,
        ['node_config', 0, 'shielded_instance_config', 0, 'enable_integrity_monitoring'],
        true,
        'fail',
        'Integrity monitoring is not enabled on the nodes.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-022',
    title: 'GKE nodes keep legacy metadata endpoints disabled',
    severity: 'MEDIUM',
    category: 'container',
    cwe: 'CWE-200',
    resourceTypes: NODE_TYPES,
    remediation: 'Remove metadata = { disable-legacy-endpoints = "false" } from node_config.',
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/protecting-cluster-metadata',
      `${CLUSTER_DOCS}#metadata`,
    ],
    equivalents: { checkov: [], trivy: [], kics: [] },
    check(resource) {
      if (readBlocks(resource.values, ['node_config']) === UNREADABLE) return UNKNOWN_RESULT;
      return expectBool(
        resource.values,
        ['node_config', 0, 'metadata', 'disable-legacy-endpoints'],
        true,
        'pass',
        'Legacy Compute Engine metadata endpoints are enabled on the nodes.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-023',
    title: 'GKE node pool has auto-repair enabled',
    severity: 'MEDIUM',
    category: 'availability',
    cwe: 'CWE-1104',
    resourceTypes: ['google_container_node_pool'],
    remediation: 'Add management { auto_repair = true }.',
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/node-auto-repair',
      `${POOL_DOCS}#auto_repair`,
    ],
    equivalents: {
      checkov: ['CKV_GCP_9'],
      trivy: ['AVD-GCP-0063', 'google-gke-enable-auto-repair'],
      kics: [],
    },
    check(resource) {
      if (readBlocks(resource.values, ['management']) === UNREADABLE) return UNKNOWN_RESULT;
      return expectBool(
        resource.values,
        ['management', 0, 'auto_repair'],
        true,
        'fail',
        'Node auto-repair is not enabled.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-024',
    title: 'GKE node pool has auto-upgrade enabled',
    severity: 'LOW',
    category: 'container',
    cwe: 'CWE-1104',
    resourceTypes: ['google_container_node_pool'],
    remediation: 'Add management { auto_upgrade = true }.',
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/node-auto-upgrades',
      `${POOL_DOCS}#auto_upgrade`,
    ],
    equivalents: {
      checkov: ['CKV_GCP_10'],
      trivy: ['AVD-GCP-0058', 'google-gke-enable-auto-upgrade'],
      kics: [],
    },
    check(resource) {
      if (readBlocks(resource.values, ['management']) === UNREADABLE) return UNKNOWN_RESULT;
      return expectBool(
        resource.values,
        ['management', 0, 'auto_upgrade'],
        true,
        'fail',
        'Node auto-upgrade is not enabled.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-025',
    title: 'GKE node pool uses Container-Optimized OS',
    severity: 'LOW',
    category: 'container',
    cwe: 'CWE-1104',
    resourceTypes: ['google_container_node_pool'],
    remediation: 'Set node_config { image_type = "COS_CONTAINERD" }.',
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/concepts/node-images',
      `${POOL_DOCS}#image_type`,
    ],
    equivalents: {
      checkov: ['CKV_GCP_22'],
      trivy: ['AVD-GCP-0054', 'google-gke-node-pool-uses-cos'],
      kics: [],
    },
    check(resource) {
      const nodeConfig = readBlocks(resource.values, ['node_config']);
      if (nodeConfig === UNREADABLE) return UNKNOWN_RESULT;
      const image = readString(resource.values, ['node_config', 0, 'image_type']);
      if (image === UNREADABLE) return UNKNOWN_RESULT;
      if (image !== ABSENT && image.toLowerCase().startsWith('cos')) return PASS;
      return fail(
        nodeConfig.length === 0 ? ['node_config'] : ['node_config', 0, 'image_type'],
        'The node image is not Container-Optimized OS.',
      );
    },
  },
];
