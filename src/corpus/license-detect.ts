import { InfraLMError } from '../core/errors.js';

// Licence detection matches each licence's own distinctive phrases on a normalised text (lowercase,
// punctuation and line breaks folded to single spaces), so wrapping, quotes, comment markers and
// Markdown formatting do not matter. Titles carry their version date because the GPL family's texts
// mention each other ("use the GNU Lesser General Public License instead", "Use with the GNU Affero
// General Public License").

interface LicenseRule {
  id: string;
  /** The text matches when it contains any of these (normalised) phrases ... */
  anyOf: string[];
  /** ... and all of these ... */
  allOf?: string[];
  /** ... and none of these. */
  noneOf?: string[];
  /** The text names other licences only as parameters of this one (BSL's Change License). */
  exclusive?: boolean;
}

const BSD_REDISTRIBUTION =
  'redistribution and use in source and binary forms with or without modification are permitted provided that';
const BSD_ENDORSEMENT = 'may be used to endorse or promote products derived from this software';
const BSD_ADVERTISING = 'all advertising materials mentioning features or use of this software';
const ISC_GRANT =
  'permission to use copy modify and or distribute this software for any purpose with or without fee is hereby granted';
const ISC_GRANT_OLD =
  'permission to use copy modify and distribute this software for any purpose with or without fee is hereby granted';
const ISC_CONDITION =
  'provided that the above copyright notice and this permission notice appear in all copies';

const RULES: LicenseRule[] = [
  {
    id: 'AGPL-3.0',
    anyOf: [
      'gnu affero general public license version 3 19 november 2007',
      'gnu affero general public license as published by the free software foundation either version 3',
    ],
  },
  {
    id: 'LGPL-3.0',
    anyOf: [
      'gnu lesser general public license version 3 29 june 2007',
      'gnu lesser general public license as published by the free software foundation either version 3',
    ],
  },
  {
    id: 'LGPL-2.1',
    anyOf: [
      'gnu lesser general public license version 2 1 february 1999',
      'gnu lesser general public license as published by the free software foundation either version 2 1',
    ],
  },
  {
    id: 'GPL-3.0',
    anyOf: [
      'gnu general public license version 3 29 june 2007',
      'gnu general public license as published by the free software foundation either version 3',
    ],
  },
  {
    id: 'GPL-2.0',
    anyOf: [
      'gnu general public license version 2 june 1991',
      'gnu general public license as published by the free software foundation either version 2 of',
    ],
  },
  { id: 'MPL-2.0', anyOf: ['mozilla public license version 2 0', 'mozilla public license v 2 0'] },
  {
    id: 'Apache-2.0',
    anyOf: ['apache license version 2 0', 'licensed under the apache license v2 0', 'apache license 2 0'],
  },
  // SPDX spells it BUSL-1.1 (BSL-1.0 is the Boost licence); InfraLM's allow lists use BSL-1.1.
  { id: 'BSL-1.1', anyOf: ['business source license'], exclusive: true },
  {
    id: 'CC0-1.0',
    anyOf: [
      'cc0 1 0 universal',
      'creative commons legal code cc0',
      'creativecommons org publicdomain zero 1 0',
    ],
  },
  { id: 'Unlicense', anyOf: ['this is free and unencumbered software released into the public domain'] },
  {
    id: 'BSD-3-Clause',
    anyOf: [BSD_REDISTRIBUTION],
    allOf: [BSD_ENDORSEMENT],
    noneOf: [BSD_ADVERTISING],
  },
  { id: 'BSD-2-Clause', anyOf: [BSD_REDISTRIBUTION], noneOf: [BSD_ENDORSEMENT, BSD_ADVERTISING] },
  { id: 'ISC', anyOf: [ISC_GRANT, ISC_GRANT_OLD], allOf: [ISC_CONDITION] },
  // 0BSD is ISC with the notice condition struck out.
  { id: '0BSD', anyOf: [ISC_GRANT, ISC_GRANT_OLD], noneOf: [ISC_CONDITION] },
  {
    id: 'MIT',
    anyOf: ['permission is hereby granted free of charge to any person obtaining a copy'],
    // Without the notice condition the text is MIT-0, a different licence.
    allOf: ['the above copyright notice and this permission notice shall be included'],
  },
];

/** Lowercase, with every run of non-alphanumerics folded to one space. */
function normalizeLicenseText(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
}

