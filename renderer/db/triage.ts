// Triage of a digest: each decision is one committed write with what it replaced, so any number
// of them can be undone in reverse. "Untriaged" needs no flag of its own: a paper of a digest
// is untriaged while it is still unread (and so not dismissed). Leaving a paper undecided keeps
// it untriaged; starring it, keeping it for later or dismissing it triages it.

import type { Digest, Paper } from '../../shared/model';
import { emitLibraryChange } from './libraryEvents';
import { applyQueueFields, nextQueueRank } from './readingQueue';
import { papersWithStatus, type ShelfmarkDb } from './ShelfmarkDb';

/** s: star and keep in Reading; r: keep for later (Reading); x: dismiss. */
export type TriageDecision = 'star' | 'keep' | 'dismiss';

type TriageFields = Pick<Paper, 'status' | 'starred' | 'readAt' | 'queueRank' | 'queuedAt' | 'updatedAt'>;

/** One committed decision, enough to put the paper back exactly. */
export interface TriageStep {
  paperId: string;
  decision: TriageDecision;
  before: TriageFields;
  /** The row as the decision left it (shown at once, no read needed). */
  after: Paper;
}

export function isUntriaged(paper: Pick<Paper, 'status'>): boolean {
  return paper.status === 'unread';
}

const fieldsOf = (p: Paper): TriageFields => ({
  status: p.status,
  starred: p.starred,
  readAt: p.readAt,
  queueRank: p.queueRank,
  queuedAt: p.queuedAt,
  updatedAt: p.updatedAt,
});

/** Applies a decision in one read-write transaction; resolves once it has committed. */
export async function decide(
  db: ShelfmarkDb,
  paperId: string,
  decision: TriageDecision,
  now = Date.now(),
): Promise<TriageStep | null> {
  const step = await writeDecision(db, paperId, decision, now);
  if (step) emitLibraryChange({ upserted: [paperId] });
  return step;
}

/**
 * The decision's transaction alone, telling no one (the triage worker's page tells its listeners
 * when the answer arrives: renderer/triage/decisionWriter).
 */
export function writeDecision(
  db: ShelfmarkDb,
  paperId: string,
  decision: TriageDecision,
  now: number,
): Promise<TriageStep | null> {
  return db.transaction('rw', db.papers, async (): Promise<TriageStep | null> => {
    const status = decision === 'dismiss' ? 'dismissed' : 'reading';
    // the row and the end of the queue read at once: one round trip before the write, not two
    const [paper, rank] = await Promise.all([
      db.papers.get(paperId),
      status === 'reading' ? nextQueueRank(db) : Promise.resolve(0),
    ]);
    if (!paper) return null;
    const before = fieldsOf(paper);
    const after: Paper = { ...paper };
    applyQueueFields(after, status, status === 'reading' && paper.status !== 'reading' ? rank : 0, now);
    after.status = status;
    after.readAt = null;
    if (decision === 'star') after.starred = 1;
    after.updatedAt = now;
    // the whole row, read in this transaction: one write, no second read as update() would make
    await db.papers.put(after);
    return { paperId, decision, before, after };
  });
}

/** Puts the paper back as it was before `step`; resolves once committed, with the restored row. */
export async function undoStep(db: ShelfmarkDb, step: TriageStep): Promise<Paper | null> {
  const restored = await db.transaction('rw', db.papers, async () => {
    const paper = await db.papers.get(step.paperId);
    if (!paper) return null;
    await db.papers.update(step.paperId, { ...step.before });
    return { ...paper, ...step.before };
  });
  if (restored) emitLibraryChange({ upserted: [step.paperId] });
  return restored;
}

/** A digest's papers in the order the digest listed them (keys only). */
export async function digestPaperIds(db: ShelfmarkDb, digestId: string): Promise<string[]> {
  const appearances = await db.appearances.where('digestId').equals(digestId).toArray();
  return appearances.sort((a, b) => a.position - b.position).map((a) => a.paperId);
}

/**
 * Untriaged papers per digest id. Keys only: every appearance's [digestId, paperId] and the
 * unread papers' ids, so it stays cheap with 100,000 papers and many digests.
 */
export async function untriagedCounts(db: ShelfmarkDb): Promise<Map<string, number>> {
  const [pairs, unread] = await Promise.all([
    db.appearances.toCollection().primaryKeys() as Promise<[string, string][]>,
    papersWithStatus(db, 'unread').primaryKeys() as Promise<string[]>,
  ]);
  const untriaged = new Set(unread);
  const counts = new Map<string, number>();
  for (const [digestId, paperId] of pairs) {
    const n = counts.get(digestId) ?? 0;
    counts.set(digestId, untriaged.has(paperId) ? n + 1 : n);
  }
  return counts;
}

/** Newest digest first (by digest date, then import time), as the sidebar lists them. */
export function byNewestDigest(a: Digest, b: Digest): number {
  return (b.date ?? '').localeCompare(a.date ?? '') || b.importedAt - a.importedAt;
}

/** The newest digest that still has untriaged papers, other than `except`; null when none. */
export async function newestDigestToTriage(db: ShelfmarkDb, except?: string): Promise<string | null> {
  const [digests, counts] = await Promise.all([db.digests.toArray(), untriagedCounts(db)]);
  const next = digests.sort(byNewestDigest).find((d) => d.id !== except && (counts.get(d.id) ?? 0) > 0);
  return next?.id ?? null;
}
