// The guarded open: before the app touches the library, find the version on disk (without
// creating or upgrading anything); refuse a newer one; back up an older one before the upgrade
// runs; then open. Every failure becomes a StorageProblem the app shows with a way out. Nothing
// here deletes or replaces a database that does not open.

import Dexie from 'dexie';
import type { ShelfmarkApi } from '../../shared/ipc';
import { backUpLibrary } from '../backup/backupActions';
import { CURRENT_SCHEMA_VERSION } from '../backup/schemaHistory';
import { DATABASE_NAME, getDb, type ShelfmarkDb } from './ShelfmarkDb';

export type StorageProblemKind =
  | 'quota' // the browser's storage quota or the disk is full
  | 'newer-version' // a newer Shelfmark upgraded the library
  | 'upgrade-backup-failed' // the backup before an upgrade could not be made
  | 'unavailable' // IndexedDB itself is missing or refused (private mode, policy)
  | 'corrupt' // the database files cannot be read
  | 'blocked' // another window holds an older version open
  | 'unknown';

export interface StorageProblem {
  kind: StorageProblemKind;
  /** The underlying error, for the details line and a bug report. */
  detail: string;
  storedVersion?: number;
}

/** Names and messages of storage failures as Chromium and Dexie report them. */
export function classifyStorageError(error: unknown): StorageProblem {
  const chain: { name?: string; message?: string }[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { name?: string; message?: string; inner?: unknown; cause?: unknown };
    chain.push({ name: e.name, message: e.message });
    current = e.inner ?? e.cause;
  }
  const names = chain.map((c) => c.name ?? '');
  const text = chain.map((c) => `${c.name ?? ''} ${c.message ?? ''}`).join(' | ');
  const detail = chain.map((c) => [c.name, c.message].filter(Boolean).join(': ')).join(' ← ') || String(error);
  const kind: StorageProblemKind =
    names.includes('QuotaExceededError') || /quota|disk (is )?full|no space|ENOSPC|insufficient/i.test(text)
      ? 'quota'
      : names.includes('VersionError') || /version.*(less|lower|higher|newer)/i.test(text)
        ? 'newer-version'
        : names.includes('MissingAPIError') || /indexedDB (API )?(missing|not (found|available))/i.test(text)
          ? 'unavailable'
          : names.includes('DatabaseClosedError') && /blocked/i.test(text)
            ? 'blocked'
            : /backing store|corrupt|internal error|UnknownError|DataError|NotReadableError/i.test(text)
              ? 'corrupt'
              : names.includes('InvalidStateError') || names.includes('SecurityError')
                ? 'unavailable'
                : 'unknown';
  return { kind, detail };
}

/**
 * The schema version stored on disk (Dexie's version, the native one / 10), or null when there
 * is no library yet. Opening without a version never upgrades; if the database does not exist,
 * the creation is aborted so that probing leaves nothing behind.
 */
export function storedSchemaVersion(name = DATABASE_NAME, idb: IDBFactory = indexedDB): Promise<number | null> {
  return new Promise((resolve, reject) => {
    let created = false;
    const request = idb.open(name);
    request.onupgradeneeded = () => {
      created = true;
      request.transaction?.abort();
    };
    request.onsuccess = () => {
      const version = request.result.version;
      request.result.close();
      // Dexie stores version × 10 (+1 after a schema patch): floor gives the declared version.
      resolve(Math.floor(version / 10));
    };
    request.onerror = (event) => {
      if (created) {
        event.preventDefault();
        resolve(null);
      } else reject(request.error ?? new Error('IndexedDB open failed'));
    };
    request.onblocked = () => reject(Object.assign(new Error('blocked'), { name: 'DatabaseClosedError' }));
  });
}

export type OpenOutcome = { ok: true; db: ShelfmarkDb } | { ok: false; problem: StorageProblem };

export interface OpenDatabaseOptions {
  bridge?: Pick<ShelfmarkApi, 'beginBackup' | 'writeBackupChunk' | 'commitBackup' | 'abortBackup'>;
  /** The database to open (the app's by default; tests pass their own). */
  db?: ShelfmarkDb;
  /** Upgrade even when the backup before it failed (the person chose to, on the error screen). */
  skipUpgradeBackup?: boolean;
  /** Called when an upgrade backup starts (the loading screen says so). */
  onUpgradeBackup?(fromVersion: number): void;
}

/** Opens the library the guarded way; never throws. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<OpenOutcome> {
  const db = options.db ?? getDb();
  let stored: number | null;
  try {
    stored = await storedSchemaVersion(db.name);
  } catch (error) {
    return { ok: false, problem: classifyStorageError(error) };
  }
  if (stored !== null && stored > CURRENT_SCHEMA_VERSION) {
    return {
      ok: false,
      problem: {
        kind: 'newer-version',
        detail: `The library is at schema version ${stored}; this Shelfmark knows versions up to ${CURRENT_SCHEMA_VERSION}.`,
        storedVersion: stored,
      },
    };
  }
  if (stored !== null && stored > 0 && stored < CURRENT_SCHEMA_VERSION && !options.skipUpgradeBackup) {
    options.onUpgradeBackup?.(stored);
    try {
      await backUpBeforeUpgrade(db.name, options.bridge);
    } catch (error) {
      return {
        ok: false,
        problem: { kind: 'upgrade-backup-failed', detail: classifyStorageError(error).detail, storedVersion: stored },
      };
    }
  }
  try {
    await db.open();
    return { ok: true, db };
  } catch (error) {
    return {
      ok: false,
      problem: { ...classifyStorageError(error), ...(stored !== null ? { storedVersion: stored } : {}) },
    };
  }
}

/** Exports the library as it is on disk (Dexie's dynamic mode: the stored schema, no upgrade). */
async function backUpBeforeUpgrade(name: string, bridge: OpenDatabaseOptions['bridge']): Promise<void> {
  if (!bridge) throw new Error('The backup folder is not available.');
  const asStored = new Dexie(name);
  try {
    await asStored.open();
    await backUpLibrary(asStored, bridge, 'pre-upgrade');
  } finally {
    asStored.close();
  }
}
