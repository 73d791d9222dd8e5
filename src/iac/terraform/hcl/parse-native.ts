// Entry points for HCL native syntax: configuration files, standalone expressions and bare templates.
// None of them throws: problems come back as diagnostics next to a best-effort tree.

import type { Body, ConfigFile, Diagnostic, Expression, Position, TemplateExpression } from './ast.js';
import { errorAt } from './diagnostics.js';
import { lex } from './lexer.js';
import { Parser } from './parser.js';
import { type Locator, PositionMap } from './position-map.js';

/** Parses a `.tf` or `.tfvars` file. */
export function parseHcl(text: string, filename: string): ConfigFile {
  const map = new PositionMap(text, filename);
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  try {
    const { tokens, problems } = lex(text, 'config');
    const parser = new Parser(tokens, map, problems);
    const body = parser.parseFile(start, text.length);
    return { filename, body, diagnostics: parser.takeDiagnostics() };
  } catch (error) {
    const body: Body = { attributes: [], blocks: [], range: map.range(start, text.length) };
    return { filename, body, diagnostics: [internalError(error, map, start, text.length)] };
  }
}

/** Parses one expression, e.g. a `-var` value; `start` places it inside a larger file. */
export function parseExpression(
  text: string,
  filename: string,
  start?: Position,
): { expression?: Expression; diagnostics: Diagnostic[] } {
  const map = new PositionMap(text, filename, start);
  try {
    const { tokens, problems } = lex(text, 'config');
    const parser = new Parser(tokens, map, problems);
    const expression = parser.parseStandaloneExpression();
    return { expression, diagnostics: parser.takeDiagnostics() };
  } catch (error) {
    return { diagnostics: [internalError(error, map, 0, text.length)] };
  }
}

/** Parses a bare template, as `templatefile()` reads a file: all of the text is template content. */
export function parseTemplate(
  text: string,
  filename: string,
): { template?: TemplateExpression; diagnostics: Diagnostic[] } {
  return parseTemplateAt(text, new PositionMap(text, filename));
}

/** Parses a bare template whose offsets `locator` maps to source positions (JSON strings use this). */
export function parseTemplateAt(
  text: string,
  locator: Locator,
): { template?: TemplateExpression; diagnostics: Diagnostic[] } {
  try {
    const { tokens, problems } = lex(text, 'template');
    const parser = new Parser(tokens, locator, problems);
    const template = parser.parseBareTemplate(text.charCodeAt(0) === 0xfeff ? 1 : 0, text.length);
    return { template, diagnostics: parser.takeDiagnostics() };
  } catch (error) {
    const range = {
      filename: locator.filename,
      start: locator.position(0),
      end: locator.position(text.length),
    };
    return { diagnostics: [errorAt('Internal parser error', describe(error), range)] };
  }
}

function internalError(error: unknown, map: PositionMap, start: number, end: number): Diagnostic {
  return errorAt('Internal parser error', describe(error), map.range(start, end));
}

function describe(error: unknown): string {
  if (error instanceof RangeError) return 'The input is nested too deeply to parse.';
  return `The parser failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`;
}
