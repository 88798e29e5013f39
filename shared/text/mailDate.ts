// Dates written the way e-mail headers and feeds write them ("Thu, 14 Mar 2024 00:30:02 -0400",
// "Thu 14 Mar 24 18:00:00 GMT", "2024-03-14T00:00:00Z"), read as the calendar date printed there.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const DAY_MONTH_YEAR = /\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4}|\d{2})\b/i;
const ISO = /^\s*(\d{4})-(\d{2})-(\d{2})/;

/**
 * The YYYY-MM-DD written in a header or feed date, in the writer's own time zone (the date a
 * reader of the e-mail saw), or null when there is none.
 */
export function isoDateFromHeader(value: string): string | null {
  const iso = ISO.exec(value);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const match = DAY_MONTH_YEAR.exec(value);
  if (!match) return null;
  const day = Number(match[1]);
  const month = MONTHS.indexOf(match[2]!.slice(0, 3).toLowerCase()) + 1;
  let year = Number(match[3]);
  // Two-digit years appear in arXiv's "received from" lines; they are all after 1990.
  if (match[3]!.length === 2) year += year < 90 ? 2000 : 1900;
  return validDate(year, month, day);
}

function validDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
