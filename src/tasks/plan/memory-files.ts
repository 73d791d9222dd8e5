import type { ModuleFileReader } from '../../iac/terraform/config/load-module-tree.js';
import type { PlanFileAccess } from '../../iac/terraform/plan/static-plan.js';

/** File access over an in-memory set of files (paths relative to the root module, POSIX). */
export function memoryFiles(
  files: ReadonlyMap<string, string> | Record<string, string>,
): ModuleFileReader & PlanFileAccess {
  const map = files instanceof Map ? files : new Map(Object.entries(files));
  const normalize = (path: string) => path.replace(/^(\.\/)+/, '');
  const directories = new Map<string, Set<string>>();
  for (const path of map.keys()) {
    const parts = normalize(path).split('/');
    for (let depth = 0; depth < parts.length; depth++) {
      const directory = depth === 0 ? '.' : parts.slice(0, depth).join('/');
      const entries = directories.get(directory) ?? new Set<string>();
      entries.add(parts[depth]!);
      directories.set(directory, entries);
    }
  }
  return {
    listDirectory: (directory) => {
      const entries = directories.get(normalize(directory) || '.');
      return entries ? [...entries].sort() : undefined;
    },
    readFile: (path) => map.get(normalize(path)),
    readBytes: (path) => {
      const text = map.get(normalize(path));
      return text === undefined ? undefined : new TextEncoder().encode(text);
    },
    listFiles: (directory) => {
      const prefix = `${normalize(directory)}/`;
      return [...map.keys()]
        .filter((path) => path.startsWith(prefix))
        .map((path) => path.slice(prefix.length));
    },
  };
}
