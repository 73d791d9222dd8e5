import { describe } from 'vitest';
import { MONITOR_RULES } from './monitor.js';
import { describeCaseCoverage, describeRuleCases, type RuleCase } from './rule-cases.js';

const profile = (categories: string, retention: string) => `
resource "azurerm_monitor_log_profile" "example" {
  name               = "default"
  categories         = ${categories}
  locations          = ["westus", "global"]
  storage_account_id = "storage-id"
  retention_policy {
    ${retention}
  }
}
`;

const allCategories = '["Action", "Delete", "Write"]';

const cases: RuleCase[] = [
  {
    id: 'ILM-TF-AZURE-063',
    fail: [profile(allCategories, 'enabled = true\n    days = 7'), profile(allCategories, 'enabled = true')],
    pass: [
      profile(allCategories, 'enabled = true\n    days = 365'),
      profile(allCategories, 'enabled = false'),
    ],
    unknown: [`variable "days" {}\n${profile(allCategories, 'enabled = true\n    days = var.days')}`],
  },
  {
    id: 'ILM-TF-AZURE-064',
    fail: [profile('["Action", "Write"]', 'enabled = false')],
    pass: [profile(allCategories, 'enabled = false')],
  },
];

describe('Azure Monitor rules', () => {
  describeCaseCoverage(MONITOR_RULES, cases);
  describeRuleCases(MONITOR_RULES, cases);
});
