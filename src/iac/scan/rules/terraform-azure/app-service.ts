// Azure App Service web app and function app rules.

import type { Value } from '../../../terraform/eval/value.js';
import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { CheckResult, TerraformRule } from '../../types.js';
import {
  ABSENT,
  combine,
  expectBool,
  expectOneOf,
  readBlocks,
  readString,
  UNREADABLE,
} from './rule-support.js';

const WEB_APP_TYPES = ['azurerm_app_service', 'azurerm_linux_web_app', 'azurerm_windows_web_app'];
const FUNCTION_APP_TYPES = [
  'azurerm_function_app',
  'azurerm_linux_function_app',
  'azurerm_windows_function_app',
  'azurerm_function_app_slot',
  'azurerm_linux_function_app_slot',
  'azurerm_windows_function_app_slot',
];
const APP_DOCS = 'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources';

/**
 * The minimum TLS version of site_config: legacy resources (azurerm_app_service, azurerm_function_app)
 * call it min_tls_version, the linux/windows resources minimum_tls_version. Unset means 1.2.
 */
function minimumTlsIsModern(values: Value): CheckResult {
  if (readBlocks(values, ['site_config']) === UNREADABLE) return UNKNOWN_RESULT;
  return combine(
    ['min_tls_version', 'minimum_tls_version'].map((name) =>
      expectOneOf(
        values,
        ['site_config', 0, name],
        ['1.2', '1.3'],
        'pass',
        'The app accepts TLS versions older than 1.2.',
      ),
    ),
  );
}

