import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSourcesTables } from './sources-table.js';

describe('parseSourcesTables', () => {
  it('takes repo, commit and licence columns by header name, in any order', () => {
    const markdown = `# Sources

## terraform/ (2 files)

| licence | files | repository | commit |
|:---|---:|---|---|
| MIT | 3 | \`acme/widgets\` | \`0123456789abcdef0123456789abcdef01234567\` |
| - | 1 | [other/thing](https://github.com/other/thing) | |
| Apache-2.0 | 2 | not a repo | \`ffff\` |

Some text.

| name | value |
|---|---|
| acme/ignored | 1 |
`;
    expect(parseSourcesTables(markdown)).toEqual([
      {
        repo: 'acme/widgets',
        commit: '0123456789abcdef0123456789abcdef01234567',
        license: 'MIT',
        section: 'terraform/ (2 files)',
      },
      { repo: 'other/thing', section: 'terraform/ (2 files)' },
    ]);
  });

  it('handles escaped pipes inside cells and tables without outer pipes', () => {
    const markdown = 'repo | licence | note\n--- | --- | ---\nacme/widgets | MIT | a \\| b\n';
    expect(parseSourcesTables(markdown)).toEqual([{ repo: 'acme/widgets', license: 'MIT' }]);
  });

  const sourcesFile = '/work/shared/corpora/SOURCES.md';
  it.skipIf(!existsSync(sourcesFile))('reads the shared corpora SOURCES.md', () => {
    const entries = parseSourcesTables(readFileSync(sourcesFile, 'utf8'));
    expect(entries.map((entry) => entry.repo)).toContain('kserve/kserve');
    expect(entries.find((entry) => entry.repo === 'kserve/kserve')).toEqual({
      repo: 'kserve/kserve',
      commit: 'aaac4e294dae2c7b1aa1886447793f3aa1c30912',
      license: 'Apache-2.0',
      section: expect.stringMatching(/^k8s\//),
    });
    const azure = entries.find((entry) => entry.repo.startsWith('Azure/'));
    expect(azure?.license).toBe('MIT');
    expect(azure?.section).toMatch(/^terraform\//);
    expect(entries.every((entry) => /^[0-9a-f]{40}$/.test(entry.commit ?? ''))).toBe(true);
  });

  it('never throws on arbitrary text and only returns owner/name repos (property)', () => {
    const tableish = fc
      .array(
        fc.oneof(fc.string(), fc.constantFrom('|', '| repo | commit |', '|---|---|', '| a/b | `c` |', '#')),
        {
          maxLength: 12,
        },
      )
      .map((parts) => parts.join('\n'));
    fc.assert(
      fc.property(fc.oneof(fc.string(), tableish), (text) => {
        for (const entry of parseSourcesTables(text)) expect(entry.repo).toMatch(/^[\w.-]+\/[\w.-]+$/);
      }),
    );
  });

  it('reads back any generated table (property)', () => {
    const name = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,10}$/);
    const row = fc.record({
      repo: fc.tuple(name, name).map(([owner, repository]) => `${owner}/${repository}`),
      commit: fc.stringMatching(/^[0-9a-f]{40}$/),
      license: fc.constantFrom('MIT', 'Apache-2.0', 'BSD-3-Clause'),
    });
    const columns = fc.shuffledSubarray(['repo', 'commit', 'licence', 'files'], {
      minLength: 4,
      maxLength: 4,
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), columns, (rows, order) => {
        const cell = (entry: (typeof rows)[number], column: string) =>
          column === 'repo'
            ? entry.repo
            : column === 'commit'
              ? `\`${entry.commit}\``
              : column === 'licence'
                ? entry.license
                : '12 .tf';
        const lines = [
          `| ${order.join(' | ')} |`,
          `|${order.map(() => '---').join('|')}|`,
          ...rows.map((entry) => `| ${order.map((column) => cell(entry, column)).join(' | ')} |`),
        ];
        expect(parseSourcesTables(lines.join('\n'))).toEqual(rows);
      }),
    );
  });
});
