import { describe } from 'vitest';
import { describeCaseCoverage, describeRuleCases, type RuleCase } from '../terraform-azure/rule-cases.js';
import { KMS_RULES } from './kms.js';

const key = (body: string) => `
resource "google_kms_crypto_key" "key" {
  name     = "crypto-key-example"
  key_ring = "projects/p/locations/global/keyRings/ring"
${body}
}
`;

const grant = (type: string, members: string) => `
resource "${type}" "grant" {
  crypto_key_id = google_kms_crypto_key.key.id
  role          = "roles/cloudkms.cryptoKeyEncrypter"
  ${members}
}
`;

const cases: RuleCase[] = [
  {
    id: 'ILM-TF-GCP-052',
    fail: [key(''), key('  rotation_period = "31536000s"'), key('  rotation_period = "3600s"')],
    pass: [key('  rotation_period = "7776000s"'), key('  rotation_period = "2592000s"')],
    unknown: [`variable "period" {}\n${key('  rotation_period = var.period')}`],
  },
  {
    id: 'ILM-TF-GCP-053',
    fail: [
      key('') + grant('google_kms_crypto_key_iam_member', 'member = "allUsers"'),
      key('') + grant('google_kms_crypto_key_iam_binding', 'members = ["allAuthenticatedUsers"]'),
    ],
    pass: [
      key(''),
      key('') +
        grant('google_kms_crypto_key_iam_member', 'member = "serviceAccount:app@p.iam.gserviceaccount.com"'),
    ],
  },
];

describe('Cloud KMS rules', () => {
  describeCaseCoverage(KMS_RULES, cases);
  describeRuleCases(KMS_RULES, cases);
});