export const APP_SERVICE_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AZURE-047',
    title: 'Web app accepts only HTTPS',
    severity: 'MEDIUM',
    category: 'encryption',
    cwe: 'CWE-319',
    resourceTypes: WEB_APP_TYPES,
    remediation: 'Set https_only = true.',
    references: [
      'https://learn.microsoft.com/en-us/azure/app-service/configure-ssl-bindings#enforce-https',
      `${APP_DOCS}/linux_web_app#https_only`,
    ],
    equivalents: {
      checkov: ['CKV_AZURE_14'],
      trivy: ['AVD-AZU-0072', 'azure-appservice-web-app-https-only'],
      kics: [],
    },
    check(resource) {
      return expectBool(resource.values, ['https_only'], true, 'fail', 'The app accepts plain HTTP.');
    },
  },
  {
    id: 'ILM-TF-AZURE-048',
    title: 'Web app requires TLS 1.2 or later',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-326',
    resourceTypes: WEB_APP_TYPES,
    remediation:
      'Set site_config { minimum_tls_version = "1.2" } (min_tls_version on azurerm_app_service), or leave the default.',
    references: [
      'https://learn.microsoft.com/en-us/azure/app-service/overview-tls',
      `${APP_DOCS}/linux_web_app#minimum_tls_version`,
    ],
    equivalents: {
      checkov: ['CKV_AZURE_15'],
      trivy: ['AVD-AZU-0006', 'azure-appservice-use-secure-tls-policy'],
      kics: [],
    },
    check(resource) {
      return minimumTlsIsModern(resource.values);
    },
  },
  {
    id: 'ILM-TF-AZURE-049',
    title: 'Web app allows only FTPS or disables FTP',
    severity: 'MEDIUM',
    category: 'encryption',
    cwe: 'CWE-319',
    resourceTypes: WEB_APP_TYPES,
    remediation: 'Set site_config { ftps_state = "Disabled" } (or "FtpsOnly").',
    references: [
      'https://learn.microsoft.com/en-us/azure/app-service/deploy-ftp#enforce-ftps',
      `${APP_DOCS}/linux_web_app#ftps_state`,
    ],
    equivalents: {
      checkov: ['CKV_AZURE_78'],
      trivy: ['AVD-AZU-0071', 'azure-appservice-enforce-ftps'],
      kics: [],
    },
    check(resource) {
      if (readBlocks(resource.values, ['site_config']) === UNREADABLE) return UNKNOWN_RESULT;
      return expectOneOf(
        resource.values,
        ['site_config', 0, 'ftps_state'],
        ['FtpsOnly', 'Disabled'],
        'fail',
        'Plain FTP deployments are not disabled.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-050',
    title: 'Web app uses a managed identity',
    severity: 'LOW',
    category: 'iam',
    cwe: 'CWE-522',
    resourceTypes: WEB_APP_TYPES,
    remediation:
      'Add identity { type = "SystemAssigned" } (or UserAssigned) and use it instead of stored credentials.',
    references: [
      'https://learn.microsoft.com/en-us/azure/app-service/overview-managed-identity',
      `${APP_DOCS}/linux_web_app#identity`,
    ],
    equivalents: {
      checkov: ['CKV_AZURE_16'],
      trivy: ['AVD-AZU-0002', 'azure-appservice-account-identity-registered'],
      kics: [],
    },
    check(resource) {
      const identity = readBlocks(resource.values, ['identity']);
      if (identity === UNREADABLE) return UNKNOWN_RESULT;
      const first = identity[0];
      if (!first) return fail(['identity'], 'The app has no managed identity.');
      const type = readString(first, ['type']);
      if (type === UNREADABLE) return UNKNOWN_RESULT;
      return type === ABSENT || type.trim() === ''
        ? fail(['identity', 0, 'type'], 'The app has no managed identity.')
        : PASS;
    },
  },
  {
    id: 'ILM-TF-AZURE-051',
    title: 'App Service app has remote debugging disabled',
    severity: 'MEDIUM',
    category: 'general',
    cwe: 'CWE-489',
    resourceTypes: [
      'azurerm_app_service',
      'azurerm_linux_web_app',
      'azurerm_linux_web_app_slot',
      'azurerm_windows_web_app',
      'azurerm_windows_web_app_slot',
      'azurerm_linux_function_app',
      'azurerm_linux_function_app_slot',
      'azurerm_windows_function_app',
      'azurerm_windows_function_app_slot',
    ],
    remediation: 'Remove site_config { remote_debugging_enabled = true }.',
    references: [
      'https://learn.microsoft.com/en-us/azure/app-service/configure-common',
      `${APP_DOCS}/linux_web_app#remote_debugging_enabled`,
    ],
    equivalents: { checkov: ['CKV_AZURE_72'], trivy: [], kics: [] },
    check(resource) {
      if (readBlocks(resource.values, ['site_config']) === UNREADABLE) return UNKNOWN_RESULT;
      return expectBool(
        resource.values,
        ['site_config', 0, 'remote_debugging_enabled'],
        false,
        'pass',
        'Remote debugging is enabled.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-052',
    title: 'Function app accepts only HTTPS',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-319',
    resourceTypes: FUNCTION_APP_TYPES,
    remediation: 'Set https_only = true (and keep auth_settings_v2 { require_https = true }).',
    references: [
      'https://learn.microsoft.com/en-us/azure/app-service/configure-ssl-bindings#enforce-https',
      `${APP_DOCS}/linux_function_app#https_only`,
    ],
    equivalents: {
      checkov: ['CKV_AZURE_70'],
      trivy: ['AVD-AZU-0004', 'azure-appservice-enforce-https'],
      kics: [],
    },
    check(resource) {
      const httpsOnly = expectBool(
        resource.values,
        ['https_only'],
        true,
        'fail',
        'The function app accepts plain HTTP.',
      );
      if (httpsOnly.status !== 'pass') return httpsOnly;
      if (readBlocks(resource.values, ['auth_settings_v2']) === UNREADABLE) return UNKNOWN_RESULT;
      return expectBool(
        resource.values,
        ['auth_settings_v2', 0, 'require_https'],
        true,
        'pass',
        'Authentication does not require HTTPS.',
      );
    },
  },
  {
    id: 'ILM-TF-AZURE-053',
    title: 'Function app requires TLS 1.2 or later',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-326',
    resourceTypes: FUNCTION_APP_TYPES,
    remediation:
      'Set site_config { minimum_tls_version = "1.2" } (min_tls_version on azurerm_function_app), or leave the default.',
    references: [
      'https://learn.microsoft.com/en-us/azure/app-service/overview-tls',
      `${APP_DOCS}/linux_function_app#minimum_tls_version`,
    ],
    equivalents: { checkov: ['CKV_AZURE_145'], trivy: [], kics: [] },
    check(resource) {
      return minimumTlsIsModern(resource.values);
    },
  },
];
