// Go's per-rune case mapping (unicode.ToUpper / ToLower / ToTitle): simple mappings only, so "ß" stays
// "ß" and "İ" lowers to "i", unlike JS's full, context-sensitive String.prototype mappings.

const LOWER_EXCEPTIONS: Record<string, string> = { '\u0130': 'i' };
// Dž, Lj, Nj, Dz digraphs have a distinct title case form.
const TITLE_EXCEPTIONS: Record<string, string> = {
  '\u01c4': '\u01c5',
  '\u01c5': '\u01c5',
  '\u01c6': '\u01c5',
  '\u01c7': '\u01c8',
  '\u01c8': '\u01c8',
  '\u01c9': '\u01c8',
  '\u01ca': '\u01cb',
  '\u01cb': '\u01cb',
  '\u01cc': '\u01cb',
  '\u01f1': '\u01f2',
  '\u01f2': '\u01f2',
  '\u01f3': '\u01f2',
};

/** unicode.ToUpper for one code point. */
export function upperRune(character: string): string {
  const mapped = character.toUpperCase();
  return isSingleCodePoint(mapped) ? mapped : character;
}

/** unicode.ToLower for one code point. */
export function lowerRune(character: string): string {
  const exception = LOWER_EXCEPTIONS[character];
  if (exception !== undefined) return exception;
  const mapped = character.toLowerCase();
  return isSingleCodePoint(mapped) ? mapped : character;
}

/** unicode.ToTitle for one code point. */
export function titleRune(character: string): string {
  return TITLE_EXCEPTIONS[character] ?? upperRune(character);
}

/** strings.ToUpper. */
export function goToUpper(text: string): string {
  return isAscii(text) ? text.toUpperCase() : Array.from(text, upperRune).join('');
}

/** strings.ToLower. */
export function goToLower(text: string): string {
  return isAscii(text) ? text.toLowerCase() : Array.from(text, lowerRune).join('');
}

/** strings.Title: the first letter of each word to title case; words are split at Go's separators. */
export function goTitle(text: string): string {
  let previous = ' ';
  let out = '';
  for (const character of text) {
    out += isSeparator(previous) ? titleRune(character) : character;
    previous = character;
  }
  return out;
}

function isSeparator(character: string): boolean {
  const code = character.codePointAt(0) as number;
  if (code <= 0x7f) return !/[0-9A-Za-z_]/.test(character);
  if (/[\p{L}\p{Nd}]/u.test(character)) return false;
  return /\p{White_Space}/u.test(character);
}

function isSingleCodePoint(text: string): boolean {
  const code = text.codePointAt(0);
  return code !== undefined && text.length === (code > 0xffff ? 2 : 1);
}

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}
