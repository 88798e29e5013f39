// Every schema version ever shipped, in order, as ShelfmarkDb declares them: the migration test
// builds a database at each earlier version from this list, and restore knows which versions
// its rows can come from. A test keeps it in step with ShelfmarkDb.

import type Dexie from 'dexie';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, ShelfmarkDb } from '../db/ShelfmarkDb';

export const SCHEMA_HISTORY: readonly Readonly<Record<string, string>>[] = [
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  SCHEMA_V4,
  SCHEMA_V5,
  SCHEMA_V6,
];

/**
 * The schema version this build of the app opens the library at, read from ShelfmarkDb itself
 * (constructing a Dexie opens nothing), so a version appended there is never missed here.
 */
export const CURRENT_SCHEMA_VERSION = new ShelfmarkDb('shelfmark-schema-probe').verno;

/** Declares versions 1..`upTo` on `db`, as the app of that version did. */
export function declareSchemaUpTo(db: Dexie, upTo: number): Dexie {
  for (let version = 1; version <= upTo; version++) db.version(version).stores(SCHEMA_HISTORY[version - 1]!);
  return db;
}
