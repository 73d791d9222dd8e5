// Linux capabilities of containers: what they drop (ALL, NET_RAW) and what they add (SYS_ADMIN,
// SYS_MODULE, NET_RAW, anything beyond NET_BIND_SERVICE).

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { CheckResult, ContainerView, KubernetesRule } from '../../types.js';
import { capabilityName, type ObjectPath, readObject, readStrings } from './manifest-values.js';
import { checkContainers, EVERY_CONTAINER } from './pod-workloads.js';
import {
  containerLabel,
  equivalents,
  REFERENCES,
  securityContextOrContainer,
  trivyIds,
} from './rule-support.js';

interface CapabilityLists {
  add: string[] | undefined;
  drop: string[] | undefined;
  addPath: ObjectPath;
  dropPath: ObjectPath;
  /** Where a missing list should be reported: the capabilities block, else the closest ancestor. */
  closest: ObjectPath;
}

/** The container's capabilities.add and .drop, normalised; 'unknown' when templated. */
function capabilityLists(container: ContainerView): CapabilityLists | 'unknown' {
  const securityContext = readObject(container.container.securityContext);
  if (securityContext === 'unknown') return 'unknown';
  const capabilities = readObject(securityContext?.capabilities);
  if (capabilities === 'unknown') return 'unknown';
  const add = readStrings(capabilities?.add);
  const drop = readStrings(capabilities?.drop);
  if (add === 'unknown' || drop === 'unknown') return 'unknown';
  const base = [...container.path, 'securityContext', 'capabilities'];
  return {
    add: add?.map(capabilityName),
    drop: drop?.map(capabilityName),
    addPath: [...base, 'add'],
    dropPath: [...base, 'drop'],
    closest: capabilities ? base : securityContextOrContainer(container),
  };
}

/** A rule body: fail each container that adds the capability, pointing at the list entry. */
function addsCapability(capability: string) {
  return (container: ContainerView): CheckResult => {
    const lists = capabilityLists(container);
    if (lists === 'unknown') return UNKNOWN_RESULT;
    const index = lists.add?.indexOf(capability) ?? -1;
    return index >= 0
      ? fail([...lists.addPath, index], `container ${containerLabel(container)} adds ${capability}`)
      : PASS;
  };
}

/** A rule body: pass each container that drops one of the capabilities given. */
function dropsOneOf(capabilities: string[]) {
  return (container: ContainerView): CheckResult => {
    const lists = capabilityLists(container);
    if (lists === 'unknown') return UNKNOWN_RESULT;
    if (lists.drop?.some((name) => capabilities.includes(name))) return PASS;
    return fail(
      lists.drop ? lists.dropPath : lists.closest,
      `container ${containerLabel(container)} does not drop ${capabilities.join(' or ')}`,
    );
  };
}

/** The first added capability other than NET_BIND_SERVICE (the one PSS restricted allows). */
function firstDisallowedAdd(lists: CapabilityLists): number {
  return lists.add?.findIndex((name) => name !== 'NET_BIND_SERVICE') ?? -1;
}

