// Turns the flat sequence of template items (literals, interpolations, directive markers) into template
// parts, in hcl's order: strip markers trim the neighbouring literals, `<<-` heredocs lose their common
// indentation, adjacent literals merge, then `if`/`for` directives nest (hclsyntax/parser_template.go).

import type { Diagnostic, Expression, Range, TemplatePart } from './ast.js';
import { errorAt, formatRange } from './diagnostics.js';
import type { Locator } from './position-map.js';

/** One literal token: hcl scans heredocs and bare templates one line per token, which matters here. */
export interface LiteralItem {
  kind: 'literal';
  value: string;
  start: number;
  end: number;
}

/** An interpolation or a directive marker; `stripBefore`/`stripAfter` are its `~` strip markers. */
export type SequenceItem = { stripBefore: boolean; stripAfter: boolean; range: Range } & (
  | { kind: 'interpolation'; expression: Expression }
  | { kind: 'if'; condition: Expression }
  | { kind: 'for'; keyVariable: string | undefined; valueVariable: string; collection: Expression }
  | { kind: 'else' | 'endif' | 'endfor' }
);

export type TemplateItem = LiteralItem | SequenceItem;

export interface AssemblyOptions {
  /** Strip the common leading whitespace of lines (`<<-` heredocs). */
  flush: boolean;
  /** The closing quote, marker or end of input, for "missing endif" diagnostics. */
  endRange: Range;
  locator: Locator;
}

/** Builds template parts from items; reports unbalanced directives. */
export function assembleTemplate(
  items: TemplateItem[],
  options: AssemblyOptions,
): { parts: TemplatePart[]; diagnostics: Diagnostic[] } {
  applyStripMarkers(items);
  if (options.flush) flushIndentation(items);
  const melded = meldLiterals(items, options.locator);
  const builder = new PartBuilder(melded, options.endRange);
  return { parts: builder.parseRoot(), diagnostics: builder.diagnostics };
}

function applyStripMarkers(items: TemplateItem[]): void {
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    if (item.kind === 'literal') continue;
    const previous = items[index - 1];
    if (item.stripBefore && previous?.kind === 'literal') previous.value = trimSpaceEnd(previous.value);
    const next = items[index + 1];
    if (item.stripAfter && next?.kind === 'literal') next.value = trimSpaceStart(next.value);
  }
}

/**
 * hcl's flushHeredocTemplateParts: the smallest leading whitespace among line-leading literals (lines that
 * are only whitespace do not count; a line starting with a sequence counts as zero) is removed from each.
 */
function flushIndentation(items: TemplateItem[]): void {
  let minimum = Number.MAX_SAFE_INTEGER;
  let atLineStart = true;
  const adjust: LiteralItem[] = [];
  for (const item of items) {
    if (atLineStart) {
      atLineStart = false;
      let spaces = 0;
      if (item.kind === 'literal') {
        const leading = leadingSpaceCount(item.value);
        if (leading === item.value.length && item.value.endsWith('\n')) spaces = Number.MAX_SAFE_INTEGER;
        else {
          spaces = leading;
          adjust.push(item);
        }
      }
      if (spaces < minimum) minimum = spaces;
    }
    if (item.kind === 'literal' && item.value.endsWith('\n')) atLineStart = true;
  }
  if (minimum === Number.MAX_SAFE_INTEGER || minimum === 0) return;
  for (const item of adjust) {
    item.value = item.value.slice(minimum);
    // Only whitespace was removed, and that is always one UTF-16 unit per character.
    item.start += minimum;
  }
}

type MeldedItem = { kind: 'text'; value: string; range: Range } | SequenceItem;

function meldLiterals(items: TemplateItem[], locator: Locator): MeldedItem[] {
  const result: MeldedItem[] = [];
  let index = 0;
  while (index < items.length) {
    const item = items[index]!;
    if (item.kind !== 'literal') {
      result.push(item);
      index++;
      continue;
    }
    let value = item.value;
    let end = item.end;
    index++;
    while (index < items.length && items[index]!.kind === 'literal') {
      const next = items[index] as LiteralItem;
      value += next.value;
      end = next.end;
      index++;
    }
    const range = {
      filename: locator.filename,
      start: locator.position(item.start),
      end: locator.position(end),
    };
    result.push({ kind: 'text', value, range });
  }
  return result;
}

/** An `if` or `for` directive whose end has not been seen yet. */
type OpenDirective =
  | {
      kind: 'if';
      open: SequenceItem & { kind: 'if' };
      thenParts: TemplatePart[];
      elseParts: TemplatePart[];
      inElse: boolean;
    }
  | { kind: 'for'; open: SequenceItem & { kind: 'for' }; body: TemplatePart[] };

