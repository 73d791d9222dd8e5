// The redaction rules as data: `{ type, replacement, precheck, pattern }` for single-token shapes and
// `{ types, replacement, precheck, scan }` for the scanners that need context (indentation, lines,
// quotes). Order here is the tie-break priority when two rules claim exactly the same span; otherwise
// the earliest-starting, then longest span wins (see redact.ts).
//
// IPv4 and version-like dotted quads. A dotted quad with octets 0–255, word-bounded, is an address and is
// redacted — public or private (`10.1.2.3`, `192.168.0.10`, `8.8.8.8`), also inside URLs
// (`http://10.0.0.5:8080/`) and as the value of ordinary keys (`server: 1.2.3.4`, `- 1.2.3.4`): without a
// marker a four-part version is indistinguishable from an address, and leaking an address is the worse
// error. Kept, because they are not host addresses or the manifest needs them to mean anything:
// - CIDR blocks `a.b.c.d/nn` (nn ≤ 32) and `a.b.c.d/255.x.x.x`, everywhere (NetworkPolicy
//   ipBlock/except, VPC ranges);
// - `0.0.0.0` (bind-all), loopback `127.x.x.x`, netmasks `255.x.x.x`;
// - version strings: a quad inside a longer dotted run (`1.2.3.4.5`), prefixed by a letter such as
//   `v1.2.3.4` (the lookbehind forbids any letter, digit, `_` or `.` before the first octet), or an
//   image tag `<token containing a letter>:<quad>` — no blank after the colon, no `://` (a URL) and no
//   `::` (IPv6 `::ffff:10.0.0.1`) in the token — so `nginx:1.25.3.1` and
//   `nvcr.io/nvidia/tritonserver:23.10.0.1` survive. A side effect: `host:10.0.0.1` (no blank) is kept.
// - the whole value of a key named `version`/`tag` or ending in `Version`/`Tag`/`_VERSION`/`-tag`
//   (`tag: "23.10.0.1"`, `appVersion: 1.2.3.4`, `IMAGE_TAG=1.2.3.4`): Helm values split the image tag
//   from the repository, and the key says what the quad is.
//
// Linear time: every pattern starts either with a literal that cannot overlap itself (`@`, `://`) or
// with a lookbehind that excludes the pattern's own first-char class, so only the first char of a run is
// a viable start; after the start each quantifier is followed by a char its class excludes (`@`, `.`,
// `_`) or is bounded or last, so an attempt costs O(run length) and runs do not overlap. No quantifier
// is nested over an ambiguous body. Context checks (`locate`) read back either a bounded distance where
// the answer cannot change when a replacement shortens the text (KEY_LOOKBACK: only the key's suffix
// decides; LOCAL_PART_MAX: a run shortened by a replacement contains a replacement token, and redact.ts
// rejects such matches), or without a limit but incrementally (TokenTracker, the scheme run before
// `://`), so each char is read O(1) times.

import { scanCredentialAssignments } from './credential-assignments.js';
import { CREDENTIAL_WORD_TEST, isNonSecretValue } from './credential-names.js';
import { scanPairedCredentials } from './paired-credentials.js';
import { scanPrivateKeys } from './private-keys.js';
import { REPLACEMENTS, type RedactionType, type SensitiveSpan } from './redaction-types.js';
import { SECRET_OBJECT_PRECHECK, scanSecretObjects } from './secret-objects.js';
import { scanYamlCredentials } from './yaml-credentials.js';

/** A cheap test that must pass before a rule runs: any of these substrings, or a regex. */
export type Precheck = readonly string[] | RegExp;

/** A single-token shape found by one regex (global flag). */
export interface PatternRule {
  kind: 'pattern';
  type: RedactionType;
  replacement: string;
  precheck: Precheck;
  pattern: RegExp;
  /** Context check and span: [start, end) to replace, or undefined to keep the match. Default: the match. */
  locate?: (match: RegExpExecArray, scan: PatternScan) => [number, number] | undefined;
}

/** A scanner that needs context; it reports spans with their own types. */
export interface ScannerRule {
  kind: 'scanner';
  types: readonly RedactionType[];
  replacement: string;
  precheck: Precheck;
  scan: (text: string) => SensitiveSpan[];
}

export type SecretRule = PatternRule | ScannerRule;

/** What a rule's `locate` sees: the text, and the token tracker for this scan (one per rule run). */
export interface PatternScan {
  text: string;
  tokens: TokenTracker;
}

/**
 * Facts about the non-blank token (ended by blanks, line breaks and quotes) that ends at a position,
 * kept incrementally so the many matches of one scan cost O(text) together, with no lookback limit (a
 * limit would make the answer depend on how much a replacement shortened the text before).
 */
export class TokenTracker {
  private position = 0;
  private tokenStart = 0;
  private letter = false;
  private url = false;
  private doubleColon = false;

