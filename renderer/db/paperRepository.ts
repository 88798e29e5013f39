// Every user edit of papers: star, status, tags, notes, delete and its undo. Each is one
// transaction, stamps updatedAt ("last touched"), and announces the change once committed.

import type { Appearance, Paper, ReadingStatus } from '../../shared/model';
import { emitLibraryChange } from './libraryEvents';
import { applyQueueFields, nextQueueRank } from './readingQueue';
import type { ShelfmarkDb } from './ShelfmarkDb';

// `r` cycles unread → reading → read only; on a dismissed paper it means "read this after all".
const NEXT_STATUS: Record<ReadingStatus, ReadingStatus> = {
  unread: 'reading',
  reading: 'read',
  read: 'unread',
  dismissed: 'reading',
};

export function nextStatus(status: ReadingStatus): ReadingStatus {
  return NEXT_STATUS[status];
}

/** "  Large  Language Models " → "large-language-models"; null when nothing is left. */
export function normalizeTag(raw: string): string | null {
  const tag = raw
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/^#+/, '')
    .replace(/[\s,]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48);
  return tag.length > 0 ? tag : null;
}

/**
 * Applies `change` to each paper and writes only the fields it changed, through bulkUpdate:
 * Dexie then knows the old values and tells live queries exactly which indexes moved (a
 * bulkPut of whole rows would mark every index, re-running every list in the window).
 */
async function modify(
  db: ShelfmarkDb,
  ids: readonly string[],
  change: (paper: Paper) => boolean,
  now: number,
  /** Reads the change needs, inside the same transaction (e.g. the next queue rank). */
  prepare?: () => Promise<void>,
): Promise<number> {
  if (ids.length === 0) return 0;
  let changed = 0;
  await db.transaction('rw', db.papers, async () => {
    await prepare?.();
    const papers = await db.papers.bulkGet([...ids]);
    const updates: { key: string; changes: Partial<Paper> }[] = [];
    for (const paper of papers) {
      if (!paper) continue;
      const before = { ...paper };
      if (!change(paper)) continue;
      const changes: Partial<Paper> = { updatedAt: now };
      for (const field of Object.keys(paper) as (keyof Paper)[]) {
        if (paper[field] !== before[field]) (changes as Record<string, unknown>)[field] = paper[field];
      }
      updates.push({ key: paper.id, changes });
    }
    if (updates.length > 0) await db.papers.bulkUpdate(updates);
    changed = updates.length;
  });
  if (changed > 0) emitLibraryChange({ upserted: [...ids] });
  return changed;
}

export function setStarred(db: ShelfmarkDb, ids: readonly string[], starred: boolean, now = Date.now()) {
  const value = starred ? 1 : 0;
  return modify(
    db,
    ids,
    (paper) => {
      if (paper.starred === value) return false;
      paper.starred = value;
      return true;
    },
    now,
  );
}

/** Stars an unstarred paper and unstars a starred one; returns the new state. */
// Toggles read and write in one transaction: two quick presses of a key then toggle twice,
// instead of both reading the state from before the first write.
export function toggleStar(db: ShelfmarkDb, id: string, now = Date.now()): Promise<boolean> {
  return db.transaction('rw', db.papers, async () => {
    const paper = await db.papers.get(id);
    if (!paper) return false;
    await setStarred(db, [id], paper.starred !== 1, now);
    return paper.starred !== 1;
  });
}

/**
 * Read papers remember when they were read; leaving "read" forgets it. Papers entering Reading
 * join the end of the queue (in `ids` order) with `queuedAt`; leaving Reading leaves the queue.
 */
export function setStatus(db: ShelfmarkDb, ids: readonly string[], status: ReadingStatus, now = Date.now()) {
  let rank = 0;
  return modify(
    db,
    ids,
    (paper) => {
      if (paper.status === status) return false;
      if (applyQueueFields(paper, status, rank, now)) rank++;
      paper.status = status;
      paper.readAt = status === 'read' ? now : null;
      return true;
    },
    now,
    status === 'reading'
      ? async () => {
          rank = await nextQueueRank(db);
        }
      : undefined,
  );
}

/** unread → reading → read → unread; returns the new status. */
export function cycleStatus(db: ShelfmarkDb, id: string, now = Date.now()): Promise<ReadingStatus | null> {
  return db.transaction('rw', db.papers, async () => {
    const paper = await db.papers.get(id);
    if (!paper) return null;
    const status = nextStatus(paper.status);
    await setStatus(db, [id], status, now);
    return status;
  });
}

export function addTag(db: ShelfmarkDb, ids: readonly string[], rawTag: string, now = Date.now()) {
  const tag = normalizeTag(rawTag);
  if (!tag) return Promise.resolve(0);
  return modify(
    db,
    ids,
    (paper) => {
      if (paper.tags.includes(tag)) return false;
      paper.tags = [...paper.tags, tag];
      return true;
    },
    now,
  );
}

export function removeTag(db: ShelfmarkDb, ids: readonly string[], tag: string, now = Date.now()) {
  return modify(
    db,
    ids,
    (paper) => {
      if (!paper.tags.includes(tag)) return false;
      paper.tags = paper.tags.filter((t) => t !== tag);
      return true;
    },
    now,
  );
}

export function setNotes(db: ShelfmarkDb, id: string, notes: string, now = Date.now()) {
  return modify(
    db,
    [id],
    (paper) => {
      if (paper.notes === notes) return false;
      paper.notes = notes;
      return true;
    },
    now,
  );
}

/** What a delete removed, kept by the undo toast to put it back exactly. */
export interface DeletedPapers {
  papers: Paper[];
  appearances: Appearance[];
}

export async function deletePapers(db: ShelfmarkDb, ids: readonly string[]): Promise<DeletedPapers> {
  const deleted: DeletedPapers = { papers: [], appearances: [] };
  if (ids.length === 0) return deleted;
  await db.transaction('rw', db.papers, db.appearances, async () => {
    deleted.papers = (await db.papers.bulkGet([...ids])).filter((p): p is Paper => !!p);
    deleted.appearances = await db.appearances
      .where('paperId')
      .anyOf([...ids])
      .toArray();
    await db.appearances.bulkDelete(deleted.appearances.map((a) => [a.digestId, a.paperId] as [string, string]));
    await db.papers.bulkDelete(deleted.papers.map((p) => p.id));
  });
  emitLibraryChange({ removed: deleted.papers.map((p) => p.id) });
  return deleted;
}

export async function restorePapers(db: ShelfmarkDb, deleted: DeletedPapers): Promise<void> {
  await db.transaction('rw', db.papers, db.appearances, async () => {
    await db.papers.bulkPut(deleted.papers);
    await db.appearances.bulkPut(deleted.appearances);
  });
  emitLibraryChange({ upserted: deleted.papers.map((p) => p.id) });
}