/**
 * Nests directive bodies with an explicit stack rather than recursion, so arbitrarily deep directives
 * cannot exhaust the call stack. Misplaced `else`/`endif`/`endfor` markers are reported and skipped.
 */
class PartBuilder {
  readonly diagnostics: Diagnostic[] = [];
  private readonly root: TemplatePart[] = [];
  private readonly open: OpenDirective[] = [];

  constructor(
    private readonly items: MeldedItem[],
    private readonly endRange: Range,
  ) {}

  parseRoot(): TemplatePart[] {
    for (const item of this.items) {
      switch (item.kind) {
        case 'text':
          this.append({ type: 'text', value: item.value, range: item.range });
          break;
        case 'interpolation':
          this.append({ type: 'interpolation', expression: item.expression, range: item.range });
          break;
        case 'if':
          this.open.push({ kind: 'if', open: item, thenParts: [], elseParts: [], inElse: false });
          break;
        case 'for':
          this.open.push({ kind: 'for', open: item, body: [] });
          break;
        default:
          this.closeDirective(item);
      }
    }
    // Directives still open at the end: each is reported, innermost first, and kept with what it holds.
    while (this.open.length > 0) {
      const directive = this.open.at(-1)!;
      const which = directive.kind === 'if' ? 'endif' : 'endfor';
      this.diagnostics.push(
        errorAt(
          'Unexpected end of template',
          `The ${directive.kind} directive at ${formatRange(directive.open.range)} is missing its corresponding ${which} directive.`,
          this.endRange,
        ),
      );
      this.finish(this.endRange);
    }
    return this.root;
  }

  private append(part: TemplatePart): void {
    const directive = this.open.at(-1);
    if (!directive) this.root.push(part);
    else if (directive.kind === 'for') directive.body.push(part);
    else if (directive.inElse) directive.elseParts.push(part);
    else directive.thenParts.push(part);
  }

  /** Handles an `else`, `endif` or `endfor` marker. */
  private closeDirective(item: SequenceItem & { kind: 'else' | 'endif' | 'endfor' }): void {
    const directive = this.open.at(-1);
    if (
      (directive?.kind === 'if' && item.kind === 'endif') ||
      (directive?.kind === 'for' && item.kind === 'endfor')
    ) {
      this.finish(item.range);
      return;
    }
    if (directive?.kind === 'if' && item.kind === 'else' && !directive.inElse) {
      directive.inElse = true;
      return;
    }
    let detail = 'The control directives within this template are unbalanced.';
    if (directive?.kind === 'if') {
      const started = formatRange(directive.open.range);
      detail =
        item.kind === 'else'
          ? `Already in the else clause for the if started at ${started}.`
          : `Expecting an endif directive for the if started at ${started}.`;
    } else if (directive?.kind === 'for') {
      detail =
        item.kind === 'else'
          ? 'An else clause is not expected for a for directive.'
          : `Expecting an endfor directive corresponding to the for directive at ${formatRange(directive.open.range)}.`;
    }
    this.diagnostics.push(errorAt(`Unexpected ${item.kind} directive`, detail, item.range));
  }

  /** Closes the innermost open directive at `end` and adds it to its parent. */
  private finish(end: Range): void {
    const directive = this.open.pop()!;
    const range = {
      filename: directive.open.range.filename,
      start: directive.open.range.start,
      end: end.end,
    };
    if (directive.kind === 'if') {
      const { condition } = directive.open;
      // biome-ignore lint/suspicious/noThenProperty: the syntax tree names the branches of an if part then/else.
      this.append({ type: 'if', condition, then: directive.thenParts, else: directive.elseParts, range });
      return;
    }
    const { keyVariable, valueVariable, collection } = directive.open;
    const part: TemplatePart = { type: 'for', valueVariable, collection, body: directive.body, range };
    if (keyVariable !== undefined) part.keyVariable = keyVariable;
    this.append(part);
  }
}

/** Go's unicode.IsSpace, which hcl uses for strip markers and heredoc indentation. */
export function isSpace(code: number): boolean {
  if (code <= 0xff) {
    return (code >= 9 && code <= 13) || code === 32 || code === 0x85 || code === 0xa0;
  }
  return (
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

function leadingSpaceCount(value: string): number {
  let count = 0;
  while (count < value.length && isSpace(value.charCodeAt(count))) count++;
  return count;
}

function trimSpaceStart(value: string): string {
  return value.slice(leadingSpaceCount(value));
}

function trimSpaceEnd(value: string): string {
  let end = value.length;
  while (end > 0 && isSpace(value.charCodeAt(end - 1))) end--;
  return value.slice(0, end);
}
