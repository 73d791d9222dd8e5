import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allows, conditionValues, documentFromText, hasAnyPrincipal } from './policy-documents.js';

const action = fc.oneof(
  fc.constant('*'),
  fc.constantFrom('s3:GetObject', 's3:*', 'iam:PassRole', 'sqs:SendMessage'),
);
const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  Action: fc.oneof(action, fc.array(action, { minLength: 1, maxLength: 4 })),
  Resource: fc.oneof(
    fc.constant('*'),
    fc.array(fc.constantFrom('*', 'arn:aws:s3:::b', 'arn:aws:s3:::b/*'), { minLength: 1 }),
  ),
});

describe('documentFromText', () => {
  it('keeps every action, resource and effect of a JSON policy, whether written as a string or a list', () => {
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 5 }), fc.boolean(), (statements, single) => {
        const body = single && statements.length === 1 ? statements[0] : statements;
        const document = documentFromText(JSON.stringify({ Version: '2012-10-17', Statement: body }), [
          'policy',
        ]);
        if (document === 'unknown') throw new Error('a valid policy must parse');
        expect(document.incomplete).toBe(false);
        expect(document.statements).toHaveLength(statements.length);
        document.statements.forEach((parsed, index) => {
          const original = statements[index]!;
          expect(parsed.effect).toBe(original.Effect);
          expect(parsed.actions.known).toEqual([original.Action].flat());
          expect(parsed.resources.known).toEqual([original.Resource].flat());
          expect(allows(parsed)).toBe(original.Effect === 'Allow');
        });
      }),
    );
  });

  it('answers unknown for text that is not JSON', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        fc.pre(!valid);
        expect(documentFromText(text, [])).toBe('unknown');
      }),
    );
  });

  it('reads principals and conditions', () => {
    const document = documentFromText(
      JSON.stringify({
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
          { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root'] }, Action: 's3:GetObject' },
        ],
      }),
      ['policy'],
    );
    if (document === 'unknown') throw new Error('must parse');
    const [deny, allow] = document.statements;
    expect(hasAnyPrincipal(deny!.principals)).toBe(true);
    expect(hasAnyPrincipal(allow!.principals)).toBe(false);
    expect(conditionValues(deny!, 'aws:securetransport')).toEqual({ known: ['false'], unknown: false });
    expect(conditionValues(allow!, 'aws:SecureTransport')).toBeUndefined();
  });
});
