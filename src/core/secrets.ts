// Secrets come only from the environment; this module knows their names and scrubs their values
// from any text that is about to be logged or written.

export const SECRET_ENVIRONMENT_VARIABLES = [
  'GITHUB_TOKEN',
  'HF_TOKEN',
  'SLACK_WEBHOOK_URL',
  'AZURE_DEVOPS_TOKEN',
  'OPENAI_API_KEY',
  'INFRALM_OPENAI_API_KEY',
  'INFRALM_API_TOKEN',
  'GITHUB_WEBHOOK_SECRET',
  'GITHUB_APP_PRIVATE_KEY',
] as const;
export type SecretName = (typeof SECRET_ENVIRONMENT_VARIABLES)[number];

/** Read a secret from the environment (empty strings count as unset). */
export function readSecret(
  name: SecretName,
  environment: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const value = environment[name];
  return value && value.length > 0 ? value : undefined;
}

/** Replace every occurrence of a configured secret value (and URL-encoded forms) by `[secret]`. */
export function createScrubber(environment: NodeJS.ProcessEnv = process.env): (text: string) => string {
  const values = new Set<string>();
  for (const name of SECRET_ENVIRONMENT_VARIABLES) {
    const value = readSecret(name, environment);
    // Very short values would scrub ordinary words; real tokens and URLs are long.
    if (value && value.length >= 8) {
      values.add(value);
      values.add(encodeURIComponent(value));
      values.add(JSON.stringify(value).slice(1, -1));
    }
  }
  if (values.size === 0) return (text) => text;
  const list = [...values].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const value of list) if (out.includes(value)) out = out.split(value).join('[secret]');
    return out;
  };
}
