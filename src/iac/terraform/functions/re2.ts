// RE2 (Go regexp, Perl flags) patterns translated to JS RegExps with the same meaning, plus Go's
// FindAll / ReplaceAll / Expand semantics on top. Constructs JS cannot express faithfully are rejected
// with an error rather than translated loosely. JS matches by backtracking, so unlike RE2 a hostile
// pattern can take super-linear time; patterns come from configuration, not from untrusted input.

/** A pattern that RE2 rejects (or that this translation cannot express). */
export class RegexSyntaxError extends Error {
  constructor(
    readonly code: string,
    readonly expression: string,
  ) {
    super(`error parsing regexp: ${code}: \`${expression}\``);
    this.name = 'RegexSyntaxError';
  }
}

/** A translated pattern. */
export interface CompiledPattern {
  /** Global + unicode JS RegExp; capture groups are numbered exactly as in the RE2 pattern. */
  regexp: RegExp;
  /** Name of each capture group (index 0 = group 1); undefined for unnamed groups. */
  groupNames: (string | undefined)[];
}

interface Flags {
  ignoreCase: boolean;
  multiLine: boolean;
  dotAll: boolean;
  ungreedy: boolean;
}

interface CharacterClass {
  ranges: [number, number][];
  /** JS property escapes (\p{..} / \P{..}) kept as written. */
  properties: string[];
}

const MAX_CODE_POINT = 0x10ffff;
const MAX_REPEAT = 1000;
const GENERAL_CATEGORIES = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(
    ' ',
  ),
);
const PERL_CLASSES: Record<string, [number, number][]> = {
  d: [[0x30, 0x39]],
  s: [
    [0x09, 0x0a],
    [0x0c, 0x0d],
    [0x20, 0x20],
  ],
  w: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
};
const POSIX_CLASSES: Record<string, [number, number][]> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0x00, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: PERL_CLASSES.w as [number, number][],
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

const cache = new Map<string, CompiledPattern>();

/** Translates an RE2 pattern (Go regexp syntax) to a JS RegExp with the same matches. */
export function compileRe2(pattern: string): CompiledPattern {
  const cached = cache.get(pattern);
  if (cached)
    return { regexp: new RegExp(cached.regexp.source, cached.regexp.flags), groupNames: cached.groupNames };
  const translator = new Translator(pattern);
  const compiled = translator.translate();
  if (cache.size > 500) cache.clear();
  cache.set(pattern, compiled);
  return {
    regexp: new RegExp(compiled.regexp.source, compiled.regexp.flags),
    groupNames: compiled.groupNames,
  };
}

/** A match: the start and end offsets and each group's text (undefined when the group did not take part). */
export interface RegexMatch {
  start: number;
  end: number;
  whole: string;
  groups: (string | undefined)[];
}

/** Go's FindAllStringSubmatchIndex: non-overlapping matches, empty matches right after a match skipped. */
export function findAllMatches(
  compiled: CompiledPattern,
  text: string,
  limit = Number.POSITIVE_INFINITY,
): RegexMatch[] {
  const { regexp } = compiled;
  const matches: RegexMatch[] = [];
  let position = 0;
  let previousEnd = -1;
  while (position <= text.length && matches.length < limit) {
    const match = execAt(regexp, text, position);
    if (!match) break;
    let accept = true;
    if (match.end === position) {
      if (match.start === previousEnd) accept = false;
      position += position < text.length ? codePointWidth(text, position) : 1;
    } else {
      position = match.end;
    }
    previousEnd = match.end;
    if (accept) matches.push(match);
  }
  return matches;
}

/** The first match, or undefined. */
export function findFirstMatch(compiled: CompiledPattern, text: string): RegexMatch | undefined {
  return execAt(compiled.regexp, text, 0);
}

