/** A case-insensitive whole-word matcher for a list of terms (linear in the text per term). */
export function createKeywordMatcher(terms: readonly string[]): (text: string) => string | undefined {
  const lowered = [...new Set(terms.map((term) => term.toLowerCase()))];
  return (text) => {
    const haystack = text.toLowerCase();
    for (const term of lowered) {
      let index = haystack.indexOf(term);
      while (index !== -1) {
        // "ray" must not match "array" or "gray": require non-alphanumerics around the term.
        if (
          !isWordChar(haystack.charCodeAt(index - 1)) &&
          !isWordChar(haystack.charCodeAt(index + term.length))
        ) {
          return term;
        }
        index = haystack.indexOf(term, index + 1);
      }
    }
    return undefined;
  };
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}
