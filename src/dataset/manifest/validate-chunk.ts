import { sha256 } from '../../core/hash.js';
import { findSensitive } from '../../quality/redact.js';
import { checkRecord, type SchemaViolation } from '../../tasks/manifest/schema-check.js';

// The worker-thread task of the validate stage: check a slice of one split's gold lines.

export interface ValidateChunkTask {
  split: string;
  lines: string[];
  /** Ids (manifest sha256) the prepare stage gave the manifests it parsed; from the .meta.jsonl files. */
  parsedIds?: string[];
}

export interface ValidateChunkResult {
  split: string;
  checks: { violations: SchemaViolation[]; piiTypes: string[] }[];
}

/** Check every line of the chunk against the record schema. */
export function runTask(task: ValidateChunkTask): ValidateChunkResult {
  const parsedIds = new Set(task.parsedIds ?? []);
  return {
    split: task.split,
    checks: task.lines.map((line) => {
      const check = checkRecord(line, {
        detectSensitive: findSensitive,
        isKnownValid: parsedIds.size > 0 ? (manifest) => parsedIds.has(sha256(manifest)) : undefined,
      });
      return { violations: check.violations, piiTypes: check.piiTypes };
    }),
  };
}
