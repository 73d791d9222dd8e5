// String built-ins: chomp endswith format formatlist indent join lower regex regexall replace split
// startswith strcontains strrev substr title trim trimprefix trimsuffix trimspace upper.

import { isWhollyKnown, makeObject, TerraformSet, UNKNOWN, Unknown, type Value } from '../eval/value.js';
import { goTitle, goToLower, goToUpper } from './case-mapping.js';
import { defineFunction, type ParameterSpec, type TerraformFunction } from './define-function.js';
import { FormatError, formatValues } from './format-verbs.js';
import { argumentProblem, callProblem } from './function-call-error.js';
import { graphemes } from './grapheme.js';
import {
  type CompiledPattern,
  compileRe2,
  findAllMatches,
  findFirstMatch,
  type RegexMatch,
  RegexSyntaxError,
  replaceAllMatches,
} from './re2.js';
import { requireWholeNumber } from './whole-number.js';

const text = (name: string): ParameterSpec => ({ name, type: 'string' });

const stringFunction = (
  name: string,
  parameters: string[],
  operation: (...values: string[]) => Value,
): TerraformFunction =>
  defineFunction({
    name,
    parameters: parameters.map(text),
    implementation: (args) => operation(...(args as string[])),
  });

const WHITE_SPACE = /\p{White_Space}/u;

/** strings.TrimFunc with unicode.IsSpace. */
function goTrimSpace(value: string): string {
  const characters = Array.from(value);
  let start = 0;
  let end = characters.length;
  while (start < end && WHITE_SPACE.test(characters[start] as string)) start++;
  while (end > start && WHITE_SPACE.test(characters[end - 1] as string)) end--;
  return characters.slice(start, end).join('');
}

/** strings.Trim: drops leading and trailing code points found in the cutset. */
function goTrim(value: string, cutset: string): string {
  if (value === '' || cutset === '') return value;
  const cut = new Set(Array.from(cutset));
  const characters = Array.from(value);
  let start = 0;
  let end = characters.length;
  while (start < end && cut.has(characters[start] as string)) start++;
  while (end > start && cut.has(characters[end - 1] as string)) end--;
  return characters.slice(start, end).join('');
}

/** strings.Replace(s, old, new, -1): an empty `old` inserts `new` around every code point. */
function goReplace(value: string, search: string, replacement: string): string {
  if (search !== '') return value.split(search).join(replacement);
  return (
    replacement +
    Array.from(value)
      .map((character) => character + replacement)
      .join('')
  );
}

/** strings.Split: an empty separator splits into code points. */
function goSplit(separator: string, value: string): string[] {
  return separator === '' ? Array.from(value) : value.split(separator);
}

/** cty's substr, including its quirks (a zero length after a negative offset takes the rest). */
function substr(value: string, offsetArgument: number, lengthArgument: number): string {
  let offset = requireWholeNumber(offsetArgument);
  const length = requireWholeNumber(lengthArgument);
  const clusters = graphemes(value);
  if (offset < 0) offset += clusters.length;
  else if (length === 0) return '';
  const start = offset > 0 ? Math.min(offset, clusters.length) : 0;
  if (length < 0 || length === 0) return clusters.slice(start).join('');
  return clusters.slice(start, start + length).join('');
}

function compilePattern(pattern: string): CompiledPattern {
  try {
    return compileRe2(pattern);
  } catch (error) {
    if (error instanceof RegexSyntaxError) {
      throw argumentProblem(0, `invalid regexp pattern: ${error.code} in ${error.expression}`);
    }
    throw error;
  }
}

/** The shape regex() returns: the match, a tuple of groups, or an object of named groups. */
function resultShape(compiled: CompiledPattern): 'string' | 'tuple' | 'object' {
  const named = compiled.groupNames.filter((name) => name !== undefined).length;
  const unnamed = compiled.groupNames.length - named;
  if (named === 0 && unnamed === 0) return 'string';
  if (named > 0 && unnamed > 0) {
    throw argumentProblem(0, 'invalid regexp pattern: cannot mix both named and unnamed capture groups');
  }
  return unnamed > 0 ? 'tuple' : 'object';
}

function matchResult(
  compiled: CompiledPattern,
  shape: 'string' | 'tuple' | 'object',
  match: RegexMatch,
): Value {
  if (shape === 'string') return match.whole;
  const groups = match.groups.map((group) => group ?? null);
  if (shape === 'tuple') return groups;
  return makeObject(compiled.groupNames.map((name, index) => [name as string, groups[index] as Value]));
}

function formatOrFail(format: string, args: readonly Value[], prefix = ''): string {
  try {
    return formatValues(format, args);
  } catch (error) {
    if (error instanceof FormatError) throw callProblem(prefix + error.message);
    throw error;
  }
}

