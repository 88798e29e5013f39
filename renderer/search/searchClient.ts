// The app's side of the search worker: sends queries (one in flight, the newest waiting),
// maps result slots back to paper ids, and forwards library changes to the index.

import Dexie from 'dexie';
import { useSyncExternalStore } from 'react';
import { onLibraryChange } from '../db/libraryEvents';
import { getLibraryFacts } from '../db/ShelfmarkDb';
import type { ListViewId, ResultOrder } from '../views';
import type { SearchRequest, SearchResponse } from './protocol';

/**
 * A catch-up request carrying the library size the page already knows: the worker then needs no
 * count() scan of the papers (about a second at 100,000 in Chromium, and it queued ahead of the
 * next write) to tell whether papers were added or removed behind its back.
 */
function syncRequest(): SearchRequest {
  const total = getLibraryFacts().viewCounts()?.all;
  return total === undefined ? { type: 'sync' } : { type: 'sync', total };
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

export class SearchClient {
  private readonly slotIds: string[] = [];
  private seq = 0;
  private inFlight: (Pending & { seq: number }) | null = null;
  private waiting: Pending | null = null;
  private readonly readyListeners = new Set<() => void>();

  constructor(private readonly worker: Worker) {
    worker.addEventListener('message', (event: MessageEvent<SearchResponse>) => this.receive(event.data));
    worker.addEventListener('error', (event) => setStatus({ ...statusValue, state: 'error', message: event.message }));
    // Writes that bypass the repository (imports, undoing an import) reach the index through
    // Dexie's own change notifications, batched.
    let syncTimer: ReturnType<typeof setTimeout> | undefined;
    Dexie.on('storagemutated', (parts) => {
      const moved = Object.entries(parts).some(
        ([part, range]) => 'from' in range && /\/(papers|appearances)\//.test(part),
      );
      if (!moved) return;
      clearTimeout(syncTimer);
      syncTimer = setTimeout(() => this.send(syncRequest()), 150);
    });
    onLibraryChange((change) => {
      if (change.removed?.length) this.send({ type: 'remove', ids: change.removed });
      if (change.upserted?.length) this.send({ type: 'upsert', ids: change.upserted });
      if (change.sync) this.send(syncRequest());
    });
  }

  /** Called when the index finishes building or takes in a change: results on screen may be stale. */
  onIndexChange(listener: () => void): () => void {
    this.readyListeners.add(listener);
    return () => this.readyListeners.delete(listener);
  }

  /** Resolves with the results, or null when a newer search replaced this one before it ran. */
  search(query: string, view: ListViewId, order: ResultOrder): Promise<SearchOutcome | null> {
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
        performance.measure('search-index-build', {
          start: performance.now() - message.buildMs,
          duration: message.buildMs,
          detail: { papers: message.papers, words: message.words },
        });
        this.readyListeners.forEach((listener) => listener());
        return;
      case 'warm':
        performance.measure('search-index-warm', {
          start: performance.now() - message.warmMs,
          duration: message.warmMs,
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
