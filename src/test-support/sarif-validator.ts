// Validates SARIF logs with Microsoft's official SARIF Multitool (`validate`: the SARIF 2.1.0 schema
// plus the SARIF rules), installed from npm as @microsoft/sarif-multitool.
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

function multitool(): string {
  const binary = require('@microsoft/sarif-multitool') as string;
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    // The package's postinstall makes it executable; an install with scripts off leaves it as is.
    chmodSync(binary, 0o755);
  }
  return binary;
}

/** Schema and rule errors per log (empty arrays when valid); warnings are not errors. */
export function validateSarifLogs(logs: string[]): string[][] {
  const directory = mkdtempSync(join(tmpdir(), 'infralm-sarif-'));
  const files = logs.map((log, index) => {
    const path = join(directory, `log-${index}.sarif`);
    writeFileSync(path, log);
    return path;
  });
  const result = spawnSync(multitool(), ['validate', ...files], { encoding: 'utf8', timeout: 120_000 });
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.error) throw result.error;
  return files.map((file) =>
    output
      .split('\n')
      .filter((line) => line.startsWith(file) && /: error /.test(line))
      .map((line) => line.slice(file.length)),
  );
}
