import { DEFAULT_SCHEMA, loadAll, Type, YAMLException } from 'js-yaml';
import { parseBlockYamlStream } from './block-yaml.js';

// js-yaml, not `yaml`, on this hot path: it parses Kubernetes YAML about three times faster
// (docs/decisions.md, 2026-11-23). Positions of fields are not needed here, only of errors.

const anyTag = (kind: 'scalar' | 'sequence' | 'mapping') =>
  new Type('!', { kind, multi: true, construct: (data: unknown) => data });

// Application tags (`!reference`, `!Ref`, ...) are valid YAML; keep their plain values.
const SCHEMA = DEFAULT_SCHEMA.extend([anyTag('scalar'), anyTag('sequence'), anyTag('mapping')]);
// The schema's implicit types (null, bool, int, float, timestamp, merge), for the block fast path.
const IMPLICIT_TYPES = (SCHEMA as unknown as { compiledImplicit: Type[] }).compiledImplicit;

/** The values of a YAML stream, or where and why it does not parse. */
export type ParsedStream =
  | { ok: true; documents: unknown[] }
  | { ok: false; line: number; column: number; message: string };

/** Parse a (multi-document) YAML stream; a `---` stream is one file with several documents. */
export function parseYamlStream(text: string): ParsedStream {
  // Most manifests are plain block YAML: the fast path parses them to what js-yaml gives; js-yaml
  // parses (and reports errors in) everything else.
  const fast = parseBlockYamlStream(text, IMPLICIT_TYPES);
  if (fast !== undefined) return { ok: true, documents: fast };
  const documents: unknown[] = [];
  try {
    loadAll(text, (document) => documents.push(document), { schema: SCHEMA });
    return { ok: true, documents };
  } catch (error) {
    if (error instanceof YAMLException) {
      return {
        ok: false,
        line: error.mark ? error.mark.line + 1 : 1,
        column: error.mark ? error.mark.column + 1 : 1,
        message: error.reason ?? error.message.split('\n')[0]!,
      };
    }
    throw error;
  }
}

/** A Kubernetes-style object: a mapping with string apiVersion and kind. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: unknown; namespace?: unknown; labels?: unknown };
  [key: string]: unknown;
}

/** True for a mapping with string `apiVersion` and `kind` (Kubernetes' resource shape). */
export function isKubernetesObject(value: unknown): value is KubernetesObject {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return typeof record.apiVersion === 'string' && typeof record.kind === 'string' && record.kind !== '';
}

/** The Kubernetes objects of a stream, with `List` kinds expanded into their items. */
export function kubernetesObjects(documents: unknown[]): KubernetesObject[] {
  const out: KubernetesObject[] = [];
  for (const document of documents) {
    if (!isKubernetesObject(document)) continue;
    if (document.kind.endsWith('List') && Array.isArray(document.items)) {
      for (const item of document.items) if (isKubernetesObject(item)) out.push(item);
    } else out.push(document);
  }
  return out;
}
