// Suppression comments, as each tool documents them:
//   # infralm:ignore:<ID> <reason> [exp:YYYY-MM-DD]   on the finding's line, the line above it, inside the
//                                                      block, or on the line above the block header
//   #checkov:skip=<CKV_ID>:<reason>                    inside the resource block (Checkov's placement)
//   #trivy:ignore:<AVD_ID>[:exp:YYYY-MM-DD]             on the line above the finding or above the block
// A foreign id suppresses a rule only when the rule declares it among its equivalents. `//` and `/* */`
// comment starts are accepted in HCL as well as `#`.

import type { Equivalents } from './types.js';

export interface SuppressionComment {
  line: number;
  source: 'infralm' | 'checkov' | 'trivy';
  id: string;
  reason: string;
  expires?: string;
}

const INFRALM = /(?:#|\/\/|\/\*)\s*infralm:ignore:([A-Za-z0-9_*-]+)(?:[ \t]+([^\n]*?))?[ \t]*(?:\*\/)?$/;
const CHECKOV = /(?:#|\/\/)\s*checkov:skip=([A-Za-z0-9_]+)(?::([^\n]*))?/;
const TRIVY = /(?:#|\/\/)\s*trivy:ignore:([A-Za-z0-9_-]+)((?::[^\s:]+)*)/;
const EXPIRY = /(?:^|\s|:)exp:(\d{4}-\d{2}-\d{2})\b/;

/** Every suppression comment of a file. */
export function findSuppressionComments(text: string): SuppressionComment[] {
  const comments: SuppressionComment[] = [];
  const lines = text.split('\n');
  lines.forEach((content, index) => {
    if (!content.includes('ignore') && !content.includes('skip')) return;
    const line = index + 1;
    const infralm = INFRALM.exec(content);
    if (infralm) {
      const rest = infralm[2] ?? '';
      const expires = EXPIRY.exec(rest)?.[1];
      comments.push({
        line,
        source: 'infralm',
        id: infralm[1]!,
        reason: rest.replace(EXPIRY, '').trim(),
        ...(expires ? { expires } : {}),
      });
    }
    const checkov = CHECKOV.exec(content);
    if (checkov)
      comments.push({ line, source: 'checkov', id: checkov[1]!, reason: (checkov[2] ?? '').trim() });
    const trivy = TRIVY.exec(content);
    if (trivy) {
      const expires = EXPIRY.exec(trivy[2] ?? '')?.[1];
      comments.push({ line, source: 'trivy', id: trivy[1]!, reason: '', ...(expires ? { expires } : {}) });
    }
  });
  return comments;
}

export interface SuppressionTarget {
  ruleId: string;
  equivalents: Equivalents;
  /** The finding's line. */
  line: number;
  /** The resource block's first and last lines. */
  blockStart: number;
  blockEnd: number;
}

/** The comment that suppresses a finding, if any (expired ones do not, as of `today` YYYY-MM-DD). */
export function matchSuppression(
  comments: readonly SuppressionComment[],
  target: SuppressionTarget,
  today: string,
): SuppressionComment | undefined {
  const inBlock = (line: number) => line >= target.blockStart && line <= target.blockEnd;
  const nearFinding = (line: number) => line === target.line || line === target.line - 1;
  const aboveBlock = (line: number) => line === target.blockStart - 1;
  for (const comment of comments) {
    if (comment.expires && comment.expires < today) continue;
    switch (comment.source) {
      case 'infralm':
        if (
          (comment.id === target.ruleId || comment.id === '*') &&
          (nearFinding(comment.line) || inBlock(comment.line) || aboveBlock(comment.line))
        )
          return comment;
        break;
      case 'checkov':
        if (
          target.equivalents.checkov.includes(comment.id) &&
          (inBlock(comment.line) || aboveBlock(comment.line))
        )
          return comment;
        break;
      case 'trivy':
        if (
          target.equivalents.trivy.some((id) => id === comment.id || id.endsWith(`-${comment.id}`)) &&
          (nearFinding(comment.line) || aboveBlock(comment.line))
        )
          return comment;
        break;
    }
  }
  return undefined;
}
