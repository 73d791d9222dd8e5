// Every Kubernetes rule, in id order.

import type { KubernetesRule } from '../../types.js';
import { CAPABILITY_RULES } from './capabilities.js';
import { HOST_NAMESPACE_RULES } from './host-namespaces.js';
import { IMAGE_RULES } from './images.js';
import { LEGACY_COMPONENT_RULES } from './legacy-components.js';
import { NAMESPACE_RULES } from './namespaces.js';
import { NETWORK_RULES } from './network.js';
import { PROBE_RULES } from './probes.js';
import { RBAC_BINDING_RULES } from './rbac-bindings.js';
import { RBAC_ROLE_RULES } from './rbac-roles.js';
import { RESOURCE_RULES } from './resources.js';
import { RUN_AS_USER_RULES } from './run-as-user.js';
import { SECRET_RULES } from './secrets.js';
import { SECURITY_CONTEXT_RULES } from './security-context.js';
import { SECURITY_PROFILE_RULES } from './security-profiles.js';
import { SERVICE_ACCOUNT_RULES } from './service-accounts.js';
import { VOLUME_RULES } from './volumes.js';

export const KUBERNETES_RULES: KubernetesRule[] = [
  ...SECURITY_CONTEXT_RULES,
  ...RUN_AS_USER_RULES,
  ...CAPABILITY_RULES,
  ...SECURITY_PROFILE_RULES,
  ...HOST_NAMESPACE_RULES,
  ...VOLUME_RULES,
  ...RESOURCE_RULES,
  ...IMAGE_RULES,
  ...PROBE_RULES,
  ...SECRET_RULES,
  ...SERVICE_ACCOUNT_RULES,
  ...NAMESPACE_RULES,
  ...LEGACY_COMPONENT_RULES,
  ...RBAC_ROLE_RULES,
  ...RBAC_BINDING_RULES,
  ...NETWORK_RULES,
];