function formatList(format: string, args: Value[]): Value {
  if (args.length === 0) return [formatOrFail(format, [])];
  let iterationLength = -1;
  let lengthChooser = -1;
  const sequences: (readonly Value[] | undefined)[] = [];
  for (const [index, arg] of args.entries()) {
    // An unknown argument might be a list of any length, so the whole result is unknown.
    if (arg instanceof Unknown) return UNKNOWN;
    const items = arg instanceof TerraformSet ? arg.items : Array.isArray(arg) ? arg : undefined;
    sequences.push(items);
    if (items === undefined) continue;
    if (iterationLength === -1) {
      iterationLength = items.length;
      lengthChooser = index;
    } else if (items.length !== iterationLength) {
      throw argumentProblem(
        index + 1,
        `argument ${index + 1} has length ${items.length}, which is inconsistent with argument ${lengthChooser + 1} of length ${iterationLength}`,
      );
    }
  }
  if (iterationLength === 0) return [];
  const results: Value[] = [];
  for (let iteration = 0; iteration < Math.max(iterationLength, 1); iteration++) {
    const formatArgs = args.map((arg, index) => {
      const items = sequences[index];
      return items ? (items[iteration] as Value) : arg;
    });
    if (!formatArgs.every(isWhollyKnown)) {
      results.push(UNKNOWN);
      continue;
    }
    results.push(formatOrFail(format, formatArgs, `error on format iteration ${iteration}: `));
  }
  return results;
}

/** The string built-ins. */
export const STRING_FUNCTIONS: TerraformFunction[] = [
  stringFunction('chomp', ['str'], (value) => value.replace(/[\r\n]+$/, '')),
  stringFunction('endswith', ['str', 'suffix'], (value, suffix) => value.endsWith(suffix)),
  defineFunction({
    name: 'format',
    parameters: [text('format')],
    variadic: { name: 'args', type: 'any', allowNull: true },
    implementation: ([format, ...args]) => {
      if (!args.every(isWhollyKnown)) return UNKNOWN;
      return formatOrFail(format as string, args);
    },
  }),
  defineFunction({
    name: 'formatlist',
    parameters: [text('format')],
    variadic: { name: 'args', type: 'any', allowNull: true, allowUnknown: true },
    implementation: ([format, ...args]) => formatList(format as string, args),
  }),
  defineFunction({
    name: 'indent',
    parameters: [{ name: 'spaces', type: 'number' }, text('str')],
    implementation: ([spaces, value]) =>
      (value as string).replaceAll(
        '\n',
        `\n${' '.repeat(Math.max(requireWholeNumber(spaces as number), 0))}`,
      ),
  }),
  defineFunction({
    name: 'join',
    parameters: [text('separator')],
    variadic: { name: 'lists', type: 'list(string)' },
    implementation: ([separator, ...lists]) => {
      if (lists.length === 0) throw callProblem('at least one list is required');
      if (!lists.every(isWhollyKnown)) return UNKNOWN;
      const items: string[] = [];
      lists.forEach((list, listIndex) => {
        (list as Value[]).forEach((item, itemIndex) => {
          if (item === null) {
            throw argumentProblem(
              listIndex + 1,
              lists.length > 1
                ? `element ${itemIndex} of list ${listIndex + 1} is null; cannot concatenate null values`
                : `element ${itemIndex} is null; cannot concatenate null values`,
            );
          }
          items.push(item as string);
        });
      });
      return items.join(separator as string);
    },
  }),
  stringFunction('lower', ['str'], goToLower),
  stringFunction('regex', ['pattern', 'string'], (pattern, value) => {
    const compiled = compilePattern(pattern);
    const shape = resultShape(compiled);
    const match = findFirstMatch(compiled, value);
    if (!match) throw callProblem('pattern did not match any part of the given string');
    return matchResult(compiled, shape, match);
  }),
  stringFunction('regexall', ['pattern', 'string'], (pattern, value) => {
    const compiled = compilePattern(pattern);
    const shape = resultShape(compiled);
    return findAllMatches(compiled, value).map((match) => matchResult(compiled, shape, match));
  }),
  stringFunction('replace', ['str', 'substr', 'replace'], (value, search, replacement) => {
    if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) {
      let compiled: CompiledPattern;
      try {
        compiled = compileRe2(search.slice(1, -1));
      } catch (error) {
        if (error instanceof RegexSyntaxError) throw callProblem(error.message);
        throw error;
      }
      return replaceAllMatches(compiled, value, replacement);
    }
    return goReplace(value, search, replacement);
  }),
  stringFunction('split', ['separator', 'str'], goSplit),
  stringFunction('startswith', ['str', 'prefix'], (value, prefix) => value.startsWith(prefix)),
  stringFunction('strcontains', ['str', 'substr'], (value, search) => value.includes(search)),
  stringFunction('strrev', ['str'], (value) => graphemes(value).reverse().join('')),
  defineFunction({
    name: 'substr',
    parameters: [text('str'), { name: 'offset', type: 'number' }, { name: 'length', type: 'number' }],
    implementation: ([value, offset, length]) => substr(value as string, offset as number, length as number),
  }),
  stringFunction('title', ['str'], goTitle),
  stringFunction('trim', ['str', 'cutset'], goTrim),
  stringFunction('trimprefix', ['str', 'prefix'], (value, prefix) =>
    prefix !== '' && value.startsWith(prefix) ? value.slice(prefix.length) : value,
  ),
  stringFunction('trimsuffix', ['str', 'suffix'], (value, suffix) =>
    suffix !== '' && value.endsWith(suffix) ? value.slice(0, value.length - suffix.length) : value,
  ),
  stringFunction('trimspace', ['str'], goTrimSpace),
  stringFunction('upper', ['str'], goToUpper),
];
