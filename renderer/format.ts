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

/** A moment in the person's locale, e.g. "13 Mar 2026, 09:41". */
export function formatDateTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
