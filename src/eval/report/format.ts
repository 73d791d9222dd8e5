// Number and text formatting shared by the HTML report and the Markdown summary.

/** Counts as integers, other numbers with three decimals. */
export function formatNumber(value: number | undefined, metric = ''): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (
    Number.isInteger(value) &&
    (metric === 'examples' || /^(true|false)_/.test(metric) || Math.abs(value) > 1)
  )
    return String(value);
  return value.toFixed(3);
}

/** "0.812 [0.700, 0.900]". */
export function formatWithInterval(
  value: number | undefined,
  interval: { low: number; high: number } | undefined,
): string {
  if (value === undefined) return '—';
  return interval
    ? `${formatNumber(value)} [${formatNumber(interval.low)}, ${formatNumber(interval.high)}]`
    : formatNumber(value);
}

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Escape text for a Markdown table cell. */
export function escapeMarkdownCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The first 12 characters of an id. */
export function shortId(id: string): string {
  return id.length > 12 ? id.slice(0, 12) : id;
}
