import { sha256 } from '../../core/hash.js';
import { findSensitive } from '../../quality/redact.js';
import { checkRecord, type SchemaViolation } from '../../tasks/manifest/schema-check.js';

// The worker-thread task of the validate stage: check a slice of one split's gold lines.

export interface ValidateChunkTask {
  split: string;
  lines: string[];
  /** Ids (manifest sha256) the prepare stage gave the manifests it parsed; from the .meta.jsonl files. */
  parsedIds?: string[];
  /** Of those, the ids of manifests redaction left unchanged (no redactions in the .meta.jsonl line). */
  cleanIds?: string[];
}

export interface ValidateChunkResult {
  split: string;
  checks: { violations: SchemaViolation[]; piiTypes: string[] }[];
}

/** Check every line of the chunk against the record schema. */
export function runTask(task: ValidateChunkTask): ValidateChunkResult {
  const parsedIds = new Set(task.parsedIds ?? []);
  const cleanIds = new Set(task.cleanIds ?? []);
  // Both questions are asked of the same manifest: hash it once.
  let lastManifest: string | undefined;
  let lastId = '';
  const idOf = (manifest: string) => {
    if (manifest !== lastManifest) {
      lastManifest = manifest;
      lastId = sha256(manifest);
    }
    return lastId;
  };
  return {
    split: task.split,
    checks: task.lines.map((line) => {
      const check = checkRecord(line, {
        detectSensitive: findSensitive,
        isKnownValid: parsedIds.size > 0 ? (manifest) => parsedIds.has(idOf(manifest)) : undefined,
        isKnownClean: cleanIds.size > 0 ? (manifest) => cleanIds.has(idOf(manifest)) : undefined,
      });
      return { violations: check.violations, piiTypes: check.piiTypes };
    }),
  };
}