function matches(normalized: string, rule: LicenseRule): boolean {
  const has = (phrase: string) => normalized.includes(` ${phrase} `);
  if (!rule.anyOf.some(has)) return false;
  if (rule.allOf && !rule.allOf.every(has)) return false;
  if (rule.noneOf?.some(has)) return false;
  return true;
}

/**
 * The SPDX id of a LICENSE file's text, or undefined when no known licence is recognised. A file
 * holding several licence texts gives them joined with ' AND ' (the conservative reading).
 */
export function detectLicense(text: string): string | undefined {
  const normalized = normalizeLicenseText(text);
  const found: string[] = [];
  for (const rule of RULES) {
    if (!matches(normalized, rule)) continue;
    if (rule.exclusive) return rule.id;
    // The LGPL texts are "supplemented" GPL texts and are often shipped with the GPL in one file.
    if (rule.id.startsWith('GPL-') && found.some((id) => id.startsWith('LGPL-') || id.startsWith('AGPL-'))) {
      continue;
    }
    found.push(rule.id);
  }
  return found.length === 0 ? undefined : found.join(' AND ');
}

/** A parsed SPDX licence expression. */
export type SpdxExpression =
  | { kind: 'license'; id: string; exception?: string }
  | { kind: 'and' | 'or'; left: SpdxExpression; right: SpdxExpression };

const TOKEN = /\s*(\(|\)|[A-Za-z0-9.+:-]+)/y;

function tokenize(expression: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(expression);
    if (!match) {
      if (expression.slice(start).trim() === '') break;
      throw parseError(expression, `unexpected character at offset ${start}`);
    }
    tokens.push(match[1]!);
  }
  return tokens;
}

function parseError(expression: string, problem: string): InfraLMError {
  return new InfraLMError(
    'INFRALM_ERR_RECORD_PARSE',
    `SPDX expression ${JSON.stringify(expression)}: ${problem}`,
  );
}

/**
 * Parse an SPDX licence expression (`A OR B`, `A AND (B OR C)`, `A WITH exception`); AND binds
 * tighter than OR; operators are accepted in any case. Throws an InfraLMError when it does not parse.
 */
export function parseSpdxExpression(expression: string): SpdxExpression {
  const tokens = tokenize(expression);
  let position = 0;
  const peekOperator = () => tokens[position]?.toUpperCase();

  const parseOr = (): SpdxExpression => {
    let left = parseAnd();
    while (peekOperator() === 'OR') {
      position++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): SpdxExpression => {
    let left = parseAtom();
    while (peekOperator() === 'AND') {
      position++;
      left = { kind: 'and', left, right: parseAtom() };
    }
    return left;
  };
  const parseAtom = (): SpdxExpression => {
    const token = tokens[position++];
    if (token === undefined) throw parseError(expression, 'ends where a licence id was expected');
    if (token === '(') {
      const inner = parseOr();
      if (tokens[position++] !== ')') throw parseError(expression, 'missing closing parenthesis');
      return inner;
    }
    if (token === ')' || ['AND', 'OR', 'WITH'].includes(token.toUpperCase())) {
      throw parseError(expression, `unexpected ${JSON.stringify(token)} where a licence id was expected`);
    }
    if (peekOperator() === 'WITH') {
      position++;
      const exception = tokens[position++];
      if (exception === undefined || exception === '(' || exception === ')') {
        throw parseError(expression, 'WITH must be followed by an exception id');
      }
      return { kind: 'license', id: token, exception };
    }
    return { kind: 'license', id: token };
  };

  const tree = parseOr();
  if (position < tokens.length)
    throw parseError(expression, `unexpected ${JSON.stringify(tokens[position])}`);
  return tree;
}

function evaluate(tree: SpdxExpression, allowed: Set<string>): boolean {
  switch (tree.kind) {
    case 'license':
      return allowed.has(tree.id.toLowerCase());
    case 'and':
      return evaluate(tree.left, allowed) && evaluate(tree.right, allowed);
    case 'or':
      return evaluate(tree.left, allowed) || evaluate(tree.right, allowed);
  }
}

/**
 * True when an SPDX expression can be used under the allowed licence ids: `A OR B` needs either side,
 * `A AND B` both; `WITH` exceptions are ignored; ids compare case-insensitively. An expression that
 * does not parse is not permissive.
 */
export function isPermissive(expression: string, allowed: string[]): boolean {
  let tree: SpdxExpression;
  try {
    tree = parseSpdxExpression(expression);
  } catch {
    return false;
  }
  return evaluate(tree, new Set(allowed.map((id) => id.toLowerCase())));
}
