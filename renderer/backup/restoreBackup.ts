// Restores a whole library from a backup, all or nothing.
//
// Why not dexie-export-import's importInto: its source (4.4.0, importInto) clears the tables
// with `clearTablesBeforeImport` in their own transactions *before* it opens the import
// transaction, so an import that fails half-way leaves an emptied library; and it cannot join an
// outer transaction, because its first read of the file awaits a FileReader promise, which ends
// Dexie's transaction zone. Importing into a temporary database and copying over would be safe
// but writes everything twice (too slow for 100,000 papers). So the file is checked completely
// first (decompressed, parsed, every row's keys and shape, the counts against the manifest), and
// then one 'rw' transaction over every table clears and writes the rows with no foreign awaits
// (rows of an older schema are first upgraded in a temporary database by the app's own upgrades):
// any failure inside it (a duplicate key, a count that does not match) aborts the transaction
// and the library is exactly as it was.

import Dexie from 'dexie';
import { READING_STATUSES } from '../../shared/model';
import { type BackupCounts, BackupFormatError, type OpenedBackup } from './backupFile';
import { ShelfmarkDb } from '../db/ShelfmarkDb';
import { CURRENT_SCHEMA_VERSION, declareSchemaUpTo } from './schemaHistory';
import { discardSearchSnapshot } from '../search/SnapshotStore';

const CHUNK = 5_000;

type Row = Record<string, unknown>;
const isString = (v: unknown): v is string => typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

/** The minimum each table's rows must have for the app to show them. */
const ROW_CHECKS: Record<string, (row: Row) => boolean> = {
  papers: (r) =>
    isString(r.id) &&
    isString(r.title) &&
    isString(r.titleKey) &&
    isString(r.listOrder) &&
    isString(r.notes) &&
    isStringArray(r.tags) &&
    isStringArray(r.authors) &&
    (r.starred === 0 || r.starred === 1) &&
    (READING_STATUSES as readonly unknown[]).includes(r.status),
  digests: (r) => isString(r.id),
  appearances: (r) => isString(r.digestId) && isString(r.paperId),
  imports: (r) => isString(r.id) && typeof r.importedAt === 'number',
};

export interface RestoreSummary {
  counts: BackupCounts;
  fromSchemaVersion: number;
}

/**
 * A row as it was stored. Backups made with dexie-export-import's exportDB (before buildBackup
 * wrote the rows itself) tag values JSON cannot hold in `$types`; every array got
 * 'arrayNonindexKeys' (a no-op for real arrays). The library holds no other special values, so
 * any other tag means the row is not one of ours. Untagged rows (every row buildBackup writes)
 * are used as parsed, not copied.
 */
function plainRow(raw: unknown): Row | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  if (!Object.hasOwn(raw, '$types')) return raw as Row;
  const { $types: types, ...row } = raw as Row;
  if (!types || typeof types !== 'object') return null;
  for (const [keyPath, type] of Object.entries(types)) {
    if (type !== 'arrayNonindexKeys' || keyPath.includes('.') || !Array.isArray(row[keyPath])) return null;
  }
  return row;
}

/** Counts as the manifest states them, recomputed from the rows. */
function countRows(rowsByTable: Map<string, Row[]>): BackupCounts {
  const papers = rowsByTable.get('papers') ?? [];
  const tags = new Set<string>();
  let notes = 0;
  let starred = 0;
  let citationKeys = 0;
  for (const paper of papers) {
    if (paper.notes) notes += 1;
    if (paper.starred === 1) starred += 1;
    if (isString(paper.citationKey)) citationKeys += 1;
    for (const tag of paper.tags as string[]) tags.add(tag);
  }
  return {
    papers: papers.length,
    notes,
    starred,
    tags: tags.size,
    citationKeys,
    digests: rowsByTable.get('digests')?.length ?? 0,
    appearances: rowsByTable.get('appearances')?.length ?? 0,
    imports: rowsByTable.get('imports')?.length ?? 0,
  };
}

