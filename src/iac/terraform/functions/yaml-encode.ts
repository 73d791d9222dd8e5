// yamlencode: a port of the parts of the libyaml emitter (as vendored by go-cty-yaml) that Terraform's
// encoder exercises: block mappings/sequences, `[]`/`{}` when empty, double-quoted strings (folded at
// column 80), literal `|` blocks for multi-line strings, plain numbers, bools and null.

import { isObjectValue, sortedKeys, TerraformSet, Unknown, type Value } from '../eval/value.js';
import { decimalText } from './go-number-format.js';

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

interface ScalarAnalysis {
  multiline: boolean;
  blockAllowed: boolean;
}

interface NodeContext {
  root: boolean;
  mapping: boolean;
  simpleKey: boolean;
}

/** Serializes a wholly known value as Terraform's yamlencode does. */
export function encodeYaml(value: Value): string {
  const emitter = new Emitter();
  emitter.emitNode(value, { root: true, mapping: false, simpleKey: false });
  emitter.writeIndent(); // document end
  if (emitter.openEnded) {
    emitter.writeIndicator('...', true, false, false);
    emitter.writeIndent();
  }
  return emitter.output;
}

class Emitter {
  output = '';
  openEnded = false;
  private column = 0;
  private indent = -1;
  private readonly indents: number[] = [];
  private whitespace = true;
  private indention = true;

  emitNode(value: Value, context: NodeContext): void {
    if (value instanceof Unknown) throw new Error('cannot serialize unknown value as YAML');
    const items = value instanceof TerraformSet ? value.items : Array.isArray(value) ? value : undefined;
    if (items !== undefined) {
      this.emitSequence(items, context);
      return;
    }
    if (isObjectValue(value)) {
      this.emitMapping(value);
      return;
    }
    if (value === null) {
      this.emitScalar('null', 'plain', context);
      return;
    }
    if (typeof value === 'boolean') {
      this.emitScalar(value ? 'true' : 'false', 'plain', context);
      return;
    }
    if (typeof value === 'number') {
      const text = Number.isFinite(value) ? decimalText(value) : value > 0 ? '+.Inf' : '-.Inf';
      this.emitScalar(text, 'plain', context);
      return;
    }
    const text = value as string;
    this.emitScalar(text, text.includes('\n') ? 'literal' : 'double', context);
  }

  private emitSequence(items: readonly Value[], context: NodeContext): void {
    if (items.length === 0) {
      this.emitEmptyFlow('[', ']');
      return;
    }
    this.increaseIndent(false, context.mapping && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.emitNode(item, { root: false, mapping: false, simpleKey: false });
    }
    this.popIndent();
  }

  private emitMapping(object: { readonly [key: string]: Value }): void {
    const keys = sortedKeys(object);
    if (keys.length === 0) {
      this.emitEmptyFlow('{', '}');
      return;
    }
    this.increaseIndent(false, false);
    for (const key of keys) {
      this.writeIndent();
      const analysis = analyzeScalar(key);
      const simple = !analysis.multiline && new TextEncoder().encode(key).length <= 128;
      if (simple) {
        this.emitNode(key, { root: false, mapping: true, simpleKey: true });
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.emitNode(key, { root: false, mapping: true, simpleKey: false });
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.emitNode(object[key] as Value, { root: false, mapping: true, simpleKey: false });
    }
    this.popIndent();
  }

  private emitEmptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.writeIndicator(close, false, false, false);
  }

  private emitScalar(text: string, requested: 'plain' | 'double' | 'literal', context: NodeContext): void {
    const analysis = analyzeScalar(text);
    let style = requested;
    if (style === 'literal' && (!analysis.blockAllowed || context.simpleKey)) style = 'double';
    this.increaseIndent(true, false);
    if (style === 'plain') this.writePlain(text, context.root);
    else if (style === 'double') this.writeDoubleQuoted(text, !context.simpleKey);
    else this.writeLiteral(text);
    this.popIndent();
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop() ?? -1;
  }

