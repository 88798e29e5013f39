// Which backups to delete: automatic backups keep the newest 10 plus the newest of each of the
// last 8 weeks; backups a person asked for, and those taken before a schema upgrade, are kept.

import type { BackupReason } from '../../shared/ipc';

export const KEEP_LATEST = 10;
export const KEEP_WEEKS = 8;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export interface RetainedBackup {
  name: string;
  reason: BackupReason;
  createdAt: number;
}

const isAutomatic = (backup: RetainedBackup) => backup.reason === 'auto' || backup.reason === 'quit';

/** The names to delete, given every backup on disk and the time now. Pure. */
export function backupsToPrune(backups: readonly RetainedBackup[], now: number): string[] {
  const automatic = backups.filter(isAutomatic).sort((a, b) => b.createdAt - a.createdAt || (a.name < b.name ? 1 : -1));
  const keep = new Set(automatic.slice(0, KEEP_LATEST).map((b) => b.name));
  const weeksSeen = new Set<number>();
  for (const backup of automatic) {
    // A clock set back puts a backup "in the future": it counts as this week.
    const week = Math.max(0, Math.floor((now - backup.createdAt) / WEEK_MS));
    if (week >= KEEP_WEEKS || weeksSeen.has(week)) continue;
    weeksSeen.add(week); // newest first, so the first one seen is the week's newest
    keep.add(backup.name);
  }
  return automatic.filter((b) => !keep.has(b.name)).map((b) => b.name);
}
