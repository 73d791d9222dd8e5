// Fake secrets for the redaction tests, assembled at run time so that no secret-shaped literal sits in
// the source (secret scanners on pushes would flag it). Each has the real shape its detector looks for.

function base64Url(value: string): string {
  return Buffer.from(value).toString('base64url');
}

/** Deterministic pseudo-random chars from `alphabet` (a linear congruential generator). */
function chars(alphabet: string, length: number, seed: number): string {
  let state = seed;
  let out = '';
  for (let index = 0; index < length; index++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Shape-correct fake secrets; `seed` varies them. */
export const fakeSecret = {
  openAiKey: (seed = 1) => ['sk', 'proj', `${chars(ALNUM, 40, seed)}A1`].join('-'),
  awsAccessKeyId: (seed = 2) => `${'AK'}${'IA'}${chars(UPPER_ALNUM, 16, seed)}`,
  githubToken: (seed = 3) => `${'gh'}${'p_'}${chars(ALNUM, 36, seed)}`,
  githubPat: (seed = 4) => `${'github'}${'_pat_'}${chars(ALNUM, 22, seed)}_${chars(ALNUM, 59, seed + 1)}`,
  slackToken: (seed = 5) => `${'xo'}${'xb'}-${chars('0123456789', 12, seed)}-${chars(ALNUM, 24, seed + 1)}`,
  googleApiKey: (seed = 6) => `${'AI'}${'za'}${chars(ALNUM, 35, seed)}`,
  jwt: (seed = 7) =>
    [
      base64Url('{"alg":"HS256","typ":"JWT"}'),
      base64Url(`{"sub":"${chars(ALNUM, 10, seed)}","iat":1516239022}`),
      chars(ALNUM, 43, seed + 1),
    ].join('.'),
  /** PEM lines (without indentation). */
  privateKeyLines: (seed = 8, label = 'RSA PRIVATE KEY') => [
    `-----BEGIN ${label}-----`,
    chars(ALNUM, 64, seed),
    chars(ALNUM, 64, seed + 1),
    `${chars(ALNUM, 20, seed + 2)}==`,
    `-----END ${label}-----`,
  ],
};

/** A PEM block indented for a YAML block scalar. */
export function indentedPrivateKey(indent: string, seed = 8): string {
  return fakeSecret
    .privateKeyLines(seed)
    .map((line) => indent + line)
    .join('\n');
}
