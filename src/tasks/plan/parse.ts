import { InfraLMError } from '../../core/errors.js';
import type { PlannedChange, PlanTarget } from './types.js';

const ACTIONS = new Set(['create', 'read', 'update', 'delete', 'no-op']);

/**
 * Model text → target. Accepts the schema's object, a bare array of changes, `terraform show -json`
 * output (its `change.actions`), and JSON inside a Markdown fence; anything else is a clear error.
 */
export function parsePlanAnswer(text: string): PlanTarget {
  const fenced = /```(?:json)?\s*\n([\s\S]*?)\n```/.exec(text);
  const body = (fenced ? fenced[1]! : text).trim();
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new InfraLMError(
      'INFRALM_ERR_RECORD_PARSE',
      `plan answer is not JSON: ${(error as Error).message}`,
    );
  }
  const list = Array.isArray(value)
    ? value
    : typeof value === 'object' &&
        value !== null &&
        Array.isArray((value as { resource_changes?: unknown }).resource_changes)
      ? (value as { resource_changes: unknown[] }).resource_changes
      : undefined;
  if (!list) throw new InfraLMError('INFRALM_ERR_RECORD_PARSE', 'plan answer has no resource_changes array');
  const changes: PlannedChange[] = list.map((item, index) => {
    if (typeof item !== 'object' || item === null) {
      throw new InfraLMError('INFRALM_ERR_RECORD_PARSE', `resource_changes[${index}] is not an object`);
    }
    const record = item as { address?: unknown; actions?: unknown; change?: { actions?: unknown } };
    const actions = record.actions ?? record.change?.actions;
    if (typeof record.address !== 'string' || record.address === '') {
      throw new InfraLMError('INFRALM_ERR_RECORD_PARSE', `resource_changes[${index}].address is missing`);
    }
    if (
      !Array.isArray(actions) ||
      actions.length === 0 ||
      !actions.every((action) => typeof action === 'string' && ACTIONS.has(action))
    ) {
      throw new InfraLMError(
        'INFRALM_ERR_RECORD_PARSE',
        `resource_changes[${index}].actions must be a non-empty list of create/read/update/delete/no-op`,
      );
    }
    return { address: record.address, actions: actions as string[] };
  });
  return { resource_changes: changes };
}
