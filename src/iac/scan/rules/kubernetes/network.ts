// How Services and Ingresses expose workloads: NodePort, externalIPs, Ingress without TLS.

import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { KubernetesRule } from '../../types.js';
import { hasKey, readList, readObject, readString } from './manifest-values.js';
import { equivalents, REFERENCES } from './rule-support.js';

export const NETWORK_RULES: KubernetesRule[] = [
  {
    id: 'ILM-K8S-082',
    title: 'Service is not of type NodePort',
    severity: 'LOW',
    category: 'network',
    cwe: 'CWE-668',
    resourceTypes: ['Service'],
    remediation:
      'Use a ClusterIP Service behind an Ingress or a LoadBalancer instead of opening a port on every node.',
    references: [REFERENCES.services],
    equivalents: equivalents({ kics: ['845acfbe-3e10-4b8e-b656-3b404d36dfb2'] }),
    check(object) {
      const spec = readObject(object.object.spec);
      if (spec === 'unknown') return UNKNOWN_RESULT;
      const type = readString(spec?.type);
      if (type === 'unknown') return UNKNOWN_RESULT;
      return type?.toLowerCase() === 'nodeport'
        ? fail(['spec', 'type'], 'the Service opens a port on every node')
        : PASS;
    },
  },
  {
    id: 'ILM-K8S-083',
    title: 'Service sets no externalIPs',
    severity: 'MEDIUM',
    category: 'network',
    cwe: 'CWE-668',
    resourceTypes: ['Service'],
    remediation:
      'Remove spec.externalIPs (CVE-2020-8554 lets them intercept traffic) and use a LoadBalancer or Ingress instead.',
    references: [REFERENCES.services, 'https://github.com/kubernetes/kubernetes/issues/97076'],
    equivalents: equivalents({}),
    check(object) {
      const spec = readObject(object.object.spec);
      if (spec === 'unknown') return UNKNOWN_RESULT;
      const addresses = readList(spec?.externalIPs);
      if (addresses === 'unknown') return UNKNOWN_RESULT;
      return addresses && addresses.length > 0
        ? fail(['spec', 'externalIPs'], 'the Service claims external IPs')
        : PASS;
    },
  },
  {
    id: 'ILM-K8S-084',
    title: 'Ingress terminates TLS',
    severity: 'MEDIUM',
    category: 'network',
    cwe: 'CWE-319',
    resourceTypes: ['Ingress'],
    remediation: 'Add spec.tls with the hosts and the Secret holding their certificate.',
    references: [REFERENCES.ingressTls],
    equivalents: equivalents({ kics: ['c81c6c42-6c17-48c4-bde6-ea242e76f275'] }),
    check(object) {
      const spec = readObject(object.object.spec);
      if (spec === 'unknown') return UNKNOWN_RESULT;
      const tls = readList(spec?.tls);
      if (tls === 'unknown') return UNKNOWN_RESULT;
      if (tls && tls.length > 0) return PASS;
      return fail(
        hasKey(spec, 'tls') ? ['spec', 'tls'] : spec ? ['spec'] : [],
        'the Ingress serves plain HTTP',
      );
    },
  },
];
