import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { InfraLMError } from '../core/errors.js';
import { loadConfig } from './load-config.js';
import { configSchema } from './schema.js';

function configFile(text: string): string {
  const directory = mkdtempSync(join(tmpdir(), 'infralm-config-'));
  const file = join(directory, 'infralm.yaml');
  writeFileSync(file, text);
  return file;
}

function errorOf(run: () => unknown): InfraLMError {
  try {
    run();
  } catch (error) {
    if (InfraLMError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('loadConfig', () => {
  it('fills defaults when there is no file', () => {
    const { config, file } = loadConfig({ cwd: mkdtempSync(join(tmpdir(), 'infralm-empty-')) });
    expect(file).toBeUndefined();
    expect(config.manifest.filter.min_bytes).toBe(200);
    expect(config.manifest.bias.max_share).toBe(0.4);
  });

  it('names the unknown key and its line', () => {
    const file = configFile('workspace: ws\nmanifest:\n  dedup:\n    near: true\n    treshold: 0.9\n');
    const error = errorOf(() => loadConfig({ file }));
    expect(error.code).toBe('INFRALM_ERR_CONFIG_INVALID');
    expect(error.message).toContain('manifest.dedup.treshold');
    expect(error.location).toMatchObject({ file, line: 5 });
  });

  it('names a bad value and its line', () => {
    const file = configFile('manifest:\n  split:\n    seed: 1\n  format: yaml\n');
    const error = errorOf(() => loadConfig({ file }));
    expect(error.message).toContain('manifest.format');
    expect(error.location?.line).toBe(4);
  });

  it('applies --set overrides with YAML typing and validates them', () => {
    const file = configFile('manifest:\n  dedup:\n    threshold: 0.8\n');
    const { config } = loadConfig({ file, overrides: ['manifest.dedup.threshold=0.9', 'workers=2'] });
    expect(config.manifest.dedup.threshold).toBe(0.9);
    expect(config.workers).toBe(2);
    const error = errorOf(() => loadConfig({ file, overrides: ['manifest.dedup.threshold=2'] }));
    expect(error.message).toContain('manifest.dedup.threshold');
    expect(error.location?.file).toBe('--set manifest.dedup.threshold');
  });

  it('reports a YAML syntax error with its position', () => {
    const file = configFile('manifest:\n  dedup: [1,\n');
    const error = errorOf(() => loadConfig({ file }));
    expect(error.location?.file).toBe(file);
    expect(error.location?.line).toBeGreaterThan(0);
  });

  it('rejects a missing explicit file', () => {
    expect(errorOf(() => loadConfig({ file: '/nonexistent/infralm.yaml' })).code).toBe(
      'INFRALM_ERR_CONFIG_NOT_FOUND',
    );
  });
});

describe('the fast config path', () => {
  // Valid files are read with js-yaml's core schema instead of `yaml` (which names lines in errors):
  // both must give the same values for whatever a config can hold.
  const readWithYaml = (text: string) => parseDocument(text, { uniqueKeys: true }).toJS();
  const readWithJsYaml = (text: string) => load(text, { schema: CORE_SCHEMA });

  it('reads the repository infralm.yaml as `yaml` does', () => {
    const text = readFileSync(fileURLToPath(new URL('../../infralm.yaml', import.meta.url)), 'utf8');
    expect(readWithJsYaml(text)).toEqual(readWithYaml(text));
    expect(loadConfig({ file: configFile(text) }).config).toEqual(
      configSchema.parse(readWithYaml(text) ?? {}),
    );
  });

  it('reads scalars of every kind a config can hold as `yaml` does (property)', () => {
    const scalar = fc.oneof(
      fc.constantFrom('1', '-2', '017', '0o17', '0x1F', '1.5', '1e3', '.inf', '-.Inf', '.nan', 'true'),
      fc.constantFrom('False', 'null', '~', '', 'yes', 'no', 'on', '2024-01-02', '12:30', 'a b', "'q'"),
      fc.constantFrom('"d\\tq"', '[a, 1, true]', '{}', '[]', 'http://x:1/p', 'a#b', '+12', '1_000'),
      fc.stringMatching(/^[a-z][a-z0-9_./-]{0,12}$/),
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[a-z][a-z_]{0,8}$/), scalar, { maxKeys: 6 }),
        (entries) => {
          const text = `top:\n${Object.entries(entries)
            .map(([key, value]) => `  ${key}: ${value}`)
            .join('\n')}\n`;
          expect(readWithJsYaml(text)).toEqual(readWithYaml(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('still names the file line of an error, and applies --set overrides', () => {
    const file = configFile('manifest:\n  filter:\n    min_bytes: -5\n');
    expect(errorOf(() => loadConfig({ file })).message).toMatch(/infralm\.yaml:3/);
    const { config } = loadConfig({ file: configFile('workers: 1\n'), overrides: ['workers=3'] });
    expect(config.workers).toBe(3);
  });
});
