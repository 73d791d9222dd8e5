// Reading IAM members of *_iam_member (member) and *_iam_binding (members) resources.

import type { Value } from '../../../terraform/eval/value.js';
import { fail, PASS, UNKNOWN_RESULT } from '../../terraform-values.js';
import type { CheckResult } from '../../types.js';
import {
  ABSENT,
  type Reading,
  readString,
  readStrings,
  UNREADABLE,
} from '../terraform-azure/rule-support.js';

/** Principals that mean "anyone" (anonymous, or any Google account). */
export const PUBLIC_PRINCIPALS: readonly string[] = ['allUsers', 'allAuthenticatedUsers'];

/** The members granted by an IAM member or binding resource. */
export function iamMembers(values: Value): Reading<string[]> {
  const single = readString(values, ['member']);
  const many = readStrings(values, ['members']);
  if (single === UNREADABLE || many === UNREADABLE) {
    // A known public member settles it even when the rest is unknown.
    const known = [...(typeof single === 'string' ? [single] : []), ...(Array.isArray(many) ? many : [])];
    return known.length > 0 && known.some((member) => PUBLIC_PRINCIPALS.includes(member))
      ? known
      : UNREADABLE;
  }
  if (single === ABSENT && many === ABSENT) return ABSENT;
  return [...(single === ABSENT ? [] : [single]), ...(many === ABSENT ? [] : many)];
}

/** Fail when the resource grants its role to allUsers or allAuthenticatedUsers. */
export function publicMembers(values: Value, message: string): CheckResult {
  const members = iamMembers(values);
  if (members === UNREADABLE) return UNKNOWN_RESULT;
  if (members === ABSENT) return PASS;
  const path = readString(values, ['member']) === ABSENT ? ['members'] : ['member'];
  return members.some((member) => PUBLIC_PRINCIPALS.includes(member)) ? fail(path, message) : PASS;
}
