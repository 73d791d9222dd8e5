import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { InfraLMError } from './errors.js';

/** Stream the records of a JSONL file; a bad line is an error naming the file and line. */
export async function* readJsonl<T = unknown>(path: string): AsyncIterable<T> {
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    try {
      yield JSON.parse(text) as T;
    } catch (error) {
      throw new InfraLMError('INFRALM_ERR_RECORD_PARSE', (error as Error).message, {
        location: { file: path, line },
      });
    }
  }
}

/** Render records as JSONL text (one JSON value per line, trailing newline). */
export function toJsonl(records: Iterable<unknown>): string {
  let out = '';
  for (const record of records) out += `${JSON.stringify(record)}\n`;
  return out;
}
