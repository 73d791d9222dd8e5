import { createReadStream } from 'node:fs';
import { InfraLMError } from './errors.js';

/** Stream the records of a JSONL file; a bad line is an error naming the file and line. */
export async function* readJsonl<T = unknown>(path: string): AsyncIterable<T> {
  // Splitting 1 MiB chunks by hand is several times faster than node:readline on JSONL.
  let line = 0;
  let rest = '';
  const parse = (text: string): T => {
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new InfraLMError('INFRALM_ERR_RECORD_PARSE', (error as Error).message, {
        location: { file: path, line },
      });
    }
  };
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      line++;
      const record = text.slice(start, end);
      start = end + 1;
      if (record.trim() !== '') yield parse(record);
    }
    rest = text.slice(start);
  }
  if (rest.trim() !== '') {
    line++;
    yield parse(rest);
  }
}

/** Render records as JSONL text (one JSON value per line, trailing newline). */
export function toJsonl(records: Iterable<unknown>): string {
  let out = '';
  for (const record of records) out += `${JSON.stringify(record)}\n`;
  return out;
}
