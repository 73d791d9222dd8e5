import { describe } from 'vitest';
import { describeCaseCoverage, describeRuleCases, type RuleCase } from '../terraform-azure/rule-cases.js';
import { COMPUTE_INSTANCE_RULES } from './compute-instance.js';

const instance = (body: string, name = 'web') => `
resource "google_compute_instance" "web" {
  name         = "${name}"
  machine_type = "e2-medium"
  zone         = "us-central1-a"
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "default"
  }
${body}
}
`;

const customAccount = `resource "google_service_account" "web" {
  account_id = "web"
}`;

const cases: RuleCase[] = [
  {
    id: 'ILM-TF-GCP-038',
    fail: [
      instance(''),
      instance(
        '  service_account {\n    email  = "123456789-compute@developer.gserviceaccount.com"\n    scopes = ["cloud-platform"]\n  }',
      ),
    ],
    pass: [
      `${customAccount}\n${instance('  service_account {\n    email  = google_service_account.web.email\n    scopes = ["cloud-platform"]\n  }')}`,
      instance('', 'gke-node-1'),
    ],
    unknown: [
      `variable "email" {}\n${instance('  service_account {\n    email  = var.email\n    scopes = ["cloud-platform"]\n  }')}`,
    ],
  },
  {
    id: 'ILM-TF-GCP-039',
    fail: [
      instance(
        '  service_account {\n    email  = "123456789-compute@developer.gserviceaccount.com"\n    scopes = ["https://www.googleapis.com/auth/cloud-platform"]\n  }',
      ),
      instance('  service_account {\n    scopes = ["cloud-platform"]\n  }'),
    ],
    pass: [
      instance(
        '  service_account {\n    email  = "123456789-compute@developer.gserviceaccount.com"\n    scopes = ["storage-ro", "logging-write"]\n  }',
      ),
      `${customAccount}\n${instance('  service_account {\n    email  = google_service_account.web.email\n    scopes = ["cloud-platform"]\n  }')}`,
    ],
  },
  {
    id: 'ILM-TF-GCP-040',
    fail: [
      instance('  metadata = {\n    enable-oslogin = "FALSE"\n  }'),
      instance('  metadata = {\n    enable-oslogin = false\n  }'),
    ],
    pass: [instance(''), instance('  metadata = {\n    enable-oslogin = "TRUE"\n  }')],
  },
  {
    id: 'ILM-TF-GCP-041',
    fail: [
      `resource "google_compute_project_metadata" "default" {\n  metadata = {\n    foo = "bar"\n  }\n}`,
      `resource "google_compute_project_metadata" "default" {\n  metadata = {\n    enable-oslogin = "FALSE"\n  }\n}`,
    ],
    pass: [
      `resource "google_compute_project_metadata" "default" {\n  metadata = {\n    enable-oslogin = "TRUE"\n  }\n}`,
    ],
  },
  {
    id: 'ILM-TF-GCP-042',
    fail: [instance(''), instance('  metadata = {\n    block-project-ssh-keys = false\n  }')],
    pass: [
      instance('  metadata = {\n    block-project-ssh-keys = true\n  }'),
      instance('  metadata = {\n    block-project-ssh-keys = "TRUE"\n  }'),
    ],
    unknown: [
      `resource "google_compute_instance_from_template" "web" {\n  name                     = "web"\n  zone                     = "us-central1-a"\n  source_instance_template = "template-id"\n}`,
    ],
  },
  {
    id: 'ILM-TF-GCP-043',
    fail: [instance('  metadata = {\n    serial-port-enable = "TRUE"\n  }')],
    pass: [instance(''), instance('  metadata = {\n    serial-port-enable = false\n  }')],
  },
  {
    id: 'ILM-TF-GCP-044',
    fail: [instance('  can_ip_forward = true')],
    pass: [instance(''), instance('  can_ip_forward = false')],
  },
  {
    id: 'ILM-TF-GCP-045',
    fail: [instance(''), instance('  shielded_instance_config {\n    enable_vtpm = false\n  }')],
    pass: [
      instance(
        '  shielded_instance_config {\n    enable_secure_boot          = true\n    enable_vtpm                 = true\n    enable_integrity_monitoring = true\n  }',
      ),
    ],
  },
  {
    id: 'ILM-TF-GCP-046',
    fail: [instance('')],
    pass: [
      `resource "google_compute_instance" "web" {
  name         = "web"
  machine_type = "e2-medium"
  zone         = "us-central1-a"
  boot_disk {
    kms_key_self_link = "projects/p/locations/us/keyRings/r/cryptoKeys/k"
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "default"
  }
}`,
    ],
  },
  {
    id: 'ILM-TF-GCP-047',
    fail: [
      `resource "google_compute_disk" "data" {\n  name = "data"\n  zone = "us-central1-a"\n  size = 100\n}`,
    ],
    pass: [
      `resource "google_compute_disk" "data" {
  name = "data"
  zone = "us-central1-a"
  size = 100
  disk_encryption_key {
    kms_key_self_link = "projects/p/locations/us/keyRings/r/cryptoKeys/k"
  }
}`,
    ],
  },
];

describe('Compute Engine rules', () => {
  describeCaseCoverage(COMPUTE_INSTANCE_RULES, cases);
  describeRuleCases(COMPUTE_INSTANCE_RULES, cases);
});
