// Numbers behind the Stats view, from index keys only (read times, added times, digests).

import type { Digest } from '../shared/model';
import { papersWithStatus, type ShelfmarkDb } from './db/ShelfmarkDb';

const WEEK = 7 * 24 * 3600 * 1000;

export interface WeekPoint {
  /** Monday 00:00 local time of the week. */
  weekStart: number;
  value: number;
}

export function startOfWeek(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d.getTime();
}

function weekStarts(weeks: number, now: number): number[] {
  const last = startOfWeek(now);
  return Array.from({ length: weeks }, (_, i) => startOfWeek(last - (weeks - 1 - i) * WEEK + WEEK / 2));
}

/** How many of `times` fall in each of the last `weeks` weeks (oldest first). */
export function perWeek(times: readonly number[], weeks: number, now: number): WeekPoint[] {
  const starts = weekStarts(weeks, now);
  const counts = new Map(starts.map((s) => [s, 0]));
  for (const t of times) {
    const week = startOfWeek(t);
    if (counts.has(week)) counts.set(week, counts.get(week)! + 1);
  }
  return starts.map((weekStart) => ({ weekStart, value: counts.get(weekStart)! }));
}

/**
 * Papers added but not yet read at the end of each week. "Not read" is now-status based: a
 * paper read later counts as backlog until its read time.
 */
export function backlogPerWeek(
  addedTimes: readonly number[],
  readTimes: readonly number[],
  weeks: number,
  now: number,
): WeekPoint[] {
  const added = [...addedTimes].sort((a, b) => a - b);
  const read = [...readTimes].sort((a, b) => a - b);
  const countUpTo = (sorted: number[], limit: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < limit) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return weekStarts(weeks, now).map((weekStart) => {
    const end = Math.min(now + 1, weekStart + WEEK);
    return { weekStart, value: countUpTo(added, end) - countUpTo(read, end) };
  });
}

export interface LibraryStats {
  readPerWeek: WeekPoint[];
  backlog: WeekPoint[];
  perDigest: { id: string; label: string; date: string | null; count: number }[];
  totals: { papers: number; read: number; unread: number };
}

export async function libraryStats(db: ShelfmarkDb, now = Date.now(), weeks = 12): Promise<LibraryStats> {
  const [readTimes, addedTimes, digests, unread] = await Promise.all([
    db.papers.orderBy('readAt').keys() as Promise<number[]>,
    db.papers.orderBy('addedAt').keys() as Promise<number[]>,
    db.digests.toArray(),
    papersWithStatus(db, 'unread').count(),
  ]);
  const perDigest = [...digests]
    .sort((a: Digest, b: Digest) => (a.date ?? '').localeCompare(b.date ?? '') || a.importedAt - b.importedAt)
    .slice(-24)
    .map((d) => ({ id: d.id, label: d.date ?? 'undated', date: d.date, count: d.paperCount }));
  return {
    readPerWeek: perWeek(readTimes, weeks, now),
    backlog: backlogPerWeek(addedTimes, readTimes, weeks, now),
    perDigest,
    totals: { papers: addedTimes.length, read: readTimes.length, unread },
  };
}
