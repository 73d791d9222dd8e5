// Google Kubernetes Engine cluster rules (google_container_cluster).

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { TerraformRule } from '../../types.js';
import {
  ABSENT,
  expectBlock,
  expectBool,
  expectNonEmptyString,
  forbidOneOf,
  readBlocks,
  readBool,
  readString,
  UNREADABLE,
} from '../terraform-azure/rule-support.js';

const CLUSTER_DOCS =
  'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster';
const HARDENING = 'https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster';

export const GKE_CLUSTER_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-GCP-006',
    title: 'GKE cluster uses private nodes',
    severity: 'MEDIUM',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['google_container_cluster'],
    remediation:
      'Add private_cluster_config { enable_private_nodes = true, master_ipv4_cidr_block = "..." }.',
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/concepts/private-cluster-concept',
      `${CLUSTER_DOCS}#enable_private_nodes`,
    ],
    // Checkov's CKV_GCP_25/CKV_GCP_64 only ask for a private_cluster_config block, even one that leaves
    // enable_private_nodes false, so they are not listed.
    equivalents: {
      checkov: [],
      trivy: ['AVD-GCP-0059', 'google-gke-enable-private-cluster'],
      kics: [],
    },
    check(resource) {
      if (readBlocks(resource.values, ['private_cluster_config']) === UNREADABLE) return UNKNOWN_RESULT;
      return expectBool(
        resource.values,
        ['private_cluster_config', 0, 'enable_private_nodes'],
        true,
        'fail',
        'Nodes have public IP addresses.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-007',
    title: 'GKE cluster control plane has only a private endpoint',
    severity: 'MEDIUM',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['google_container_cluster'],
    remediation:
      'Set private_cluster_config { enable_private_endpoint = true } and reach the control plane from the VPC.',
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/concepts/private-cluster-concept',
      `${CLUSTER_DOCS}#enable_private_endpoint`,
    ],
    equivalents: { checkov: [], trivy: [], kics: [] },
    check(resource) {
      if (readBlocks(resource.values, ['private_cluster_config']) === UNREADABLE) return UNKNOWN_RESULT;
      return expectBool(
        resource.values,
        ['private_cluster_config', 0, 'enable_private_endpoint'],
        true,
        'fail',
        'The control plane has a public endpoint.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-008',
    title: 'GKE cluster restricts control plane access with master authorized networks',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['google_container_cluster'],
    remediation: 'Add master_authorized_networks_config { cidr_blocks { cidr_block = "10.0.0.0/8" } }.',
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks',
      `${CLUSTER_DOCS}#master_authorized_networks_config`,
    ],
    equivalents: {
      checkov: ['CKV_GCP_20'],
      trivy: ['AVD-GCP-0061', 'google-gke-enable-master-networks'],
      kics: [],
    },
    check(resource) {
      return expectBlock(
        resource.values,
        ['master_authorized_networks_config'],
        'Master authorized networks are not configured.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-009',
    title: 'GKE master authorized networks do not include 0.0.0.0/0',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['google_container_cluster'],
    remediation:
      'Replace 0.0.0.0/0 in master_authorized_networks_config with the ranges that administer the cluster.',
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks',
      `${CLUSTER_DOCS}#cidr_blocks`,
    ],
    equivalents: { checkov: ['CKV_GCP_18'], trivy: [], kics: [] },
    check(resource) {
      const configs = readBlocks(resource.values, ['master_authorized_networks_config']);
      if (configs === UNREADABLE) return UNKNOWN_RESULT;
      let unknown = false;
      for (const [configIndex, config] of configs.entries()) {
        const blocks = readBlocks(config, ['cidr_blocks']);
        if (blocks === UNREADABLE) {
          unknown = true;
          continue;
        }
        for (const [blockIndex, block] of blocks.entries()) {
          const cidr = readString(block, ['cidr_block']);
          if (cidr === UNREADABLE) unknown = true;
          else if (cidr === '0.0.0.0/0') {
            return fail(
              ['master_authorized_networks_config', configIndex, 'cidr_blocks', blockIndex, 'cidr_block'],
              'The control plane is reachable from any IP address.',
            );
          }
        }
      }
      return unknown ? UNKNOWN_RESULT : PASS;
    },
  },
  {
    id: 'ILM-TF-GCP-010',
    title: 'GKE cluster has legacy ABAC disabled',
    severity: 'HIGH',
    category: 'rbac',
    cwe: 'CWE-285',
    resourceTypes: ['google_container_cluster'],
    remediation: 'Remove enable_legacy_abac = true and grant access with Kubernetes RBAC.',
    references: [`${HARDENING}#leave_abac_disabled`, `${CLUSTER_DOCS}#enable_legacy_abac`],
    equivalents: {
      checkov: ['CKV_GCP_7'],
      trivy: ['AVD-GCP-0062', 'google-gke-use-rbac-permissions'],
      kics: ['5baa92d2-d8ee-4c75-88a4-52d9d8bb8067'],
    },
    check(resource) {
      return expectBool(
        resource.values,
        ['enable_legacy_abac'],
        false,
        'pass',
        'Legacy ABAC authorization is enabled.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-011',
    title: 'GKE cluster has basic authentication disabled',
    severity: 'HIGH',
    category: 'iam',
    cwe: 'CWE-287',
    resourceTypes: ['google_container_cluster'],
    remediation:
      'Remove master_auth username/password (basic auth is removed in google provider v4 and GKE 1.19).',
    references: [`${HARDENING}#restrict_authn_methods`, `${CLUSTER_DOCS}#master_auth`],
    // Trivy's AVD-GCP-0064 also fails client certificates, which ILM-TF-GCP-012 covers separately.
    equivalents: { checkov: ['CKV_GCP_19'], trivy: [], kics: [] },
    check(resource) {
      const auth = readBlocks(resource.values, ['master_auth']);
      if (auth === UNREADABLE) return UNKNOWN_RESULT;
      if (auth.length === 0) return PASS;
      let unknown = false;
      for (const name of ['username', 'password']) {
        const value = readString(resource.values, ['master_auth', 0, name]);
        if (value === UNREADABLE) unknown = true;
        else if (value !== ABSENT && value !== '') {
          return fail(['master_auth', 0, name], 'Basic (username/password) authentication is enabled.');
        }
      }
      return unknown ? UNKNOWN_RESULT : PASS;
    },
  },
  {
    id: 'ILM-TF-GCP-012',
    title: 'GKE cluster does not issue client certificates',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-287',
    resourceTypes: ['google_container_cluster'],
    remediation: 'Remove master_auth { client_certificate_config { issue_client_certificate = true } }.',
    references: [`${HARDENING}#restrict_authn_methods`, `${CLUSTER_DOCS}#issue_client_certificate`],
    equivalents: { checkov: [], trivy: [], kics: [] },
    check(resource) {
      if (readBlocks(resource.values, ['master_auth']) === UNREADABLE) return UNKNOWN_RESULT;
      return expectBool(
        resource.values,
        ['master_auth', 0, 'client_certificate_config', 0, 'issue_client_certificate'],
        false,
        'pass',
        'The cluster issues client certificates, a legacy authentication method.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-013',
    title: 'GKE cluster enforces network policy',
    severity: 'MEDIUM',
    category: 'network',
    cwe: 'CWE-923',
    resourceTypes: ['google_container_cluster'],
    remediation:
      'Use GKE Dataplane V2 (datapath_provider = "ADVANCED_DATAPATH") or add network_policy { enabled = true } with the NETWORK_POLICY add-on.',
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy',
      `${CLUSTER_DOCS}#network_policy`,
    ],
    equivalents: {
      checkov: [],
      trivy: ['AVD-GCP-0056', 'google-gke-enable-network-policy'],
      kics: [],
    },
    check(resource) {
      const values = resource.values;
      const autopilot = readBool(values, ['enable_autopilot']);
      const datapath = readString(values, ['datapath_provider']);
      const policy = readBool(values, ['network_policy', 0, 'enabled']);
      if (autopilot === true || datapath === 'ADVANCED_DATAPATH' || policy === true) return PASS;
      if (autopilot === UNREADABLE || datapath === UNREADABLE || policy === UNREADABLE) return UNKNOWN_RESULT;
      if (readBlocks(values, ['network_policy']) === UNREADABLE) return UNKNOWN_RESULT;
      return fail(
        ['network_policy'],
        'Pods can reach each other without restriction: no network policy enforcement.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-014',
    title: 'GKE cluster uses Shielded GKE Nodes',
    severity: 'MEDIUM',
    category: 'container',
    cwe: 'CWE-693',
    resourceTypes: ['google_container_cluster'],
    remediation: 'Set enable_shielded_nodes = true.',
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes',
      `${CLUSTER_DOCS}#enable_shielded_nodes`,
    ],
    // Trivy reads an unset flag as true (the provider default); Checkov requires it explicitly. We follow Checkov.
    equivalents: { checkov: ['CKV_GCP_71'], trivy: [], kics: [] },
    check(resource) {
      return expectBool(
        resource.values,
        ['enable_shielded_nodes'],
        true,
        'fail',
        'Shielded GKE Nodes are not enabled.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-015',
    title: 'GKE cluster enables Workload Identity',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-522',
    resourceTypes: ['google_container_cluster'],
    remediation: 'Add workload_identity_config { workload_pool = "<project>.svc.id.goog" }.',
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity',
      `${CLUSTER_DOCS}#workload_identity_config`,
    ],
    equivalents: { checkov: [], trivy: [], kics: [] },
    check(resource) {
      const autopilot = readBool(resource.values, ['enable_autopilot']);
      if (autopilot === true) return PASS;
      if (autopilot === UNREADABLE) return UNKNOWN_RESULT;
      if (readBlocks(resource.values, ['workload_identity_config']) === UNREADABLE) return UNKNOWN_RESULT;
      return expectNonEmptyString(
        resource.values,
        ['workload_identity_config', 0, 'workload_pool'],
        'Workloads use the node service account: Workload Identity is not enabled.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-016',
    title: 'GKE cluster is enrolled in a release channel',
    severity: 'LOW',
    category: 'container',
    cwe: 'CWE-1104',
    resourceTypes: ['google_container_cluster'],
    remediation: 'Add release_channel { channel = "REGULAR" } (or RAPID/STABLE).',
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/concepts/release-channels',
      `${CLUSTER_DOCS}#release_channel`,
    ],
    equivalents: { checkov: ['CKV_GCP_70'], trivy: [], kics: [] },
    check(resource) {
      if (readBlocks(resource.values, ['release_channel']) === UNREADABLE) return UNKNOWN_RESULT;
      return expectNonEmptyString(
        resource.values,
        ['release_channel', 0, 'channel'],
        'No release channel is set.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-017',
    title: 'GKE cluster sends logs to Cloud Logging',
    severity: 'MEDIUM',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['google_container_cluster'],
    remediation: 'Remove logging_service = "none" (the default is logging.googleapis.com/kubernetes).',
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/concepts/about-logs',
      `${CLUSTER_DOCS}#logging_service`,
    ],
    equivalents: { checkov: ['CKV_GCP_1'], trivy: [], kics: [] },
    check(resource) {
      return forbidOneOf(resource.values, ['logging_service'], ['none'], 'Cluster logging is disabled.');
    },
  },
  {
    id: 'ILM-TF-GCP-018',
    title: 'GKE cluster sends metrics to Cloud Monitoring',
    severity: 'MEDIUM',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['google_container_cluster'],
    remediation: 'Remove monitoring_service = "none" (the default is monitoring.googleapis.com/kubernetes).',
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/configure-metrics',
      `${CLUSTER_DOCS}#monitoring_service`,
    ],
    equivalents: { checkov: ['CKV_GCP_8'], trivy: [], kics: [] },
    check(resource) {
      return forbidOneOf(
        resource.values,
        ['monitoring_service'],
        ['none'],
        'Cluster monitoring is disabled.',
      );
    },
  },
];
