// What the sidebar, the toolbar and triage count, kept in memory: each paper's status, star and
// tags, and which papers each digest listed. Loaded once from index keys (never rows) after the
// first list paint, then kept in step by a Dexie middleware that sees every committed write to
// `papers` and `appearances`. Counting with IndexedDB instead costs a scan per count (a
// `count()` over 100,000 index entries takes about a second in Chromium) and, as a live query,
// re-ran after every write, so each triage decision queued behind seconds of reads.

import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTransaction, Middleware } from 'dexie';
import { READING_STATUSES, type ReadingStatus } from '../../shared/model';
import { papersWithStatus, type ShelfmarkDb, starredPapers } from './ShelfmarkDb';

export interface PaperFacts {
  status: ReadingStatus;
  starred: boolean;
  tags: readonly string[];
}

export interface ViewCounts {
  inbox: number;
  reading: number;
  read: number;
  dismissed: number;
  starred: number;
  all: number;
}

export interface TagCount {
  tag: string;
  count: number;
}

/** One committed write, as the middleware saw it. */
type Change =
  | { kind: 'paper'; id: string; after: PaperFacts | null }
  | { kind: 'appearance'; digestId: string; paperId: string; present: boolean }
  | { kind: 'reset' };

export type FactsState = 'idle' | 'loading' | 'ready' | 'failed';

const EMPTY_TAGS: readonly string[] = Object.freeze([]);

/** How long counts may lag a committed write (renderer/db/libraryFacts `changed`). */
export const NOTIFY_DELAY_MS = 100;

function factsOf(value: unknown): PaperFacts | null {
  if (typeof value !== 'object' || value === null) return null;
  const row = value as { status?: unknown; starred?: unknown; tags?: unknown };
  const status = READING_STATUSES.includes(row.status as ReadingStatus) ? (row.status as ReadingStatus) : 'unread';
  const tags = Array.isArray(row.tags) ? row.tags.filter((t): t is string => typeof t === 'string') : EMPTY_TAGS;
  return { status, starred: row.starred === 1, tags: tags.length ? tags : EMPTY_TAGS };
}

export class LibraryFacts {
  private papers = new Map<string, PaperFacts>();
  /** digest id → the papers it listed; paper id → the digests that listed it. */
  private digestPapers = new Map<string, Set<string>>();
  private paperDigests = new Map<string, Set<string>>();
  private statusCounts = new Map<ReadingStatus, number>();
  private starredCount = 0;
  private tagCountMap = new Map<string, number>();
  private untriaged = new Map<string, number>();
  private dismissed = new Set<string>();

  private stateValue: FactsState = 'idle';
  /** Writes committed while the load ran: replayed on top of it (every change is idempotent). */
  private backlog: Change[] | null = null;
  private versionValue = 0;
  private dismissedVersionValue = 0;
  private readonly listeners = new Set<() => void>();
  private notifyScheduled = false;
  private loadPromise: Promise<void> | null = null;
  /** Bumped by a reset: a load that started before it is thrown away. */
  private generation = 0;
  private readonly pendingByTransaction = new WeakMap<object, Change[]>();
  private cached: {
    version: number;
    counts: ViewCounts;
    tags: TagCount[];
    untriaged: ReadonlyMap<string, number>;
  } | null = null;

  constructor(private readonly db: ShelfmarkDb) {}

  get state(): FactsState {
    return this.stateValue;
  }

