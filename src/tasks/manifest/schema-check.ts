import { loadAll } from 'js-yaml';
import type { SchemaReport as GenericSchemaReport } from '../../quality/anomaly.js';

// Validates gold `manifest` records (one JSONL line each) in both the tool-call form and the
// legacy AutoMend form. Pure: the PII detector is injected so this module does not depend on the
// redactor, and nothing here reads files.

/** Every way a gold `manifest` line can fail; the order is the order reports list them in. */
export const SCHEMA_VIOLATIONS = [
  'invalid_json_line',
  'missing_keys',
  'role_order',
  'invalid_tool_json',
  'wrong_tool',
  'invalid_yaml',
  'pii_leak',
] as const;

export type SchemaViolation = (typeof SCHEMA_VIOLATIONS)[number];

/** The schema report for the `manifest` task, counted per record. */
export type SchemaReport = GenericSchemaReport<SchemaViolation>;

export const MANIFEST_TOOL_NAME = 'apply_manifest';

export interface CheckRecordOptions {
  /** Finds sensitive values (emails, keys, ...) in a text; one entry per finding. */
  detectSensitive: (text: string) => { type: string }[];
  /**
   * True for a manifest already known to parse as Kubernetes YAML — in the pipeline, one whose
   * sha256 is the id the prepare stage gave it after parsing it. Same bytes, same parse: it is not
   * parsed again. Anything else (a changed byte, an escaping bug) is parsed here.
   */
  isKnownValid?: (manifest: string) => boolean;
  /**
   * True for a manifest already known to hold nothing `detectSensitive` finds — in the pipeline, one
   * whose sha256 is the id of a record redaction left unchanged: the detector ran on exactly these
   * bytes then and found nothing. Anything else is scanned here.
   */
  isKnownClean?: (manifest: string) => boolean;
}