export const CAPABILITY_RULES: KubernetesRule[] = [
  {
    id: 'ILM-K8S-018',
    title: 'Containers drop ALL capabilities',
    severity: 'LOW',
    category: 'container',
    cwe: 'CWE-250',
    resourceTypes: ['*'],
    remediation:
      'Add ALL to securityContext.capabilities.drop and add back only the capabilities the process needs.',
    references: [REFERENCES.securityContext, REFERENCES.podSecurityStandards],
    equivalents: equivalents({ checkov: ['CKV_K8S_37'], trivy: trivyIds(3) }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, dropsOneOf(['ALL']));
    },
  },
  {
    id: 'ILM-K8S-019',
    title: 'Containers drop NET_RAW (or ALL) capabilities',
    severity: 'MEDIUM',
    category: 'container',
    cwe: 'CWE-250',
    resourceTypes: ['*'],
    remediation: 'Add NET_RAW, or better ALL, to securityContext.capabilities.drop.',
    references: [REFERENCES.securityContext],
    equivalents: equivalents({ checkov: ['CKV_K8S_28'], kics: ['dbbc6705-d541-43b0-b166-dd4be8208b54'] }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, dropsOneOf(['ALL', 'NET_RAW']));
    },
  },
  {
    id: 'ILM-K8S-020',
    title: 'Containers do not add the NET_RAW capability',
    severity: 'HIGH',
    category: 'container',
    cwe: 'CWE-250',
    resourceTypes: ['*'],
    remediation: 'Remove NET_RAW from securityContext.capabilities.add.',
    references: [REFERENCES.securityContext],
    equivalents: equivalents({ trivy: trivyIds(119) }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, addsCapability('NET_RAW'));
    },
  },
  {
    id: 'ILM-K8S-021',
    title: 'Containers do not add the SYS_ADMIN capability',
    severity: 'HIGH',
    category: 'container',
    cwe: 'CWE-250',
    resourceTypes: ['*'],
    remediation:
      'Remove SYS_ADMIN from securityContext.capabilities.add; it is close to full root on the node.',
    references: [REFERENCES.securityContext],
    equivalents: equivalents({
      checkov: ['CKV_K8S_39'],
      trivy: trivyIds(5),
      kics: ['235236ee-ad78-4065-bd29-61b061f28ce0'],
    }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, addsCapability('SYS_ADMIN'));
    },
  },
  {
    id: 'ILM-K8S-022',
    title: 'Containers do not add the SYS_MODULE capability',
    severity: 'HIGH',
    category: 'container',
    cwe: 'CWE-250',
    resourceTypes: ['*'],
    remediation: 'Remove SYS_MODULE from securityContext.capabilities.add; it allows loading kernel modules.',
    references: [REFERENCES.securityContext],
    equivalents: equivalents({ trivy: trivyIds(120) }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, addsCapability('SYS_MODULE'));
    },
  },
  {
    id: 'ILM-K8S-023',
    title: 'Containers add no capabilities',
    severity: 'MEDIUM',
    category: 'container',
    cwe: 'CWE-250',
    resourceTypes: ['*'],
    remediation: 'Remove securityContext.capabilities.add, or justify each capability it lists.',
    references: [REFERENCES.securityContext, REFERENCES.podSecurityStandards],
    equivalents: equivalents({ checkov: ['CKV_K8S_25'], trivy: trivyIds(22) }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, (container) => {
        const lists = capabilityLists(container);
        if (lists === 'unknown') return UNKNOWN_RESULT;
        return lists.add && lists.add.length > 0
          ? fail(lists.addPath, `container ${containerLabel(container)} adds ${lists.add.join(', ')}`)
          : PASS;
      });
    },
  },
  {
    id: 'ILM-K8S-024',
    title: 'Containers add no capability other than NET_BIND_SERVICE',
    severity: 'MEDIUM',
    category: 'container',
    cwe: 'CWE-250',
    resourceTypes: ['*'],
    remediation: 'Keep securityContext.capabilities.add empty, or limited to NET_BIND_SERVICE.',
    references: [REFERENCES.securityContext, REFERENCES.podSecurityStandards],
    equivalents: equivalents({ kics: ['19ebaa28-fc86-4a58-bcfa-015c9e22fe40'] }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, (container) => {
        const lists = capabilityLists(container);
        if (lists === 'unknown') return UNKNOWN_RESULT;
        const index = firstDisallowedAdd(lists);
        return index >= 0
          ? fail(
              [...lists.addPath, index],
              `container ${containerLabel(container)} adds ${lists.add?.[index]}`,
            )
          : PASS;
      });
    },
  },
  {
    id: 'ILM-K8S-025',
    title: 'Containers drop ALL and add back at most NET_BIND_SERVICE',
    severity: 'LOW',
    category: 'container',
    cwe: 'CWE-250',
    resourceTypes: ['*'],
    remediation:
      "Set capabilities.drop: ['ALL'] and add back nothing but NET_BIND_SERVICE (Pod Security Standards, restricted).",
    references: [REFERENCES.podSecurityStandards],
    equivalents: equivalents({ trivy: trivyIds(106) }),
    check(object, context) {
      return checkContainers(object, context, EVERY_CONTAINER, (container) => {
        const lists = capabilityLists(container);
        if (lists === 'unknown') return UNKNOWN_RESULT;
        if (!lists.drop?.includes('ALL')) {
          return fail(
            lists.drop ? lists.dropPath : lists.closest,
            `container ${containerLabel(container)} does not drop ALL`,
          );
        }
        const index = firstDisallowedAdd(lists);
        return index >= 0
          ? fail(
              [...lists.addPath, index],
              `container ${containerLabel(container)} adds ${lists.add?.[index]}`,
            )
          : PASS;
      });
    },
  },
];
