import { describe } from 'vitest';
import { describeCaseCoverage, describeRuleCases, type RuleCase } from './rule-cases.js';
import { VIRTUAL_MACHINE_RULES } from './virtual-machine.js';

const linuxVm = (body: string, type = 'azurerm_linux_virtual_machine') => `
resource "${type}" "example" {
  name                  = "example-machine"
  resource_group_name   = "rg"
  location              = "westeurope"
  size                  = "Standard_F2"
  admin_username        = "adminuser"
  network_interface_ids = ["nic-id"]
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
${body}
}
`;

const legacyVm = (passwordDisabled: string) => `
resource "azurerm_virtual_machine" "example" {
  name                  = "example-vm"
  location              = "westeurope"
  resource_group_name   = "rg"
  network_interface_ids = ["nic-id"]
  vm_size               = "Standard_DS1_v2"
  os_profile {
    computer_name  = "hostname"
    admin_username = "testadmin"
  }
  os_profile_linux_config {
    disable_password_authentication = ${passwordDisabled}
  }
}
`;

const cases: RuleCase[] = [
  {
    id: 'ILM-TF-AZURE-054',
    fail: [
      linuxVm('  admin_password = "P@ssw0rd1234!"\n  disable_password_authentication = false'),
      linuxVm('  disable_password_authentication = false', 'azurerm_linux_virtual_machine_scale_set'),
    ],
    pass: [
      linuxVm('  admin_ssh_key {\n    username   = "adminuser"\n    public_key = "ssh-rsa AAAA"\n  }'),
      linuxVm('  disable_password_authentication = true'),
    ],
    unknown: [`variable "disable" {}\n${linuxVm('  disable_password_authentication = var.disable')}`],
  },
  { id: 'ILM-TF-AZURE-055', fail: [legacyVm('false')], pass: [legacyVm('true')] },
  {
    id: 'ILM-TF-AZURE-056',
    fail: [
      linuxVm('', 'azurerm_linux_virtual_machine_scale_set'),
      linuxVm('  encryption_at_host_enabled = false', 'azurerm_windows_virtual_machine_scale_set'),
    ],
    pass: [linuxVm('  encryption_at_host_enabled = true', 'azurerm_linux_virtual_machine_scale_set')],
  },
  {
    id: 'ILM-TF-AZURE-057',
    fail: [linuxVm(''), linuxVm('  encryption_at_host_enabled = false', 'azurerm_windows_virtual_machine')],
    pass: [linuxVm('  encryption_at_host_enabled = true')],
  },
];

describe('Azure virtual machine rules', () => {
  describeCaseCoverage(VIRTUAL_MACHINE_RULES, cases);
  describeRuleCases(VIRTUAL_MACHINE_RULES, cases);
});
