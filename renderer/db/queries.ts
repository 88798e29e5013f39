// Live reads for components. Rows stay in Dexie; components ask for what they show. Lists are
// read as primary keys straight from an index (never whole rows), rows load as they scroll in.

import Dexie, { type ObservabilitySet } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Appearance, Digest, Paper, ReadingStatus } from '../../shared/model';
import { type ListViewId, type SortKey, viewStatus } from '../views';
import { queuedPaperIds } from './readingQueue';
import { afterFirstListPaint } from '../perfMarks';
import type { LibraryFacts, TagCount, ViewCounts } from './libraryFacts';
import {
  DATABASE_NAME,
  getDb,
  getLibraryFacts,
  papersWithStatus,
  type ShelfmarkDb,
  starredPapers,
} from './ShelfmarkDb';

const SORT_INDEX: Record<SortKey, 'listOrder' | 'addedAt' | 'titleKey' | 'updatedAt'> = {
  digestDate: 'listOrder',
  added: 'addedAt',
  title: 'titleKey',
  touched: 'updatedAt',
};
/** Titles read A→Z; every date newest first. */
const DESCENDING: Record<SortKey, boolean> = { digestDate: true, added: true, title: false, touched: true };
/** Below this many papers, a tag or digest view sorts its rows in memory; above, it filters the sorted keys. */
const SMALL_SUBSET = 3_000;

/**
 * Ids of the papers in a sidebar view, in the chosen order. With `limit`, only the first ones
 * (a short cursor walk): the list paints from those while the whole key list loads.
 */
export async function viewPaperIds(
  db: ShelfmarkDb,
  view: ListViewId,
  sort: SortKey,
  limit?: number,
): Promise<string[]> {
  // Reading is a queue in the person's own order, whatever the sort (renderer/db/readingQueue).
  if (view === 'reading') {
    const queue = await queuedPaperIds(db);
    return limit !== undefined ? queue.slice(0, limit) : queue;
  }
  const index = SORT_INDEX[sort];
  const status = viewStatus(view);
  const first = status ?? (view === 'starred' ? 1 : null);
  if (first !== null && index !== 'listOrder') {
    // Only digest date has a compound index per status and star (schema version 6): under another
    // sort, the sort index's keys filtered by the view's members (keys only, two reads at once).
    const [sorted, members] = await Promise.all([
      db.papers.orderBy(index).primaryKeys() as Promise<string[]>,
      (first === 1 ? starredPapers(db) : papersWithStatus(db, first)).primaryKeys() as Promise<string[]>,
    ]);
    const inView = new Set(members);
    const ids = sorted.filter((id) => inView.has(id));
    if (DESCENDING[sort]) ids.reverse();
    if (limit === undefined) return ids;
    const page = ids.slice(0, limit);
    for (const paper of await db.papers.bulkGet(page)) if (paper) remember(paper);
    return page;
  }
  if (first !== null || view === 'all') {
    const collection = first === null ? db.papers.orderBy(index) : viewByDigestDate(db, first);
    if (limit !== undefined) {
      // The first page reads its rows in the same request (one round trip before the first
      // paint instead of two): the list's window finds them in the render cache.
      const rows = await (DESCENDING[sort] ? collection.reverse() : collection).limit(limit).toArray();
      rows.forEach(remember);
      return rows.map((paper) => paper.id);
    }
    // getAllKeys is one call; a reverse cursor walks key by key, so reverse in memory instead.
    const ids = (await collection.primaryKeys()) as string[];
    return DESCENDING[sort] ? ids.reverse() : ids;
  }
  const order = (ids: string[]) => (DESCENDING[sort] ? ids.reverse() : ids);

  const subset = view.startsWith('tag:')
    ? ((await db.papers.where('tags').equals(view.slice(4)).primaryKeys()) as string[])
    : (await db.appearances.where('digestId').equals(view.slice(7)).toArray()).map((a) => a.paperId);
  if (subset.length <= SMALL_SUBSET) {
    const rows = (await db.papers.bulkGet(subset)).filter((p): p is Paper => !!p);
    rows.sort((a, b) => compareBy(a, b, index));
    return order(rows.map((p) => p.id));
  }
  const members = new Set(subset);
  const all = (await db.papers.orderBy(index).primaryKeys()) as string[];
  return order(all.filter((id) => members.has(id)));
}

