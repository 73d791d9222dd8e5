// Which keys, environment variable names and flag names hold credentials, and which values are not
// secrets (empty, booleans, references, already redacted). Shared by the line scanner and the inline
// assignment scanner so both decide the same way.
//
// A name is a credential name when its LAST segment (segments split at `_`, `-`, `.` and camelCase
// boundaries) is one of the credential words: password, passwd, passphrase, pwd, secret, token,
// credential(s), the pairs api/access/secret/private/app + key (`apiKey`, `api-key`, `apikey`,
// `AWS_SECRET_ACCESS_KEY`). So `adminPassword`, `db_password`, `clientSecret`, `accessToken` are
// credential names; `secretName`, `secretRef`, `secretKeyRef`, `tokenPath`, `max_tokens` are not.
// Without a boundary (`bypassword`) a name is not a credential name, except all-upper-case environment
// names (`PGPASSWORD`) and a few lower-case compounds (`authtoken`, `rootpassword`, `clientsecret`).
// Decision: `passwordFile` / `password_file` / `tokenFile` are NOT credential names — their values are
// paths, and a path leaks nothing. Exceptions by name: `id-token` (a GitHub Actions permission whose
// value is `write`/`read`) and `existingSecret` (Helm's convention for the NAME of a Secret object).

// Longer alternatives first: JavaScript alternation is ordered, and `secret_key` must win over `secret`.
// `key-data` is kubeconfig's inline private key (`client-key-data`).
const WORDS =
  'pass(?:word|wd|phrase)|pwd|(?:api|access|secret|private|app)[-_]?key|key-data|secret|token|credentials?';

/** Finds credential words that end a name (next char is not a name char): the scanners' entry points. */
export function credentialWordEndPattern(): RegExp {
  return new RegExp(`(?:${WORDS})(?![A-Za-z0-9_.-])`, 'gi');
}

/** Cheap test: could `text` contain a credential name at all? */
export const CREDENTIAL_WORD_TEST = new RegExp(`(?:${WORDS})(?![A-Za-z0-9_.-])`, 'i');

// Anchored at the end; V8 tries every start, each attempt O(1) (short literal words): O(name length).
const WORD_AT_END = new RegExp(`(?:${WORDS})$`, 'i');
const LOWER_COMPOUND_PREFIX =
  /(?:^|[^A-Za-z])(?:access|admin|api|app|auth|bearer|client|db|master|private|refresh|root|secret|session|user)$/i;
const WORD_ENDINGS = new Set(['ord', 'swd', 'pwd', 'ase', 'ret', 'ken', 'key', 'ial', 'als', 'ata']);
const EXCLUDED_NAMES = new Set(['id-token']);

function isUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}
function isLowerOrDigit(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/** True when `name` (a key, env var or flag name without dashes) ends with a credential word. */
export function isCredentialName(name: string): boolean {
  if (name.length < 3) return false;
  // Fast path: every credential word ends with one of these three letters (most keys end otherwise).
  if (!WORD_ENDINGS.has(name.slice(-3).toLowerCase())) return false;
  const match = WORD_AT_END.exec(name);
  if (!match) return false;
  const at = match.index;
  if (at > 0) {
    const before = name.charCodeAt(at - 1);
    const first = name.charCodeAt(at);
    const second = name.charCodeAt(at + 1);
    const separator = before === 95 || before === 45 || before === 46; // _ - .
    // camelCase (`adminPassword`, `s3Password`) or acronym then word (`AWSSecretKey`).
    const camel = isUpper(first) && (isLowerOrDigit(before) || (isUpper(before) && !isUpper(second)));
    // Lower-case compounds only after a known prefix: `authtoken`, `rootpassword`, `clientsecret`.
    const compound = LOWER_COMPOUND_PREFIX.test(name.slice(Math.max(0, at - 16), at));
    // Upper-case environment names glue words without `_`: `PGPASSWORD`, `REDISTOKEN`.
    const upper = /^[A-Z0-9_]+$/.test(name);
    if (!separator && !camel && !compound && !upper) return false;
  }
  const lower = name.toLowerCase();
  if (EXCLUDED_NAMES.has(lower)) return false;
  if (/^existing[-_.]?secret$/.test(lower)) return false;
  return true;
}

const BOOLEAN_OR_NULL = /^(?:true|false|yes|no|on|off|null|none|nil|~)$/i;
const REPLACEMENT_TOKENS = /sk-REDACTED|REDACTED_CREDS|REDACTED_EMAIL|IPV4_REDACTED/g;

/** True when a value has been redacted already: nothing alphanumeric besides replacement tokens. */
export function isAlreadyRedacted(value: string): boolean {
  return !/[A-Za-z0-9]/.test(value.replace(REPLACEMENT_TOKENS, ''));
}

/** True for values that are references (`${X}`, `$(cmd)`, `$X`, `{{ .Values.x }}`), not secrets. */
export function isReference(value: string): boolean {
  return /^\$[A-Za-z_{(]/.test(value) || value.includes('{{') || value.includes('${') || value.includes('$(');
}

/** True for credential values that must be kept: empty, quotes only, booleans/null, references, redacted. */
export function isNonSecretValue(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === '""' || trimmed === "''") return true;
  if (BOOLEAN_OR_NULL.test(trimmed)) return true;
  return isReference(trimmed) || isAlreadyRedacted(trimmed);
}

/** An unquoted HCL right-hand side that is an expression (`var.x`, `random_password.db.result`, `file(...)`). */
export function isExpressionReference(value: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_-]*[.(]/.test(value);
}

const PROSE_WORDS = new Set(
  'a an and are as be can for from if in instead is it may must not of on only or should that the then this to was when which will with flag option argument parameter value'.split(
    ' ',
  ),
);

/** True for a word that follows a flag in prose (`use --token to ...`), not a flag value. */
export function isProseWord(value: string): boolean {
  return PROSE_WORDS.has(value.toLowerCase());
}
