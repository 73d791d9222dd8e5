// Spec types and replacement tokens shared by the redaction detectors (secret-patterns.ts and the
// scanners) and the API in redact.ts, which re-exports them.

/** What a redaction replaced. */
export type RedactionType =
  | 'ipv4'
  | 'email'
  | 'openai_key'
  | 'aws_access_key'
  | 'github_token'
  | 'slack_token'
  | 'google_api_key'
  | 'service_token'
  | 'private_key'
  | 'jwt'
  | 'url_credentials'
  | 'http_credentials'
  | 'credential_field'
  | 'credential_env'
  | 'credential_flag'
  | 'secret_data';

/** The replacement tokens (AutoMend's, so datasets built by either tool look the same). */
export const REPLACEMENTS = {
  ipv4: 'IPV4_REDACTED',
  email: 'REDACTED_EMAIL',
  openaiKey: 'sk-REDACTED',
  credentials: 'REDACTED_CREDS',
} as const;

/** One stretch of text a detector wants replaced: [start, end) in UTF-16 code units. */
export interface SensitiveSpan {
  type: RedactionType;
  start: number;
  end: number;
  replacement: string;
}
