// Every Azure (azurerm) Terraform rule, in id order.

import type { TerraformRule } from '../../types.js';
import { AKS_RULES } from './aks.js';
import { APP_SERVICE_RULES } from './app-service.js';
import { CONTAINER_REGISTRY_RULES } from './container-registry.js';
import { COSMOS_DB_RULES } from './cosmos-db.js';
import { KEY_VAULT_RULES } from './key-vault.js';
import { MONITOR_RULES } from './monitor.js';
import { NETWORK_SECURITY_GROUP_RULES } from './network-security-group.js';
import { POSTGRES_MYSQL_RULES } from './postgres-mysql.js';
import { SQL_RULES } from './sql.js';
import { STORAGE_RULES } from './storage.js';
import { VIRTUAL_MACHINE_RULES } from './virtual-machine.js';

export const AZURE_RULES: TerraformRule[] = [
  ...STORAGE_RULES,
  ...KEY_VAULT_RULES,
  ...AKS_RULES,
  ...SQL_RULES,
  ...POSTGRES_MYSQL_RULES,
  ...NETWORK_SECURITY_GROUP_RULES,
  ...APP_SERVICE_RULES,
  ...VIRTUAL_MACHINE_RULES,
  ...CONTAINER_REGISTRY_RULES,
  ...COSMOS_DB_RULES,
  ...MONITOR_RULES,
];
