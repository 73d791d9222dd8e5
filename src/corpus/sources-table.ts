// Reads the repository tables of a corpora SOURCES.md (see shared/corpora/SOURCES.md): Markdown
// tables whose header names a repo column, and optionally commit and licence columns.

/** One repository row of a SOURCES.md table. */
export interface SourcesEntry {
  /** `owner/name`. */
  repo: string;
  commit?: string;
  license?: string;
  /** The text of the nearest heading above the table (e.g. `k8s/ (1994 files ...)`). */
  section?: string;
}

const REPO_HEADERS = new Set(['repo', 'repository']);
const COMMIT_HEADERS = new Set(['commit', 'sha', 'revision']);
const LICENSE_HEADERS = new Set(['licence', 'license']);
const SEPARATOR_ROW = /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$/;
const REPO_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const EMPTY_CELL = new Set(['', '-', '—', 'n/a']);

function splitRow(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  return body.split(/(?<!\\)\|/).map(cleanCell);
}

function cleanCell(cell: string): string {
  return cell
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .replace(/\\\|/g, '|')
    .trim();
}

function columnIndex(headers: string[], names: Set<string>): number {
  return headers.findIndex((header) => names.has(header.toLowerCase()));
}

function optionalCell(cells: string[], index: number): string | undefined {
  if (index < 0) return undefined;
  const value = cells[index];
  return value === undefined || EMPTY_CELL.has(value.toLowerCase()) ? undefined : value;
}

/** Every repository row of every Markdown table with a repo column, in document order. */
export function parseSourcesTables(markdown: string): SourcesEntry[] {
  const lines = markdown.split(/\r?\n/);
  const entries: SourcesEntry[] = [];
  let section: string | undefined;
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!.trim();
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) section = heading[1]!.trim();
    const next = lines[index + 1]?.trim() ?? '';
    const headers = splitRow(line);
    // GFM: a header row, then a separator row with as many cells; outer pipes are optional.
    if (!line.includes('|') || !SEPARATOR_ROW.test(next) || splitRow(next).length !== headers.length) {
      index++;
      continue;
    }
    const repoColumn = columnIndex(headers, REPO_HEADERS);
    const commitColumn = columnIndex(headers, COMMIT_HEADERS);
    const licenseColumn = columnIndex(headers, LICENSE_HEADERS);
    index += 2;
    while (index < lines.length && lines[index]!.includes('|')) {
      const cells = splitRow(lines[index]!);
      index++;
      const repo = repoColumn >= 0 ? cells[repoColumn] : undefined;
      if (repo === undefined || !REPO_NAME.test(repo)) continue;
      const entry: SourcesEntry = { repo };
      const commit = optionalCell(cells, commitColumn);
      const license = optionalCell(cells, licenseColumn);
      if (commit !== undefined) entry.commit = commit;
      if (license !== undefined) entry.license = license;
      if (section !== undefined) entry.section = section;
      entries.push(entry);
    }
  }
  return entries;
}
