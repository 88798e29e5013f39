const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-03-13" → "13 Mar 2026"; '' or null → "no date". */
export function formatDigestDate(date: string | null | undefined): string {
  if (!date) return 'no date';
  const [year, month, day] = date.split('-').map(Number);
  if (!year || !month || !day) return date;
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** The first line (sentence-ish) of an abstract for a one-line preview. */
export function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 240 ? `${line.slice(0, 239)}…` : line;
}

/** Characters of context kept before a search match in a one-line preview. */
const SNIPPET_LEAD = 40;

/**
 * The one-line preview of an abstract while searching: the first line when the first match is
 * near its start, else the text from a word boundary shortly before the first match (with a
 * leading "…"), so the highlighted word is on screen instead of behind the line's ellipsis.
 * `firstMatch` is the offset of the first matched word in `text` (-1 when none).
 */
export function snippetAround(text: string, firstMatch: number): string {
  if (firstMatch < 0 || firstMatch <= SNIPPET_LEAD) return firstLine(text);
  let start = firstMatch - SNIPPET_LEAD;
  const space = text.indexOf(' ', start);
  if (space >= 0 && space < firstMatch) start = space + 1;
  const line = text.slice(start).replace(/\s+/g, ' ');
  return `…${line.length > 240 ? `${line.slice(0, 239)}…` : line}`;
}

/** A moment in the person's locale, e.g. "13 Mar 2026, 09:41". */
export function formatDateTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
