// The Kubernetes side of a scan: every object of a (multi-document) YAML file with its source
// positions, and where each kind keeps its pod specs and containers.

import { isMap, isSeq, LineCounter, parseAllDocuments, type Document as YamlDocument } from 'yaml';
import type { ContainerView, KubernetesObjectView, KubernetesRuleContext, PodSpecView } from './types.js';

export interface KubernetesScanObject {
  view: KubernetesObjectView;
  /** Line and column (1-based) of a path in the object, or of its deepest existing ancestor. */
  locate(path: readonly (string | number)[]): { line: number; column: number };
}

export interface KubernetesParseResult {
  objects: KubernetesScanObject[];
  errors: { line: number; column: number; message: string }[];
}

type PlainObject = Record<string, unknown>;

const isPlainObject = (value: unknown): value is PlainObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parse a YAML file into Kubernetes objects (documents without apiVersion and kind are skipped). */
export function parseKubernetesFile(text: string, file: string): KubernetesParseResult {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, uniqueKeys: false, logLevel: 'error' });
  const objects: KubernetesScanObject[] = [];
  const errors: KubernetesParseResult['errors'] = [];
  const list = Array.isArray(documents) ? documents : [];
  if (!Array.isArray(documents)) {
    errors.push({ line: 1, column: 1, message: 'not a YAML stream' });
  }
  list.forEach((document: YamlDocument.Parsed, index: number) => {
    if (document.errors.length > 0) {
      const error = document.errors[0]!;
      const position = lineCounter.linePos(error.pos[0]);
      errors.push({ line: position.line, column: position.col, message: error.message.split('\n')[0]! });
      return;
    }
    const object = document.toJS({ maxAliasCount: 100 }) as unknown;
    if (!isPlainObject(object) || typeof object.kind !== 'string' || typeof object.apiVersion !== 'string')
      return;
    const metadata = isPlainObject(object.metadata) ? object.metadata : {};
    const view: KubernetesObjectView = {
      kind: object.kind,
      apiVersion: object.apiVersion,
      name: typeof metadata.name === 'string' ? metadata.name : '',
      namespace:
        typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : 'default',
      object,
      file,
      document: index,
    };
    const locate = (path: readonly (string | number)[]) => {
      for (let length = path.length; length >= 0; length--) {
        const node = document.getIn(path.slice(0, length), true) as
          | { range?: [number, number, number] }
          | undefined;
        // The key of a map entry is where readers expect the line: find the pair when possible.
        const pair = length > 0 ? findPair(document, path.slice(0, length)) : undefined;
        const offset = pair ?? node?.range?.[0];
        if (offset !== undefined) {
          const position = lineCounter.linePos(offset);
          return { line: position.line, column: position.col };
        }
      }
      return { line: 1, column: 1 };
    };
    objects.push({ view, locate });
  });
  return { objects, errors };
}

function findPair(document: YamlDocument.Parsed, path: readonly (string | number)[]): number | undefined {
  const parent = path.length === 1 ? document.contents : document.getIn(path.slice(0, -1), true);
  const last = path.at(-1);
  if (isMap(parent)) {
    const item = parent.items.find((pair) => {
      const key = pair.key as { value?: unknown } | null;
      return key !== null && typeof key === 'object' && key.value === last;
    });
    const key = item?.key as { range?: [number, number, number] } | undefined;
    return key?.range?.[0];
  }
  if (isSeq(parent) && typeof last === 'number') {
    const node = parent.items[last] as { range?: [number, number, number] } | undefined;
    return node?.range?.[0];
  }
  return undefined;
}

const WORKLOADS_WITH_TEMPLATE = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
]);
const KSERVE_COMPONENTS = ['predictor', 'transformer', 'explainer'];
const KSERVE_FRAMEWORKS = [
  'model',
  'sklearn',
  'xgboost',
  'tensorflow',
  'pytorch',
  'triton',
  'onnx',
  'huggingface',
  'lightgbm',
  'paddle',
  'pmml',
  'alibi',
  'art',
];

/** Where each kind keeps its pod specs. */
export function podSpecs(object: KubernetesObjectView): PodSpecView[] {
  const root = object.object;
  const at = (path: (string | number)[]): PodSpecView | undefined => {
    let current: unknown = root;
    for (const step of path) {
      if (!isPlainObject(current) && !Array.isArray(current)) return undefined;
      current = (current as Record<string | number, unknown>)[step];
    }
    return isPlainObject(current) ? { spec: current, path } : undefined;
  };
  const specs: (PodSpecView | undefined)[] = [];
  if (object.kind === 'Pod') specs.push(at(['spec']));
  else if (WORKLOADS_WITH_TEMPLATE.has(object.kind)) specs.push(at(['spec', 'template', 'spec']));
  else if (object.kind === 'CronJob') specs.push(at(['spec', 'jobTemplate', 'spec', 'template', 'spec']));
  else if (object.kind === 'InferenceService')
    for (const component of KSERVE_COMPONENTS) specs.push(at(['spec', component]));
  else if (object.kind === 'SeldonDeployment') {
    const predictors = (root.spec as PlainObject | undefined)?.predictors;
    if (Array.isArray(predictors)) {
      predictors.forEach((predictor, index) => {
        const componentSpecs = isPlainObject(predictor) ? predictor.componentSpecs : undefined;
        if (Array.isArray(componentSpecs)) {
          for (let component = 0; component < componentSpecs.length; component++) {
            specs.push(at(['spec', 'predictors', index, 'componentSpecs', component, 'spec']));
          }
        }
      });
    }
  }
  return specs.filter((spec): spec is PodSpecView => spec !== undefined);
}

/** Every container of every pod spec, KServe framework containers included. */
export function containers(object: KubernetesObjectView): ContainerView[] {
  const out: ContainerView[] = [];
  for (const { spec, path } of podSpecs(object)) {
    for (const [field, kind] of [
      ['containers', 'container'],
      ['initContainers', 'initContainer'],
      ['ephemeralContainers', 'ephemeralContainer'],
    ] as const) {
      const list = spec[field];
      if (!Array.isArray(list)) continue;
      list.forEach((container, index) => {
        if (isPlainObject(container)) out.push({ container, path: [...path, field, index], kind });
      });
    }
    if (object.kind === 'InferenceService') {
      for (const framework of KSERVE_FRAMEWORKS) {
        const container = spec[framework];
        if (isPlainObject(container)) out.push({ container, path: [...path, framework], kind: 'container' });
      }
    }
  }
  return out;
}

export const KUBERNETES_RULE_CONTEXT: KubernetesRuleContext = { podSpecs, containers };
