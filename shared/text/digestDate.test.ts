import { describe, expect, it } from 'vitest';
import { parseMonthDay, resolveDigestDate } from './digestDate';

describe('parseMonthDay', () => {
  it.each([
    ['Mar 13', { month: 3, day: 13 }],
    ['March 13', { month: 3, day: 13 }],
    ['sept 1st', { month: 9, day: 1 }],
    ['Feb 29', { month: 2, day: 29 }],
    ['  Dec 31  ', { month: 12, day: 31 }],
  ])('reads %j', (line, expected) => {
    expect(parseMonthDay(line)).toEqual(expected);
  });

  it.each(['Mar 32', 'Feb 30', 'Marching 13', 'Mar', '13 Mar', 'Mar 13 2024', 'Pointer Networks'])(
    'rejects %j',
    (line) => {
      expect(parseMonthDay(line)).toBeNull();
    },
  );
});

describe('resolveDigestDate: the latest year that puts the date on or before the reference', () => {
  it.each([
    [{ month: 3, day: 13 }, '2026-11-29', '2026-03-13'],
    [{ month: 3, day: 13 }, '2026-03-13', '2026-03-13'], // same day counts as on or before
    [{ month: 3, day: 13 }, '2026-03-12', '2025-03-13'],
    [{ month: 12, day: 31 }, '2026-01-02', '2025-12-31'], // a New Year digest read in January
    [{ month: 2, day: 29 }, '2026-11-29', '2024-02-29'], // leap day walks back to a leap year
    [{ month: 2, day: 29 }, '2024-03-01', '2024-02-29'],
  ])('%j before %s is %s', (monthDay, reference, expected) => {
    expect(resolveDigestDate(monthDay, reference)).toBe(expected);
  });
});
