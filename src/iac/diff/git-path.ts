// File names as git writes them in diff headers. Git C-quotes a name holding a double quote, a
// backslash, a control character or (with the default core.quotePath) any byte above 0x7f:
// `"a/t\303\251st.tf"` — octal escapes of the UTF-8 bytes. Unquoted names may hold spaces, so
// `diff --git a/x y b/x y` has to be split by looking for two equal halves.

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 0x07,
  b: 0x08,
  t: 0x09,
  n: 0x0a,
  v: 0x0b,
  f: 0x0c,
  r: 0x0d,
  '"': 0x22,
  '\\': 0x5c,
};

/** A name read from the start of a header field: the name and the characters it used. */
export interface PathToken {
  name: string;
  length: number;
  quoted: boolean;
}

/** Read a C-quoted name starting at `text[start] === '"'`; undefined when the closing quote is missing. */
export function readQuotedPath(text: string, start = 0): PathToken | undefined {
  if (text[start] !== '"') return undefined;
  const bytes: number[] = [];
  let index = start + 1;
  while (index < text.length) {
    const character = text[index]!;
    if (character === '"') {
      return { name: Buffer.from(bytes).toString('utf8'), length: index + 1 - start, quoted: true };
    }
    if (character === '\\') {
      const next = text[index + 1];
      if (next === undefined) return undefined;
      const octal = /^[0-7]{3}/.exec(text.slice(index + 1, index + 4));
      if (octal) {
        bytes.push(Number.parseInt(octal[0], 8) & 0xff);
        index += 4;
        continue;
      }
      const simple = SIMPLE_ESCAPES[next];
      bytes.push(...(simple === undefined ? Buffer.from(next, 'utf8') : [simple]));
      index += 2;
      continue;
    }
    // Copy the code point, not the UTF-16 unit, so names git left unquoted (quotePath=false) survive.
    const codePoint = text.codePointAt(index)!;
    const unit = String.fromCodePoint(codePoint);
    bytes.push(...Buffer.from(unit, 'utf8'));
    index += unit.length;
  }
  return undefined;
}

/** Unquote a header name if git quoted it; plain names come back unchanged. */
export function unquoteGitPath(text: string): string {
  if (!text.startsWith('"')) return text;
  const token = readQuotedPath(text);
  return token && token.length === text.length ? token.name : text;
}

/**
 * The name in a `--- `/`+++ `/`rename from ` field: quoted names are unquoted; an unquoted name ends
 * at the first tab (git adds a tab after names with spaces, other tools a timestamp).
 */
export function parseHeaderPath(field: string): string {
  const text = stripCarriageReturn(field);
  if (text.startsWith('"')) {
    const token = readQuotedPath(text);
    if (token) return token.name;
  }
  const tab = text.indexOf('\t');
  return tab === -1 ? text : text.slice(0, tab);
}

/** The two names of a `diff --git A B` line (prefixes such as `a/` and `b/` are kept). */
export function splitDiffGitNames(line: string): { oldName: string; newName: string } | undefined {
  const rest = stripCarriageReturn(line).replace(/^diff --git /, '');
  if (rest.startsWith('"')) {
    const first = readQuotedPath(rest);
    if (!first || rest[first.length] !== ' ') return undefined;
    const second = rest.slice(first.length + 1);
    return { oldName: first.name, newName: unquoteSecond(second) };
  }
  if (rest.endsWith('"')) {
    // Old name plain, new name quoted: the new one starts at the last ` "` that parses to the end.
    for (let index = rest.lastIndexOf(' "'); index > 0; index = rest.lastIndexOf(' "', index - 1)) {
      const token = readQuotedPath(rest, index + 1);
      if (token && index + 1 + token.length === rest.length) {
        return { oldName: rest.slice(0, index), newName: token.name };
      }
    }
  }
  // Same name on both sides (the usual case): `P/name Q/name` with one-character prefixes.
  if (rest.length % 2 === 1) {
    const half = (rest.length - 1) / 2;
    const left = rest.slice(0, half);
    const right = rest.slice(half + 1);
    if (rest[half] === ' ' && left.slice(2) === right.slice(2) && left[1] === '/' && right[1] === '/') {
      return { oldName: left, newName: right };
    }
    if (rest[half] === ' ' && left === right) return { oldName: left, newName: right };
  }
  const separator = rest.indexOf(' b/');
  if (separator > 0) return { oldName: rest.slice(0, separator), newName: rest.slice(separator + 1) };
  const space = rest.indexOf(' ');
  if (space > 0) return { oldName: rest.slice(0, space), newName: rest.slice(space + 1) };
  return undefined;
}

function unquoteSecond(text: string): string {
  if (text.startsWith('"')) {
    const token = readQuotedPath(text);
    if (token) return token.name;
  }
  return text;
}

/** Drop the `\r` a CRLF-converted diff leaves on header lines (git quotes a real `\r` in a name). */
export function stripCarriageReturn(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
