// Every schema version ever shipped, in order, as ShelfmarkDb declares them: the migration test
// builds a database at each earlier version from this list, and restore knows which versions
// its rows can come from. A test keeps it in step with ShelfmarkDb.

import type Dexie from 'dexie';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5 } from '../db/ShelfmarkDb';

export const SCHEMA_HISTORY: readonly Readonly<Record<string, string>>[] = [
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  SCHEMA_V4,
  SCHEMA_V5,
];

/** The schema version this build of the app opens the library at. */
export const CURRENT_SCHEMA_VERSION = SCHEMA_HISTORY.length;

/** Declares versions 1..`upTo` on `db`, as the app of that version did. */
export function declareSchemaUpTo(db: Dexie, upTo: number): Dexie {
  for (let version = 1; version <= upTo; version++) db.version(version).stores(SCHEMA_HISTORY[version - 1]!);
  return db;
}

/**
 * Versions whose upgrade rewrites rows (not only adds indexes or tables). A backup taken before
 * one of them needs that upgrade applied to its rows on restore; none has shipped yet. (Version
 * 5 ranks the Reading queue, but the app reads a Reading paper without a rank as queued last, so
 * older backups restore as they are.)
 */
export const ROW_REWRITING_VERSIONS: readonly number[] = [];
