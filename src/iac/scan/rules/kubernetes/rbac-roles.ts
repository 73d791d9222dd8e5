// Roles and ClusterRoles that grant too much: wildcards, secrets, workload and RBAC management,
// impersonation, exec/attach, node proxy, webhooks, CSR approval, bind and escalate.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { CheckResult, KubernetesRule } from '../../types.js';
import {
  failMatchingRules,
  failRulePairs,
  failWhenAllOperationsGranted,
  listsAny,
  type PolicyRule,
  policyRules,
} from './rbac-policy.js';
import { equivalents, REFERENCES, trivyIds } from './rule-support.js';

const ROLE_KINDS = ['Role', 'ClusterRole'];
const CLUSTER_ROLE = ['ClusterRole'];
const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** Verbs that change objects (Trivy's "write" set). */
const CHANGE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection', 'impersonate', '*'];
const WORKLOAD_RESOURCES = [
  'pods',
  'deployments',
  'jobs',
  'cronjobs',
  'statefulsets',
  'daemonsets',
  'replicasets',
  'replicationcontrollers',
];
/** Resources on which Trivy forbids the "*" verb. */
const SENSITIVE_RESOURCES = [
  'secrets',
  'pods',
  'deployments',
  'daemonsets',
  'statefulsets',
  'replicationcontrollers',
  'replicasets',
  'cronjobs',
  'jobs',
  'roles',
  'clusterroles',
  'rolebindings',
  'clusterrolebindings',
  'users',
  'groups',
];
const WEBHOOK_RESOURCES = ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'];

/** Shared metadata of the role rules. */
function roleRule(
  rule: Omit<KubernetesRule, 'category' | 'references'> & { references?: string[] },
): KubernetesRule {
  return {
    ...rule,
    category: 'rbac',
    references: rule.references ?? [REFERENCES.rbacGoodPractices, REFERENCES.rbac],
  };
}

/** A literal-match rule body (Trivy style). */
function literal(matches: (rule: PolicyRule) => boolean, message: string): KubernetesRule['check'] {
  return (object) => failMatchingRules(object, matches, message);
}

export const RBAC_ROLE_RULES: KubernetesRule[] = [
  roleRule({
    id: 'ILM-K8S-060',
    title: 'Role rules use no wildcards',
    severity: 'MEDIUM',
    cwe: 'CWE-732',
    resourceTypes: ROLE_KINDS,
    remediation: 'List the API groups, resources and verbs the role needs instead of "*".',
    equivalents: equivalents({ checkov: ['CKV_K8S_49'], kics: ['6b896afb-ca07-467a-b256-1a0077a1c08e'] }),
    check(object) {
      const rules = policyRules(object);
      if (rules === 'unknown') return UNKNOWN_RESULT;
      const results: CheckResult[] = rules.map((rule) => {
        if (rule === 'unknown') return UNKNOWN_RESULT;
        const field = (['apiGroups', 'resources', 'verbs'] as const).find((key) =>
          rule[key].some((entry) => entry.includes('*')),
        );
        return field
          ? fail(['rules', rule.index, field], `rule ${rule.index} uses a wildcard in ${field}`)
          : PASS;
      });
      return results.length > 0 ? results : PASS;
    },
  }),
  roleRule({
    id: 'ILM-K8S-061',
    title: 'No role grants every verb on every resource',
    severity: 'CRITICAL',
    cwe: 'CWE-732',
    resourceTypes: ROLE_KINDS,
    remediation: 'Replace apiGroups/resources/verbs ["*"] with the specific permissions needed.',
    equivalents: equivalents({ trivy: trivyIds(44) }),
    check: literal(
      (rule) =>
        listsAny(rule.apiGroups, ['*']) && listsAny(rule.resources, ['*']) && listsAny(rule.verbs, ['*']),
      'the role permits any verb on any resource',
    ),
  }),
  roleRule({
    id: 'ILM-K8S-062',
    title: 'No role grants every verb on sensitive resources',
    severity: 'CRITICAL',
    cwe: 'CWE-732',
    resourceTypes: ROLE_KINDS,
    remediation:
      'Replace verbs ["*"] on secrets, workloads, RBAC objects, users and groups with the verbs needed.',
    equivalents: equivalents({ trivy: trivyIds(45) }),
    check: literal(
      (rule) => listsAny(rule.resources, SENSITIVE_RESOURCES) && listsAny(rule.verbs, ['*']),
      'the role permits any verb on a sensitive resource',
    ),
  }),
  roleRule({
    id: 'ILM-K8S-063',
    title: 'No ClusterRole manages all resources',
    severity: 'CRITICAL',
    cwe: 'CWE-732',
    resourceTypes: CLUSTER_ROLE,
    remediation: 'Replace resources ["*"] with the resources the cluster role must manage.',
    equivalents: equivalents({ trivy: trivyIds(46) }),
    check: literal(
      (rule) =>
        listsAny(rule.resources, ['*']) &&
        listsAny(rule.verbs, [
          'create',
          'update',
          'delete',
          'deletecollection',
          'impersonate',
          '*',
          'list',
          'get',
        ]),
      'the cluster role manages all resources',
    ),
  }),
  roleRule({
    id: 'ILM-K8S-064',
    title: 'No ClusterRole grants access to secrets',
    severity: 'CRITICAL',
    cwe: 'CWE-732',
    resourceTypes: CLUSTER_ROLE,
    remediation:
      'Remove "secrets" from cluster roles; grant namespaced, name-restricted access where needed.',
    equivalents: equivalents({ trivy: trivyIds(41) }),
    check: literal(
      (rule) =>
        listsAny(rule.resources, ['secrets']) &&
        listsAny(rule.verbs, [
          'get',
          'list',
          'watch',
          'create',
          'update',
          'patch',
          'delete',
          'deletecollection',
          'impersonate',
          '*',
        ]),
      'the cluster role can read or manage secrets',
    ),
  }),
  roleRule({
    id: 'ILM-K8S-065',
    title: 'No role manages Roles or RoleBindings',
    severity: 'CRITICAL',
    cwe: 'CWE-269',
    resourceTypes: ROLE_KINDS,
    remediation:
      'Remove write verbs on roles and rolebindings; RBAC changes should go through cluster administrators.',
    equivalents: equivalents({ trivy: trivyIds(50) }),
    check: literal(
      (rule) =>
        listsAny(rule.resources, ['roles', 'rolebindings']) &&
        listsAny(rule.verbs, ['create', 'update', 'delete', 'deletecollection', 'impersonate', '*']),
      'the role can manage RBAC objects',
    ),
  }),
  roleRule({
    id: 'ILM-K8S-066',
    title: 'No role can impersonate groups',
    severity: 'CRITICAL',
    cwe: 'CWE-269',
    resourceTypes: ROLE_KINDS,
    remediation: 'Remove the impersonate verb on groups.',
    equivalents: equivalents({ trivy: trivyIds(43) }),
    check: literal(
      (rule) =>
        listsAny(rule.apiGroups, ['*']) &&
        listsAny(rule.resources, ['groups']) &&
        listsAny(rule.verbs, ['impersonate']),
      'the role can impersonate groups',
    ),
  }),
  roleRule({
    id: 'ILM-K8S-067',
    title: 'No role grants access to the node proxy',
    severity: 'HIGH',
    cwe: 'CWE-269',
    resourceTypes: ROLE_KINDS,
    remediation: 'Remove nodes/proxy from the role; it reaches the kubelet API past admission control.',
    equivalents: equivalents({ trivy: trivyIds(47) }),
    check: literal(
      (rule) => listsAny(rule.resources, ['nodes/proxy']) && listsAny(rule.verbs, ['get', 'create']),
      'the role can use the node proxy',
    ),
  }),
  roleRule({
    id: 'ILM-K8S-068',
    title: 'No role creates or changes workloads and pods',
    severity: 'MEDIUM',
    cwe: 'CWE-269',
    resourceTypes: ROLE_KINDS,
    remediation: 'Limit workload resources to get, list and watch unless the subject deploys workloads.',
    equivalents: equivalents({ trivy: trivyIds(48) }),
    check: literal(
      (rule) => listsAny(rule.resources, WORKLOAD_RESOURCES) && listsAny(rule.verbs, CHANGE_VERBS),
      'the role can create or change workloads',
    ),
  }),
  roleRule({
    id: 'ILM-K8S-069',
    title: 'No role can exec into pods',
    severity: 'HIGH',
    cwe: 'CWE-269',
    resourceTypes: ROLE_KINDS,
    remediation: 'Remove write verbs on pods/exec.',
    equivalents: equivalents({ trivy: trivyIds(53) }),
    check: literal(
      (rule) => listsAny(rule.resources, ['pods/exec']) && listsAny(rule.verbs, CHANGE_VERBS),
      'the role can exec into pods',
    ),
  }),
  roleRule({
    id: 'ILM-K8S-070',
    title: 'No role can attach to pods',
    severity: 'HIGH',
    cwe: 'CWE-269',
    resourceTypes: ROLE_KINDS,
    remediation: 'Remove create on pods/attach (together with get on pods it opens a shell in running pods).',
    equivalents: equivalents({ trivy: trivyIds(54) }),
    check(object) {
      return failRulePairs(
        object,
        (rule) =>
          listsAny(rule.apiGroups, ['*']) &&
          listsAny(rule.resources, ['pods/attach']) &&
          listsAny(rule.verbs, ['create']),
        (rule) =>
          listsAny(rule.apiGroups, ['*']) &&
          listsAny(rule.resources, ['pods']) &&
          listsAny(rule.verbs, ['get']),
        'the role can attach to pods',
      );
    },
  }),
  roleRule({
    id: 'ILM-K8S-071',
    title: 'No role manages admission webhook configurations',
    severity: 'CRITICAL',
    cwe: 'CWE-269',
    resourceTypes: ROLE_KINDS,
    remediation: 'Remove write verbs on mutating and validating webhook configurations.',
    equivalents: equivalents({ trivy: trivyIds(114) }),
    check: literal(
      (rule) => listsAny(rule.resources, WEBHOOK_RESOURCES) && listsAny(rule.verbs, CHANGE_VERBS),
      'the role can change admission webhooks',
    ),
  }),
  roleRule({
    id: 'ILM-K8S-072',
    title: 'No ClusterRole controls admission webhooks (wildcards included)',
    severity: 'HIGH',
    cwe: 'CWE-269',
    resourceTypes: CLUSTER_ROLE,
    remediation: 'Remove create, update and patch on admissionregistration.k8s.io webhook configurations.',
    equivalents: equivalents({ checkov: ['CKV_K8S_155'] }),
    check(object) {
      return failWhenAllOperationsGranted(
        object,
        [
          {
            apiGroups: ['admissionregistration.k8s.io'],
            verbs: ['create', 'update', 'patch'],
            resources: WEBHOOK_RESOURCES,
          },
        ],
        'the cluster role can change admission webhooks',
      );
    },
  }),
  roleRule({
    id: 'ILM-K8S-073',
    title: 'No ClusterRole can approve CertificateSigningRequests',
    severity: 'HIGH',
    cwe: 'CWE-269',
    resourceTypes: CLUSTER_ROLE,
    remediation: 'Remove update/patch on certificatesigningrequests/approval or approve on signers.',
    references: [
      REFERENCES.rbacGoodPractices,
      'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/',
    ],
    equivalents: equivalents({ checkov: ['CKV_K8S_156'] }),
    check(object) {
      return failWhenAllOperationsGranted(
        object,
        [
          {
            apiGroups: ['certificates.k8s.io'],
            verbs: ['update', 'patch'],
            resources: ['certificatesigningrequests/approval'],
          },
          { apiGroups: ['certificates.k8s.io'], verbs: ['approve'], resources: ['signers'] },
        ],
        'the cluster role can approve certificate signing requests',
      );
    },
  }),
  roleRule({
    id: 'ILM-K8S-074',
    title: 'No role grants the bind verb on role bindings',
    severity: 'HIGH',
    cwe: 'CWE-269',
    resourceTypes: ROLE_KINDS,
    remediation: 'Remove the bind verb; it lets the subject grant roles it does not hold.',
    equivalents: equivalents({ checkov: ['CKV_K8S_157'] }),
    check(object) {
      return failWhenAllOperationsGranted(
        object,
        [{ apiGroups: [RBAC_GROUP], verbs: ['bind'], resources: ['rolebindings', 'clusterrolebindings'] }],
        'the role can bind roles',
      );
    },
  }),
  roleRule({
    id: 'ILM-K8S-075',
    title: 'No role grants the escalate verb on roles',
    severity: 'HIGH',
    cwe: 'CWE-269',
    resourceTypes: ROLE_KINDS,
    remediation: 'Remove the escalate verb; it lets the subject give roles more permissions than it holds.',
    equivalents: equivalents({ checkov: ['CKV_K8S_158'] }),
    check(object) {
      return failWhenAllOperationsGranted(
        object,
        [{ apiGroups: [RBAC_GROUP], verbs: ['escalate'], resources: ['roles', 'clusterroles'] }],
        'the role can escalate roles',
      );
    },
  }),
  roleRule({
    id: 'ILM-K8S-076',
    title: 'No role can create pods',
    severity: 'MEDIUM',
    cwe: 'CWE-269',
    resourceTypes: ROLE_KINDS,
    remediation:
      'Remove create (and wildcard verbs) on pods; creating pods lets a subject run with any service account.',
    equivalents: equivalents({ kics: ['592ad21d-ad9b-46c6-8d2d-fad09d62a942'] }),
    check: literal(
      (rule) =>
        rule.verbs.some((verb) => verb === 'create' || verb.includes('*')) &&
        rule.resources.some((resource) => resource === 'pods' || resource.includes('*')),
      'the role can create pods',
    ),
  }),
  roleRule({
    id: 'ILM-K8S-077',
    title: 'No role can create role bindings to any role',
    severity: 'HIGH',
    cwe: 'CWE-269',
    resourceTypes: ROLE_KINDS,
    remediation: 'Do not combine create on rolebindings with bind on every role (resourceNames ["*"]).',
    equivalents: equivalents({ trivy: trivyIds(51) }),
    check(object) {
      return failRulePairs(
        object,
        (rule) =>
          listsAny(rule.apiGroups, [RBAC_GROUP]) &&
          listsAny(rule.resources, ['rolebindings']) &&
          listsAny(rule.verbs, ['create']),
        (rule) =>
          listsAny(rule.apiGroups, [RBAC_GROUP]) &&
          listsAny(rule.resources, ['clusterroles', 'roles']) &&
          listsAny(rule.verbs, ['bind']) &&
          listsAny(rule.resourceNames, ['*']),
        'the role can bind any role through new role bindings',
      );
    },
  }),
  roleRule({
    id: 'ILM-K8S-078',
    title: 'No role changes ConfigMaps',
    severity: 'MEDIUM',
    cwe: 'CWE-732',
    resourceTypes: ROLE_KINDS,
    remediation: 'Remove write verbs on configmaps unless the subject owns that configuration.',
    equivalents: equivalents({ trivy: trivyIds(49) }),
    check: literal(
      (rule) => listsAny(rule.resources, ['configmaps']) && listsAny(rule.verbs, CHANGE_VERBS),
      'the role can change configmaps',
    ),
  }),
];
