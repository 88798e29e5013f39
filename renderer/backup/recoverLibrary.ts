// The one path that replaces a database: the person, on the error screen for a library that
// cannot be opened, confirmed replacing it with a backup. The backup is downloaded and checked
// completely first, so a bad backup never costs the old files.

import Dexie from 'dexie';
import type { BackupInfo } from '../../shared/ipc';
import { api } from '../api';
import { getDb } from '../db/ShelfmarkDb';
import { openBackup } from './backupFile';
import { downloadBackup } from './backupTransfer';
import { checkBackup, restoreBackup } from './restoreBackup';

export async function replaceUnopenableLibrary(backup: BackupInfo): Promise<number> {
  const bridge = api();
  const opened = await openBackup(await downloadBackup(bridge, { kind: 'stored', name: backup.name }, backup.bytes));
  const db = getDb();
  checkBackup(db, opened);
  db.close();
  await Dexie.delete(db.name);
  await db.open();
  const summary = await restoreBackup(db, opened);
  return summary.counts.papers;
}