/** Go's Regexp.ReplaceAllString: `$1`, `${1}`, `$name`, `${name}` and `$$` in the template. */
export function replaceAllMatches(compiled: CompiledPattern, text: string, template: string): string {
  let out = '';
  let lastMatchEnd = 0;
  let searchPosition = 0;
  while (searchPosition <= text.length) {
    const match = execAt(compiled.regexp, text, searchPosition);
    if (!match) break;
    out += text.slice(lastMatchEnd, match.start);
    if (match.end > lastMatchEnd || match.start === 0)
      out += expandTemplate(template, match, compiled.groupNames);
    lastMatchEnd = match.end;
    const width = searchPosition < text.length ? codePointWidth(text, searchPosition) : 0;
    if (searchPosition + width > match.end) searchPosition += width;
    else if (searchPosition + 1 > match.end) searchPosition++;
    else searchPosition = match.end;
  }
  return out + text.slice(lastMatchEnd);
}

/** Go's Regexp.Expand for one match. */
export function expandTemplate(
  template: string,
  match: RegexMatch,
  groupNames: (string | undefined)[],
): string {
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const reference = /^(\{)?([\p{L}\p{Nd}_]+)/u.exec(rest);
    const braced = reference?.[1] !== undefined;
    if (!reference || (braced && rest[reference[0].length] !== '}')) {
      out += '$';
      continue;
    }
    const name = reference[2] as string;
    rest = rest.slice(reference[0].length + (braced ? 1 : 0));
    const number =
      /^[0-9]+$/.test(name) && !(name.length > 1 && name.startsWith('0')) && name.length <= 8
        ? Number(name)
        : -1;
    if (number >= 0) {
      out += number === 0 ? match.whole : (match.groups[number - 1] ?? '');
    } else {
      const index = groupNames.indexOf(name);
      if (index >= 0) out += match.groups[index] ?? '';
    }
  }
  return out + rest;
}

function execAt(regexp: RegExp, text: string, position: number): RegexMatch | undefined {
  regexp.lastIndex = position;
  const result = regexp.exec(text);
  if (!result) return undefined;
  return {
    start: result.index,
    end: result.index + result[0].length,
    groups: result.slice(1),
    whole: result[0],
  };
}

function codePointWidth(text: string, position: number): number {
  const code = text.codePointAt(position) ?? 0;
  return code > 0xffff ? 2 : 1;
}

class Translator {
  private position = 0;
  private readonly groupNames: (string | undefined)[] = [];
  private jsIgnoreCase = false;

  constructor(private readonly pattern: string) {}

  translate(): CompiledPattern {
    const flags: Flags = { ignoreCase: false, multiLine: false, dotAll: false, ungreedy: false };
    // A leading case-insensitive flag group maps onto the JS `i` flag; anywhere else letters are folded by hand.
    const leading = /^\(\?([imsU]*)\)/.exec(this.pattern);
    if (leading?.[1]?.includes('i')) {
      this.jsIgnoreCase = true;
      flags.ignoreCase = true;
    }
    const source = this.parseAlternation(flags, 0);
    if (this.position < this.pattern.length) {
      throw new RegexSyntaxError('unexpected )', this.pattern);
    }
    let regexp: RegExp;
    try {
      regexp = new RegExp(source, this.jsIgnoreCase ? 'giu' : 'gu');
    } catch {
      throw new RegexSyntaxError('pattern cannot be translated for this evaluator', this.pattern);
    }
    return { regexp, groupNames: this.groupNames };
  }

  private fail(code: string, expression: string): never {
    throw new RegexSyntaxError(code, expression);
  }

  private peek(offset = 0): string | undefined {
    const code = this.pattern.codePointAt(this.indexAfter(offset));
    return code === undefined ? undefined : String.fromCodePoint(code);
  }

  private indexAfter(count: number): number {
    let index = this.position;
    for (let step = 0; step < count && index < this.pattern.length; step++)
      index += codePointWidth(this.pattern, index);
    return index;
  }

  private next(): string {
    const character = this.peek();
    if (character === undefined) this.fail('missing closing )', this.pattern);
    this.position += character.length;
    return character;
  }

