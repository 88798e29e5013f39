// The Reading queue's order, which the person controls: each paper in Reading carries a
// `queueRank` (ascending = read first). A paper entering Reading joins the end; "move to top"
// takes a rank below the first; a drag or a keyboard move takes the midpoint of its new
// neighbours, and the whole queue is renumbered only when there is no room left between them.

import Dexie, { type Transaction } from 'dexie';
import type { Paper, ReadingStatus } from '../../shared/model';
import { emitLibraryChange } from './libraryEvents';
import { papersWithStatus, type ShelfmarkDb } from './ShelfmarkDb';

/** Schema version 5's upgrade: papers already in Reading get ranks in the order the view showed them. */
export async function rankReadingQueue(tx: Transaction): Promise<void> {
  const papers = tx.table<Paper, string>('papers');
  // [status+listOrder] exists from version 2 on, including the versions after this one
  const reading = await papers
    .where('[status+listOrder]')
    .between(['reading', Dexie.minKey], ['reading', Dexie.maxKey], true, true)
    .toArray();
  // The Reading view's default order was newest digest first.
  reading.sort((a, b) => (a.listOrder < b.listOrder ? 1 : a.listOrder > b.listOrder ? -1 : a.id < b.id ? -1 : 1));
  await papers.bulkUpdate(
    reading.map((paper, i) => ({ key: paper.id, changes: { queueRank: i + 1, queuedAt: paper.updatedAt } })),
  );
}

/** The rank after the last queued paper (1 for an empty queue). Call inside the write's transaction. */
export async function nextQueueRank(db: ShelfmarkDb): Promise<number> {
  const last = await db.papers.orderBy('queueRank').last();
  return typeof last?.queueRank === 'number' ? Math.floor(last.queueRank) + 1 : 1;
}

/**
 * Sets the queue fields for a status change, before `paper.status` changes: entering Reading
 * joins the queue at `rank` and stamps `queuedAt`; leaving it clears both. True when `rank` was used.
 */
export function applyQueueFields(paper: Paper, status: ReadingStatus, rank: number, now: number): boolean {
  if (status === 'reading' && paper.status !== 'reading') {
    paper.queueRank = rank;
    paper.queuedAt = now;
    return true;
  }
  if (status !== 'reading' && (paper.status === 'reading' || paper.queueRank != null)) {
    paper.queueRank = null;
    paper.queuedAt = null;
  }
  return false;
}

/**
 * The queue in order: ranked papers by rank, then papers in Reading without a rank (restored
 * from a backup older than version 5) in key order. Keys only.
 */
export async function queuedPaperIds(db: ShelfmarkDb): Promise<string[]> {
  const [ranked, reading] = await Promise.all([
    db.papers.orderBy('queueRank').primaryKeys() as Promise<string[]>,
    papersWithStatus(db, 'reading').primaryKeys() as Promise<string[]>,
  ]);
  const inReading = new Set(reading);
  const ordered = ranked.filter((id) => inReading.has(id));
  if (ordered.length === reading.length) return ordered;
  const seen = new Set(ordered);
  return [...ordered, ...reading.filter((id) => !seen.has(id))];
}

/**
 * Moves a queued paper to position `toIndex` (0 = top) of the queue. Returns false when the
 * paper is not in Reading. One transaction; only the moved paper is written unless the queue
 * needs renumbering.
 */
export async function moveInQueue(db: ShelfmarkDb, id: string, toIndex: number, now = Date.now()): Promise<boolean> {
  let moved = false;
  let renumbered: string[] = [];
  await db.transaction('rw', db.papers, async () => {
    const order = await queuedPaperIds(db);
    const from = order.indexOf(id);
    if (from < 0) return;
    const target = Math.max(0, Math.min(order.length - 1, toIndex));
    moved = true;
    if (from === target) return;
    const rest = order.filter((x) => x !== id);
    const rows = await db.papers.bulkGet(rest);
    const rankOf = (i: number) => rows[i]?.queueRank;
    const above = target > 0 ? rankOf(target - 1) : undefined;
    const below = target < rest.length ? rankOf(target) : undefined;
    let rank: number | null = null;
    if (target === 0 && typeof below === 'number') rank = below - 1;
    else if (target === rest.length && typeof above === 'number') rank = above + 1;
    else if (typeof above === 'number' && typeof below === 'number') {
      const mid = (above + below) / 2;
      if (mid > above && mid < below) rank = mid;
    }
    if (rank !== null) {
      await db.papers.update(id, { queueRank: rank, updatedAt: now });
      return;
    }
    // No room between the neighbours (or unranked papers in the queue): renumber 1..n.
    const next = [...rest.slice(0, target), id, ...rest.slice(target)];
    await db.papers.bulkUpdate(next.map((key, i) => ({ key, changes: { queueRank: i + 1 } })));
    await db.papers.update(id, { updatedAt: now });
    renumbered = next;
  });
  if (moved) emitLibraryChange({ upserted: renumbered.length > 0 ? renumbered : [id] });
  return moved;
}

export function moveToTopOfQueue(db: ShelfmarkDb, id: string, now = Date.now()): Promise<boolean> {
  return moveInQueue(db, id, 0, now);
}

/** Moves a queued paper up (negative) or down (positive) by `delta` places. */
export async function moveInQueueBy(db: ShelfmarkDb, id: string, delta: number, now = Date.now()): Promise<boolean> {
  const order = await queuedPaperIds(db);
  const at = order.indexOf(id);
  if (at < 0) return false;
  return moveInQueue(db, id, at + delta, now);
}
