// The app's side of the search worker: sends queries (one in flight, the newest waiting),
// maps result slots back to paper ids, and forwards library changes to the index.

import Dexie from 'dexie';
import { useSyncExternalStore } from 'react';
import { onLibraryChange } from '../db/libraryEvents';
import { DATABASE_NAME, getLibraryFacts } from '../db/ShelfmarkDb';
import type { ListViewId, ResultOrder } from '../views';
import type { SearchRequest, SearchResponse } from './protocol';

/**
 * A catch-up request carrying the library size the page already knows: the worker then needs no
 * count() scan of the papers (about a second at 100,000 in Chromium, and it queued ahead of the
 * next write) to tell whether papers were added or removed behind its back.
 */
function syncRequest(ids?: string[]): SearchRequest {
  const total = getLibraryFacts().viewCounts()?.all;
  return { type: 'sync', ...(total === undefined ? {} : { total }), ...(ids?.length ? { ids } : {}) };
}

/** True for Dexie's mark of a cleared table (a range from -Infinity), not for written keys. */
function isWholeRange(range: unknown): boolean {
  const node = range as { from?: unknown; l?: unknown; r?: unknown } | undefined;
  if (!node || typeof node !== 'object') return false;
  return node.from === -Infinity || isWholeRange(node.l) || isWholeRange(node.r);
}

/** Calls `visit` with each single key of a Dexie range set (ranges of keys are left to the count check). */
function collectPaperIds(range: unknown, visit: (key: unknown) => void): void {
  const node = range as { from?: unknown; to?: unknown; l?: unknown; r?: unknown } | undefined;
  if (!node || typeof node !== 'object') return;
  if ('from' in node && sameKey(node.from, node.to)) visit(node.from);
  collectPaperIds(node.l, visit);
  collectPaperIds(node.r, visit);
}

function sameKey(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => v === b[i]);
}

export interface SearchOutcome {
  query: string;
  view: ListViewId;
  order: ResultOrder;
  ids: string[];
  terms: string[];
  lastIsPrefix: boolean;
  partial: boolean;
  /** Time the worker spent searching. */
  searchMs: number;
}

export interface IndexStatus {
  state: 'building' | 'ready' | 'error';
  indexed: number;
  total: number;
  message?: string;
}

interface Pending {
  query: string;
  view: ListViewId;
  order: ResultOrder;
  resolve(outcome: SearchOutcome | null): void;
}

/** Quiet time after an edit before the index takes it in, and the longest an edit waits. */
const UPSERT_QUIET_MS = 150;
const UPSERT_MAX_WAIT_MS = 5_000;

export class SearchClient {
  private readonly slotIds: string[] = [];
  private seq = 0;
  private inFlight: (Pending & { seq: number }) | null = null;
  private waiting: Pending | null = null;
  private readonly readyListeners = new Set<() => void>();

  constructor(private readonly worker: Worker) {
    worker.addEventListener('message', (event: MessageEvent<SearchResponse>) => this.receive(event.data));
    worker.addEventListener('error', (event) => setStatus({ ...statusValue, state: 'error', message: event.message }));
    // edits still batched go to the worker (which journals them for its snapshot) before the page goes
    addEventListener('pagehide', () => this.flushUpserts());
    // Writes that bypass the repository (imports, undoing an import) reach the index through
    // Dexie's own change notifications, batched.
    let syncTimer: ReturnType<typeof setTimeout> | undefined;
    const touched = new Set<string>();
    Dexie.on('storagemutated', (parts) => {
      const moved = Object.entries(parts).some(
        ([part, range]) => 'from' in range && /\/(papers|appearances)\//.test(part),
      );
      if (!moved) return;
      // A cleared papers table is a restored backup: the index (and its snapshot) start over.
      if (isWholeRange(parts[`idb://${DATABASE_NAME}/papers/`])) {
        clearTimeout(syncTimer);
        this.send({ type: 'rebuild' });
        return;
      }
      // The papers written or deleted, by key: some writes keep their old updatedAt (an undone
      // import's re-sorted papers, a paper an import only lists again), so time cannot find them.
      collectPaperIds(parts[`idb://${DATABASE_NAME}/papers/`], (key) => typeof key === 'string' && touched.add(key));
      collectPaperIds(
        parts[`idb://${DATABASE_NAME}/appearances/`],
        (key) => Array.isArray(key) && typeof key[1] === 'string' && touched.add(key[1]),
      );
      clearTimeout(syncTimer);
      syncTimer = setTimeout(() => {
        this.send(syncRequest([...touched]));
        touched.clear();
      }, 150);
    });
    onLibraryChange((change) => {
      if (change.removed?.length) {
        this.flushUpserts(); // in the order they were made
        this.send({ type: 'remove', ids: change.removed });
      }
      if (change.upserted?.length) this.queueUpserts(change.upserted);
      if (change.sync) {
        this.flushUpserts();
        this.send(syncRequest());
      }
    });
  }

  private readonly upserts = new Set<string>();
  private upsertTimer: ReturnType<typeof setTimeout> | undefined;
  private upsertsSince = 0;

