import { describe, expect, it } from 'vitest';
import { parsePullReference, parseRepository, repositoryFolder } from './repository-name.js';

describe('repository names', () => {
  it('parses owner/name and owner/name#N (and a pull request URL)', () => {
    expect(parseRepository('hashicorp/terraform-provider-aws')).toEqual({
      owner: 'hashicorp',
      name: 'terraform-provider-aws',
      fullName: 'hashicorp/terraform-provider-aws',
    });
    expect(parsePullReference('acme/infra#12')).toMatchObject({
      number: 12,
      repository: { fullName: 'acme/infra' },
    });
    expect(parsePullReference('https://github.com/acme/infra/pull/7')).toMatchObject({ number: 7 });
    expect(repositoryFolder(parseRepository('a.b/c_d'))).toBe('a.b__c_d');
  });

  it('rejects what could escape the workspace or is not a repository', () => {
    for (const text of ['acme', 'acme/infra/x', '../etc/passwd', 'acme/..', 'a b/c', '/infra']) {
      expect(() => parseRepository(text), text).toThrow(/owner\/name/);
    }
    for (const text of ['acme/infra', 'acme/infra#0', 'acme/infra#x', 'acme/..#1']) {
      expect(() => parsePullReference(text), text).toThrow(/owner\/name/);
    }
  });
});