/** A status view's or the starred view's papers by digest date (their compound index). */
function viewByDigestDate(db: ShelfmarkDb, first: ReadingStatus | 1) {
  return first === 1 ? starredPapers(db) : papersWithStatus(db, first);
}

/** Status and starred views sorted other than by digest date: read whole, never a first page. */
function filteredView(view: ListViewId, sort: SortKey): boolean {
  return SORT_INDEX[sort] !== 'listOrder' && view !== 'reading' && (viewStatus(view) !== null || view === 'starred');
}

function compareBy(a: Paper, b: Paper, key: 'listOrder' | 'addedAt' | 'titleKey' | 'updatedAt'): number {
  const x = a[key];
  const y = b[key];
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Enough rows to fill the tallest window before the whole key list has loaded. */
const FIRST_PAGE = 60;

export interface ViewIds {
  ids: string[];
  /** False while only the first page is known. */
  complete: boolean;
}

/** The index a view's full key list is read from, as Dexie names its change notifications. */
function viewIndexParts(view: ListViewId, sort: SortKey): string[] {
  const index = SORT_INDEX[sort];
  const papers = (name: string) => `idb://${DATABASE_NAME}/papers/${name}`;
  const dels = papers(':dels');
  const byStatus = papers('[status+listOrder]');
  const byStar = papers('[starred+listOrder]');
  if (view === 'reading') return [papers('queueRank'), byStatus, dels];
  // under another sort than digest date, the sort index moves the view too (filteredView)
  const sorted = index === 'listOrder' ? [] : [papers(index)];
  if (viewStatus(view) !== null) return [byStatus, ...sorted, dels];
  if (view === 'starred') return [byStar, ...sorted, dels];
  if (view === 'all') return [papers(index), dels];
  if (view.startsWith('tag:')) return [papers('tags'), papers(index), dels];
  return [`idb://${DATABASE_NAME}/appearances/`, papers(index), dels];
}

/**
 * The view's ids: the first page at once (a live query, cheap), then all of them (keys only,
 * never rows) once that page is painted: IndexedDB answers requests in the order they were
 * made, so a 100,000-key read issued first would hold back the first rows. The full list
 * reloads only when a write moved the index it reads (Dexie's change notifications name the
 * index), batched, one load at a time: a star, a note or a pinned citation key never reloads
 * 100,000 keys. Nothing is read while `enabled` is false (no list on screen).
 */
export function useViewPaperIds(view: ListViewId, sort: SortKey, enabled = true): ViewIds | undefined {
  const key = `${view}\u0000${sort}`;
  // a filtered view has no cheap first page: its whole list is read at once, below
  const filtered = filteredView(view, sort);
  const first = useLiveQuery(
    async () => (enabled && !filtered ? { key, ids: await viewPaperIds(getDb(), view, sort, FIRST_PAGE) } : undefined),
    [key, view, sort, enabled, filtered],
  );
  const firstComplete = first?.key === key && first.ids.length < FIRST_PAGE;
  const needsAll = enabled && (filtered || (first?.key === key && !firstComplete));
  const [all, setAll] = useState<{ key: string; ids: string[] } | undefined>(undefined);
  useEffect(() => {
    if (!needsAll) return;
    let cancelled = false;
    let loading = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      if (loading) {
        again = true;
        return;
      }
      loading = true;
      try {
        do {
          again = false;
          const ids = await viewPaperIds(getDb(), view, sort);
          if (!cancelled) setAll({ key, ids });
        } while (again && !cancelled);
      } finally {
        loading = false;
      }
    };
    const cancelFirstLoad = filtered ? (void load(), () => undefined) : afterFirstListPaint(() => void load(), 1_000);
    const parts = viewIndexParts(view, sort);
    const onMutated = (mutated: ObservabilitySet) => {
      // Every write lists every index; the ones it really moved hold a range ('from').
      const moved = Object.entries(mutated).some(
        ([part, range]) => 'from' in range && parts.some((p) => part.startsWith(p)),
      );
      if (!moved) return;
      clearTimeout(timer);
      timer = setTimeout(() => void load(), 150);
    };
    Dexie.on('storagemutated', onMutated);
    return () => {
      cancelled = true;
      cancelFirstLoad();
      clearTimeout(timer);
      Dexie.on('storagemutated').unsubscribe(onMutated);
    };
  }, [key, view, sort, needsAll, filtered]);
  if (!enabled) return undefined;
  if (firstComplete) return { ids: first.ids, complete: true };
  if (all?.key === key) return { ids: all.ids, complete: true };
  if (first?.key === key) return { ids: first.ids, complete: false };
  return undefined;
}

