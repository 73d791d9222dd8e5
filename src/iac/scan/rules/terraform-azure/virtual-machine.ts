// Azure virtual machine and scale set rules.

import type { TerraformRule } from '../../types.js';
import { expectBool } from './rule-support.js';

const VM_DOCS = 'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources';
const PASSWORD_TRIVY = ['AVD-AZU-0039', 'azure-compute-disable-password-authentication'];

export const VIRTUAL_MACHINE_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AZURE-054',
    title: 'Linux virtual machine disables password authentication',
    severity: 'HIGH',
    category: 'iam',
    cwe: 'CWE-309',
    resourceTypes: ['azurerm_linux_virtual_machine', 'azurerm_linux_virtual_machine_scale_set'],
    remediation: 'Remove disable_password_authentication = false and log in with admin_ssh_key.',
    references: [
      'https://learn.microsoft.com/en-us/azure/virtual-machines/linux/create-ssh-keys-detailed',
      `${VM_DOCS}/linux_virtual_machine#disable_password_authentication`,
    ],
    equivalents: { checkov: ['CKV_AZURE_149'], trivy: PASSWORD_TRIVY, kics: [] },
    check(resource) {
      return expectBool(
        resource.values,
        ['disable_password_authentication'],
        true,
        'pass',
        'Password authentication is enabled.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-055',
    title: 'Virtual machine (legacy resource) disables Linux password authentication',
    severity: 'HIGH',
    category: 'iam',
    cwe: 'CWE-309',
    resourceTypes: ['azurerm_virtual_machine'],
    remediation: 'Set os_profile_linux_config { disable_password_authentication = true } and add ssh_keys.',
    references: [
      'https://learn.microsoft.com/en-us/azure/virtual-machines/linux/create-ssh-keys-detailed',
      `${VM_DOCS}/virtual_machine#disable_password_authentication`,
    ],
    equivalents: { checkov: ['CKV_AZURE_1'], trivy: PASSWORD_TRIVY, kics: [] },
    check(resource) {
      return expectBool(
        resource.values,
        ['os_profile_linux_config', 0, 'disable_password_authentication'],
        true,
        'pass',
        'Password authentication is enabled.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-056',
    title: 'Virtual machine scale set enables encryption at host',
    severity: 'MEDIUM',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set'],
    remediation: 'Set encryption_at_host_enabled = true (the EncryptionAtHost feature must be registered).',
    references: [
      'https://learn.microsoft.com/en-us/azure/virtual-machines/disk-encryption#encryption-at-host---end-to-end-encryption-for-your-vm-data',
      `${VM_DOCS}/linux_virtual_machine_scale_set#encryption_at_host_enabled`,
    ],
    equivalents: { checkov: ['CKV_AZURE_97'], trivy: [], kics: [] },
    check(resource) {
      return expectBool(
        resource.values,
        ['encryption_at_host_enabled'],
        true,
        'fail',
        'Encryption at host is not enabled.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-057',
    title: 'Virtual machine enables encryption at host',
    severity: 'MEDIUM',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine'],
    remediation: 'Set encryption_at_host_enabled = true (the EncryptionAtHost feature must be registered).',
    references: [
      'https://learn.microsoft.com/en-us/azure/virtual-machines/disk-encryption#encryption-at-host---end-to-end-encryption-for-your-vm-data',
      `${VM_DOCS}/linux_virtual_machine#encryption_at_host_enabled`,
    ],
    equivalents: { checkov: [], trivy: [], kics: [] },
    check(resource) {
      return expectBool(
        resource.values,
        ['encryption_at_host_enabled'],
        true,
        'fail',
        'Encryption at host is not enabled.',
      );
    },
  },
];