  /** Parses alternatives until `)` or the end; `depth` > 0 means inside a group. */
  private parseAlternation(outerFlags: Flags, depth: number): string {
    if (depth > 1000) this.fail('expression nests too deeply', this.pattern);
    const flags = { ...outerFlags };
    let out = '';
    let canRepeat = false;
    let lastRepeat: string | undefined;
    while (this.position < this.pattern.length) {
      const start = this.position;
      const character = this.peek() as string;
      if (character === ')') {
        if (depth === 0) this.fail('unexpected )', this.pattern);
        return out;
      }
      if (character === '|') {
        this.position++;
        out += '|';
        canRepeat = false;
        lastRepeat = undefined;
        continue;
      }
      const repeat = this.tryRepeat(flags);
      if (repeat !== undefined) {
        const operator = this.pattern.slice(start, this.position);
        if (lastRepeat !== undefined) this.fail('invalid nested repetition operator', lastRepeat + operator);
        if (!canRepeat) this.fail('missing argument to repetition operator', operator);
        out += repeat;
        lastRepeat = operator;
        continue;
      }
      lastRepeat = undefined;
      if (character === '(') {
        const group = this.parseGroup(flags, depth);
        out += group.text;
        canRepeat = group.atom;
        continue;
      }
      out += this.parseAtom(flags);
      canRepeat = true;
    }
    if (depth > 0) this.fail('missing closing )', this.pattern);
    return out;
  }

  /** A repetition operator at the cursor, translated (greediness per the U flag), or undefined. */
  private tryRepeat(flags: Flags): string | undefined {
    const character = this.peek();
    let operator: string;
    if (character === '*' || character === '+' || character === '?') {
      this.position++;
      operator = character;
    } else if (character === '{') {
      const match = /^\{([0-9]+)(,([0-9]*))?\}/.exec(this.pattern.slice(this.position));
      if (!match) return undefined;
      const minimum = Number(match[1]);
      const maximum = match[2] === undefined ? minimum : match[3] === '' ? undefined : Number(match[3]);
      if (minimum > MAX_REPEAT || (maximum !== undefined && (maximum > MAX_REPEAT || maximum < minimum))) {
        this.fail('invalid repeat count', match[0]);
      }
      this.position += match[0].length;
      operator = match[0];
    } else {
      return undefined;
    }
    let lazy = false;
    if (this.peek() === '?') {
      this.position++;
      lazy = true;
    }
    return operator + (lazy !== flags.ungreedy ? '?' : '');
  }

  private parseGroup(flags: Flags, depth: number): { text: string; atom: boolean } {
    const start = this.position;
    this.position++; // (
    if (this.peek() !== '?') {
      this.groupNames.push(undefined);
      const inner = this.parseAlternation(flags, depth + 1);
      this.position++; // )
      return { text: `(${inner})`, atom: true };
    }
    const rest = this.pattern.slice(this.position);
    const named = /^\?P?<([^>]*)>/.exec(rest);
    if (named && !rest.startsWith('?<=') && !rest.startsWith('?<!')) {
      const name = named[1] as string;
      if (!/^[A-Za-z0-9_]+$/.test(name) || this.groupNames.includes(name)) {
        this.fail('invalid named capture', this.pattern.slice(start, this.position + named[0].length));
      }
      this.position += named[0].length;
      this.groupNames.push(name);
      const inner = this.parseAlternation(flags, depth + 1);
      this.position++;
      return { text: `(${inner})`, atom: true };
    }
    if (/^\?P?</.test(rest) && !rest.startsWith('?<=') && !rest.startsWith('?<!')) {
      this.fail('invalid named capture', this.pattern.slice(start));
    }
    // Flags: (?flags) or (?flags:re)
    this.position++; // ?
    const newFlags = { ...flags };
    let negate = false;
    let sawFlag = false;
    for (;;) {
      const character = this.peek();
      if (character === undefined) this.fail('missing closing )', this.pattern);
      this.position += character.length;
      if (character === 'i' || character === 'm' || character === 's' || character === 'U') {
        const key = ({ i: 'ignoreCase', m: 'multiLine', s: 'dotAll', U: 'ungreedy' } as const)[character];
        newFlags[key] = !negate;
        sawFlag = true;
        continue;
      }
      if (character === '-' && !negate) {
        negate = true;
        sawFlag = false;
        continue;
      }
      if ((character === ':' || character === ')') && !(negate && !sawFlag)) {
        if (!newFlags.ignoreCase && this.jsIgnoreCase) {
          this.fail(
            'invalid or unsupported Perl syntax (turning off case folding is not supported here)',
            this.pattern.slice(start, this.position),
          );
        }
        if (character === ')') {
          Object.assign(flags, newFlags);
          return { text: '', atom: false };
        }
        const inner = this.parseAlternation(newFlags, depth + 1);
        this.position++;
        return { text: `(?:${inner})`, atom: true };
      }
      this.fail('invalid or unsupported Perl syntax', this.pattern.slice(start, this.position));
    }
  }