  /** Bumped on every change that reached the counts (for memoizing derived values). */
  get version(): number {
    return this.versionValue;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Loads once (again after a reset); later calls return the same promise. */
  load(): Promise<void> {
    this.loadPromise ??= this.runLoad(this.generation);
    return this.loadPromise;
  }

  private async runLoad(generation: number): Promise<void> {
    this.stateValue = 'loading';
    this.backlog = [];
    const db = this.db;
    try {
      const loaded = await db.transaction('r', db.papers, db.appearances, async () => {
        const byStatus = await Promise.all(
          READING_STATUSES.map(async (status) => ({
            status,
            ids: (await papersWithStatus(db, status).primaryKeys()) as string[],
          })),
        );
        const starred = (await starredPapers(db).primaryKeys()) as string[];
        const tagNames = (await db.papers.orderBy('tags').uniqueKeys()) as string[];
        const tagged = await Promise.all(
          tagNames.map(async (tag) => ({
            tag,
            ids: (await db.papers.where('tags').equals(tag).primaryKeys()) as string[],
          })),
        );
        const appearances = (await db.appearances.toCollection().primaryKeys()) as [string, string][];
        return { byStatus, starred, tagged, appearances };
      });
      if (generation !== this.generation) return this.loadPromise ?? undefined;
      this.clear();
      const starredSet = new Set(loaded.starred);
      const tagsOf = new Map<string, string[]>();
      for (const { tag, ids } of loaded.tagged) {
        for (const id of ids) {
          const list = tagsOf.get(id);
          if (list) list.push(tag);
          else tagsOf.set(id, [tag]);
        }
      }
      for (const { status, ids } of loaded.byStatus) {
        for (const id of ids) {
          this.setPaper(id, { status, starred: starredSet.has(id), tags: tagsOf.get(id) ?? EMPTY_TAGS });
        }
      }
      for (const [digestId, paperId] of loaded.appearances) this.setAppearance(digestId, paperId, true);
      const backlog = this.backlog ?? [];
      this.backlog = null;
      this.stateValue = 'ready';
      for (const change of backlog) this.apply(change);
    } catch (error) {
      if (generation !== this.generation) return this.loadPromise ?? undefined;
      this.backlog = null;
      this.stateValue = 'failed';
      this.loadPromise = null;
      console.error('Library counts could not be read', error);
    }
    this.changed();
  }

  // ---- reads -------------------------------------------------------------------------------

  viewCounts(): ViewCounts | undefined {
    return this.stateValue === 'ready' ? this.derived().counts : undefined;
  }

  /** Every tag in use with how many papers carry it, A→Z. */
  tagCounts(): TagCount[] | undefined {
    return this.stateValue === 'ready' ? this.derived().tags : undefined;
  }

  /** Papers of a digest still in the library. */
  digestSize(digestId: string): number | undefined {
    return this.stateValue === 'ready' ? (this.digestPapers.get(digestId)?.size ?? 0) : undefined;
  }

  /** Unread papers per digest id (a digest whose papers are all triaged has 0 or no entry). */
  untriagedCounts(): ReadonlyMap<string, number> | undefined {
    return this.stateValue === 'ready' ? this.derived().untriaged : undefined;
  }

  /** Bumped whenever the set of dismissed papers changes (for memoizing on `dismissedIds`). */
  get dismissedVersion(): number {
    return this.dismissedVersionValue;
  }

  /** Ids of dismissed papers: a live set, changed in place (read `dismissedVersion` to memoize). */
  dismissedIds(): ReadonlySet<string> | undefined {
    return this.stateValue === 'ready' ? this.dismissed : undefined;
  }

  paper(id: string): PaperFacts | undefined {
    return this.papers.get(id);
  }

  private derived(): { counts: ViewCounts; tags: TagCount[]; untriaged: ReadonlyMap<string, number> } {
    if (this.cached?.version !== this.versionValue) {
      const n = (status: ReadingStatus) => this.statusCounts.get(status) ?? 0;
      const counts: ViewCounts = {
        inbox: n('unread'),
        reading: n('reading'),
        read: n('read'),
        dismissed: n('dismissed'),
        starred: this.starredCount,
        all: this.papers.size,
      };
      const tags = [...this.tagCountMap]
        .filter(([, count]) => count > 0)
        .map(([tag, count]) => ({ tag, count }))
        .sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
      this.cached = { version: this.versionValue, counts, tags, untriaged: new Map(this.untriaged) };
    }
    return this.cached;
  }

  // ---- writes, from the middleware ------------------------------------------------------------

  /** Records a write; it reaches the counts when its transaction commits (never if it aborts). */
  record(trans: DBCoreTransaction, changes: Change[]): void {
    if (changes.length === 0) return;
    const target = trans as unknown as Partial<EventTarget>;
    if (typeof target.addEventListener !== 'function') {
      this.commit(changes);
      return;
    }
    const pending = this.pendingByTransaction.get(trans);
    if (pending) {
      pending.push(...changes);
      return;
    }
    const list = [...changes];
    this.pendingByTransaction.set(trans, list);
    target.addEventListener('complete', () => this.commit(list), { once: true });
  }

  /**
   * A paper written and committed by another connection (the triage decision worker), whose
   * writes this page's middleware does not see: counted as if it had.
   */
  recordCommitted(paperId: string, row: unknown): void {
    this.commit([{ kind: 'paper', id: paperId, after: factsOf(row) }]);
  }

  private commit(changes: Change[]): void {
    if (changes.some((change) => change.kind === 'reset')) {
      // a table was cleared (a restore): count again from scratch
      this.generation++;
      this.clear();
      this.backlog = null;
      this.stateValue = 'idle';
      this.loadPromise = null;
      void this.load();
      this.changed();
      return;
    }
    if (this.stateValue === 'loading') {
      this.backlog!.push(...changes);
      return;
    }
    if (this.stateValue !== 'ready') return; // nothing counted yet: the load will read it all
    for (const change of changes) this.apply(change);
    this.changed();
  }

  private apply(change: Change): void {
    if (change.kind === 'reset') return; // handled in commit
    if (change.kind === 'appearance') this.setAppearance(change.digestId, change.paperId, change.present);
    else this.setPaper(change.id, change.after);
  }

  private clear(): void {
    this.papers.clear();
    this.digestPapers.clear();
    this.paperDigests.clear();
    this.statusCounts.clear();
    this.starredCount = 0;
    this.tagCountMap.clear();
    this.untriaged.clear();
    this.dismissed.clear();
    this.dismissedVersionValue++;
  }

  private setPaper(id: string, after: PaperFacts | null): void {
    const before = this.papers.get(id);
    if (before) {
      this.statusCounts.set(before.status, (this.statusCounts.get(before.status) ?? 0) - 1);
      if (before.starred) this.starredCount--;
      for (const tag of before.tags) this.tagCountMap.set(tag, (this.tagCountMap.get(tag) ?? 0) - 1);
      if (before.status === 'dismissed' && this.dismissed.delete(id)) this.dismissedVersionValue++;
      if (before.status === 'unread') this.addUntriaged(id, -1);
    }
    if (after) {
      this.papers.set(id, after);
      this.statusCounts.set(after.status, (this.statusCounts.get(after.status) ?? 0) + 1);
      if (after.starred) this.starredCount++;
      for (const tag of after.tags) this.tagCountMap.set(tag, (this.tagCountMap.get(tag) ?? 0) + 1);
      if (after.status === 'dismissed' && !this.dismissed.has(id)) {
        this.dismissed.add(id);
        this.dismissedVersionValue++;
      }
      if (after.status === 'unread') this.addUntriaged(id, 1);
    } else {
      this.papers.delete(id);
    }
  }

  private addUntriaged(paperId: string, delta: number): void {
    for (const digestId of this.paperDigests.get(paperId) ?? []) {
      this.untriaged.set(digestId, (this.untriaged.get(digestId) ?? 0) + delta);
    }
  }

  private setAppearance(digestId: string, paperId: string, present: boolean): void {
    let papers = this.digestPapers.get(digestId);
    if (present === (papers?.has(paperId) ?? false)) return;
    const unread = this.papers.get(paperId)?.status === 'unread' ? 1 : 0;
    if (present) {
      if (!papers) this.digestPapers.set(digestId, (papers = new Set()));
      papers.add(paperId);
      let digests = this.paperDigests.get(paperId);
      if (!digests) this.paperDigests.set(paperId, (digests = new Set()));
      digests.add(digestId);
      this.untriaged.set(digestId, (this.untriaged.get(digestId) ?? 0) + unread);
    } else {
      papers!.delete(paperId);
      if (papers!.size === 0) this.digestPapers.delete(digestId);
      const digests = this.paperDigests.get(paperId);
      digests?.delete(digestId);
      if (digests?.size === 0) this.paperDigests.delete(paperId);
      const left = (this.untriaged.get(digestId) ?? 0) - unread;
      if (this.digestPapers.has(digestId)) this.untriaged.set(digestId, left);
      else this.untriaged.delete(digestId);
    }
  }

  /**
   * Listeners hear of changes at most once per NOTIFY_DELAY_MS, after the first change of a
   * burst: the sidebar's counts re-render once for a run of triage decisions, and not in the
   * moment the next paper is being rendered (its render and the counts' share one thread).
   * `version` moves at once, so anything rendered meanwhile reads the new counts.
   */
  private changed(): void {
    this.versionValue++;
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    setTimeout(() => {
      this.notifyScheduled = false;
      for (const listener of [...this.listeners]) listener();
    }, NOTIFY_DELAY_MS);
  }
}

/** What a write to `papers` or `appearances` changes, from the request and its response. */
export function changesOf(table: string, req: DBCoreMutateRequest, res: DBCoreMutateResponse): Change[] {
  const failed = new Set(Object.keys(res.failures ?? {}).map(Number));
  if (req.type === 'deleteRange') return [{ kind: 'reset' }];
  if (table === 'papers') {
    if (req.type === 'delete') return req.keys.map((id) => ({ kind: 'paper', id: String(id), after: null }));
    return req.values.flatMap((value, i): Change[] => {
      if (failed.has(i)) return [];
      const id = (value as { id?: unknown }).id;
      return typeof id === 'string' ? [{ kind: 'paper', id, after: factsOf(value) }] : [];
    });
  }
  if (req.type === 'delete') {
    return req.keys.flatMap((key): Change[] =>
      Array.isArray(key) && key.length === 2
        ? [{ kind: 'appearance', digestId: String(key[0]), paperId: String(key[1]), present: false }]
        : [],
    );
  }
  return req.values.flatMap((value, i): Change[] => {
    if (failed.has(i)) return [];
    const { digestId, paperId } = value as { digestId?: unknown; paperId?: unknown };
    return typeof digestId === 'string' && typeof paperId === 'string'
      ? [{ kind: 'appearance', digestId, paperId, present: true }]
      : [];
  });
}

/** The middleware that feeds `facts` every committed write to papers and appearances. */
export function libraryFactsMiddleware(facts: LibraryFacts): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'libraryFacts',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (name !== 'papers' && name !== 'appearances') return table;
        return {
          ...table,
          mutate: async (req) => {
            const res = await table.mutate(req);
            facts.record(req.trans, changesOf(name, req, res));
            return res;
          },
        };
      },
    }),
  };
}

const registry = new WeakMap<ShelfmarkDb, LibraryFacts>();

/** Attaches counting to a database before it opens; returns its facts. */
export function attachLibraryFacts(db: ShelfmarkDb): LibraryFacts {
  let facts = registry.get(db);
  if (!facts) {
    facts = new LibraryFacts(db);
    registry.set(db, facts);
    db.use(libraryFactsMiddleware(facts));
  }
  return facts;
}
