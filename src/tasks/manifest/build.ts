import { sha256 } from '../../core/hash.js';
import type { Document, Provenance, Step } from '../../core/types.js';
import { isPermissive } from '../../corpus/license-detect.js';
import { isHelmTemplate } from '../../iac/kubernetes/helm-template.js';
import { classifyIacType, extractFeatures, type IacType } from '../../iac/kubernetes/manifest-features.js';
import { kubernetesObjects, parseYamlStream } from '../../iac/kubernetes/parse-manifests.js';
import { classifySizeBucket } from '../../quality/bias.js';
import { minhashSignature } from '../../quality/minhash.js';
import { redact } from '../../quality/redact.js';
import { createKeywordMatcher } from './keyword-matcher.js';
import { type PromptType, synthesizePrompt } from './prompt-synthesis.js';

/** The filter/redaction/prompt parameters of the build (a slice of the manifest config). */
export interface PrepareOptions {
  minBytes: number;
  maxBytes: number;
  extensions: string[];
  licenses: string[];
  keywords: { enabled: boolean; terms: string[] };
  promptSeed: number;
  stripHeaderComments: boolean;
  minhash: { numPermutations: number; shingleSize: number };
}

/** A manifest that passed every gate, redacted and labelled, before dedup and splitting (silver). */
export interface ManifestCandidate {
  id: string;
  document_id: string;
  group: string;
  order: string;
  source: Provenance;
  instruction: string;
  prompt_type: PromptType;
  manifest: string;
  strata: { iac_type: IacType; license: string; size_bucket: string; prompt_type: PromptType };
  redactions: Record<string, number>;
  signature: string;
}

/** Why a document was dropped; `detail` names the line and problem where there is one. */
export interface ManifestDrop {
  reason: DropReason;
  detail?: string;
}

export const DROP_REASONS = [
  'extension',
  'size-too-small',
  'size-too-large',
  'license-missing',
  'license-not-permissive',
  'helm-template',
  'no-ml-keyword',
  'yaml-parse-error',
  'not-kubernetes',
  'redaction-broke-yaml',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

export type PrepareOutcome = { keep: ManifestCandidate } | { drop: ManifestDrop };

/** Build the per-document preparer: gates in order, one parse, redaction, prompt, signature. */
export function createManifestPreparer(options: PrepareOptions): (document: Document) => PrepareOutcome {
  const extensions = new Set(options.extensions.map((extension) => extension.toLowerCase()));
  const matchKeyword = createKeywordMatcher(options.keywords.terms);
  const licenseVerdicts = new Map<string, boolean>();
  return (document) => {
    const path = document.source.path;
    const dot = path.lastIndexOf('.');
    if (dot === -1 || !extensions.has(path.slice(dot).toLowerCase()))
      return { drop: { reason: 'extension' } };
    const bytes = Buffer.byteLength(document.text);
    if (bytes < options.minBytes) return { drop: { reason: 'size-too-small', detail: `${bytes} B` } };
    if (bytes > options.maxBytes) return { drop: { reason: 'size-too-large', detail: `${bytes} B` } };
    const license = document.source.license;
    if (!license) return { drop: { reason: 'license-missing' } };
    let permitted = licenseVerdicts.get(license);
    if (permitted === undefined) {
      permitted = isPermissive(license, options.licenses);
      licenseVerdicts.set(license, permitted);
    }
    if (!permitted) return { drop: { reason: 'license-not-permissive', detail: license } };
    // Before parsing: a YAML parser sometimes accepts a Helm template silently.
    if (isHelmTemplate(document.text)) return { drop: { reason: 'helm-template' } };
    if (options.keywords.enabled && matchKeyword(document.text) === undefined) {
      return { drop: { reason: 'no-ml-keyword' } };
    }
    // A text without both key names cannot hold a Kubernetes object, so it is not parsed at all:
    // a fifth of what passes the keyword gate on a real corpus, a fifth of the parse time.
    if (!document.text.includes('apiVersion') || !document.text.includes('kind')) {
      return { drop: { reason: 'not-kubernetes', detail: 'no apiVersion or kind key in the text' } };
    }
    const parsed = parseYamlStream(document.text);
    if (!parsed.ok) {
      return {
        drop: {
          reason: 'yaml-parse-error',
          detail: `${path}:${parsed.line}:${parsed.column}: ${parsed.message}`,
        },
      };
    }
    let objects = kubernetesObjects(parsed.documents);
    if (objects.length === 0)
      return { drop: { reason: 'not-kubernetes', detail: 'no document with apiVersion and kind' } };

    // The header goes before redaction, so redaction sees exactly the bytes that are kept: a manifest
    // it leaves unchanged is then known to hold nothing its detector finds (validate relies on this).
    const kept = options.stripHeaderComments ? stripHeaderComments(document.text) : document.text;
    const redaction = redact(kept);
    const manifest = redaction.text;
    if (manifest !== kept) {
      // Redaction must never hand a broken manifest to training: re-parse what changed.
      const reparsed = parseYamlStream(manifest);
      if (!reparsed.ok) {
        return {
          drop: {
            reason: 'redaction-broke-yaml',
            detail: `${path}:${reparsed.line}:${reparsed.column}: ${reparsed.message}`,
          },
        };
      }
      objects = kubernetesObjects(reparsed.documents);
      if (objects.length === 0)
        return { drop: { reason: 'redaction-broke-yaml', detail: 'no Kubernetes object left' } };
    }

    const features = extractFeatures(objects);
    const iacType = classifyIacType(features.objects);
    const id = sha256(manifest);
    const group = document.source.repo ?? 'unknown';
    const prompt = synthesizePrompt(features, { id, path, iacType, seed: options.promptSeed });
    const signature = minhashSignature(manifest, {
      numPermutations: options.minhash.numPermutations,
      shingleSize: options.minhash.shingleSize,
    });
    return {
      keep: {
        id,
        document_id: document.id,
        group,
        order: `${group}/${path}`,
        source: document.source,
        instruction: prompt.text,
        prompt_type: prompt.type,
        manifest,
        strata: {
          iac_type: iacType,
          license,
          size_bucket: classifySizeBucket(Buffer.byteLength(manifest)),
          prompt_type: prompt.type,
        },
        redactions: redaction.counts as Record<string, number>,
        signature: Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength).toString(
          'base64',
        ),
      },
    };
  };
}

/** The manifest task's build step: documents in, candidates out, drops counted by reason. */
export function buildManifestCandidates(options: PrepareOptions): Step<Document, ManifestCandidate> {
  const prepare = createManifestPreparer(options);
  return async function* (documents, context) {
    for await (const document of documents) {
      context.count('items_in');
      const outcome = prepare(document);
      if ('drop' in outcome) {
        context.drop(document.source, outcome.drop.reason, outcome.drop.detail);
        continue;
      }
      context.count('items_out');
      yield outcome.keep;
    }
  };
}

/**
 * Drop the licence/copyright comment block at the top of a file: it is boilerplate a model should
 * not learn to emit. Comments inside the manifest are kept.
 */
export function stripHeaderComments(text: string): string {
  let index = 0;
  while (index < text.length) {
    const end = text.indexOf('\n', index);
    const line = text.slice(index, end === -1 ? text.length : end).trim();
    if (line !== '' && !line.startsWith('#')) break;
    if (end === -1) return text;
    index = end + 1;
  }
  return index > 0 && index < text.length ? text.slice(index) : text;
}
