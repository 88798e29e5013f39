import { describe, expect, it } from 'vitest';
import { backlogPerWeek, perWeek, startOfWeek } from './stats';

const DAY = 24 * 3600 * 1000;
const now = new Date(2026, 2, 13, 12).getTime(); // Friday 13 March 2026

describe('stats', () => {
  it('counts per week, oldest week first, ignoring older times', () => {
    const points = perWeek([now, now - DAY, now - 7 * DAY, now - 100 * DAY], 3, now);
    expect(points.map((p) => p.value)).toEqual([0, 1, 2]);
    expect(points[2]!.weekStart).toBe(startOfWeek(now));
    expect(new Date(points[2]!.weekStart).getDay()).toBe(1); // Monday
  });

  it('computes the unread backlog at the end of each week', () => {
    const added = [now - 20 * DAY, now - 20 * DAY, now - 2 * DAY];
    const read = [now - 10 * DAY];
    expect(backlogPerWeek(added, read, 3, now).map((p) => p.value)).toEqual([2, 1, 2]);
  });
});