  private parseAtom(flags: Flags): string {
    const character = this.next();
    switch (character) {
      case '.':
        return flags.dotAll ? '[\\u{0}-\\u{10FFFF}]' : '[^\\n]';
      // Assertions are wrapped in a group so that RE2's (odd but legal) `^*` stays legal in JS.
      case '^':
        return flags.multiLine ? '(?:(?<![^\\n]))' : '(?:(?<![\\s\\S]))';
      case '$':
        return flags.multiLine ? '(?:(?![^\\n]))' : '(?:(?![\\s\\S]))';
      case '[':
        return this.emitClass(this.parseClass(), flags);
      case '\\':
        return this.parseEscape(flags);
      default:
        return this.emitLiteral(character.codePointAt(0) as number, flags);
    }
  }

  private parseEscape(flags: Flags): string {
    const escapeStart = this.position - 1;
    const character = this.peek();
    if (character === undefined) this.fail('trailing backslash at end of expression', '');
    switch (character) {
      case 'A':
        this.position++;
        return '(?:(?<![\\s\\S]))';
      case 'z':
        this.position++;
        return '(?:(?![\\s\\S]))';
      case 'b':
        this.position++;
        return '(?:\\b)';
      case 'B':
        this.position++;
        return '(?:\\B)';
      case 'C':
        this.fail('invalid escape sequence', '\\C');
        break;
      case 'Q': {
        this.position++;
        const end = this.pattern.indexOf('\\E', this.position);
        const literal = end < 0 ? this.pattern.slice(this.position) : this.pattern.slice(this.position, end);
        this.position = end < 0 ? this.pattern.length : end + 2;
        return Array.from(literal, (part) => this.emitLiteral(part.codePointAt(0) as number, flags)).join('');
      }
    }
    const perl = this.tryPerlOrProperty();
    if (perl !== undefined) return this.emitClass(perl, flags);
    const code = this.parseEscapedCodePoint(escapeStart);
    return this.emitLiteral(code, flags);
  }

  /** \d \s \w (and negations) or \pX \p{Name} \PX \P{Name} at the cursor (after the backslash). */
  private tryPerlOrProperty(): CharacterClass | undefined {
    const character = this.peek() as string;
    const lower = character.toLowerCase();
    if ((lower === 'd' || lower === 's' || lower === 'w') && PERL_CLASSES[lower]) {
      this.position++;
      const ranges = PERL_CLASSES[lower] as [number, number][];
      return { ranges: character === lower ? ranges : complement(ranges), properties: [] };
    }
    if (character === 'p' || character === 'P') {
      const start = this.position - 1;
      this.position++;
      let name: string;
      if (this.peek() === '{') {
        const end = this.pattern.indexOf('}', this.position);
        if (end < 0) this.fail('invalid character class range', this.pattern.slice(start));
        name = this.pattern.slice(this.position + 1, end);
        this.position = end + 1;
      } else {
        const next = this.peek();
        if (next === undefined) this.fail('invalid character class range', this.pattern.slice(start));
        name = next;
        this.position += next.length;
      }
      let negated = character === 'P';
      if (name.startsWith('^')) {
        negated = !negated;
        name = name.slice(1);
      }
      if (name === 'Any') return { ranges: negated ? [] : [[0, MAX_CODE_POINT]], properties: [] };
      const property = GENERAL_CATEGORIES.has(name) ? name : `Script=${name}`;
      try {
        new RegExp(`\\p{${property}}`, 'u');
      } catch {
        this.fail('invalid character class range', this.pattern.slice(start, this.position));
      }
      return { ranges: [], properties: [`\\${negated ? 'P' : 'p'}{${property}}`] };
    }
    return undefined;
  }

