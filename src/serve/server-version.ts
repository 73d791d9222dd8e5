import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package version, for /health and the OpenAPI document ("unknown" when package.json is not found). */
export function serverVersion(): string {
  try {
    const path = fileURLToPath(new URL('../../package.json', import.meta.url));
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