/** Everything that can be checked before the library is touched. */
export function checkBackup(db: Dexie, backup: OpenedBackup): Map<string, Row[]> {
  const { manifest, databaseVersion, tables } = backup;
  if (databaseVersion !== manifest.schemaVersion || databaseVersion > CURRENT_SCHEMA_VERSION) {
    throw new BackupFormatError('The backup does not match its own description; it may be damaged.');
  }
  const rowsByTable = new Map<string, Row[]>();
  for (const table of tables) {
    const check = ROW_CHECKS[table.tableName];
    if (!check || !db.tables.some((t) => t.name === table.tableName)) {
      throw new BackupFormatError(`The backup has an unknown table "${table.tableName}".`);
    }
    if (!table.inbound) throw new BackupFormatError(`The backup's "${table.tableName}" table is damaged.`);
    const rows = rowsByTable.get(table.tableName) ?? [];
    for (const raw of table.rows) {
      const row = plainRow(raw);
      if (!row || !check(row)) {
        throw new BackupFormatError(`The backup's "${table.tableName}" table has a damaged row.`);
      }
      rows.push(row);
    }
    rowsByTable.set(table.tableName, rows);
  }
  const actual = countRows(rowsByTable);
  for (const [key, value] of Object.entries(manifest.counts)) {
    if (actual[key as keyof BackupCounts] !== value) {
      throw new BackupFormatError(
        `The backup is incomplete: it lists ${value} ${key} but holds ${actual[key as keyof BackupCounts]}.`,
      );
    }
  }
  return rowsByTable;
}

/**
 * Rows of a backup from an older schema, brought to the current one by the app's own upgrade
 * functions: written into a temporary database declared at the backup's version, which is then
 * opened with ShelfmarkDb (running every upgrade since), read back and deleted. The library is
 * not touched here.
 */
async function upgradeRows(rowsByTable: Map<string, Row[]>, fromVersion: number): Promise<Map<string, Row[]>> {
  const name = `shelfmark-restore-upgrade-${crypto.randomUUID()}`;
  try {
    const old = declareSchemaUpTo(new Dexie(name), fromVersion);
    await old.open();
    await old.transaction('rw', old.tables, async () => {
      for (const table of old.tables) {
        const rows = rowsByTable.get(table.name) ?? [];
        for (let i = 0; i < rows.length; i += CHUNK) await table.bulkAdd(rows.slice(i, i + CHUNK));
      }
    });
    old.close();
    const upgraded = new ShelfmarkDb(name);
    await upgraded.open();
    const out = new Map<string, Row[]>();
    for (const table of upgraded.tables) out.set(table.name, (await table.toArray()) as Row[]);
    upgraded.close();
    return out;
  } finally {
    await Dexie.delete(name).catch(() => undefined);
  }
}

/** Replaces the whole library with the backup's rows in one transaction; throws and changes nothing on failure. */
export async function restoreBackup(db: Dexie, backup: OpenedBackup): Promise<RestoreSummary> {
  let rowsByTable = checkBackup(db, backup);
  if (backup.databaseVersion < CURRENT_SCHEMA_VERSION)
    rowsByTable = await upgradeRows(rowsByTable, backup.databaseVersion);
  const expected = backup.manifest.counts;
  // The saved search index describes the library being replaced: the next start rebuilds it.
  await discardSearchSnapshot().catch(() => undefined);
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) await table.clear();
    for (const table of db.tables) {
      const rows = rowsByTable.get(table.name) ?? [];
      for (let i = 0; i < rows.length; i += CHUNK) await table.bulkAdd(rows.slice(i, i + CHUNK));
    }
    // Checked inside the transaction: a mismatch aborts it, and the old library stays.
    const written: Record<string, number> = {};
    for (const table of db.tables) written[table.name] = await table.count();
    for (const name of ['papers', 'digests', 'appearances', 'imports'] as const) {
      if ((written[name] ?? 0) !== expected[name]) {
        throw new BackupFormatError(`Restore wrote ${written[name] ?? 0} ${name}, expected ${expected[name]}.`);
      }
    }
  });
  return { counts: expected, fromSchemaVersion: backup.databaseVersion };
}
