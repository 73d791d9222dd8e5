// Compute Engine instance, template, disk and project metadata rules.

import type { Value } from '../../../terraform/eval/value.js';
import { fail, PASS, UNKNOWN_RESULT, valueAt } from '../../terraform-values.js';
import type { CheckResult, TerraformRule } from '../../types.js';
import {
  ABSENT,
  expectBool,
  isAppliedLater,
  readBlocks,
  readBool,
  readString,
  readStrings,
  UNREADABLE,
} from '../terraform-azure/rule-support.js';

const INSTANCE_TYPES = ['google_compute_instance', 'google_compute_instance_template'];
const INSTANCE_DOCS =
  'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance';
const DEFAULT_SERVICE_ACCOUNT = /^\d+-compute@developer\.gserviceaccount\.com$/;
const CLOUD_PLATFORM_SCOPES = ['https://www.googleapis.com/auth/cloud-platform', 'cloud-platform'];

/** Instances GKE creates for its nodes are judged by the GKE rules, as Checkov does. */
function isGkeNode(values: Value): boolean {
  const name = readString(values, ['name']);
  return typeof name === 'string' && name.startsWith('gke-');
}

type EmailKind = 'none' | 'default' | 'custom' | 'unknown';

/** What the service_account email names: nothing, the Compute Engine default account, another one. */
function serviceAccountEmail(values: Value): EmailKind {
  const raw = valueAt(values, ['service_account', 0, 'email']);
  // A reference to a google_service_account's email is a custom account known only after apply.
  if (isAppliedLater(raw)) return 'custom';
  const email = readString(values, ['service_account', 0, 'email']);
  if (email === UNREADABLE) return 'unknown';
  if (email === ABSENT || email === '') return 'none';
  return DEFAULT_SERVICE_ACCOUNT.test(email) || email === 'default' ? 'default' : 'custom';
}

/** A metadata key set to true must not be; unset passes. Metadata values are strings ("TRUE") or bools. */
function forbidMetadataTrue(values: Value, key: string, message: string): CheckResult {
  return expectBool(values, ['metadata', key], false, 'pass', message);
}

