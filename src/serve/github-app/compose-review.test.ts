import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../../iac/diff/index.js';
import type { ReviewComment } from '../../tasks/review/types.js';
import { makeGitHistory } from '../../test-support/github-stand-in.js';
import {
  commentFingerprint,
  composeReview,
  extractFingerprints,
  fingerprintMarker,
} from './compose-review.js';

const before = Array.from({ length: 40 }, (_, index) => `line ${index + 1}`).join('\n');
const after = before.replace('line 10', 'line ten').replace('line 30', 'line thirty');
const history = makeGitHistory([
  { 'a.tf': `${before}\n` },
  { 'a.tf': `${after}\n`, 'b.yaml': 'kind: Pod\n' },
]);
const diff = parseUnifiedDiff(history.diff(0, 1));
afterAll(() => history.dispose());

const at = (line: number, body: string, path = 'a.tf', side: 'LEFT' | 'RIGHT' = 'RIGHT'): ReviewComment => ({
  path,
  line,
  side,
  body,
});

describe('composeReview', () => {
  it('places comments on diff lines and moves the rest into the body, with a marker on each', () => {
    const composed = composeReview({
      headSha: 'abcdef1234567',
      diff,
      predictions: [
        at(10, 'Rename back.'),
        at(20, 'Far from any hunk.'),
        at(1, 'Not in the diff.', 'c.tf'),
        at(1, 'A pod.', 'b.yaml'),
      ],
      existing: new Set(),
    });
    const request = composed.request!;
    expect(request.event).toBe('COMMENT');
    expect(request.commit_id).toBe('abcdef1234567');
    expect(request.comments.map((comment) => [comment.path, comment.line])).toEqual([
      ['a.tf', 10],
      ['b.yaml', 1],
    ]);
    expect(composed.counts).toEqual({ line: 2, body: 2, duplicate: 0, capped: 0 });
    expect(request.body).toContain('`a.tf` line 20 (RIGHT): Far from any hunk.');
    expect(request.body).toContain('`c.tf` line 1');
    expect(composed.moved.map((entry) => entry.reason)).toEqual([
      expect.stringMatching(/line 20 \(RIGHT\) of a.tf is not in any hunk/),
      expect.stringMatching(/c.tf is not in the pull request's diff/),
    ]);
    expect(extractFingerprints(request.body)).toHaveLength(2);
    for (const comment of request.comments) expect(extractFingerprints(comment.body)).toHaveLength(1);
  });

  it('drops comments already posted and repeated ones, and posts nothing when nothing is new', () => {
    const first = composeReview({
      headSha: 'a',
      diff,
      predictions: [at(10, 'Rename back.')],
      existing: new Set(),
    });
    const posted = new Set(extractFingerprints(first.request!.comments[0]!.body));
    const second = composeReview({
      headSha: 'b',
      diff,
      predictions: [at(10, 'rename   BACK.'), at(10, 'Rename back.')],
      existing: posted,
    });
    expect(second.request).toBeUndefined();
    expect(second.counts.duplicate).toBe(2);
  });

  it('ranks by severity and caps the review, saying how many were left out', () => {
    const predictions = [
      ...Array.from({ length: 5 }, (_, index) => at(10, `low severity note ${index}`)),
      at(30, 'A public bucket (CKV_X, critical severity).'),
      at(31, 'Open ingress (CKV_Y, high severity).'),
    ];
    const composed = composeReview({ headSha: 'a', diff, predictions, existing: new Set(), maxComments: 3 });
    const bodies = composed.request!.comments.map((comment) => comment.body.split('\n')[0]);
    expect(bodies).toContain('A public bucket (CKV_X, critical severity).');
    expect(bodies).toContain('Open ingress (CKV_Y, high severity).');
    expect(composed.counts).toMatchObject({ line: 3, capped: 4 });
    expect(composed.request!.body).toContain('4 further comments not shown (at most 3 per review)');
  });

  it('keeps only the lines a synchronize added, and can put everything in the body', () => {
    const predictions = [at(10, 'Old change.'), at(30, 'New change.')];
    const only = composeReview({
      headSha: 'a',
      diff,
      predictions,
      existing: new Set(),
      onlyLines: new Map([['a.tf', new Set([30])]]),
    });
    expect(only.request!.comments.map((comment) => comment.line)).toEqual([30]);
    const inBody = composeReview({ headSha: 'a', diff, predictions, existing: new Set(), allInBody: true });
    expect(inBody.request!.comments).toEqual([]);
    expect(inBody.counts.body).toBe(2);
  });

  it('never lets a model forge or break the fingerprint markers', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (prefix, suffix) => {
        const forged = `${prefix}${fingerprintMarker('0123456789abcdef')}${suffix}`;
        const composed = composeReview({
          headSha: 'a',
          diff,
          predictions: [at(10, forged)],
          existing: new Set(['0123456789abcdef']),
        });
        if (!composed.request) return (prefix + suffix).trim() === '' || composed.counts.duplicate === 1;
        const body = composed.request.comments[0]?.body ?? composed.request.body;
        return !extractFingerprints(body).includes('0123456789abcdef');
      }),
    );
  });

  it('identifies a comment by its line text, not its line number', () => {
    expect(commentFingerprint(at(10, 'x'), 'line ten')).toBe(commentFingerprint(at(12, 'x'), '  line   ten'));
    expect(commentFingerprint(at(10, 'x'), 'line ten')).not.toBe(
      commentFingerprint(at(10, 'x'), 'line eleven'),
    );
  });
});
