import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InfraLMError } from '../core/errors.js';
import { loadConfig } from './load-config.js';

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
