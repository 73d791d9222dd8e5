// Terraform counts string "characters" as Unicode grapheme clusters (go-textseg); Intl.Segmenter does the same.

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The extended grapheme clusters of a string, in order. */
export function graphemes(text: string): string[] {
  if (isAscii(text))
    return text.includes('\r\n')
      ? Array.from(segmenter.segment(text), (part) => part.segment)
      : text.split('');
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

/** The number of grapheme clusters in a string. */
export function graphemeCount(text: string): number {
  return graphemes(text).length;
}

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}
