// The one Dexie database. Versions are appended, never edited; index only what is queried.

import Dexie, { type Collection, type EntityTable, type InsertType } from 'dexie';
import type { Appearance, Digest, Paper, ReadingStatus } from '../../shared/model';
import type { ImportRecord } from './importRecord';
import { attachLibraryFacts, type LibraryFacts } from './libraryFacts';
import { rankReadingQueue } from './readingQueue';

export const DATABASE_NAME = 'shelfmark';

/** Version 1's stores, kept verbatim: Dexie needs every version to upgrade old databases. */
export const SCHEMA_V1 = {
  papers: 'id, arxivId, titleKey, listOrder, status, starred, addedAt, updatedAt, *tags',
  digests: 'id, date, importedAt',
  appearances: '[digestId+paperId], digestId, paperId',
} as const;

/**
 * Version 2: the list reads ids in order straight from an index for every sidebar view and
 * sort (status and starred views through compound indexes), and Stats reads read times from
 * `readAt` (null for unread papers, so they are not in that index). No field changed: no
 * upgrade function is needed, only new indexes, which IndexedDB builds during the upgrade.
 */
export const SCHEMA_V2 = {
  papers:
    'id, arxivId, titleKey, listOrder, status, starred, addedAt, updatedAt, *tags, readAt, ' +
    '[status+listOrder], [status+addedAt], [status+titleKey], [status+updatedAt], ' +
    '[starred+listOrder], [starred+addedAt], [starred+titleKey], [starred+updatedAt]',
  digests: 'id, date, importedAt',
  appearances: '[digestId+paperId], digestId, paperId',
} as const;

/**
 * Version 3: the Import History. One row per import (committed, already imported, refused or
 * undone), listed newest first; undo finds a digest's import by digestId. A new table only.
 */
export const SCHEMA_V3 = {
  imports: 'id, importedAt, digestId',
} as const;

/**
 * Version 4: pinned citation keys are looked up by key (uniqueness when a key is pinned or typed,
 * case-insensitively). Papers without a key (null) are not in the index. New index only.
 */
export const SCHEMA_V4 = {
  papers: `${SCHEMA_V2.papers}, citationKey`,
} as const;

/**
 * Version 5: the Reading queue has an order the person controls. `queueRank` is set only while a
 * paper is in Reading (null otherwise, so only queued papers are in the index); the upgrade gives
 * the papers already in Reading ranks in the order the Reading view showed them (newest digest
 * first) and `queuedAt` from when they were last touched. Dismissed papers need no index: the
 * status indexes hold them.
 */
export const SCHEMA_V5 = {
  papers: `${SCHEMA_V4.papers}, queueRank`,
} as const;

/**
 * Version 6: fewer indexes on papers, because every write to a paper writes every index entry
 * again (a put into 20 indexes was the slow half of a triage decision, and bulk writes ran at
 * 1,569 papers/s against 2,305/s without six of them: 20,000 papers, Chromium). Gone: the status
 * and starred views' compound indexes for the sorts other than digest date, and the bare
 * `status` and `starred` indexes, whose keys the `[status+listOrder]` and `[starred+listOrder]`
 * ranges give as well. A status or starred view under another sort filters that sort's index
 * keys by the view's members (renderer/db/queries). No field changed: no upgrade function.
 */
export const SCHEMA_V6 = {
  papers:
    'id, arxivId, titleKey, listOrder, addedAt, updatedAt, *tags, readAt, ' +
    '[status+listOrder], [starred+listOrder], citationKey, queueRank',
} as const;

export class ShelfmarkDb extends Dexie {
  papers!: EntityTable<Paper, 'id'>;
  digests!: EntityTable<Digest, 'id'>;
  appearances!: Dexie.Table<Appearance, [string, string]>;
  imports!: EntityTable<ImportRecord, 'id'>;

  constructor(name = DATABASE_NAME) {
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2);
    this.version(3).stores(SCHEMA_V3);
    this.version(4).stores(SCHEMA_V4);
    this.version(5).stores(SCHEMA_V5).upgrade(rankReadingQueue);
    this.version(6).stores(SCHEMA_V6);
  }
}

type PaperCollection = Collection<Paper, string, InsertType<Paper, 'id'>>;

/** The papers with `status`, as a range of `[status+listOrder]` (version 6 has no bare status index). */
export function papersWithStatus(db: ShelfmarkDb, status: ReadingStatus): PaperCollection {
  return db.papers.where('[status+listOrder]').between([status, Dexie.minKey], [status, Dexie.maxKey], true, true);
}

/** The starred papers, as a range of `[starred+listOrder]`. */
export function starredPapers(db: ShelfmarkDb): PaperCollection {
  return db.papers.where('[starred+listOrder]').between([1, Dexie.minKey], [1, Dexie.maxKey], true, true);
}

let shared: ShelfmarkDb | null = null;

let sharedFacts: LibraryFacts | null = null;

/** The app's database (tests make their own with a unique name). */
export function getDb(): ShelfmarkDb {
  if (!shared) {
    shared = new ShelfmarkDb();
    sharedFacts = attachLibraryFacts(shared);
  }
  return shared;
}

/** The in-memory counts of the app's database (renderer/db/libraryFacts). */
export function getLibraryFacts(): LibraryFacts {
  getDb();
  return sharedFacts!;
}
