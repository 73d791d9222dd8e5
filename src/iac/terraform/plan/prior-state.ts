// A prior state (terraform.tfstate, format version 4) for planning against: the instances that
// exist, their attributes, and which are tainted.

import { makeObject, type Value } from '../eval/value.js';
import { formatInstanceKey } from './addresses.js';

export interface StateInstance {
  address: string;
  module: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  key?: number | string;
  attributes: Record<string, unknown>;
  tainted: boolean;
  provider: string;
}

export type PriorState = Map<string, StateInstance>;

interface RawState {
  version?: unknown;
  resources?: {
    module?: string;
    mode?: string;
    type?: string;
    name?: string;
    provider?: string;
    instances?: { index_key?: number | string; attributes?: Record<string, unknown>; status?: string }[];
  }[];
}

/** Parse a v4 state file; throws an Error naming the problem. */
export function parsePriorState(text: string, filename: string): PriorState {
  let raw: RawState;
  try {
    raw = JSON.parse(text) as RawState;
  } catch (error) {
    throw new Error(`${filename}: not JSON (${(error as Error).message})`);
  }
  if (raw.version !== 4)
    throw new Error(`${filename}: state format version ${String(raw.version)} is not supported (only 4)`);
  const state: PriorState = new Map();
  for (const resource of raw.resources ?? []) {
    if (!resource.type || !resource.name || (resource.mode !== 'managed' && resource.mode !== 'data'))
      continue;
    const module = resource.module ?? '';
    for (const instance of resource.instances ?? []) {
      const key = instance.index_key;
      const local = `${resource.mode === 'data' ? 'data.' : ''}${resource.type}.${resource.name}${formatInstanceKey(key)}`;
      const address = module ? `${module}.${local}` : local;
      state.set(address, {
        address,
        module,
        mode: resource.mode,
        type: resource.type,
        name: resource.name,
        ...(key !== undefined ? { key } : {}),
        attributes: instance.attributes ?? {},
        tainted: instance.status === 'tainted',
        provider: /provider\["([^"]+)"\]/.exec(resource.provider ?? '')?.[1] ?? '',
      });
    }
  }
  return state;
}

/**
 * An attribute of dynamic type is stored with its type: `{"value": "x", "type": "string"}`
 * (terraform_data's input and output, kubernetes_manifest). Returns the plain value.
 */
export function unwrapDynamic(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 2 && keys.includes('value') && keys.includes('type'))
      return (value as { value: unknown }).value;
  }
  return value;
}

/** A state attribute as a value (JSON values map directly; objects get a null prototype). */
export function stateValue(raw: unknown): Value {
  const value = unwrapDynamic(raw);
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(stateValue);
  if (typeof value === 'object')
    return makeObject(Object.entries(value).map(([key, item]) => [key, stateValue(item)]));
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}
