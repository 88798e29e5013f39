import { describe, expect, it } from 'vitest';
import { isoDateFromHeader } from './mailDate';

describe('isoDateFromHeader', () => {
  it.each([
    ['Thu, 14 Mar 2024 00:30:02 -0400', '2024-03-14'],
    ['14 Mar 2024 23:59:59 +1400', '2024-03-14'],
    ['Wed 13 Mar 24 18:00:00 GMT', '2024-03-13'],
    ['2024-03-13T17:58:00.000Z', '2024-03-13'],
    ['Sat, 29 Feb 2025 00:00:00 GMT', null],
    ['yesterday', null],
  ])('%j → %j', (value, expected) => {
    expect(isoDateFromHeader(value)).toBe(expected);
  });
});
