// Azure Kubernetes Service (azurerm_kubernetes_cluster) rules.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { TerraformRule } from '../../types.js';
import {
  ABSENT,
  expectBool,
  expectNonEmptyString,
  readBlocks,
  readBool,
  readStrings,
  UNREADABLE,
} from './rule-support.js';

const AKS_DOCS =
  'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster';

export const AKS_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AZURE-018',
    title: 'AKS API server is private or limited to authorized IP ranges',
    severity: 'CRITICAL',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['azurerm_kubernetes_cluster'],
    remediation:
      'Set private_cluster_enabled = true, or api_server_access_profile { authorized_ip_ranges = [...] } (api_server_authorized_ip_ranges before azurerm v3.39).',
    references: [
      'https://learn.microsoft.com/en-us/azure/aks/api-server-authorized-ip-ranges',
      `${AKS_DOCS}#authorized_ip_ranges`,
    ],
    equivalents: {
      checkov: ['CKV_AZURE_6'],
      trivy: ['AVD-AZU-0041', 'azure-container-limit-authorized-ips'],
      kics: [],
    },
    check(resource) {
      const values = resource.values;
      const isPrivate = readBool(values, ['private_cluster_enabled']);
      if (isPrivate === true) return PASS;
      const legacy = readStrings(values, ['api_server_authorized_ip_ranges']);
      const current = readStrings(values, ['api_server_access_profile', 0, 'authorized_ip_ranges']);
      const hasRanges = (reading: typeof legacy) => Array.isArray(reading) && reading.length > 0;
      if (hasRanges(legacy) || hasRanges(current)) return PASS;
      if (isPrivate === UNREADABLE || legacy === UNREADABLE || current === UNREADABLE) return UNKNOWN_RESULT;
      if (readBlocks(values, ['api_server_access_profile']) === UNREADABLE) return UNKNOWN_RESULT;
      return fail(
        ['api_server_access_profile'],
        'The public API server accepts connections from any IP address.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-019',
    title: 'AKS cluster is private',
    severity: 'MEDIUM',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['azurerm_kubernetes_cluster'],
    remediation: 'Set private_cluster_enabled = true so the API server has no public endpoint.',
    references: [
      'https://learn.microsoft.com/en-us/azure/aks/private-clusters',
      `${AKS_DOCS}#private_cluster_enabled`,
    ],
    equivalents: {
      checkov: ['CKV_AZURE_115'],
      trivy: ['AVD-AZU-0065', 'azure-container-enable-private-cluster'],
      kics: ['599318f2-6653-4569-9e21-041d06c63a89'],
    },
    check(resource) {
      return expectBool(
        resource.values,
        ['private_cluster_enabled'],
        true,
        'fail',
        'The cluster API server is public.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-020',
    title: 'AKS cluster has Kubernetes RBAC enabled',
    severity: 'HIGH',
    category: 'rbac',
    cwe: 'CWE-285',
    resourceTypes: ['azurerm_kubernetes_cluster'],
    remediation: 'Remove role_based_access_control_enabled = false (the default is true).',
    references: [
      'https://learn.microsoft.com/en-us/azure/aks/azure-ad-rbac',
      `${AKS_DOCS}#role_based_access_control_enabled`,
    ],
    // Trivy's adapter treats an unset flag as disabled; the provider (and Checkov) treat it as enabled.
    equivalents: { checkov: ['CKV_AZURE_5'], trivy: [], kics: ['86f92117-eed8-4614-9c6c-b26da20ff37f'] },
    check(resource) {
      // azurerm < 2.99 used a role_based_access_control block; later versions a flag (default true).
      const legacy = readBool(resource.values, ['role_based_access_control', 0, 'enabled']);
      if (legacy !== ABSENT) {
        return expectBool(
          resource.values,
          ['role_based_access_control', 0, 'enabled'],
          true,
          'pass',
          'RBAC is disabled.',
        );
      }
      return expectBool(
        resource.values,
        ['role_based_access_control_enabled'],
        true,
        'pass',
        'RBAC is disabled.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-021',
    title: 'AKS cluster has the Azure Policy add-on enabled',
    severity: 'LOW',
    category: 'container',
    cwe: 'CWE-693',
    resourceTypes: ['azurerm_kubernetes_cluster'],
    remediation:
      'Set azure_policy_enabled = true (addon_profile { azure_policy { enabled = true } } on azurerm v2).',
    references: [
      'https://learn.microsoft.com/en-us/azure/aks/use-azure-policy',
      `${AKS_DOCS}#azure_policy_enabled`,
    ],
    equivalents: {
      checkov: ['CKV_AZURE_116'],
      trivy: ['AVD-AZU-0066', 'azure-container-enable-azure-policy-addon'],
      kics: [],
    },
    check(resource) {
      const current = readBool(resource.values, ['azure_policy_enabled']);
      const legacy = readBool(resource.values, ['addon_profile', 0, 'azure_policy', 0, 'enabled']);
      if (current === true || legacy === true) return PASS;
      if (current === UNREADABLE || legacy === UNREADABLE) return UNKNOWN_RESULT;
      return fail(['azure_policy_enabled'], 'The Azure Policy add-on is not enabled.');
    },
  },
  {
    id: 'ILM-TF-AZURE-022',
    title: 'AKS cluster has a network policy',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-923',
    resourceTypes: ['azurerm_kubernetes_cluster'],
    remediation: 'Set network_profile { network_policy = "azure" | "calico" | "cilium" }.',
    references: [
      'https://learn.microsoft.com/en-us/azure/aks/use-network-policies',
      `${AKS_DOCS}#network_policy`,
    ],
    equivalents: {
      checkov: ['CKV_AZURE_7'],
      trivy: ['AVD-AZU-0043', 'azure-container-configured-network-policy'],
      kics: [],
    },
    check(resource) {
      if (readBlocks(resource.values, ['network_profile']) === UNREADABLE) return UNKNOWN_RESULT;
      return expectNonEmptyString(
        resource.values,
        ['network_profile', 0, 'network_policy'],
        'No network policy is configured, so all pods can reach each other.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-023',
    title: 'AKS cluster disables local accounts',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-287',
    resourceTypes: ['azurerm_kubernetes_cluster'],
    remediation: 'Set local_account_disabled = true and authenticate with Microsoft Entra ID.',
    references: [
      'https://learn.microsoft.com/en-us/azure/aks/manage-local-accounts-managed-azure-ad',
      `${AKS_DOCS}#local_account_disabled`,
    ],
    equivalents: { checkov: ['CKV_AZURE_141'], trivy: [], kics: [] },
    check(resource) {
      return expectBool(
        resource.values,
        ['local_account_disabled'],
        true,
        'fail',
        'The local cluster-admin account is enabled.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-024',
    title: 'AKS cluster sends logs to Azure Monitor',
    severity: 'MEDIUM',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['azurerm_kubernetes_cluster'],
    remediation:
      'Add oms_agent { log_analytics_workspace_id = ... } (addon_profile { oms_agent { enabled = true } } on azurerm v2).',
    references: [
      'https://learn.microsoft.com/en-us/azure/azure-monitor/containers/container-insights-overview',
      `${AKS_DOCS}#oms_agent`,
    ],
    equivalents: {
      checkov: ['CKV_AZURE_4'],
      trivy: ['AVD-AZU-0040', 'azure-container-logging'],
      kics: [],
    },
    check(resource) {
      const agent = readBlocks(resource.values, ['oms_agent']);
      if (agent === UNREADABLE) return UNKNOWN_RESULT;
      if (agent.length > 0) return PASS;
      const legacy = readBool(resource.values, ['addon_profile', 0, 'oms_agent', 0, 'enabled']);
      if (legacy === true) return PASS;
      if (legacy === UNREADABLE) return UNKNOWN_RESULT;
      return fail(['oms_agent'], 'Container insights (OMS agent) is not configured.');
    },
  },
  {
    id: 'ILM-TF-AZURE-025',
    title: 'AKS cluster encrypts disks with a disk encryption set',
    severity: 'LOW',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['azurerm_kubernetes_cluster'],
    remediation: 'Set disk_encryption_set_id to a customer-managed azurerm_disk_encryption_set.',
    references: [
      'https://learn.microsoft.com/en-us/azure/aks/azure-disk-customer-managed-keys',
      `${AKS_DOCS}#disk_encryption_set_id`,
    ],
    equivalents: {
      checkov: ['CKV_AZURE_117'],
      trivy: ['AVD-AZU-0067', 'azure-container-enable-disk-encryption'],
      kics: [],
    },
    check(resource) {
      return expectNonEmptyString(
        resource.values,
        ['disk_encryption_set_id'],
        'Node disks are not encrypted with a customer-managed disk encryption set.',
      );
    },
  },
];