  constructor(private readonly text: string) {}

  /** The token ending at `end` (exclusive): has it a letter, a `://`, a `::`? */
  before(end: number): { letter: boolean; url: boolean; doubleColon: boolean } {
    if (end < this.position)
      Object.assign(this, { position: 0, tokenStart: 0, letter: false, url: false, doubleColon: false });
    const { text } = this;
    for (; this.position < end; this.position++) {
      const code = text.charCodeAt(this.position);
      // blank, tab, LF, CR, `"`, `'`, backtick end a token
      if (
        code === 32 ||
        code === 9 ||
        code === 10 ||
        code === 13 ||
        code === 34 ||
        code === 39 ||
        code === 96
      ) {
        this.tokenStart = this.position + 1;
        this.letter = false;
        this.url = false;
        this.doubleColon = false;
      } else if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) {
        this.letter = true;
      } else if (
        code === 58 &&
        this.position > this.tokenStart &&
        text.charCodeAt(this.position - 1) === 58
      ) {
        this.doubleColon = true;
      } else if (
        code === 47 &&
        this.position - 2 >= this.tokenStart &&
        text.charCodeAt(this.position - 1) === 47 &&
        text.charCodeAt(this.position - 2) === 58
      ) {
        this.url = true;
      }
    }
    return { letter: this.letter, url: this.url, doubleColon: this.doubleColon };
  }
}

const KEY_LOOKBACK = 64;
const VERSION_KEY = /^(?:version|tag)$|[_.-](?:version|tag)$/i;
const CAMEL_VERSION_KEY = /[a-z0-9](?:Version|Tag)$/;

