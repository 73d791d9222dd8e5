// The printf-like engine behind format() and formatlist(): cty's verbs, flags, widths, precisions and
// `[n]` argument indexes, with Go's number formatting and grapheme-aware string padding.

import { convertToBool, convertToNumber, convertToString, type Value } from '../eval/value.js';
import { formatFloatVerb, formatIntegerVerb, goFloatText, type VerbOptions } from './go-number-format.js';
import { graphemeCount, graphemes } from './grapheme.js';
import { encodeJson, JsonValueError, quoteJsonString } from './json-codec.js';

/** A format string or argument problem, worded as cty words it. */
export class FormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormatError';
  }
}

interface Verb extends VerbOptions {
  raw: string;
  offset: number;
  argumentNumber: number;
  mode: string;
}

/** Formats wholly known arguments with a cty format string. */
export function formatValues(format: string, args: readonly Value[]): string {
  let out = '';
  let nextArgument = 1;
  let index = 0;
  while (index < format.length) {
    const character = format[index] as string;
    if (character !== '%') {
      out += character;
      index++;
      continue;
    }
    if (format[index + 1] === '%') {
      out += '%';
      index += 2;
      continue;
    }
    const start = index;
    index++;
    const verb: Verb = { raw: '', offset: start, argumentNumber: nextArgument, mode: '' };
    while (index < format.length && '0#-+ '.includes(format[index] as string)) {
      const flag = format[index];
      if (flag === '0') verb.zero = true;
      else if (flag === '#') verb.sharp = true;
      else if (flag === '-') verb.minus = true;
      else if (flag === '+') verb.plus = true;
      else verb.space = true;
      index++;
    }
    if (format[index] === '[') {
      const match = /^\[([1-9][0-9]*)\]/.exec(format.slice(index));
      if (!match) throw new FormatError(unrecognized(format, index + 1));
      verb.argumentNumber = Number(match[1]);
      index += match[0].length;
    }
    const width = /^[1-9][0-9]*/.exec(format.slice(index));
    if (width) {
      verb.width = Number(width[0]);
      index += width[0].length;
    }
    if (format[index] === '.') {
      const precision = /^\.([0-9]*)/.exec(format.slice(index)) as RegExpExecArray;
      verb.precision = Number(precision[1] || '0');
      index += precision[0].length;
    }
    const mode = format[index];
    if (mode === undefined) throw new FormatError(`invalid format string starting at offset ${start}`);
    if (!/[a-zA-Z]/.test(mode)) throw new FormatError(unrecognized(format, index));
    index++;
    verb.mode = mode;
    verb.raw = format.slice(start, index);
    out += formatOne(verb, args);
    nextArgument = verb.argumentNumber + 1;
  }
  return out;
}

function unrecognized(format: string, index: number): string {
  const character = String.fromCodePoint(format.codePointAt(index) ?? 0);
  return `unrecognized format character ${quoteRune(character)} at offset ${index}`;
}

function quoteRune(character: string): string {
  if (character === "'") return "'\\''";
  return `'${JSON.stringify(character).slice(1, -1).replace(/\\"/g, '"')}'`;
}

function formatOne(verb: Verb, args: readonly Value[]): string {
  const argument = args[verb.argumentNumber - 1];
  if (argument === undefined) {
    throw new FormatError(
      `not enough arguments for ${JSON.stringify(verb.raw)} at ${verb.offset}: need index ${verb.argumentNumber} but have ${args.length} total`,
    );
  }
  if (verb.mode !== 'v' && argument === null) {
    throw new FormatError(
      `unsupported value for ${JSON.stringify(verb.raw)} at ${verb.offset}: null value cannot be formatted`,
    );
  }
  const unsupported = (detail: string): FormatError =>
    new FormatError(`unsupported value for ${JSON.stringify(verb.raw)} at ${verb.offset}: ${detail}`);
  switch (verb.mode) {
    case 'v': {
      if (!verb.sharp && typeof argument === 'string') return padWidth(verb, argument);
      if (!verb.sharp && typeof argument === 'number') return padWidth(verb, goFloatText(argument, 'g', -1));
      try {
        return padWidth(verb, encodeJson(argument));
      } catch (error) {
        if (error instanceof JsonValueError) throw unsupported(error.message);
        throw error;
      }
    }
    case 't': {
      const converted = convertToBool(argument);
      if (typeof converted !== 'boolean') throw unsupported('bool required');
      return converted ? 'true' : 'false';
    }
    case 'b':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G': {
      const converted = convertToNumber(argument);
      if (typeof converted !== 'number') {
        throw unsupported(typeof argument === 'string' ? 'a number is required' : 'number required');
      }
      if ('bdoxX'.includes(verb.mode)) {
        if (!Number.isInteger(converted)) throw unsupported('an integer is required');
        return formatIntegerVerb(BigInt(converted), verb.mode as 'b' | 'd' | 'o' | 'x' | 'X', verb);
      }
      return formatFloatVerb(converted, verb.mode as 'e' | 'E' | 'f' | 'g' | 'G', verb);
    }
    case 's':
    case 'q': {
      const converted = convertToString(argument);
      if (typeof converted !== 'string') throw unsupported('string required');
      let text = converted;
      if (verb.precision !== undefined && verb.precision > 0)
        text = graphemes(text).slice(0, verb.precision).join('');
      return padWidth(verb, verb.mode === 's' ? text : quoteJsonString(text));
    }
    default:
      throw new FormatError(
        `unsupported format verb ${quoteRune(verb.mode)} in ${JSON.stringify(verb.raw)} at offset ${verb.offset}`,
      );
  }
}

function padWidth(verb: Verb, text: string): string {
  if (verb.width === undefined) return text;
  const missing = verb.width - graphemeCount(text);
  if (missing <= 0) return text;
  const padding = (verb.zero ? '0' : ' ').repeat(missing);
  return verb.minus ? text + padding : padding + text;
}
