import { describe } from 'vitest';
import { NETWORK_SECURITY_GROUP_RULES } from './network-security-group.js';
import { describeCaseCoverage, describeRuleCases, type RuleCase } from './rule-cases.js';

interface RuleShape {
  protocol?: string;
  port?: string;
  ports?: string;
  source?: string;
  sources?: string;
  access?: string;
  direction?: string;
}

const lines = (shape: RuleShape) =>
  [
    `access = "${shape.access ?? 'Allow'}"`,
    `direction = "${shape.direction ?? 'Inbound'}"`,
    `protocol = "${shape.protocol ?? 'Tcp'}"`,
    'source_port_range = "*"',
    shape.ports
      ? `destination_port_ranges = ${shape.ports}`
      : `destination_port_range = "${shape.port ?? '*'}"`,
    shape.sources
      ? `source_address_prefixes = ${shape.sources}`
      : `source_address_prefix = "${shape.source ?? '*'}"`,
    'destination_address_prefix = "*"',
  ].join('\n  ');

const standalone = (shape: RuleShape) => `
resource "azurerm_network_security_rule" "example" {
  name                        = "example"
  priority                    = 100
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
  ${lines(shape)}
}
`;

const group = (...shapes: RuleShape[]) => `
resource "azurerm_network_security_group" "example" {
  name                = "example"
  location            = "westeurope"
  resource_group_name = "rg"
${shapes.map((shape, index) => `  security_rule {\n    name = "rule${index}"\n    priority = ${100 + index}\n    ${lines(shape).replaceAll('\n  ', '\n    ')}\n  }`).join('\n')}
}
`;

const cases: RuleCase[] = [
  {
    id: 'ILM-TF-AZURE-043',
    fail: [
      standalone({ port: '3389', source: 'Internet' }),
      standalone({ port: '3000-4000', source: '*' }),
      group({ port: '443', source: '*' }, { ports: '["22", "3389"]', source: '0.0.0.0/0', protocol: '*' }),
    ],
    pass: [
      standalone({ port: '3389', source: '10.0.0.0/16' }),
      standalone({ port: '3389', source: '*', access: 'Deny' }),
      standalone({ port: '3389', source: '*', direction: 'Outbound' }),
      standalone({ port: '443', source: '*' }),
    ],
    unknown: [
      `variable "source" {}
resource "azurerm_network_security_rule" "example" {
  name                        = "example"
  priority                    = 100
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
  access                      = "Allow"
  direction                   = "Inbound"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "3389"
  source_address_prefix       = var.source
  destination_address_prefix  = "*"
}`,
    ],
  },
  {
    id: 'ILM-TF-AZURE-044',
    fail: [standalone({ port: '22', source: 'Any' }), group({ port: '*', sources: '["0.0.0.0/0"]' })],
    pass: [
      standalone({ port: '22', sources: '["203.0.113.0/24"]' }),
      standalone({ port: '22', protocol: 'Udp', source: '*' }),
    ],
  },
  {
    id: 'ILM-TF-AZURE-045',
    fail: [standalone({ protocol: 'Udp', port: '53', source: 'Internet' })],
    pass: [
      standalone({ protocol: 'Udp', port: '53', source: '10.0.0.0/8' }),
      standalone({ protocol: 'Tcp', port: '53', source: '*' }),
    ],
  },
  {
    id: 'ILM-TF-AZURE-046',
    fail: [standalone({ port: '80', source: '*' }), group({ ports: '["80", "443"]', source: 'Internet' })],
    pass: [standalone({ port: '443', source: '*' }), group({ port: '80', source: 'VirtualNetwork' })],
  },
];

describe('Azure network security group rules', () => {
  describeCaseCoverage(NETWORK_SECURITY_GROUP_RULES, cases);
  describeRuleCases(NETWORK_SECURITY_GROUP_RULES, cases);
});
