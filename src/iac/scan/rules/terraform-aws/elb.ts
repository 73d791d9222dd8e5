// Load balancer rules (aws_lb / aws_alb, their listeners, and classic aws_elb).

import { fail, PASS, stringAt, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { CheckResult, TerraformResourceView, TerraformRule } from '../../types.js';
import { blockList, NOT_APPLICABLE, requireTrue, same } from './rule-helpers.js';

const ELB_DOCS = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application';

/** The load balancer type ('application' when unset), or 'unknown'. */
function loadBalancerType(resource: TerraformResourceView): string {
  const type = stringAt(resource.values, ['load_balancer_type']);
  return type === undefined ? 'application' : type;
}

/** 'https' when an HTTP listener's default action redirects to HTTPS, 'other' for any other action, or 'unknown'. */
function redirectsToHttps(listener: TerraformResourceView): 'https' | 'other' | 'unknown' {
  const actions = blockList(listener.values, ['default_action']);
  if (actions === 'unknown') return 'unknown';
  let unknown = false;
  for (const action of actions) {
    const type = stringAt(action, ['type']);
    if (type === 'unknown') unknown = true;
    if (type !== 'redirect') continue;
    const redirects = blockList(action, ['redirect']);
    if (redirects === 'unknown') {
      unknown = true;
      continue;
    }
    for (const redirect of redirects) {
      const protocol = stringAt(redirect, ['protocol']);
      if (protocol === 'HTTPS') return 'https';
      // An unset redirect protocol keeps the request's own (#{protocol}); Checkov leaves it undecided.
      if (protocol === undefined || protocol === 'unknown' || protocol.includes('#{')) unknown = true;
    }
  }
  return unknown ? 'unknown' : 'other';
}

/** TLS 1.2+ ELB security policies (Trivy's outdated list excluded). */
function isModernTlsPolicy(policy: string): boolean {
  if (/^ELBSecurityPolicy-TLS13-1-(0|1)-/.test(policy)) return false;
  if (/^ELBSecurityPolicy-TLS13-1-2-Ext[12]-/.test(policy)) return false;
  return (
    policy.startsWith('ELBSecurityPolicy-TLS13-1-2') ||
    policy.startsWith('ELBSecurityPolicy-TLS13-1-3') ||
    policy.startsWith('ELBSecurityPolicy-FS-1-2') ||
    policy.startsWith('ELBSecurityPolicy-TLS-1-2')
  );
}

function listenerProtocol(listener: TerraformResourceView): string | 'unknown' | undefined {
  const protocol = stringAt(listener.values, ['protocol']);
  return protocol === undefined || protocol === 'unknown' ? protocol : protocol.toUpperCase();
}

export const ELB_RULES: TerraformRule[] = [
  {
    id: 'ILM-TF-AWS-074',
    title: 'Load balancer listener uses HTTPS or redirects to it',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-319',
    resourceTypes: ['aws_lb_listener', 'aws_alb_listener'],
    remediation: 'Use protocol = "HTTPS" with a certificate, or make the HTTP listener redirect to HTTPS.',
    references: [`${ELB_DOCS}/create-https-listener.html`],
    equivalents: same({ checkov: ['CKV_AWS_2'], trivy: ['AVD-AWS-0054'] }),
    check(listener): CheckResult {
      const protocol = listenerProtocol(listener);
      if (protocol === 'unknown') return UNKNOWN_RESULT;
      if (protocol !== undefined && protocol !== 'HTTP') return PASS;
      const redirect = redirectsToHttps(listener);
      if (redirect === 'https') return PASS;
      if (redirect === 'unknown') return UNKNOWN_RESULT;
      return fail(['protocol'], 'Listener serves plain HTTP without redirecting to HTTPS');
    },
  },
  {
    id: 'ILM-TF-AWS-075',
    title: 'Load balancer TLS listener uses a TLS 1.2+ security policy',
    severity: 'HIGH',
    category: 'encryption',
    cwe: 'CWE-326',
    resourceTypes: ['aws_lb_listener', 'aws_alb_listener'],
    remediation: 'Set ssl_policy to "ELBSecurityPolicy-TLS13-1-2-2021-06" (or another TLS 1.2+ policy).',
    references: [`${ELB_DOCS}/describe-ssl-policies.html`],
    equivalents: same({}),
    check(listener) {
      const protocol = listenerProtocol(listener);
      if (protocol === 'unknown') return UNKNOWN_RESULT;
      if (protocol !== 'HTTPS' && protocol !== 'TLS') return NOT_APPLICABLE;
      const policy = stringAt(listener.values, ['ssl_policy']);
      if (policy === 'unknown') return UNKNOWN_RESULT;
      if (policy === undefined)
        return fail(['ssl_policy'], 'No ssl_policy: the default ELBSecurityPolicy-2016-08 allows TLS 1.0');
      return isModernTlsPolicy(policy)
        ? PASS
        : fail(['ssl_policy'], `Security policy ${policy} allows TLS below 1.2`);
    },
  },
  {
    id: 'ILM-TF-AWS-076',
    title: 'Application load balancer drops invalid HTTP headers',
    severity: 'HIGH',
    category: 'network',
    cwe: 'CWE-444',
    resourceTypes: ['aws_lb', 'aws_alb'],
    remediation: 'Set drop_invalid_header_fields = true.',
    references: [`${ELB_DOCS}/application-load-balancers.html#load-balancer-attributes`],
    equivalents: same({ checkov: ['CKV_AWS_131'], trivy: ['AVD-AWS-0052'] }),
    check(balancer) {
      const type = loadBalancerType(balancer);
      if (type === 'unknown') return UNKNOWN_RESULT;
      if (type !== 'application') return NOT_APPLICABLE;
      return requireTrue(
        balancer.values,
        ['drop_invalid_header_fields'],
        'Load balancer passes invalid headers to targets',
      );
    },
  },
  {
    id: 'ILM-TF-AWS-077',
    title: 'Load balancer (ALB/NLB) has access logging enabled',
    severity: 'MEDIUM',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['aws_lb', 'aws_alb'],
    remediation: 'Add access_logs { bucket = ..., enabled = true }.',
    references: [`${ELB_DOCS}/enable-access-logging.html`],
    equivalents: same({ checkov: ['CKV_AWS_91'] }),
    check: (balancer) =>
      requireTrue(
        balancer.values,
        ['access_logs', 0, 'enabled'],
        'Load balancer access logs are not enabled',
      ),
  },
  {
    id: 'ILM-TF-AWS-078',
    title: 'Classic load balancer has access logging enabled',
    severity: 'MEDIUM',
    category: 'logging',
    cwe: 'CWE-778',
    resourceTypes: ['aws_elb'],
    remediation: 'Add an access_logs block (enabled defaults to true).',
    references: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/enable-access-logs.html'],
    equivalents: same({ checkov: ['CKV_AWS_92'] }),
    check(balancer) {
      const logs = blockList(balancer.values, ['access_logs']);
      if (logs === 'unknown') return UNKNOWN_RESULT;
      if (logs.length === 0) return fail(undefined, 'Classic load balancer has no access_logs block');
      const enabled = requireTrue(logs[0]!, ['enabled'], '');
      if (stringAt(logs[0]!, ['enabled']) === undefined) return PASS;
      return enabled.status === 'fail'
        ? fail(['access_logs', 0, 'enabled'], 'Access logs are disabled')
        : enabled;
    },
  },
  {
    id: 'ILM-TF-AWS-079',
    title: 'Load balancer has deletion protection',
    severity: 'LOW',
    category: 'availability',
    cwe: 'CWE-693',
    resourceTypes: ['aws_lb', 'aws_alb'],
    remediation: 'Set enable_deletion_protection = true.',
    references: [`${ELB_DOCS}/application-load-balancers.html#deletion-protection`],
    equivalents: same({ checkov: ['CKV_AWS_150'] }),
    check: (balancer) =>
      requireTrue(
        balancer.values,
        ['enable_deletion_protection'],
        'Load balancer has no deletion protection',
      ),
  },
  {
    id: 'ILM-TF-AWS-080',
    title: 'Load balancer is internal unless meant to face the internet',
    severity: 'MEDIUM',
    category: 'network',
    cwe: 'CWE-284',
    resourceTypes: ['aws_lb', 'aws_alb', 'aws_elb'],
    remediation: 'Set internal = true for load balancers that serve only private clients.',
    references: [`${ELB_DOCS}/application-load-balancers.html#load-balancer-scheme`],
    equivalents: same({ trivy: ['AVD-AWS-0053'] }),
    check(balancer) {
      if (balancer.type !== 'aws_elb') {
        const type = loadBalancerType(balancer);
        if (type === 'unknown') return UNKNOWN_RESULT;
        if (type === 'gateway') return NOT_APPLICABLE;
      }
      return requireTrue(balancer.values, ['internal'], 'Load balancer is internet-facing');
    },
  },
];