  private put(character: string): void {
    this.output += character;
    this.column++;
  }

  private putBreak(): void {
    this.output += '\n';
    this.column = 0;
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace))
      this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  writeIndicator(
    indicator: string,
    needWhitespace: boolean,
    isWhitespace: boolean,
    isIndention: boolean,
  ): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    for (const character of indicator) this.put(character);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
    this.openEnded = false;
  }

  private writePlain(text: string, root: boolean): void {
    if (!this.whitespace) this.put(' ');
    for (const character of text) this.put(character);
    this.whitespace = false;
    this.indention = false;
    if (root) this.openEnded = true;
  }

  private writeDoubleQuoted(text: string, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    const characters = Array.from(text);
    let spaces = false;
    for (let index = 0; index < characters.length; index++) {
      const character = characters[index] as string;
      const code = character.codePointAt(0) as number;
      if (!isPrintable(code) || isBreak(code) || character === '"' || character === '\\') {
        this.put('\\');
        this.writeEscape(code);
        spaces = false;
      } else if (character === ' ') {
        if (
          allowBreaks &&
          !spaces &&
          this.column > BEST_WIDTH &&
          index > 0 &&
          index < characters.length - 1
        ) {
          this.writeIndent();
          if (characters[index + 1] === ' ') this.put('\\');
        } else {
          this.put(character);
        }
        spaces = true;
      } else {
        this.put(character);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeEscape(code: number): void {
    const named: Record<number, string> = {
      0: '0',
      7: 'a',
      8: 'b',
      9: 't',
      10: 'n',
      11: 'v',
      12: 'f',
      13: 'r',
      27: 'e',
      34: '"',
      92: '\\',
      133: 'N',
      160: '_',
      8232: 'L',
      8233: 'P',
    };
    const name = named[code];
    if (name !== undefined) {
      this.put(name);
      return;
    }
    const [letter, width] = code <= 0xff ? ['x', 2] : code <= 0xffff ? ['u', 4] : ['U', 8];
    this.put(letter);
    for (const digit of code.toString(16).toUpperCase().padStart(width, '0')) this.put(digit);
  }

  private writeLiteral(text: string): void {
    this.writeIndicator('|', true, false, false);
    const characters = Array.from(text);
    const first = characters[0]?.codePointAt(0);
    if (first !== undefined && (first === 0x20 || isBreak(first))) {
      this.writeIndicator(String(BEST_INDENT), false, false, false);
    }
    const last = characters.at(-1)?.codePointAt(0);
    const beforeLast = characters.at(-2)?.codePointAt(0);
    let chomp = '';
    if (last === undefined || !isBreak(last)) chomp = '-';
    else if (characters.length === 1 || (beforeLast !== undefined && isBreak(beforeLast))) chomp = '+';
    if (chomp !== '') this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const character of characters) {
      const code = character.codePointAt(0) as number;
      if (isBreak(code)) {
        if (character === '\n') this.putBreak();
        else {
          this.output += character;
          this.column = 0;
        }
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(character);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

function analyzeScalar(text: string): ScalarAnalysis {
  let lineBreaks = false;
  let special = false;
  let trailingSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  const characters = Array.from(text);
  characters.forEach((character, index) => {
    const code = character.codePointAt(0) as number;
    if (!isPrintable(code)) special = true;
    if (code === 0x20) {
      if (index === characters.length - 1) trailingSpace = true;
      previousSpace = true;
    } else if (isBreak(code)) {
      lineBreaks = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
    } else {
      previousSpace = false;
    }
  });
  return { multiline: lineBreaks, blockAllowed: text !== '' && !trailingSpace && !spaceBreak && !special };
}

/** libyaml's is_printable on the UTF-8 encoding: 4-byte sequences (astral code points) count as unprintable. */
function isPrintable(code: number): boolean {
  return (
    code === 0x0a ||
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff)
  );
}

function isBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x85 || code === 0x2028 || code === 0x2029;
}
