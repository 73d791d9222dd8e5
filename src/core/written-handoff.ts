import { readFileSync } from 'node:fs';

// Values this process has just written to a file, kept for the stage that reads the file next in the
// same process, which then skips parsing it back. An entry is handed out only while the file still
// holds exactly the bytes written (read and compared: far cheaper than parsing them), only once, and
// entries are kept up to a byte budget. Worker threads have their own entries; a reader on another
// thread reads the file.

const BUDGET_BYTES = 64 * 1024 * 1024;
const entries = new Map<string, { content: Buffer; values: unknown }>();
let heldBytes = 0;

function drop(path: string): void {
  const entry = entries.get(path);
  if (!entry) return;
  entries.delete(path);
  heldBytes -= entry.content.length;
}

/** Keep `values`, exactly what parsing `content` (just written to `path`) gives, for the next reader. */
export function offerWritten(path: string, content: string | Uint8Array, values: unknown): void {
  drop(path);
  // Bytes are kept as given (the caller wrote them and lets go of them); a string is encoded.
  const bytes =
    typeof content === 'string'
      ? Buffer.from(content, 'utf8')
      : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  if (heldBytes + bytes.length > BUDGET_BYTES) return;
  entries.set(path, { content: bytes, values });
  heldBytes += bytes.length;
}

/** The values offered for `path`, once, if the file still holds the bytes written; else undefined. */
export function takeWritten<T>(path: string): T | undefined {
  const entry = entries.get(path);
  if (!entry) return undefined;
  drop(path);
  let now: Buffer;
  try {
    now = readFileSync(path);
  } catch {
    return undefined;
  }
  return now.equals(entry.content) ? (entry.values as T) : undefined;
}