/** Papers in the library (undefined until the library facts are loaded). */
export function useLibraryCount(): number | undefined {
  return useLibraryFacts((facts) => facts.viewCounts()?.all);
}

/**
 * Rows the list has just shown, by id, so the detail pane can show a paper in the same frame
 * the cursor reaches it instead of after a read that may queue behind a write. A render cache
 * only: the live query below replaces it as soon as it answers.
 */
const recentRows = new Map<string, Paper>();
const RECENT_LIMIT = 400;

function remember(paper: Paper): void {
  recentRows.delete(paper.id);
  recentRows.set(paper.id, paper);
  if (recentRows.size > RECENT_LIMIT) recentRows.delete(recentRows.keys().next().value!);
}

/**
 * Reads the rows among `ids` the render cache lacks, into it: a search reads its first results'
 * rows before it shows them, so the list shows them in the same frame as the new order instead
 * of placeholders first.
 */
export async function prefetchRows(ids: readonly string[]): Promise<void> {
  const missing = ids.filter((id) => !recentRows.has(id));
  if (missing.length === 0) return;
  for (const paper of await getDb().papers.bulkGet(missing)) if (paper) remember(paper);
}

export function usePaper(id: string | null): Paper | null | undefined {
  const live = useLiveQuery(async () => {
    const paper = id ? ((await getDb().papers.get(id)) ?? null) : null;
    if (paper) remember(paper);
    return { id, paper };
  }, [id]);
  if (live && live.id === id) return live.paper;
  return id ? recentRows.get(id) : null;
}

/**
 * The rows of the list's visible window, read in one live query (one bulkGet per window
 * change, instead of one query per row). Until it answers, rows the list showed before come
 * from the render cache.
 */
export function useWindowPapers(ids: readonly string[]): Map<string, Paper> {
  const key = ids.join('\n');
  const live = useLiveQuery(async () => {
    const papers = await getDb().papers.bulkGet([...ids]);
    const map = new Map<string, Paper>();
    for (const paper of papers) {
      if (!paper) continue;
      remember(paper);
      map.set(paper.id, paper);
    }
    return { key, map };
  }, [key]);
  if (live && live.key === key) return live.map;
  const cached = new Map<string, Paper>();
  for (const id of ids) {
    const paper = recentRows.get(id);
    if (paper) cached.set(id, paper);
  }
  return cached;
}

export interface PaperAppearance extends Appearance {
  digest: Digest | undefined;
}

/** The digests a paper appeared in, newest first. */
export function usePaperAppearances(id: string | null): PaperAppearance[] | undefined {
  return useLiveQuery(async () => {
    if (!id) return [];
    const db = getDb();
    const appearances = await db.appearances.where('paperId').equals(id).toArray();
    const digests = await db.digests.bulkGet(appearances.map((a) => a.digestId));
    return appearances
      .map((appearance, i) => ({ ...appearance, digest: digests[i] }))
      .sort((a, b) => (b.digestDate ?? '').localeCompare(a.digestDate ?? ''));
  }, [id]);
}

