import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeVersion, packageVersion } from './code-version.js';

const bundle = fileURLToPath(new URL('../../dist/bundle/', import.meta.url));

describe('codeVersion', () => {
  it('is the package version plus a hash of the program files when run from sources', () => {
    expect(codeVersion()).toMatch(new RegExp(`^${packageVersion().replaceAll('.', '\\.')}\\+[0-9a-f]{16}$`));
    expect(codeVersion()).toBe(codeVersion());
  });

  // npm test builds before it runs vitest; the bundle's recorded version must match its files.
  it.skipIf(!existsSync(`${bundle}main.js`))('the bundle records the hash of its own files', () => {
    const hash = createHash('sha256');
    for (const name of readdirSync(bundle)
      .filter((file) => file.endsWith('.js'))
      .sort()) {
      hash.update(`${name}\0`);
      hash.update(readFileSync(`${bundle}${name}`));
    }
    expect(readFileSync(`${bundle}code-version.txt`, 'utf8')).toBe(`${hash.digest('hex').slice(0, 16)}\n`);
  });
});
