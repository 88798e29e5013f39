// What the app does with backups: back up now (asked for, daily, on quit, before an upgrade),
// preview a backup, restore one. The database and the bridge are passed in, so tests run these
// against fake-indexeddb and an in-memory main.

import Dexie, { type ObservabilitySet } from 'dexie';
import type { BackupInfo, BackupReason, BackupSource, ShelfmarkApi } from '../../shared/ipc';
import { type BackupManifest, buildBackup, libraryFingerprint, openBackup, readBackupManifest } from './backupFile';
import { downloadBackup, type UploadBridge, uploadBackup } from './backupTransfer';
import { restoreBackup, type RestoreSummary } from './restoreBackup';

export type BackupApi = Pick<
  ShelfmarkApi,
  | 'beginBackup'
  | 'writeBackupChunk'
  | 'commitBackup'
  | 'abortBackup'
  | 'readBackupChunk'
  | 'listBackups'
  | 'finishBackupRequest'
>;

/** How many bytes of a backup hold its manifest (gzip of a line of JSON: far less). */
const MANIFEST_BYTES = 64 * 1024;

export async function backUpLibrary(
  db: Dexie,
  bridge: UploadBridge,
  reason: BackupReason,
  requestId?: string,
): Promise<{ info: BackupInfo; manifest: BackupManifest; ms: number }> {
  const started = performance.now();
  const { file, manifest } = await buildBackup(db);
  const info = await uploadBackup(bridge, file, reason, requestId);
  return { info, manifest, ms: performance.now() - started };
}

export async function backupManifest(bridge: BackupApi, source: BackupSource, bytes: number): Promise<BackupManifest> {
  return readBackupManifest(await downloadBackup(bridge, source, Math.min(bytes, MANIFEST_BYTES)));
}

/** True when the newest backup already holds exactly this library. */
async function unchangedSinceLastBackup(
  db: Dexie,
  bridge: BackupApi,
  automaticOnly: boolean,
  signal?: AbortSignal,
): Promise<boolean> {
  const { backups } = await bridge.listBackups();
  const newest = backups.find((b) => !automaticOnly || b.reason === 'auto' || b.reason === 'quit');
  if (!newest) return false;
  let manifest: BackupManifest;
  try {
    manifest = await backupManifest(bridge, { kind: 'stored', name: newest.name }, newest.bytes);
  } catch {
    return false; // an unreadable newest backup: take a fresh one
  }
  return manifest.fingerprint === (await libraryFingerprint(db, { signal }));
}

/**
 * Aborts its signal when a write to `db` commits (from this window or another one), so a backup
 * read in short transactions knows its rows may no longer be one library.
 */
export function watchWrites(db: Dexie): { signal: AbortSignal; stop: () => void } {
  const controller = new AbortController();
  const prefix = `idb://${db.name}/`;
  const onMutated = (parts: ObservabilitySet) => {
    if (Object.keys(parts).some((part) => part.startsWith(prefix))) {
      controller.abort(new DOMException('The library changed during the backup.', 'AbortError'));
    }
  };
  Dexie.on('storagemutated', onMutated);
  return { signal: controller.signal, stop: () => Dexie.on('storagemutated').unsubscribe(onMutated) };
}

/**
 * Rows per read transaction in the daily backup: a write that comes meanwhile (a triage decision,
 * a note) waits for one such read at most (a few tens of ms), not for the whole backup.
 */
export const DAILY_BACKUP_ROWS_PER_CHUNK = 250;

/** How long the person must have paused (no key, click or wheel) before the daily backup reads on. */
export const DAILY_BACKUP_QUIET_MS = 1_500;

/**
 * The daily backup, when main says one is due and the library changed since the last. It gives
 * way to the person using the app: it reads in short transactions and gives up as soon as
 * anything is written ('interrupted': the caller tries again later), instead of holding every
 * write back for as long as it reads.
 */
export async function backUpIfDue(
  db: Dexie,
  bridge: BackupApi,
  rowsPerChunk = DAILY_BACKUP_ROWS_PER_CHUNK,
  pause?: (signal: AbortSignal) => Promise<void>,
): Promise<'saved' | 'unchanged' | 'not-due' | 'empty' | 'interrupted'> {
  const watch = watchWrites(db); // from the start: a write before the first read counts too
  let built: Awaited<ReturnType<typeof buildBackup>>;
  try {
    const { dailyDue } = await bridge.listBackups();
    if (!dailyDue) return 'not-due';
    if ((await db.table('papers').limit(1).primaryKeys()).length === 0) return 'empty';
    if (await unchangedSinceLastBackup(db, bridge, false, watch.signal)) return 'unchanged';
    built = await buildBackup(db, Date.now(), rowsPerChunk, {
      signal: watch.signal,
      pause: pause && (() => pause(watch.signal)),
    });
    watch.signal.throwIfAborted();
  } catch (error) {
    if (watch.signal.aborted) return 'interrupted';
    throw error;
  } finally {
    watch.stop();
  }
  // the rows are one library as of the end of the read; writes from now on are the next backup's
  await uploadBackup(bridge, built.file, 'auto');
  return 'saved';
}

/** Answers main's request for a backup (on quit): always answers, whatever happens. */
export async function answerBackupRequest(db: Dexie, bridge: BackupApi, requestId: string): Promise<void> {
  try {
    if ((await db.table('papers').count()) === 0 || (await unchangedSinceLastBackup(db, bridge, false))) {
      await bridge.finishBackupRequest({ requestId, outcome: 'unchanged' });
      return;
    }
    await backUpLibrary(db, bridge, 'quit', requestId); // the commit answers the request
  } catch (error) {
    await bridge
      .finishBackupRequest({ requestId, outcome: 'failed', message: String(error).slice(0, 2000) })
      .catch(() => undefined);
  }
}

/** Reads a whole backup from main and restores it, all or nothing. */
export async function restoreFromBackup(
  db: Dexie,
  bridge: BackupApi,
  source: BackupSource,
  bytes: number,
): Promise<RestoreSummary> {
  const file = await downloadBackup(bridge, source, bytes);
  return restoreBackup(db, await openBackup(file));
}
