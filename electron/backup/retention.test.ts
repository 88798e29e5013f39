import { describe, expect, it } from 'vitest';
import type { BackupReason } from '../../shared/ipc';
import { backupFileName, parseBackupFileName } from './backupFileName';
import { backupsToPrune, KEEP_LATEST, type RetainedBackup } from './retention';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 2, 13, 12);

function backup(daysAgo: number, reason: BackupReason = 'auto'): RetainedBackup {
  const createdAt = NOW - daysAgo * DAY;
  return { name: backupFileName(createdAt, reason), reason, createdAt };
}

describe('backupsToPrune', () => {
  it('keeps everything while there are at most 10 automatic backups', () => {
    const backups = Array.from({ length: KEEP_LATEST }, (_, i) => backup(i * 30));
    expect(backupsToPrune(backups, NOW)).toEqual([]);
  });

  it('daily backups over 90 days: the newest 10 plus the newest of each of weeks 2–8', () => {
    const backups = Array.from({ length: 90 }, (_, i) => backup(i));
    const pruned = new Set(backupsToPrune(backups, NOW));
    const kept = backups.filter((b) => !pruned.has(b.name)).map((b) => Math.round((NOW - b.createdAt) / DAY));
    // days 0–9 are the newest 10; weeks 0 and 1 are already covered by them; weeks 2..7 keep
    // their newest day (14, 21, 28, 35, 42, 49); nothing 56 days or older survives
    expect(kept.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 14, 21, 28, 35, 42, 49]);
  });

  it('several backups a day: one per week survives beyond the newest 10', () => {
    const backups = Array.from({ length: 60 }, (_, i) => backup(i / 3)); // every 8 hours for 20 days
    const kept = backups.filter((b) => !backupsToPrune(backups, NOW).includes(b.name));
    expect(kept).toHaveLength(KEEP_LATEST + 2); // weeks 1 and 2 add their newest
  });

  it('never prunes manual or pre-upgrade backups, however old', () => {
    const backups = [
      ...Array.from({ length: 30 }, (_, i) => backup(i)),
      backup(400, 'manual'),
      backup(300, 'pre-upgrade'),
    ];
    const pruned = backupsToPrune(backups, NOW);
    expect(pruned).not.toContain(backup(400, 'manual').name);
    expect(pruned).not.toContain(backup(300, 'pre-upgrade').name);
    expect(pruned.length).toBeGreaterThan(0);
  });

  it('counts quit backups as automatic, and a backup dated in the future as this week', () => {
    const backups = [...Array.from({ length: 12 }, (_, i) => backup(i, 'quit')), backup(-2, 'quit')];
    const pruned = backupsToPrune(backups, NOW);
    expect(pruned).not.toContain(backup(-2, 'quit').name);
    expect(pruned).toHaveLength(3);
  });
});

describe('backup file names', () => {
  it('round-trip the time and the reason', () => {
    const name = backupFileName(Date.UTC(2026, 2, 13, 10, 22, 33, 123), 'pre-upgrade');
    expect(name).toBe('shelfmark-2026-03-13T10-22-33-123Z-pre-upgrade.shelfmark-backup');
    expect(parseBackupFileName(name)).toEqual({
      createdAt: Date.UTC(2026, 2, 13, 10, 22, 33, 123),
      reason: 'pre-upgrade',
    });
  });

  it.each([
    '../shelfmark-2026-03-13T10-22-33-123Z-auto.shelfmark-backup',
    'settings.json',
    'shelfmark-x-auto.shelfmark-backup',
  ])('refuses %s', (name) => expect(parseBackupFileName(name)).toBeNull());
});
