// Prints an expression tree back as HCL native syntax, on one line. The printer adds no parentheses of its
// own: `parentheses` nodes say where they go, so a parsed expression prints as it was written (modulo
// spacing, legacy `.0` indexes, heredocs, which print as quoted strings, and literal strings, which
// print as quoted templates).

import type { Expression, SplatStep, TemplatePart } from './ast.js';

/** HCL source text for an expression. */
export function printExpression(expression: Expression): string {
  switch (expression.type) {
    case 'literal':
      if (typeof expression.value === 'string') return `"${escapeText(expression.value)}"`;
      return String(expression.value);
    case 'template':
      return `"${printParts(expression.parts)}"`;
    case 'variable':
      return expression.name;
    case 'get-attr':
      return `${printExpression(expression.object)}.${expression.name}`;
    case 'index':
      return `${printExpression(expression.collection)}[${printExpression(expression.key)}]`;
    case 'splat':
      return `${printExpression(expression.source)}${printSplat(expression.kind, expression.steps)}`;
    case 'call': {
      const args = expression.args.map(printExpression).join(', ');
      return `${expression.name}(${args}${expression.expandFinal ? '...' : ''})`;
    }
    case 'conditional':
      return `${printExpression(expression.condition)} ? ${printExpression(expression.trueResult)} : ${printExpression(expression.falseResult)}`;
    case 'binary':
      return `${printExpression(expression.left)} ${expression.operator} ${printExpression(expression.right)}`;
    case 'unary':
      return `${expression.operator}${printExpression(expression.operand)}`;
    case 'tuple':
      return `[${expression.items.map(printExpression).join(', ')}]`;
    case 'object': {
      const items = expression.items.map(
        (item) => `${printObjectKey(item.key)} = ${printExpression(item.value)}`,
      );
      return `{${items.join(', ')}}`;
    }
    case 'for': {
      const names =
        expression.keyVariable === undefined
          ? expression.valueVariable
          : `${expression.keyVariable}, ${expression.valueVariable}`;
      const intro = `for ${names} in ${printExpression(expression.collection)} : `;
      const condition = expression.condition ? ` if ${printExpression(expression.condition)}` : '';
      if (expression.keyExpression) {
        const grouping = expression.grouping ? '...' : '';
        return `{${intro}${printExpression(expression.keyExpression)} => ${printExpression(expression.valueExpression)}${grouping}${condition}}`;
      }
      return `[${intro}${printExpression(expression.valueExpression)}${condition}]`;
    }
    case 'parentheses':
      return `(${printExpression(expression.expression)})`;
  }
}

const IDENTIFIER = /^[\p{ID_Start}_][\p{ID_Continue}-]*$/u;

/** A literal key that is a name prints bare, as it was most likely written. */
function printObjectKey(key: Expression): string {
  if (key.type === 'literal' && typeof key.value === 'string' && IDENTIFIER.test(key.value)) return key.value;
  return printExpression(key);
}

function printSplat(kind: 'full' | 'attribute', steps: SplatStep[]): string {
  let text = kind === 'full' ? '[*]' : '.*';
  for (const step of steps) {
    switch (step.type) {
      case 'attr':
        text += `.${step.name}`;
        break;
      case 'index':
        text +=
          kind === 'attribute' && step.key.type === 'literal' && typeof step.key.value === 'number'
            ? `.${step.key.value}`
            : `[${printExpression(step.key)}]`;
        break;
      case 'splat':
        text += printSplat(step.kind, step.steps);
        break;
    }
  }
  return text;
}

function printParts(parts: TemplatePart[]): string {
  let text = '';
  for (const part of parts) {
    switch (part.type) {
      case 'text':
        text += escapeText(part.value);
        break;
      case 'interpolation':
        text += `\${${printExpression(part.expression)}}`;
        break;
      case 'if':
        text += `%{ if ${printExpression(part.condition)} }${printParts(part.then)}`;
        if (part.else.length > 0) text += `%{ else }${printParts(part.else)}`;
        text += '%{ endif }';
        break;
      case 'for': {
        const names =
          part.keyVariable === undefined ? part.valueVariable : `${part.keyVariable}, ${part.valueVariable}`;
        text += `%{ for ${names} in ${printExpression(part.collection)} }${printParts(part.body)}%{ endfor }`;
        break;
      }
    }
  }
  return text;
}

/** Literal text inside a quoted template: backslash escapes, and `$${`/`%%{` for literal sequences. */
function escapeText(value: string): string {
  return (
    value
      .replaceAll('\\', '\\\\')
      .replaceAll('"', '\\"')
      .replaceAll('\n', '\\n')
      .replaceAll('\r', '\\r')
      .replaceAll('\t', '\\t')
      // A function, because `$$` in a replacement string means a single `$`.
      .replaceAll('${', () => '$${')
      .replaceAll('%{', '%%{')
  );
}
