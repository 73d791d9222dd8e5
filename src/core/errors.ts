// One table of stable error codes; every error InfraLM raises on purpose is an InfraLMError.

export const ERROR_CODES = {
  INFRALM_ERR_CONFIG_INVALID: { status: 400, template: 'invalid configuration: %s' },
  INFRALM_ERR_CONFIG_NOT_FOUND: { status: 400, template: 'configuration file not found: %s' },
  INFRALM_ERR_USAGE: { status: 400, template: '%s' },
  INFRALM_ERR_INPUT_NOT_FOUND: { status: 404, template: 'input not found: %s' },
  INFRALM_ERR_YAML_PARSE: { status: 422, template: 'YAML does not parse: %s' },
  INFRALM_ERR_PARQUET: { status: 422, template: 'parquet source: %s' },
  INFRALM_ERR_HTTP: { status: 502, template: 'HTTP request failed: %s' },
  INFRALM_ERR_RECORD_PARSE: { status: 422, template: 'record does not parse: %s' },
  INFRALM_ERR_STAGE_FAILED: { status: 500, template: 'stage failed: %s' },
  INFRALM_ERR_LOCKED: { status: 409, template: 'workspace is in use: %s' },
  INFRALM_ERR_ALERT: { status: 500, template: 'critical data alert: %s' },
  INFRALM_ERR_UNSAFE_PATH: { status: 400, template: 'unsafe path: %s' },
  INFRALM_ERR_DIFF: { status: 422, template: 'diff: %s' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A place in a file an error points at (1-based line and column). */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

const MARKER = Symbol.for('infralm.error');

/** Base error: a stable code, an HTTP status and, where there is one, a file location. */
export class InfraLMError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly location: SourceLocation | undefined;
  readonly [MARKER] = true;

  constructor(code: ErrorCode, detail: string, options: { location?: SourceLocation; cause?: unknown } = {}) {
    const where = options.location ? `${formatLocation(options.location)}: ` : '';
    super(where + ERROR_CODES[code].template.replace('%s', detail), { cause: options.cause });
    this.name = 'InfraLMError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.location = options.location;
  }

  /** True for InfraLMErrors, also across duplicated copies of this module. */
  static isInstance(error: unknown): error is InfraLMError {
    return typeof error === 'object' && error !== null && MARKER in error;
  }
}

/** `file:line:col`, omitting the parts that are unknown. */
export function formatLocation(location: SourceLocation): string {
  let text = location.file;
  if (location.line !== undefined) text += `:${location.line}`;
  if (location.line !== undefined && location.column !== undefined) text += `:${location.column}`;
  return text;
}
