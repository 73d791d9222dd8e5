// csvdecode: Go's encoding/csv reader (RFC 4180, strict quotes, empty lines skipped, every record as
// wide as the header) feeding cty's "list of objects keyed by header" result.

import { makeObject, type Value } from '../eval/value.js';

/** A CSV document Terraform would reject; the message is cty's wording. */
export class CsvDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvDecodeError';
  }
}

class CsvReader {
  private position = 0;
  private line = 0;
  constructor(private readonly text: string) {}

  private readLine(): string | undefined {
    if (this.position >= this.text.length) return undefined;
    const newline = this.text.indexOf('\n', this.position);
    const end = newline < 0 ? this.text.length : newline + 1;
    let line = this.text.slice(this.position, end);
    this.position = end;
    this.line++;
    if (line.endsWith('\r\n')) line = `${line.slice(0, -2)}\n`;
    return line;
  }

  /** The next record, or undefined at the end of input. */
  readRecord(): { fields: string[]; line: number } | undefined {
    let line: string | undefined;
    for (;;) {
      line = this.readLine();
      if (line === undefined) return undefined;
      if (line !== '\n') break;
    }
    const recordLine = this.line;
    const fields: string[] = [];
    let rest = line;
    for (;;) {
      if (!rest.startsWith('"')) {
        const comma = rest.indexOf(',');
        const field = comma >= 0 ? rest.slice(0, comma) : rest.replace(/\n$/, '');
        if (field.includes('"')) throw this.parseError('bare " in non-quoted-field');
        fields.push(field);
        if (comma < 0) return { fields, line: recordLine };
        rest = rest.slice(comma + 1);
        continue;
      }
      let field = '';
      let index = 1;
      for (;;) {
        const quote = rest.indexOf('"', index);
        if (quote < 0) {
          field += rest.slice(index);
          const next = rest.endsWith('\n') ? this.readLine() : undefined;
          if (next === undefined) throw this.parseError('extraneous or missing " in quoted-field');
          rest = next;
          index = 0;
          continue;
        }
        field += rest.slice(index, quote);
        const after = rest[quote + 1];
        if (after === '"') {
          field += '"';
          index = quote + 2;
          continue;
        }
        if (after === ',') {
          fields.push(field);
          rest = rest.slice(quote + 2);
          break;
        }
        if (after === undefined || after === '\n') {
          fields.push(field);
          return { fields, line: recordLine };
        }
        throw this.parseError('extraneous or missing " in quoted-field');
      }
    }
  }

  private parseError(detail: string): CsvDecodeError {
    return new CsvDecodeError(`CSV parse error on line ${this.line}: ${detail}`);
  }
}

/** Decodes CSV text whose first line names the columns. */
export function decodeCsv(text: string): Value {
  const reader = new CsvReader(text);
  const header = reader.readRecord();
  if (!header) throw new CsvDecodeError('missing header line');
  const seen = new Set<string>();
  for (const name of header.fields) {
    if (seen.has(name)) throw new CsvDecodeError(`duplicate column name ${JSON.stringify(name)}`);
    seen.add(name);
  }
  const rows: Value[] = [];
  for (let record = reader.readRecord(); record; record = reader.readRecord()) {
    if (record.fields.length !== header.fields.length) {
      throw new CsvDecodeError(`CSV parse error on line ${record.line}: wrong number of fields`);
    }
    rows.push(makeObject(header.fields.map((name, index) => [name, record.fields[index] as string])));
  }
  return rows;
}
