// yamldecode: YAML parsed by the `yaml` package, scalars resolved with go-cty-yaml's YAML 1.1 rules
// (yes/no/on/off booleans, `~` null, underscores in numbers, 0b binary, timestamps as RFC 3339 strings).

import { isAlias, isMap, isScalar, isSeq, type Node, parseAllDocuments } from 'yaml';
import { convertToString, makeObject, type Value } from '../eval/value.js';
import { daysFromCivil, formatTimestamp } from './rfc3339.js';

/** A YAML document Terraform would reject. */
export class YamlDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YamlDecodeError';
  }
}

const TAG_PREFIX = 'tag:yaml.org,2002:';
// Alias expansion is counted so a "billion laughs" document fails instead of exhausting memory.
const MAX_NODES = 1_000_000;

const RESOLVED: ReadonlyMap<string, Value> = new Map<string, Value>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map(
    (word) => [word, true] as const,
  ),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map(
    (word) => [word, false] as const,
  ),
  ...['', '~', 'null', 'Null', 'NULL'].map((word) => [word, null] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map(
    (word) => [word, Number.POSITIVE_INFINITY] as const,
  ),
  ...['-.inf', '-.Inf', '-.INF'].map((word) => [word, Number.NEGATIVE_INFINITY] as const),
]);

/** Parses a single YAML document into a value (mappings become objects, sequences tuples). */
export function decodeYaml(text: string): Value {
  const documents = parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: true, prettyErrors: false });
  if (!Array.isArray(documents)) return null;
  const document = documents[0];
  if (document === undefined) return null;
  if (documents.length > 1) throw new YamlDecodeError('unexpected extra content after value');
  const error = document.errors[0];
  if (error) throw new YamlDecodeError(error.message);
  let nodes = 0;
  const convert = (node: unknown): Value => {
    if (++nodes > MAX_NODES) throw new YamlDecodeError('document expands to too many values');
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return convert(node.resolve(document));
    if (isScalar(node)) {
      const source = String(node.value ?? '');
      const quoted = node.type !== undefined && node.type !== 'PLAIN';
      return resolveScalar(node.tag ?? (quoted ? `${TAG_PREFIX}str` : ''), source);
    }
    if (isSeq(node)) return node.items.map(convert);
    if (isMap(node)) {
      const entries: [string, Value][] = [];
      for (const pair of node.items) {
        const key = convert(pair.key as Node);
        const keyText = convertToString(key);
        if (typeof keyText !== 'string') throw new YamlDecodeError('mapping keys must be strings');
        entries.push([keyText, convert(pair.value as Node)]);
      }
      return makeObject(entries);
    }
    throw new YamlDecodeError('unsupported YAML node');
  };
  return convert(document.contents);
}

function resolveScalar(tag: string, source: string): Value {
  const shortTag = tag.startsWith(TAG_PREFIX) ? tag.slice(TAG_PREFIX.length) : tag;
  if (!['', 'str', 'bool', 'int', 'float', 'null', 'timestamp', 'binary'].includes(shortTag)) {
    throw new YamlDecodeError(`unsupported tag ${JSON.stringify(tag)}`);
  }
  let effective = shortTag;
  const hint = source === '' ? 'N' : hintOf(source[0] as string);
  if (hint !== '' && shortTag !== 'str' && shortTag !== 'binary') {
    if (RESOLVED.has(source)) return RESOLVED.get(source) as Value;
    if (['.nan', '.NaN', '.NAN'].includes(source))
      throw new YamlDecodeError('floating point NaN is not supported');
    if (hint === '.') {
      const number = parseDecimal(source);
      if (number !== undefined) return number;
    } else if (hint === 'D' || hint === 'S') {
      if (shortTag === '' || shortTag === 'timestamp') {
        const timestamp = parseYamlTimestamp(source);
        if (timestamp !== undefined) return timestamp;
      }
      const plain = source.replaceAll('_', '');
      const number = parseDecimal(plain);
      if (number !== undefined) return number;
      if (plain.startsWith('0b') || plain.startsWith('-0b')) effective = 'int';
    }
  }
  switch (effective) {
    case 'str':
    case '':
      return source;
    case 'binary':
      if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(source)) {
        throw new YamlDecodeError(`cannot parse ${JSON.stringify(source)} as ${tag}: not valid base64`);
      }
      return source;
    case 'bool': {
      const value = RESOLVED.get(source);
      if (typeof value !== 'boolean')
        throw new YamlDecodeError(`cannot parse ${JSON.stringify(source)} as ${tag}`);
      return value;
    }
    case 'int':
    case 'float': {
      const number = parseInteger(source.replaceAll('_', ''));
      if (number === undefined) throw new YamlDecodeError(`cannot parse ${JSON.stringify(source)} as ${tag}`);
      return number;
    }
    case 'timestamp': {
      const timestamp = parseYamlTimestamp(source);
      if (timestamp === undefined)
        throw new YamlDecodeError(`cannot parse ${JSON.stringify(source)} as ${tag}`);
      return timestamp;
    }
    default:
      return null;
  }
}

function hintOf(first: string): string {
  if (first === '+' || first === '-') return 'S';
  if (first >= '0' && first <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(first)) return 'M';
  if (first === '.') return '.';
  return '';
}

function parseDecimal(text: string): number | undefined {
  return /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(text) ? Number(text) : undefined;
}

function parseInteger(text: string): number | undefined {
  const decimal = parseDecimal(text);
  if (decimal !== undefined) return decimal;
  const match = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+)$/.exec(text);
  if (!match) return undefined;
  const body = (match[2] as string).replace(/^0(?=[0-7])/, '0o').toLowerCase();
  const value = Number(BigInt(body));
  return match[1] === '-' ? -value : value;
}

function parseYamlTimestamp(text: string): string | undefined {
  const match =
    /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ ])([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$/.exec(
      text,
    );
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0', zone] = match;
  const hasTime = match[4] !== undefined;
  const separatorIsSpace = hasTime && text[(match.index ?? 0) + `${year}-${month}-${day}`.length] === ' ';
  // Go's layouts: "T"/"t" forms need a zone; the space form has none.
  if (hasTime && (separatorIsSpace ? zone !== undefined : zone === undefined)) return undefined;
  const numbers = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [y, mo, d, h, mi, s] = numbers;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  let offsetSeconds = 0;
  if (zone !== undefined && zone !== 'Z') {
    offsetSeconds =
      (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(4, 6)) * 60);
  }
  const seconds = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offsetSeconds;
  return formatTimestamp({ seconds, nanoseconds: 0, offsetSeconds });
}
