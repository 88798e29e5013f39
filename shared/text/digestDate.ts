// Digest date lines carry a month and a day but no year ("Mar 13"); these helpers give them one.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const DATE_LINE =
  /^(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(\d{1,2})(?:st|nd|rd|th)?$/i;

export interface MonthDay {
  month: number; // 1-12
  day: number; // 1-31
}

/** Reads a date line such as "Mar 13" or "March 13th"; null when the line is not one. */
export function parseMonthDay(line: string): MonthDay | null {
  const match = DATE_LINE.exec(line.trim());
  if (!match) return null;
  const month = MONTHS.indexOf(match[1]!.slice(0, 3).toLowerCase()) + 1;
  const day = Number(match[2]);
  if (day < 1 || day > daysInMonth(2000, month)) return null; // 2000 is a leap year: Feb 29 allowed
  return { month, day };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The year for a month and day with none: the latest year that puts the date on or before
 * `reference` (YYYY-MM-DD, usually the file's modification date or an e-mail's Date header).
 */
export function resolveDigestDate(monthDay: MonthDay, reference: string): string {
  const [refYear, refMonth, refDay] = reference.split('-').map(Number) as [number, number, number];
  let year = refYear;
  const onOrBefore = monthDay.month < refMonth || (monthDay.month === refMonth && monthDay.day <= refDay);
  if (!onOrBefore) year -= 1;
  // Feb 29 only exists in leap years: walk back to the latest one.
  while (monthDay.day > daysInMonth(year, monthDay.month)) year -= 1;
  return `${year}-${pad(monthDay.month)}-${pad(monthDay.day)}`;
}

/** A local calendar date as YYYY-MM-DD. */
export function toLocalIsoDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
