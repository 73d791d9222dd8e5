// Azure Monitor log profile (activity log) rules.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { TerraformRule } from '../../types.js';
import { ABSENT, readBlocks, readBool, readNumber, readStrings, UNREADABLE } from './rule-support.js';

const PROFILE_DOCS =
  'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/monitor_log_profile';

export const MONITOR_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AZURE-063',
    title: 'Activity log profile retains logs for at least 365 days',
    severity: 'MEDIUM',
    category: 'logging',
    cwe: 'CWE-779',
    resourceTypes: ['azurerm_monitor_log_profile'],
    remediation:
      'Set retention_policy { enabled = true, days = 365 } (or disable the policy to keep logs indefinitely).',
    references: [
      'https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/activity-log',
      `${PROFILE_DOCS}#retention_policy`,
    ],
    // Trivy fails a disabled retention policy; Checkov (and Azure) read it as "keep forever". We follow Checkov.
    equivalents: { checkov: ['CKV_AZURE_37'], trivy: [], kics: [] },
    check(resource) {
      const policies = readBlocks(resource.values, ['retention_policy']);
      if (policies === UNREADABLE) return UNKNOWN_RESULT;
      if (policies.length === 0) return fail(['retention_policy'], 'No retention policy is configured.');
      const enabled = readBool(resource.values, ['retention_policy', 0, 'enabled']);
      if (enabled === UNREADABLE) return UNKNOWN_RESULT;
      if (enabled === false) return PASS;
      if (enabled === ABSENT)
        return fail(['retention_policy', 0], 'The retention policy does not say whether it is enabled.');
      const days = readNumber(resource.values, ['retention_policy', 0, 'days']);
      if (days === UNREADABLE) return UNKNOWN_RESULT;
      return days !== ABSENT && days >= 365
        ? PASS
        : fail(['retention_policy', 0, 'days'], 'Activity logs are kept for less than 365 days.');
    },
  },
  {
    id: 'ILM-TF-AZURE-064',
    title: 'Activity log profile captures Write, Delete and Action events',
    severity: 'MEDIUM',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['azurerm_monitor_log_profile'],
    remediation: 'Set categories = ["Action", "Delete", "Write"].',
    references: [
      'https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/activity-log-schema',
      `${PROFILE_DOCS}#categories`,
    ],
    equivalents: {
      checkov: ['CKV_AZURE_38'],
      trivy: ['AVD-AZU-0033', 'azure-monitor-capture-all-activities'],
      kics: [],
    },
    check(resource) {
      const categories = readStrings(resource.values, ['categories']);
      if (categories === UNREADABLE) return UNKNOWN_RESULT;
      const present = categories === ABSENT ? [] : categories;
      const missing = ['Action', 'Delete', 'Write'].filter((category) => !present.includes(category));
      return missing.length === 0
        ? PASS
        : fail(['categories'], `The log profile does not capture: ${missing.join(', ')}.`);
    },
  },
];
