import { describe } from 'vitest';
import { APP_SERVICE_RULES } from './app-service.js';
import { describeCaseCoverage, describeRuleCases, type RuleCase } from './rule-cases.js';

const webApp = (body: string, type = 'azurerm_linux_web_app') => `
resource "${type}" "example" {
  name                = "example"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "plan-id"
${body}
}
`;

const legacyApp = (body: string) => `
resource "azurerm_app_service" "example" {
  name                = "example-app-service"
  location            = "westeurope"
  resource_group_name = "rg"
  app_service_plan_id = "plan-id"
${body}
}
`;

const functionApp = (body: string, type = 'azurerm_linux_function_app') => `
resource "${type}" "example" {
  name                       = "example-function-app"
  resource_group_name        = "rg"
  location                   = "westeurope"
  service_plan_id            = "plan-id"
  storage_account_name       = "storage"
  storage_account_access_key = "key"
${body}
}
`;

const cases: RuleCase[] = [
  {
    id: 'ILM-TF-AZURE-047',
    fail: [webApp(''), legacyApp('  https_only = false')],
    pass: [webApp('  https_only = true'), legacyApp('  https_only = true')],
    unknown: [`variable "https" {}\n${webApp('  https_only = var.https')}`],
  },
  {
    id: 'ILM-TF-AZURE-048',
    fail: [
      webApp('  site_config {\n    minimum_tls_version = "1.0"\n  }'),
      legacyApp('  site_config {\n    min_tls_version = "1.1"\n  }'),
    ],
    pass: [
      webApp(''),
      webApp('  site_config {\n    minimum_tls_version = "1.2"\n  }'),
      legacyApp('  site_config {\n    min_tls_version = "1.2"\n  }'),
    ],
  },
  {
    id: 'ILM-TF-AZURE-049',
    fail: [webApp(''), webApp('  site_config {\n    ftps_state = "AllAllowed"\n  }')],
    pass: [
      webApp('  site_config {\n    ftps_state = "FtpsOnly"\n  }'),
      legacyApp('  site_config {\n    ftps_state = "Disabled"\n  }'),
    ],
  },
  {
    id: 'ILM-TF-AZURE-050',
    fail: [webApp(''), legacyApp('')],
    pass: [webApp('  identity {\n    type = "SystemAssigned"\n  }')],
  },
  {
    id: 'ILM-TF-AZURE-051',
    fail: [
      webApp('  site_config {\n    remote_debugging_enabled = true\n  }'),
      functionApp('  site_config {\n    remote_debugging_enabled = true\n  }'),
    ],
    pass: [webApp(''), webApp('  site_config {\n    remote_debugging_enabled = false\n  }')],
  },
  {
    id: 'ILM-TF-AZURE-052',
    fail: [
      functionApp(''),
      functionApp('  https_only = true\n  auth_settings_v2 {\n    require_https = false\n  }'),
      `resource "azurerm_function_app" "legacy" {
  name                       = "legacy"
  location                   = "westeurope"
  resource_group_name        = "rg"
  app_service_plan_id        = "plan-id"
  storage_account_name       = "storage"
  storage_account_access_key = "key"
  https_only                 = false
}`,
    ],
    pass: [
      functionApp('  https_only = true'),
      functionApp('  https_only = true\n  auth_settings_v2 {\n    require_https = true\n  }'),
    ],
  },
  {
    id: 'ILM-TF-AZURE-053',
    fail: [
      functionApp('  site_config {\n    minimum_tls_version = "1.0"\n  }', 'azurerm_windows_function_app'),
    ],
    pass: [functionApp(''), functionApp('  site_config {\n    minimum_tls_version = "1.2"\n  }')],
  },
];

describe('Azure App Service rules', () => {
  describeCaseCoverage(APP_SERVICE_RULES, cases);
  describeRuleCases(APP_SERVICE_RULES, cases);
});