  /** A single escaped code point (after the backslash): \a \f \t \n \r \v, octal, \xHH, \x{H..}, punctuation. */
  private parseEscapedCodePoint(escapeStart: number): number {
    const character = this.next();
    const invalid = (): never =>
      this.fail('invalid escape sequence', this.pattern.slice(escapeStart, this.position));
    const simple: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
    if (character in simple) return simple[character] as number;
    if (character >= '0' && character <= '7') {
      if (character !== '0' && !/^[0-7]/.test(this.pattern.slice(this.position))) invalid();
      let value = Number(character);
      for (let count = 1; count < 3 && /^[0-7]/.test(this.pattern.slice(this.position)); count++) {
        value = value * 8 + Number(this.pattern[this.position]);
        this.position++;
      }
      return value;
    }
    if (character === 'x') {
      const braced = /^\{([0-9A-Fa-f]+)\}/.exec(this.pattern.slice(this.position));
      if (braced) {
        const value = Number.parseInt(braced[1] as string, 16);
        this.position += braced[0].length;
        if (value > MAX_CODE_POINT) invalid();
        return value;
      }
      const pair = /^[0-9A-Fa-f]{2}/.exec(this.pattern.slice(this.position));
      if (!pair) invalid();
      this.position += 2;
      return Number.parseInt((pair as RegExpExecArray)[0], 16);
    }
    const code = character.codePointAt(0) as number;
    if (code < 0x80 && !/[0-9A-Za-z]/.test(character)) return code;
    return invalid();
  }

  private parseClass(): CharacterClass {
    const start = this.position - 1;
    const result: CharacterClass = { ranges: [], properties: [] };
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.position++;
    }
    let first = true;
    for (;;) {
      const character = this.peek();
      if (character === undefined) this.fail('missing closing ]', this.pattern.slice(start));
      if (character === ']' && !first) {
        this.position++;
        break;
      }
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.pattern.slice(this.position));
      if (posix) {
        const ranges = POSIX_CLASSES[posix[2] as string];
        if (!ranges) this.fail('invalid character class range', posix[0]);
        result.ranges.push(
          ...(posix[1] ? complement(ranges as [number, number][]) : (ranges as [number, number][])),
        );
        this.position += posix[0].length;
        continue;
      }
      if (character === '\\') {
        this.position++;
        const next = this.peek();
        if (next === undefined) this.fail('trailing backslash at end of expression', '');
        if (next !== 'p' && next !== 'P' && !/[dswDSW]/.test(next)) {
          this.position--;
        } else {
          const perl = this.tryPerlOrProperty() as CharacterClass;
          result.ranges.push(...perl.ranges);
          result.properties.push(...perl.properties);
          continue;
        }
      }
      const rangeStart = this.position;
      const low = this.parseClassCharacter();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.position++;
        const high = this.parseClassCharacter();
        if (high < low)
          this.fail('invalid character class range', this.pattern.slice(rangeStart, this.position));
        result.ranges.push([low, high]);
      } else {
        result.ranges.push([low, low]);
      }
    }
    if (negated) {
      if (result.properties.length > 0) {
        this.fail(
          'invalid or unsupported Perl syntax (negated class with \\p is not supported here)',
          this.pattern.slice(start, this.position),
        );
      }
      return { ranges: complement(result.ranges), properties: [] };
    }
    return result;
  }

  private parseClassCharacter(): number {
    const character = this.next();
    if (character !== '\\') return character.codePointAt(0) as number;
    const escapeStart = this.position - 1;
    if (this.peek() === undefined) this.fail('trailing backslash at end of expression', '');
    return this.parseEscapedCodePoint(escapeStart);
  }

  private emitLiteral(code: number, flags: Flags): string {
    if (flags.ignoreCase && !this.jsIgnoreCase) {
      const variants = caseVariants(code);
      if (variants.length > 1) return `[${variants.map(escapeClassCodePoint).join('')}]`;
    }
    return escapeCodePoint(code);
  }

  private emitClass(characterClass: CharacterClass, flags: Flags): string {
    let ranges = characterClass.ranges;
    if (flags.ignoreCase && !this.jsIgnoreCase) ranges = foldRanges(ranges);
    const merged = mergeRanges(ranges);
    if (merged.length === 0 && characterClass.properties.length === 0) return '[^\\u{0}-\\u{10FFFF}]';
    const body = merged
      .map(([low, high]) =>
        low === high
          ? escapeClassCodePoint(low)
          : `${escapeClassCodePoint(low)}-${escapeClassCodePoint(high)}`,
      )
      .join('');
    return `[${body}${characterClass.properties.join('')}]`;
  }
}

