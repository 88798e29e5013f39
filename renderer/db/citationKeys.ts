// Pinned citation keys. A paper's key is written to `citationKey` the first time it is shown or
// exported, unique in the library (case-insensitively, with the a/b/c suffix), and from then on
// never changes unless the person edits it: imports and exports only read it.

import { assignCitationKeys, type CitationKeyCheck, validateCitationKey } from '../../shared/export/citationKey';
import type { ExportPaper } from '../../shared/export/types';
import type { Paper } from '../../shared/model';
import { readExportPapers } from './exportPapers';
import { emitLibraryChange } from './libraryEvents';
import type { ShelfmarkDb } from './ShelfmarkDb';

/** Every pinned key in the library, read from the index (papers without one are not in it). */
export async function pinnedCitationKeys(db: ShelfmarkDb): Promise<string[]> {
  return (await db.papers.orderBy('citationKey').uniqueKeys()) as string[];
}

/**
 * Pins a key on every paper of `ids` that has none, in one transaction, and returns all of them as
 * ExportPapers (in the order given) carrying their keys. Papers that already have a key keep it.
 * Pinning is not an edit: `updatedAt` ("last touched") stays as it was.
 */
export async function pinCitationKeys(db: ShelfmarkDb, ids: readonly string[]): Promise<ExportPaper[]> {
  return db.transaction('rw', db.papers, db.appearances, db.digests, async () => {
    const papers = await readExportPapers(db, ids);
    const unpinned = papers.filter((paper) => !paper.citationKey);
    if (unpinned.length === 0) return papers;
    const keys = assignCitationKeys(unpinned, await pinnedCitationKeys(db));
    const rows = await db.papers.bulkGet(unpinned.map((paper) => paper.id));
    const updated: Paper[] = [];
    for (const row of rows) {
      if (!row || row.citationKey) continue;
      row.citationKey = keys.get(row.id)!;
      updated.push(row);
    }
    // bulkUpdate, not bulkPut: only the citationKey index moves, so open lists do not reload.
    await db.papers.bulkUpdate(updated.map((row) => ({ key: row.id, changes: { citationKey: row.citationKey } })));
    for (const paper of unpinned) paper.citationKey = keys.get(paper.id)!;
    return papers;
  });
}

/** The paper's pinned key, pinning one now if it has none; null when the paper is gone. */
export async function pinCitationKey(db: ShelfmarkDb, id: string): Promise<string | null> {
  const [paper] = await pinCitationKeys(db, [id]);
  return paper?.citationKey ?? null;
}

/** Checks a key a person typed for `id`: the format, and no other paper using it (any case). */
export async function checkCitationKey(db: ShelfmarkDb, id: string, input: string): Promise<CitationKeyCheck> {
  const key = input.trim();
  const others = key === '' ? [] : await db.papers.where('citationKey').equalsIgnoreCase(key).toArray();
  return validateCitationKey(
    input,
    others.filter((paper) => paper.id !== id).map((paper) => paper.citationKey!),
  );
}

/**
 * Sets the key a person typed, after checking it in the same transaction (so two edits cannot
 * both take one key). Returns the check: on `ok: false` nothing was written.
 */
export async function setCitationKey(
  db: ShelfmarkDb,
  id: string,
  input: string,
  now = Date.now(),
): Promise<CitationKeyCheck> {
  const result = await db.transaction('rw', db.papers, async (): Promise<CitationKeyCheck> => {
    const check = await checkCitationKey(db, id, input);
    if (!check.ok) return check;
    const paper = await db.papers.get(id);
    if (!paper) return { ok: false, reason: 'This paper is no longer in the library.' };
    if (paper.citationKey !== check.key) {
      paper.citationKey = check.key;
      paper.updatedAt = now;
      await db.papers.put(paper);
    }
    return check;
  });
  if (result.ok) emitLibraryChange({ upserted: [id] });
  return result;
}