export type { ViewCounts } from './libraryFacts';

/**
 * A read of the in-memory library facts (renderer/db/libraryFacts), re-rendered when they
 * change. They load once the first list rows are painted (their key scans never delay them);
 * until then reads answer undefined.
 */
export function useLibraryFacts<T>(read: (facts: LibraryFacts) => T, isEqual: (a: T, b: T) => boolean = Object.is): T {
  const facts = getLibraryFacts();
  useEffect(() => afterFirstListPaint(() => void facts.load(), FACTS_FALLBACK_MS), [facts]);
  // The component renders again only when what it reads changed (by `isEqual`), not on every
  // change to the facts: a triage decision changes the counts, and the app around the triage
  // view reads none of them.
  const last = useRef<{ value: T } | null>(null);
  return useSyncExternalStore(
    useCallback((onChange) => facts.subscribe(onChange), [facts]),
    () => {
      const value = read(facts);
      const kept = last.current;
      if (kept && isEqual(kept.value, value)) return kept.value;
      last.current = { value };
      return value;
    },
  );
}

function sameCounts(a: ViewCounts | undefined, b: ViewCounts | undefined): boolean {
  if (!a || !b) return a === b;
  return (Object.keys(a) as (keyof ViewCounts)[]).every((key) => a[key] === b[key]);
}

function sameTagCounts(a: TagCount[] | undefined, b: TagCount[] | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((entry, i) => entry.tag === b[i]!.tag && entry.count === b[i]!.count);
}

/** When no list row paints (an empty view), the counts load after this long anyway. */
const FACTS_FALLBACK_MS = 1_500;

export function useViewCounts(): ViewCounts | undefined {
  return useLibraryFacts((facts) => facts.viewCounts(), sameCounts);
}

/**
 * Whether the library has no papers at all (undefined until known). One key read until the
 * library counts have loaded, then from the counts: a live read here would run again after every
 * write to papers, and its read-only transaction would hold back the next write (a triage
 * decision waits behind it).
 */
export function useLibraryIsEmpty(): boolean | undefined {
  const all = useLibraryCount();
  const counted = all !== undefined;
  const probed = useLiveQuery(
    async () => (counted ? null : (await getDb().papers.limit(1).primaryKeys()).length === 0),
    [counted],
  );
  return counted ? all === 0 : (probed ?? undefined);
}

export type { TagCount } from './libraryFacts';

/** Every tag in use with how many papers carry it, A→Z (read from the tags index). */
export async function tagCounts(db: ShelfmarkDb): Promise<TagCount[]> {
  const tags = (await db.papers.orderBy('tags').uniqueKeys()) as string[];
  const counts = await Promise.all(tags.map((tag) => db.papers.where('tags').equals(tag).count()));
  return tags.map((tag, i) => ({ tag, count: counts[i]! }));
}

export function useTagCounts(): TagCount[] | undefined {
  return useLibraryFacts((facts) => facts.tagCounts(), sameTagCounts);
}

export interface DigestEntry extends Digest {
  /** Papers of this digest still in the library; undefined until counted. */
  papersInLibrary: number | undefined;
}

/** Imported digests, newest digest date first (undated last), with their paper counts. */
export function useDigests(): DigestEntry[] | undefined {
  const digests = useLiveQuery(
    async () =>
      (await getDb().digests.toArray()).sort(
        (a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.importedAt - a.importedAt,
      ),
    [],
  );
  // each digest's size, as one value that changes only when one of them does
  const sizes = useLibraryFacts((facts) => digests?.map((digest) => facts.digestSize(digest.id) ?? '').join(','));
  return useMemo(() => {
    const facts = getLibraryFacts();
    return digests?.map((digest) => ({ ...digest, papersInLibrary: facts.digestSize(digest.id) }));
    // `sizes` changes whenever a size read here does
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [digests, sizes]);
}
