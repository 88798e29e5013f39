// The one Dexie database. Versions are appended, never edited; index only what is queried.

import Dexie, { type EntityTable } from 'dexie';
import type { Appearance, Digest, Paper } from '../../shared/model';

export const DATABASE_NAME = 'shelfmark';

export class ShelfmarkDb extends Dexie {
  papers!: EntityTable<Paper, 'id'>;
  digests!: EntityTable<Digest, 'id'>;
  appearances!: Dexie.Table<Appearance, [string, string]>;

  constructor(name = DATABASE_NAME) {
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      papers: 'id, arxivId, titleKey, listOrder, status, starred, addedAt, updatedAt, *tags',
      digests: 'id, date, importedAt',
      appearances: '[digestId+paperId], digestId, paperId',
    });
  }
}

let shared: ShelfmarkDb | null = null;

/** The app's database (tests make their own with a unique name). */
export function getDb(): ShelfmarkDb {
  shared ??= new ShelfmarkDb();
  return shared;
}
