// The HCL syntax tree shared by the native (.tf) and JSON (.tf.json) parsers and the evaluator.
// Shapes follow hashicorp/hcl's hclsyntax node types so the evaluator can mirror its semantics.

/** A point in a source file: 1-based line and column (in characters), 0-based byte offset. */
export interface Position {
  line: number;
  column: number;
  byte: number;
}

/** A span of a source file, end exclusive. */
export interface Range {
  filename: string;
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning';

/** A problem found in a file, in the shape `terraform validate -json` reports. */
export interface Diagnostic {
  severity: Severity;
  summary: string;
  detail: string;
  range?: Range;
}

/** A block or file body: attributes and nested blocks in source order. */
export interface Body {
  attributes: Attribute[];
  blocks: Block[];
  range: Range;
}

export interface Attribute {
  name: string;
  expression: Expression;
  /** From the name to the end of the expression. */
  range: Range;
  nameRange: Range;
}

export interface Block {
  type: string;
  labels: string[];
  labelRanges: Range[];
  body: Body;
  /** From the block type to the closing brace. */
  range: Range;
  typeRange: Range;
}

/** A parsed file; the body is present (possibly partial) even when there are error diagnostics. */
export interface ConfigFile {
  filename: string;
  body: Body;
  diagnostics: Diagnostic[];
}

export type Expression =
  | LiteralExpression
  | TemplateExpression
  | VariableExpression
  | GetAttrExpression
  | IndexExpression
  | SplatExpression
  | CallExpression
  | ConditionalExpression
  | BinaryExpression
  | UnaryExpression
  | TupleExpression
  | ObjectExpression
  | ForExpression
  | ParenthesesExpression;

/** null, true/false, a number, or a string that has no interpolation (JSON syntax, object keys). */
export interface LiteralExpression {
  type: 'literal';
  value: null | boolean | number | string;
  range: Range;
}

/** A quoted string or heredoc with interpolations and directives; strip markers are already applied. */
export interface TemplateExpression {
  type: 'template';
  parts: TemplatePart[];
  /** True for heredocs (`<<EOT`, `<<-EOT`, already de-indented). */
  heredoc: boolean;
  range: Range;
}

export type TemplatePart =
  | { type: 'text'; value: string; range: Range }
  | { type: 'interpolation'; expression: Expression; range: Range }
  | {
      type: 'if';
      condition: Expression;
      then: TemplatePart[];
      else: TemplatePart[];
      range: Range;
    }
  | {
      type: 'for';
      keyVariable?: string;
      valueVariable: string;
      collection: Expression;
      body: TemplatePart[];
      range: Range;
    };

/** A root name: `var`, `local`, `module`, `each`, `count`, `path`, `self`, a resource type, a for variable. */
export interface VariableExpression {
  type: 'variable';
  name: string;
  range: Range;
}

/** `object.name`. */
export interface GetAttrExpression {
  type: 'get-attr';
  object: Expression;
  name: string;
  range: Range;
}

/** `collection[key]`, and the legacy `collection.0` (key is a number literal). */
export interface IndexExpression {
  type: 'index';
  collection: Expression;
  key: Expression;
  range: Range;
}

/**
 * `source[*].a.b[0]` (full splat: every following traversal step applies to each element) or
 * `source.*.a.b` (attribute splat: only the following attribute steps). `steps` are those steps.
 */
export interface SplatExpression {
  type: 'splat';
  kind: 'full' | 'attribute';
  source: Expression;
  steps: SplatStep[];
  range: Range;
}

/**
 * A step applied to each element. A `splat` step is a splat nested in a full splat
 * (`a[*].b[*].c`, `a[*].b.*.c`): it maps its own steps over the value reached so far, as hcl does.
 */
export type SplatStep =
  | { type: 'attr'; name: string; range: Range }
  | { type: 'index'; key: Expression; range: Range }
  | { type: 'splat'; kind: 'full' | 'attribute'; steps: SplatStep[]; range: Range };

/** `name(args...)`; `expandFinal` when the last argument ends with `...`. Names may contain `::`. */
export interface CallExpression {
  type: 'call';
  name: string;
  args: Expression[];
  expandFinal: boolean;
  nameRange: Range;
  range: Range;
}

export interface ConditionalExpression {
  type: 'conditional';
  condition: Expression;
  trueResult: Expression;
  falseResult: Expression;
  range: Range;
}

export type BinaryOperator =
  | '||'
  | '&&'
  | '=='
  | '!='
  | '<'
  | '>'
  | '<='
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

export interface BinaryExpression {
  type: 'binary';
  operator: BinaryOperator;
  left: Expression;
  right: Expression;
  range: Range;
}

export interface UnaryExpression {
  type: 'unary';
  operator: '!' | '-';
  operand: Expression;
  range: Range;
}

export interface TupleExpression {
  type: 'tuple';
  items: Expression[];
  range: Range;
}

/**
 * `{ key = value, ... }`. A bare identifier key (`name = 1`) is a literal string key, as in HCL;
 * any other key (`(var.k) = 1`, `"${x}" = 1`) is an expression evaluated to a string.
 */
export interface ObjectExpression {
  type: 'object';
  items: { key: Expression; value: Expression }[];
  range: Range;
}

/** `[for k, v in coll : value if cond]` or `{for k, v in coll : key => value... if cond}`. */
export interface ForExpression {
  type: 'for';
  keyVariable?: string;
  valueVariable: string;
  collection: Expression;
  /** Present for the object form. */
  keyExpression?: Expression;
  valueExpression: Expression;
  condition?: Expression;
  /** The `...` grouping mode of the object form. */
  grouping: boolean;
  range: Range;
}

export interface ParenthesesExpression {
  type: 'parentheses';
  expression: Expression;
  range: Range;
}