function complement(ranges: [number, number][]): [number, number][] {
  const merged = mergeRanges(ranges);
  const out: [number, number][] = [];
  let next = 0;
  for (const [low, high] of merged) {
    if (low > next) out.push([next, low - 1]);
    next = high + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((left, right) => left[0] - right[0]);
  const out: [number, number][] = [];
  for (const [low, high] of sorted) {
    const last = out.at(-1);
    if (last && low <= last[1] + 1) last[1] = Math.max(last[1], high);
    else out.push([low, high]);
  }
  return out;
}

// Simple case folding orbits that toLowerCase/toUpperCase alone do not reach.
const EXTRA_FOLDS: Record<number, number[]> = {
  75: [0x212a],
  107: [0x212a],
  8490: [0x4b, 0x6b],
  83: [0x17f],
  115: [0x17f],
  383: [0x53, 0x73],
  197: [0x212b],
  229: [0x212b],
  8491: [0xc5, 0xe5],
};

function caseVariants(code: number): number[] {
  const seen = new Set<number>([code]);
  const queue = [code];
  while (queue.length > 0) {
    const current = queue.pop() as number;
    const character = String.fromCodePoint(current);
    const candidates = [character.toLowerCase(), character.toUpperCase()]
      .filter((text) => Array.from(text).length === 1)
      .map((text) => text.codePointAt(0) as number);
    candidates.push(...(EXTRA_FOLDS[current] ?? []));
    for (const candidate of candidates) {
      if (!seen.has(candidate)) {
        seen.add(candidate);
        queue.push(candidate);
      }
    }
  }
  return [...seen].sort((left, right) => left - right);
}

function foldRanges(ranges: [number, number][]): [number, number][] {
  const out = [...ranges];
  for (const [low, high] of ranges) {
    if (high - low > 5000) continue;
    for (let code = low; code <= high; code++) {
      for (const variant of caseVariants(code)) if (variant !== code) out.push([variant, variant]);
    }
  }
  return out;
}

function escapeCodePoint(code: number): string {
  const character = String.fromCodePoint(code);
  if ('^$\\.*+?()[]{}|/'.includes(character)) return `\\${character}`;
  if (
    code < 0x20 ||
    code === 0x7f ||
    (code >= 0x80 && code <= 0x9f) ||
    code > 0xffff ||
    (code >= 0xd800 && code <= 0xdfff)
  ) {
    return `\\u{${code.toString(16)}}`;
  }
  return character;
}

function escapeClassCodePoint(code: number): string {
  const character = String.fromCodePoint(code);
  if ('\\]^-['.includes(character)) return `\\${character}`;
  return escapeCodePoint(code);
}