export const COMPUTE_INSTANCE_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-GCP-038',
    title: 'Compute instance does not use the default service account',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-250',
    resourceTypes: INSTANCE_TYPES,
    remediation:
      'Add service_account { email = google_service_account.<name>.email, scopes = ["cloud-platform"] } with a dedicated account.',
    references: [
      'https://cloud.google.com/compute/docs/access/create-enable-service-accounts-for-instances',
      `${INSTANCE_DOCS}#service_account`,
    ],
    equivalents: { checkov: ['CKV_GCP_30'], trivy: [], kics: [] },
    check(resource) {
      if (isGkeNode(resource.values)) return PASS;
      if (readBlocks(resource.values, ['service_account']) === UNREADABLE) return UNKNOWN_RESULT;
      const kind = serviceAccountEmail(resource.values);
      if (kind === 'unknown') return UNKNOWN_RESULT;
      return kind === 'custom'
        ? PASS
        : fail(['service_account'], 'The instance runs as the Compute Engine default service account.');
    },
  },
  {
    id: 'ILM-TF-GCP-039',
    title: 'Compute instance does not give the default service account full API access',
    severity: 'HIGH',
    category: 'iam',
    cwe: 'CWE-250',
    resourceTypes: INSTANCE_TYPES,
    remediation:
      'Use a dedicated service account, or narrow scopes instead of cloud-platform for the default account.',
    references: [
      'https://cloud.google.com/compute/docs/access/service-accounts#associating_a_service_account_to_an_instance',
      `${INSTANCE_DOCS}#scopes`,
    ],
    equivalents: { checkov: ['CKV_GCP_31'], trivy: [], kics: [] },
    check(resource) {
      if (isGkeNode(resource.values)) return PASS;
      const accounts = readBlocks(resource.values, ['service_account']);
      if (accounts === UNREADABLE) return UNKNOWN_RESULT;
      if (accounts.length === 0) return PASS;
      const kind = serviceAccountEmail(resource.values);
      if (kind === 'custom') return PASS;
      const scopes = readStrings(resource.values, ['service_account', 0, 'scopes']);
      if (scopes === UNREADABLE) return UNKNOWN_RESULT;
      const fullAccess = scopes !== ABSENT && scopes.some((scope) => CLOUD_PLATFORM_SCOPES.includes(scope));
      if (!fullAccess) return PASS;
      return kind === 'unknown'
        ? UNKNOWN_RESULT
        : fail(
            ['service_account', 0, 'scopes'],
            'The default service account has access to every Cloud API.',
          );
    },
  },
  {
    id: 'ILM-TF-GCP-040',
    title: 'Compute instance does not disable OS Login',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-287',
    resourceTypes: INSTANCE_TYPES,
    remediation: 'Remove metadata enable-oslogin = "FALSE" and enable OS Login at project level.',
    references: ['https://cloud.google.com/compute/docs/oslogin/set-up-oslogin', `${INSTANCE_DOCS}#metadata`],
    equivalents: {
      checkov: ['CKV_GCP_34'],
      trivy: ['AVD-GCP-0036', 'google-compute-no-oslogin-override'],
      kics: [],
    },
    check(resource) {
      return expectBool(
        resource.values,
        ['metadata', 'enable-oslogin'],
        true,
        'pass',
        'OS Login is disabled on the instance.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-041',
    title: 'Project metadata enables OS Login',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-287',
    resourceTypes: ['google_compute_project_metadata'],
    remediation: 'Set metadata = { enable-oslogin = "TRUE" }.',
    references: [
      'https://cloud.google.com/compute/docs/oslogin/set-up-oslogin',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_project_metadata',
    ],
    equivalents: { checkov: ['CKV_GCP_33'], trivy: [], kics: [] },
    check(resource) {
      return expectBool(
        resource.values,
        ['metadata', 'enable-oslogin'],
        true,
        'fail',
        'OS Login is not enabled for the project.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-042',
    title: 'Compute instance blocks project-wide SSH keys',
    severity: 'MEDIUM',
    category: 'iam',
    cwe: 'CWE-287',
    resourceTypes: [...INSTANCE_TYPES, 'google_compute_instance_from_template'],
    remediation: 'Set metadata = { block-project-ssh-keys = true }.',
    references: [
      'https://cloud.google.com/compute/docs/connect/restrict-ssh-keys#block-keys',
      `${INSTANCE_DOCS}#metadata`,
    ],
    equivalents: {
      checkov: ['CKV_GCP_32'],
      trivy: ['AVD-GCP-0030', 'google-compute-no-project-wide-ssh-keys'],
      kics: [],
    },
    check(resource) {
      const blocked = readBool(resource.values, ['metadata', 'block-project-ssh-keys']);
      // An instance from a template inherits the template's metadata, which is not visible here.
      if (blocked === ABSENT && resource.type === 'google_compute_instance_from_template')
        return UNKNOWN_RESULT;
      return expectBool(
        resource.values,
        ['metadata', 'block-project-ssh-keys'],
        true,
        'fail',
        'Project-wide SSH keys can log in to the instance.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-043',
    title: 'Compute instance has serial port access disabled',
    severity: 'MEDIUM',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: INSTANCE_TYPES,
    remediation: 'Remove metadata serial-port-enable = "TRUE".',
    references: [
      'https://cloud.google.com/compute/docs/troubleshooting/troubleshooting-using-serial-console',
      `${INSTANCE_DOCS}#metadata`,
    ],
    equivalents: {
      checkov: ['CKV_GCP_35'],
      trivy: ['AVD-GCP-0032', 'google-compute-no-serial-port'],
      kics: [],
    },
    check(resource) {
      return forbidMetadataTrue(
        resource.values,
        'serial-port-enable',
        'Interactive serial port access is enabled.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-044',
    title: 'Compute instance has IP forwarding disabled',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-923',
    resourceTypes: INSTANCE_TYPES,
    remediation: 'Remove can_ip_forward = true unless the instance is a NAT or routing appliance.',
    references: [
      'https://cloud.google.com/vpc/docs/using-routes#canipforward',
      `${INSTANCE_DOCS}#can_ip_forward`,
    ],
    equivalents: {
      checkov: ['CKV_GCP_36'],
      trivy: ['AVD-GCP-0043', 'google-compute-no-ip-forwarding'],
      kics: [],
    },
    check(resource) {
      return expectBool(
        resource.values,
        ['can_ip_forward'],
        false,
        'pass',
        'The instance can forward packets for other addresses.',
      );
    },
  },
  {
    id: 'ILM-TF-GCP-045',
    title: 'Compute instance is a Shielded VM with vTPM and integrity monitoring',
    severity: 'MEDIUM',
    category: 'general',
    cwe: 'CWE-693',
    resourceTypes: ['google_compute_instance'],
    remediation:
      'Add shielded_instance_config { enable_secure_boot = true, enable_vtpm = true, enable_integrity_monitoring = true }.',
    references: [
      'https://cloud.google.com/compute/shielded-vm/docs/shielded-vm',
      `${INSTANCE_DOCS}#shielded_instance_config`,
    ],
    equivalents: { checkov: ['CKV_GCP_39'], trivy: [], kics: [] },
    check(resource) {
      const shielded = readBlocks(resource.values, ['shielded_instance_config']);
      if (shielded === UNREADABLE) return UNKNOWN_RESULT;
      if (shielded.length === 0) return fail(['shielded_instance_config'], 'Shielded VM is not configured.');
      let unknown = false;
      for (const name of ['enable_vtpm', 'enable_integrity_monitoring']) {
        const enabled = readBool(resource.values, ['shielded_instance_config', 0, name]);
        if (enabled === false)
          return fail(['shielded_instance_config', 0, name], `Shielded VM ${name} is disabled.`);
        if (enabled === UNREADABLE) unknown = true;
      }
      return unknown ? UNKNOWN_RESULT : PASS;
    },
  },
  {
    id: 'ILM-TF-GCP-046',
    title: 'Compute instance boot disk is encrypted with a customer-managed or customer-supplied key',
    severity: 'LOW',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['google_compute_instance'],
    remediation:
      'Set boot_disk { kms_key_self_link = google_kms_crypto_key.<name>.id } (or disk_encryption_key_raw).',
    references: [
      'https://cloud.google.com/compute/docs/disks/customer-managed-encryption',
      `${INSTANCE_DOCS}#kms_key_self_link`,
    ],
    equivalents: { checkov: ['CKV_GCP_38'], trivy: [], kics: [] },
    check(resource) {
      const disks = readBlocks(resource.values, ['boot_disk']);
      if (disks === UNREADABLE) return UNKNOWN_RESULT;
      const first = disks[0];
      if (first && ['disk_encryption_key_raw', 'kms_key_self_link'].some((name) => name in first))
        return PASS;
      return fail(['boot_disk'], 'The boot disk uses a Google-managed key.');
    },
  },
  {
    id: 'ILM-TF-GCP-047',
    title: 'Compute disk is encrypted with a customer-managed or customer-supplied key',
    severity: 'LOW',
    category: 'encryption',
    cwe: 'CWE-311',
    resourceTypes: ['google_compute_disk'],
    remediation:
      'Add disk_encryption_key { kms_key_self_link = google_kms_crypto_key.<name>.id } (or raw_key).',
    references: [
      'https://cloud.google.com/compute/docs/disks/customer-managed-encryption',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_disk#disk_encryption_key',
    ],
    equivalents: { checkov: [], trivy: [], kics: [] },
    check(resource) {
      const keys = readBlocks(resource.values, ['disk_encryption_key']);
      if (keys === UNREADABLE) return UNKNOWN_RESULT;
      const first = keys[0];
      if (first && ['raw_key', 'rsa_encrypted_key', 'kms_key_self_link'].some((name) => name in first))
        return PASS;
      return fail(['disk_encryption_key'], 'The disk uses a Google-managed key.');
    },
  },
];
