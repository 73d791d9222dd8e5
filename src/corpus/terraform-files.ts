import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { ModuleFileReader } from '../iac/terraform/config/load-module-tree.js';
import type { PlanFileAccess } from '../iac/terraform/plan/static-plan.js';

/** Files larger than this are treated as unreadable: no real configuration file comes close. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** File access for the Terraform engine, rooted at a module directory (paths relative to it). */
export interface TerraformFiles extends ModuleFileReader, PlanFileAccess {
  root: string;
}

/**
 * Disk access for loading and planning the module at `root`. Module sources such as `../modules/x`
 * may leave the root (monorepos do this); `boundary` (default: the filesystem root) is the folder
 * nothing may be read outside of.
 */
export function terraformFiles(root: string, boundary = '/'): TerraformFiles {
  const absoluteRoot = resolve(root);
  const absoluteBoundary = resolve(boundary);
  const locate = (path: string): string | undefined => {
    const absolute = resolve(absoluteRoot, path);
    const inside = relative(absoluteBoundary, absolute);
    if (inside.startsWith(`..${sep}`) || inside === '..') return undefined;
    return absolute;
  };
  const read = (path: string): Buffer | undefined => {
    const absolute = locate(path);
    if (!absolute) return undefined;
    try {
      if (statSync(absolute).size > MAX_FILE_BYTES) return undefined;
      return readFileSync(absolute);
    } catch {
      return undefined;
    }
  };
  return {
    root: absoluteRoot,
    listDirectory(directory) {
      const absolute = locate(directory);
      if (!absolute) return undefined;
      try {
        return readdirSync(absolute).sort();
      } catch {
        return undefined;
      }
    },
    readFile(path) {
      return read(path)?.toString('utf8');
    },
    readBytes(path) {
      return read(path);
    },
    listFiles(directory) {
      const absolute = locate(directory);
      if (!absolute) return undefined;
      const out: string[] = [];
      const walk = (folder: string, prefix: string) => {
        let entries: import('node:fs').Dirent[];
        try {
          entries = readdirSync(folder, { withFileTypes: true });
        } catch {
          return;
        }
        for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
          const name = prefix ? `${prefix}/${entry.name}` : entry.name;
          if (entry.isDirectory()) walk(join(folder, entry.name), name);
          else if (entry.isFile()) out.push(name);
        }
      };
      walk(absolute, '');
      return out;
    },
  };
}
