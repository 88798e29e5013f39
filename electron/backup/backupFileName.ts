// Backup file names carry when and why the backup was taken, so listing and retention need no
// index file: shelfmark-2026-03-13T10-22-33-123Z-auto.shelfmark-backup.

import { BACKUP_FILE_PATTERN, type BackupReason } from '../../shared/ipc';

export function backupFileName(createdAt: number, reason: BackupReason): string {
  const stamp = new Date(createdAt).toISOString().replace(/[:.]/g, '-');
  return `shelfmark-${stamp}-${reason}.shelfmark-backup`;
}

/** The time and reason a backup's name records, or null for any other file. */
export function parseBackupFileName(name: string): { createdAt: number; reason: BackupReason } | null {
  const match = BACKUP_FILE_PATTERN.exec(name);
  if (!match) return null;
  const [date, time] = name.slice('shelfmark-'.length, 'shelfmark-'.length + 24).split('T') as [string, string];
  const [h, m, s, ms] = time.replace('Z', '').split('-');
  const createdAt = Date.parse(`${date}T${h}:${m}:${s}.${ms}Z`);
  if (Number.isNaN(createdAt)) return null;
  return { createdAt, reason: match[1] as BackupReason };
}
