// GitHub paginates with an RFC 8288 `Link` header:
// `<https://api.github.com/...&page=2>; rel="next", <https://api.github.com/...&page=5>; rel="last"`.

/** The URLs of a `Link` header by relation (`next`, `last`, `prev`, `first`). */
export function parseLinkHeader(header: string | null | undefined): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  // URLs cannot hold `<` or `>`, so each `<...>` is one target and the text up to the next `<` its parameters.
  for (const match of header.matchAll(/<([^<>]*)>([^<]*)/g)) {
    const target = match[1]!;
    const relation = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2]!);
    const names = relation ? (relation[1] ?? relation[2] ?? '') : '';
    // One link may carry several space-separated relation types (`rel="next last"`).
    for (const name of names.split(/\s+/)) {
      const key = name.toLowerCase();
      if (key !== '' && !(key in links)) links[key] = target;
    }
  }
  return links;
}