export interface RecordCheck {
  violations: SchemaViolation[];
  /** Distinct PII types found in the user turn or the manifest, sorted. */
  piiTypes: string[];
  /** The manifest text when the assistant turn holds one, valid YAML or not. */
  manifest?: string;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Check one gold JSONL line of the `manifest` task against the record schema. */
export function checkRecord(line: string, options: CheckRecordOptions): RecordCheck {
  const parsed = parseJson(line);
  if (!parsed.ok) return { violations: ['invalid_json_line'], piiTypes: [] };
  const record = parsed.value;
  if (!isObject(record) || !Array.isArray(record.messages)) {
    return { violations: ['missing_keys'], piiTypes: [] };
  }

  const violations = new Set<SchemaViolation>();
  const messages: unknown[] = record.messages;
  if (!messages.every((message) => isObject(message) && typeof message.role === 'string')) {
    violations.add('missing_keys');
  }
  const roles = messages.map((message) => (isObject(message) ? message.role : undefined));
  const expected = roles[0] === 'system' ? ['system', 'user', 'assistant'] : ['user', 'assistant'];
  if (roles.length !== expected.length || roles.some((role, index) => role !== expected[index])) {
    violations.add('role_order');
  }
  if (roles[0] === 'system' && typeof (messages[0] as JsonObject).content !== 'string') {
    violations.add('missing_keys');
  }

  // Content checks still run on a misordered record, so one bad record reports every problem it has.
  const user = messages.find(
    (message): message is JsonObject => isObject(message) && message.role === 'user',
  );
  const assistant = messages.find(
    (message): message is JsonObject => isObject(message) && message.role === 'assistant',
  );
  const userContent = user && typeof user.content === 'string' ? user.content : undefined;
  if (userContent === undefined || userContent.trim() === '') violations.add('missing_keys');

  let manifest: string | undefined;
  if (!assistant) {
    violations.add('missing_keys');
  } else {
    const extracted =
      assistant.tool_calls !== undefined ? readToolCall(record, assistant) : readLegacyCall(assistant);
    for (const violation of extracted.violations) violations.add(violation);
    manifest = extracted.manifest;
  }
  if (manifest !== undefined && !options.isKnownValid?.(manifest) && !isKubernetesYaml(manifest))
    violations.add('invalid_yaml');

  const piiTypes = new Set<string>();
  const cleanManifest = manifest !== undefined && options.isKnownClean?.(manifest) === true;
  for (const text of [userContent, cleanManifest ? undefined : manifest]) {
    if (text === undefined) continue;
    for (const finding of options.detectSensitive(text)) piiTypes.add(finding.type);
  }
  if (piiTypes.size > 0) violations.add('pii_leak');

  const result: RecordCheck = {
    violations: SCHEMA_VIOLATIONS.filter((violation) => violations.has(violation)),
    piiTypes: [...piiTypes].sort(),
  };
  if (manifest !== undefined) result.manifest = manifest;
  return result;
}

interface Extracted {
  violations: SchemaViolation[];
  manifest?: string;
}

function readToolCall(record: JsonObject, assistant: JsonObject): Extracted {
  const violations: SchemaViolation[] = [];
  if (!Array.isArray(record.tools)) {
    violations.push('missing_keys');
  } else if (!record.tools.some(declaresManifestTool)) {
    violations.push('wrong_tool');
  }
  const calls = assistant.tool_calls;
  if (!Array.isArray(calls) || calls.length !== 1)
    return { violations: [...violations, 'invalid_tool_json'] };
  const call: unknown = calls[0];
  if (!isObject(call) || call.type !== 'function' || !isObject(call.function)) {
    return { violations: [...violations, 'invalid_tool_json'] };
  }
  if (call.function.name !== MANIFEST_TOOL_NAME) violations.push('wrong_tool');
  const argumentsText = call.function.arguments;
  const parsed = typeof argumentsText === 'string' ? parseJson(argumentsText) : { ok: false as const };
  if (!parsed.ok || !isObject(parsed.value) || typeof parsed.value.manifest_content !== 'string') {
    return { violations: [...violations, 'invalid_tool_json'] };
  }
  return { violations, manifest: parsed.value.manifest_content };
}

function declaresManifestTool(tool: unknown): boolean {
  return isObject(tool) && tool.type === 'function' && isObject(tool.function)
    ? tool.function.name === MANIFEST_TOOL_NAME
    : false;
}

// Legacy AutoMend form: the assistant content is `{"tool": ..., "params": {"manifest_content": ...}}`.
function readLegacyCall(assistant: JsonObject): Extracted {
  if (typeof assistant.content !== 'string') return { violations: ['missing_keys'] };
  const parsed = parseJson(assistant.content);
  if (!parsed.ok || !isObject(parsed.value)) return { violations: ['invalid_tool_json'] };
  const call = parsed.value;
  const violations: SchemaViolation[] = [];
  if (call.tool !== MANIFEST_TOOL_NAME) violations.push('wrong_tool');
  if (!isObject(call.params) || typeof call.params.manifest_content !== 'string') {
    return { violations: [...violations, 'invalid_tool_json'] };
  }
  return { violations, manifest: call.params.manifest_content };
}

/** True when the text is a YAML stream holding at least one mapping with `apiVersion` and `kind`. */
export function isKubernetesYaml(text: string): boolean {
  let documents: unknown[];
  try {
    documents = loadAll(text);
  } catch {
    return false;
  }
  return documents.some(
    (document) =>
      isObject(document) &&
      typeof document.apiVersion === 'string' &&
      document.apiVersion !== '' &&
      typeof document.kind === 'string' &&
      document.kind !== '',
  );
}

/** Aggregate per-record checks into the schema report (counts are records, not findings). */
export function buildSchemaReport(
  results: Iterable<{ split: string; violations: SchemaViolation[]; piiTypes: string[] }>,
): SchemaReport {
  const violationCounts = Object.fromEntries(SCHEMA_VIOLATIONS.map((violation) => [violation, 0])) as Record<
    SchemaViolation,
    number
  >;
  const piiTypes = new Map<string, number>();
  const bySplit = new Map<string, { total: number; valid: number }>();
  let total = 0;
  let valid = 0;
  let piiLeaks = 0;
  for (const result of results) {
    total++;
    const isValid = result.violations.length === 0;
    if (isValid) valid++;
    const split = bySplit.get(result.split) ?? { total: 0, valid: 0 };
    bySplit.set(result.split, split);
    split.total++;
    if (isValid) split.valid++;
    for (const violation of new Set(result.violations)) violationCounts[violation]++;
    if (result.violations.includes('pii_leak') || result.piiTypes.length > 0) piiLeaks++;
    for (const type of new Set(result.piiTypes)) piiTypes.set(type, (piiTypes.get(type) ?? 0) + 1);
  }
  return {
    total,
    valid,
    pass_rate_pct: total === 0 ? 0 : Math.round((valid / total) * 1000) / 10,
    violation_counts: violationCounts,
    pii_leaks: piiLeaks,
    pii_types: sortedRecord(piiTypes),
    by_split: sortedRecord(bySplit),
  };
}

// Sorted keys so equal inputs give byte-identical reports whatever order the records came in.
function sortedRecord<T>(map: Map<string, T>): Record<string, T> {
  return Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