  /**
   * Edits reach the index a moment later, batched: the worker reads the changed rows back in a
   * read-only transaction, and during quick work (a triage decision every fraction of a second)
   * that read (and the worker's journal write) would sit in front of the next decision's write.
   * Sent once edits pause for UPSERT_QUIET_MS, and at least every UPSERT_MAX_WAIT_MS; a search
   * sends them first, so no search misses an edit for long.
   */
  private queueUpserts(ids: readonly string[]): void {
    if (this.upserts.size === 0) this.upsertsSince = performance.now();
    ids.forEach((id) => this.upserts.add(id));
    clearTimeout(this.upsertTimer);
    const waited = performance.now() - this.upsertsSince;
    if (waited >= UPSERT_MAX_WAIT_MS) this.flushUpserts();
    else
      this.upsertTimer = setTimeout(() => this.flushUpserts(), Math.min(UPSERT_QUIET_MS, UPSERT_MAX_WAIT_MS - waited));
  }

  private flushUpserts(): void {
    clearTimeout(this.upsertTimer);
    if (this.upserts.size === 0) return;
    const ids = [...this.upserts];
    this.upserts.clear();
    this.send({ type: 'upsert', ids });
  }

  /** Called when the index finishes building or takes in a change: results on screen may be stale. */
  onIndexChange(listener: () => void): () => void {
    this.readyListeners.add(listener);
    return () => this.readyListeners.delete(listener);
  }

  /** Resolves with the results, or null when a newer search replaced this one before it ran. */
  search(query: string, view: ListViewId, order: ResultOrder): Promise<SearchOutcome | null> {
    this.flushUpserts(); // a search sees every edit made before it
    return new Promise((resolve) => {
      this.waiting?.resolve(null);
      this.waiting = { query, view, order, resolve };
      if (!this.inFlight) this.next();
    });
  }

  private next(): void {
    const pending = this.waiting;
    if (!pending) return;
    this.waiting = null;
    const seq = ++this.seq;
    this.inFlight = { ...pending, seq };
    this.send({ type: 'search', seq, query: pending.query, view: pending.view, order: pending.order });
  }

  private send(request: SearchRequest): void {
    this.worker.postMessage(request);
  }

  private receive(message: SearchResponse): void {
    switch (message.type) {
      case 'slots':
        if (message.reset) this.slotIds.length = 0;
        for (let i = 0; i < message.ids.length; i++) this.slotIds[message.start + i] = message.ids[i]!;
        return;
      case 'progress':
        setStatus({ state: 'building', indexed: message.indexed, total: message.total });
        return;
      case 'ready':
        setStatus({ state: 'ready', indexed: message.papers, total: message.papers });
        performance.measure(message.source === 'snapshot' ? 'search-index-load' : 'search-index-build', {
          start: performance.now() - message.buildMs,
          duration: message.buildMs,
          detail: { papers: message.papers, words: message.words },
        });
        // From the page's start: how long after a (re)start searches answer from the whole library.
        performance.measure('search-index-ready', {
          start: 0,
          end: performance.now(),
          detail: { source: message.source },
        });
        this.readyListeners.forEach((listener) => listener());
        return;
      case 'warm':
        performance.measure('search-index-warm', {
          start: performance.now() - message.warmMs,
          duration: message.warmMs,
        });
        return;
      case 'snapshot':
        if (!message.loaded) console.info(`Search index: rebuilding (${message.reason})`);
        else
          performance.measure('search-index-snapshot', {
            start: performance.now() - message.loadMs,
            duration: message.loadMs,
            detail: {
              bytes: message.bytes,
              openMs: message.openMs,
              readMs: message.readMs,
              checkMs: message.checkMs,
              libraryOpenMs: message.libraryOpenMs,
            },
          });
        return;
      case 'saved':
        if (message.error) console.warn(`Search index not saved: ${message.error}`);
        else
          performance.measure('search-index-saved', {
            start: performance.now() - message.writeMs,
            duration: message.writeMs,
            detail: { bytes: message.bytes, papers: message.papers },
          });
        return;
      case 'updated':
        this.readyListeners.forEach((listener) => listener());
        return;
      case 'error':
        setStatus({ ...statusValue, state: 'error', message: message.message });
        if (this.inFlight) {
          this.inFlight.resolve(null);
          this.inFlight = null;
          this.next();
        }
        return;
      case 'result': {
        const pending = this.inFlight;
        if (!pending || pending.seq !== message.seq) return;
        this.inFlight = null;
        const ids = new Array<string>(message.slots.length);
        for (let i = 0; i < message.slots.length; i++) ids[i] = this.slotIds[message.slots[i]!] ?? '';
        pending.resolve({
          query: pending.query,
          view: pending.view,
          order: pending.order,
          ids,
          terms: message.terms,
          lastIsPrefix: message.lastIsPrefix,
          partial: message.partial,
          searchMs: message.searchMs,
        });
        this.next();
        return;
      }
    }
  }
}

// The index status lives outside the client so the UI can show it before the worker starts.
let statusValue: IndexStatus = { state: 'building', indexed: 0, total: 0 };
const statusListeners = new Set<() => void>();

function setStatus(status: IndexStatus): void {
  statusValue = status;
  statusListeners.forEach((listener) => listener());
}

function subscribeStatus(listener: () => void): () => void {
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
}

export function useIndexStatus(): IndexStatus {
  return useSyncExternalStore(subscribeStatus, () => statusValue);
}

let shared: SearchClient | null = null;

/** The app's search client; the worker starts on first use (after the list has painted). */
export function getSearchClient(): SearchClient {
  shared ??= new SearchClient(new Worker(new URL('./searchWorker.ts', import.meta.url), { type: 'module' }));
  return shared;
}
