// The Import History: every import's report, refused files included, and undoing a whole import.
//
// Undo removes what only that import brought in. A paper it added is deleted, unless another
// digest also lists it or the person has made it theirs (starred, status moved on from unread,
// notes, tags or a citation key other than the ones the file itself supplied); such papers stay.
// Papers it merged into keep the metadata it filled in: that metadata is the paper's public
// record (authors, ids, a longer abstract), a later import may have relied on it, and removing
// it would lose nothing the person wrote but could lose something true. Every kept paper's
// digest date is recomputed from the digests still listing it. The digest and its appearances
// go; the record stays in the history, marked undone. All of it is one transaction.

import { useLiveQuery } from 'dexie-react-hooks';
import type { DateBasis, ImportSource } from '../../shared/ipc';
import type { Appearance, Paper } from '../../shared/model';
import { listOrderFor } from './importDigest';
import type { ImportRecord } from './importRecord';
import { emitLibraryChange } from './libraryEvents';
import { getDb, type ShelfmarkDb } from './ShelfmarkDb';

/** How many imports the history view lists (newest first). */
export const HISTORY_LIMIT = 500;

export async function importHistory(db: ShelfmarkDb, limit = HISTORY_LIMIT): Promise<ImportRecord[]> {
  return db.imports.orderBy('importedAt').reverse().limit(limit).toArray();
}

export function useImportHistory(): ImportRecord[] | undefined {
  return useLiveQuery(() => importHistory(getDb()), []);
}

/** A file main refused (unreadable, no format, over the cap) still gets its line in the history. */
export async function recordRefusedImport(
  db: ShelfmarkDb,
  refused: { fileName: string; error: string; source?: ImportSource; now?: number },
): Promise<ImportRecord> {
  const record: ImportRecord = {
    id: crypto.randomUUID(),
    importedAt: refused.now ?? Date.now(),
    fileName: refused.fileName,
    source: refused.source ?? null,
    outcome: 'refused',
    digestId: null,
    format: null,
    innerFormat: null,
    encoding: null,
    sizeBytes: null,
    digestDate: null,
    dateBasis: null,
    papersInFile: 0,
    added: 0,
    merged: 0,
    alreadyPresent: 0,
    warnings: [],
    moreWarnings: 0,
    error: refused.error,
    addedPaperIds: [],
    mergedPaperIds: [],
    importedUserFields: [],
    undo: null,
  };
  await db.imports.add(record);
  return record;
}

export interface UndoResult {
  /** Papers deleted: only this import had brought them in. */
  removed: string[];
  /** Papers this import added that stay because the person made them theirs. */
  keptForUserData: string[];
  /** Papers that stay because another digest lists them too (their digest date is recomputed). */
  stillListed: string[];
}

export class UndoImportError extends Error {
  override name = 'UndoImportError';
}

export async function undoImport(db: ShelfmarkDb, importId: string, now = Date.now()): Promise<UndoResult> {
  const result: UndoResult = { removed: [], keptForUserData: [], stillListed: [] };
  await db.transaction('rw', [db.papers, db.digests, db.appearances, db.imports], async () => {
    const record = await db.imports.get(importId);
    if (!record) throw new UndoImportError('This import is no longer in the history.');
    if (record.outcome !== 'imported' || !record.digestId) {
      throw new UndoImportError(
        `${record.fileName}: only a committed import can be undone (this one is ${record.outcome}).`,
      );
    }
    const digestId = record.digestId;
    const appearances = await db.appearances.where('digestId').equals(digestId).toArray();
    const paperIds = appearances.map((a) => a.paperId);
    const [papers, elsewhere] = await Promise.all([
      db.papers.bulkGet(paperIds),
      db.appearances.where('paperId').anyOf(paperIds).toArray(),
    ]);
    const otherAppearances = elsewhere.filter((a) => a.digestId !== digestId);
    const otherDigests = new Map(
      (await db.digests.bulkGet([...new Set(otherAppearances.map((a) => a.digestId))]))
        .filter((d) => d !== undefined)
        .map((d) => [d.id, d]),
    );
    const byPaper = new Map<string, Appearance[]>();
    for (const a of otherAppearances) byPaper.set(a.paperId, [...(byPaper.get(a.paperId) ?? []), a]);
    const added = new Set(record.addedPaperIds);
    const givenByFile = new Map(record.importedUserFields.map((f) => [f.id, f]));

    const updated: Paper[] = [];
    for (const paper of papers) {
      if (!paper) continue;
      const others = byPaper.get(paper.id) ?? [];
      if (others.length === 0) {
        if (added.has(paper.id)) {
          if (hasUserData(paper, givenByFile.get(paper.id))) result.keptForUserData.push(paper.id);
          else result.removed.push(paper.id);
        }
        continue; // merged into and listed nowhere else: kept as it is
      }
      if (added.has(paper.id)) result.stillListed.push(paper.id);
      // The newest remaining listing decides where the paper sorts.
      let newest = others[0]!;
      for (const a of others) if ((a.digestDate ?? '') > (newest.digestDate ?? '')) newest = a;
      const lastDigestDate = newest.digestDate ?? '';
      const importedAt = otherDigests.get(newest.digestId)?.importedAt ?? paper.addedAt;
      const listOrder = listOrderFor(newest.digestDate, importedAt, newest.position);
      if (paper.lastDigestDate !== lastDigestDate || paper.listOrder !== listOrder) {
        updated.push({ ...paper, lastDigestDate, listOrder });
      }
    }
    await db.papers.bulkDelete(result.removed);
    await db.papers.bulkPut(updated);
    await db.appearances.bulkDelete(appearances.map((a) => [a.digestId, a.paperId] as [string, string]));
    await db.digests.delete(digestId);
    await db.imports.update(importId, {
      outcome: 'undone',
      undo: {
        at: now,
        removed: result.removed.length,
        kept: result.keptForUserData.length + result.stillListed.length,
        restored: updated.length,
      },
    });
  });
  emitLibraryChange({
    removed: result.removed,
    upserted: [...result.keptForUserData, ...result.stillListed],
  });
  return result;
}

/** True when the person has made the paper theirs since the import created it. */
export function hasUserData(paper: Paper, givenByFile?: { tags: string[]; citationKey: string | null }): boolean {
  if (paper.starred === 1 || paper.status !== 'unread' || paper.notes.trim() !== '') return true;
  const tags = givenByFile?.tags ?? [];
  if (paper.tags.length !== tags.length || paper.tags.some((t, i) => t !== tags[i])) return true;
  return paper.citationKey !== (givenByFile?.citationKey ?? null);
}

/** "year from the file's modification date (20 Mar 2026)" and the like, for the report. */
export function describeDateBasis(basis: DateBasis | null): string {
  switch (basis?.kind) {
    case 'mtime':
      return `year from the file's modification date (${basis.reference})`;
    case 'email-date':
      return `year from the e-mail's Date header (${basis.reference})`;
    case 'in-file':
      return 'stated in the file';
    case 'none':
      return 'the file has no date';
    default:
      return '';
  }
}

export const SOURCE_LABELS: Record<ImportSource, string> = {
  dialog: 'Import dialog',
  drop: 'Dropped on the window',
  inbox: 'Inbox folder',
  'command-line': 'Command line',
  'open-file': 'Opened with Shelfmark',
  'second-instance': 'Opened with Shelfmark',
};