/** The key of `key: "value"` / `key=value` when `valueStart` is where the value begins, else ''. */
function keyBefore(text: string, valueStart: number): string {
  let index = valueStart - 1;
  if (text[index] === '"' || text[index] === "'") index--;
  while (index >= 0 && (text[index] === ' ' || text[index] === '\t')) index--;
  if (text[index] !== ':' && text[index] !== '=') return '';
  index--;
  while (index >= 0 && (text[index] === ' ' || text[index] === '\t')) index--;
  if (text[index] === '"' || text[index] === "'") index--;
  const end = index + 1;
  while (index >= 0 && end - index <= KEY_LOOKBACK && /[A-Za-z0-9_.-]/.test(text[index] as string)) index--;
  // A key starts a line or follows a blank, a quote or flow punctuation; `a@b.tag: 1.2.3.4` has no key
  // (and its `b.tag` would vanish when the email is replaced).
  if (index >= 0 && end - index <= KEY_LOOKBACK && !/[\s"'{,[-]/.test(text[index] as string)) return '';
  return text.slice(index + 1, end);
}

function locateIpv4(match: RegExpExecArray, { text, tokens }: PatternScan): [number, number] | undefined {
  const octets = match[0].split('.').map(Number);
  if (octets.some((octet) => octet > 255)) return undefined;
  const [first] = octets;
  if (first === 127 || first === 255 || match[0] === '0.0.0.0') return undefined;
  const end = match.index + match[0].length;
  // A CIDR block (`/0`..`/32`, nothing more) or network/netmask notation (`10.0.0.0/255.0.0.0`).
  if (text[end] === '/') {
    // The prefix must end where no other detector's span can start or continue (an email local part
    // `16+a@b.com` would otherwise flip this decision once it is replaced).
    const suffix = /^\/(?:([0-9]{1,2})(?=$|[\s"',\]}):;#|])|255\.)/.exec(text.slice(end, end + 5));
    if (suffix && (suffix[1] === undefined || Number(suffix[1]) <= 32)) return undefined;
  }
  if (text[match.index - 1] === ':') {
    const token = tokens.before(match.index - 1);
    if (token.letter && !token.url && !token.doubleColon) return undefined;
  }
  // The whole value of a version/tag key.
  const key = keyBefore(text, match.index);
  if (
    key &&
    (VERSION_KEY.test(key) || CAMEL_VERSION_KEY.test(key)) &&
    /^["']?(?:[\s,}\]#]|$)/.test(text.slice(end, end + 2))
  )
    return undefined;
  return [match.index, end];
}

const LOCAL_PART_MAX = 64;

function isLocalPartChar(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z0-9_.%+-]/.test(char);
}

// The pattern starts at `@` (fast to find); the local part is read backwards here, at most 64 chars.
function locateEmail(match: RegExpExecArray, { text, tokens }: PatternScan): [number, number] | undefined {
  const at = match.index;
  let start = at;
  while (start > 0 && at - start <= LOCAL_PART_MAX && isLocalPartChar(text[start - 1])) start--;
  // Empty, or longer than 64 chars, or glued to another `@`: not an address.
  if (start === at || at - start > LOCAL_PART_MAX || text[start - 1] === '@') return undefined;
  // `git@github.com:org/repo` is a git remote, not a person.
  if (text.slice(start, at) === 'git') return undefined;
  if (text.startsWith('@sha256:', at)) return undefined;
  const before = text[start - 1];
  // URL user info (`https://user@host`, `scheme://user:password@host`): user names are not emails, and
  // the password is url_credentials' business.
  if ((before === '/' || before === ':') && tokens.before(start).url) return undefined;
  return [start, at + match[0].length];
}

function locateOpenAiKey(match: RegExpExecArray): [number, number] | undefined {
  // Real keys are mixed-case with digits; `sk-learn-model-server-deployment` (a resource name) is not.
  const body = match[0].slice(3);
  if (!/[A-Z]/.test(body) || !/[0-9]/.test(body)) return undefined;
  return [match.index, match.index + match[0].length];
}

function isSchemeChar(code: number): boolean {
  // A-Z a-z 0-9 + . -
  return (
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    (code >= 48 && code <= 57) ||
    code === 43 ||
    code === 46 ||
    code === 45
  );
}

// The pattern starts at `://` (fast to find); the scheme before it is checked here. The scheme is read
// back without a length limit (a limit would make the answer depend on what a replacement shortened);
// linear because a scheme run ends at the `:` of its own `://`.
function locateUrlPassword(match: RegExpExecArray, { text }: PatternScan): [number, number] | undefined {
  let start = match.index;
  while (start > 0 && isSchemeChar(text.charCodeAt(start - 1))) start--;
  const first = text.charCodeAt(start);
  if (start === match.index || !((first >= 65 && first <= 90) || (first >= 97 && first <= 122)))
    return undefined;
  // `IPV4_REDACTED://` must not become a scheme `REDACTED` in a second pass.
  if (text[start - 1] === '_') return undefined;
  const colon = match[0].indexOf(':', 3);
  const password = match[0].slice(colon + 1, -1);
  if (isNonSecretValue(password)) return undefined;
  return [match.index + colon + 1, match.index + match[0].length - 1];
}

const credentials = REPLACEMENTS.credentials;

/** Every redaction rule, in tie-break priority order (first wins). */
export const SECRET_RULES: readonly SecretRule[] = [
  {
    kind: 'scanner',
    types: ['private_key'],
    replacement: credentials,
    precheck: ['-----BEGIN'],
    scan: scanPrivateKeys,
  },
  {
    kind: 'scanner',
    types: ['secret_data', 'credential_env', 'credential_field', 'credential_flag'],
    replacement: credentials,
    precheck: CREDENTIAL_WORD_TEST,
    scan: scanYamlCredentials,
  },
  {
    kind: 'scanner',
    types: ['credential_field', 'credential_flag'],
    replacement: credentials,
    precheck: CREDENTIAL_WORD_TEST,
    scan: scanCredentialAssignments,
  },
  {
    kind: 'scanner',
    types: ['credential_env'],
    replacement: credentials,
    precheck: CREDENTIAL_WORD_TEST,
    scan: scanPairedCredentials,
  },
  {
    kind: 'scanner',
    types: ['secret_data'],
    replacement: credentials,
    precheck: SECRET_OBJECT_PRECHECK,
    scan: scanSecretObjects,
  },
  {
    kind: 'pattern',
    type: 'url_credentials',
    replacement: credentials,
    precheck: ['://'],
    pattern: /:\/\/[^\s:@/?#"'<>]*:[^\s/?#"'<>]+@/g,
    locate: locateUrlPassword,
  },
  {
    kind: 'pattern',
    type: 'jwt',
    replacement: credentials,
    precheck: ['eyJ'],
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  },
  {
    kind: 'pattern',
    type: 'github_token',
    replacement: credentials,
    precheck: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    pattern:
      /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9]{22,}_[A-Za-z0-9]{50,})(?![A-Za-z0-9_])/g,
  },
  {
    kind: 'pattern',
    type: 'slack_token',
    replacement: credentials,
    precheck: ['xox'],
    pattern: /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}/g,
  },
  {
    kind: 'pattern',
    type: 'aws_access_key',
    replacement: credentials,
    precheck: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
  },
  {
    kind: 'pattern',
    type: 'google_api_key',
    replacement: credentials,
    precheck: ['AIza'],
    pattern: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/g,
  },
  {
    kind: 'pattern',
    type: 'slack_token',
    replacement: credentials,
    precheck: ['hooks.slack.com/'],
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{20,}/g,
  },
  {
    // Well-known service token formats: Stripe secret and restricted keys, Hugging Face, npm, GitLab
    // personal access tokens, Google OAuth access tokens, SendGrid. Each prefix is distinctive.
    kind: 'pattern',
    type: 'service_token',
    replacement: credentials,
    precheck: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_', 'hf_', 'npm_', 'glpat-', 'ya29.', 'SG.'],
    pattern:
      /(?<![A-Za-z0-9_-])(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|hf_[A-Za-z0-9]{30,}|npm_[A-Za-z0-9]{36}|glpat-[A-Za-z0-9_-]{20,}|ya29\.[A-Za-z0-9_-]{20,}|SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9])/g,
  },
  {
    // Azure storage and Service Bus connection strings, and SAS signatures: only the key is replaced.
    kind: 'pattern',
    type: 'service_token',
    replacement: credentials,
    precheck: ['AccountKey=', 'SharedAccessKey=', 'sig='],
    pattern: /(?:AccountKey=|SharedAccessKey=|[?&]sig=)([A-Za-z0-9+/%_-]{16,}={0,2})/g,
    locate: (match) => {
      const value = match[1] ?? '';
      const start = match.index + match[0].length - value.length;
      return [start, start + value.length];
    },
  },
  {
    // HTTP credentials in an Authorization header (`Authorization: Basic dXNlcjpwYXNz`, `-H
    // "Authorization: Bearer <token>"`): the credentials after the scheme. References (`$TOKEN`,
    // `{{ .token }}`) hold characters outside the token alphabet and are left alone.
    kind: 'pattern',
    type: 'http_credentials',
    replacement: credentials,
    precheck: /authorization/i,
    pattern:
      /\bauthorization["']?[ \t]*[:=][ \t]*["']?(?:basic|bearer|token|digest)[ \t]+([A-Za-z0-9+/._~-]{8,}={0,2})(?![A-Za-z0-9+/=._~${}-])/gi,
    locate: (match) => {
      const value = match[1] ?? '';
      const start = match.index + match[0].length - value.length;
      return [start, start + value.length];
    },
  },
  {
    kind: 'pattern',
    type: 'openai_key',
    replacement: REPLACEMENTS.openaiKey,
    precheck: ['sk-'],
    pattern: /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{20,}/g,
    locate: locateOpenAiKey,
  },
  {
    kind: 'pattern',
    type: 'email',
    replacement: REPLACEMENTS.email,
    precheck: ['@'],
    pattern: /@(?:[A-Za-z0-9-]{1,63}\.){1,10}[A-Za-z]{2,24}(?![A-Za-z0-9_@-])/g,
    locate: locateEmail,
  },
  {
    kind: 'pattern',
    type: 'ipv4',
    replacement: REPLACEMENTS.ipv4,
    precheck: /[0-9]\.[0-9]/,
    pattern: /(?<![0-9A-Za-z_.])[0-9]{1,3}(?:\.[0-9]{1,3}){3}(?![0-9A-Za-z_]|\.[0-9])/g,
    locate: locateIpv4,
  },
];

/** Rank of each type for tie-breaks (lower wins); scanners' types in the order listed. */
export const TYPE_PRIORITY: Readonly<Record<RedactionType, number>> = (() => {
  const ranks: Partial<Record<RedactionType, number>> = {};
  let rank = 0;
  for (const rule of SECRET_RULES) {
    for (const type of rule.kind === 'scanner' ? rule.types : [rule.type]) ranks[type] ??= rank++;
  }
  return ranks as Record<RedactionType, number>;
})();

/**
 * True when the rule's precheck passes, i.e. it may match somewhere in `text`. `present` (from
 * presentNeedles) answers needle lists without scanning the text again.
 */
export function passesPrecheck(precheck: Precheck, text: string, present?: ReadonlySet<string>): boolean {
  if (precheck instanceof RegExp) return precheck.test(text);
  if (present) return precheck.some((needle) => present.has(needle));
  return precheck.some((needle) => text.includes(needle));
}

const NEEDLES = [
  ...new Set(SECRET_RULES.flatMap((rule) => (rule.precheck instanceof RegExp ? [] : rule.precheck))),
];
// Longest first, so a needle that another extends is not hidden at the same position; every
// position is tried (lastIndex = match + 1), so overlapping needles are all seen.
const ANY_NEEDLE = new RegExp(
  [...NEEDLES]
    .sort((a, b) => b.length - a.length)
    .map((needle) => needle.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('|'),
  'g',
);

/** The precheck needles that occur in `text`, in one scan instead of one per needle. */
export function presentNeedles(text: string): Set<string> {
  const present = new Set<string>();
  ANY_NEEDLE.lastIndex = 0;
  for (let match = ANY_NEEDLE.exec(text); match; match = ANY_NEEDLE.exec(text)) {
    for (const needle of NEEDLES) if (match[0].startsWith(needle)) present.add(needle);
    ANY_NEEDLE.lastIndex = match.index + 1;
  }
  return present;
}
