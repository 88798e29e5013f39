// The search index saved to disk, so a restart adopts it in a moment instead of rebuilding it
// from every paper. It lives in its own IndexedDB database (the library's schema does not
// change): one header (words, slot columns, sort orders), postings in pieces of a few MB
// written one transaction at a time (searches run between them), and a journal of papers
// changed since the last save that catching up by modification time would miss (an undone
// triage decision puts the old updatedAt back; a delete can hide behind an import in a count).
// Anything unexpected on load (missing, damaged, another format, another library schema) is a
// reason to rebuild, never an error that reaches search.

import { type IndexState, type PostingsPiece, SearchIndex } from './SearchIndex';

export const SNAPSHOT_DATABASE = 'shelfmark-search-cache';
/** Bump when IndexState or the index's tokenizing or weighting changes: older snapshots are then rebuilt. */
export const SNAPSHOT_FORMAT = 1;

const META = 'meta';
const CHUNKS = 'chunks';
const JOURNAL = 'journal';
const CURRENT = 'current';

interface SnapshotMeta {
  format: number;
  snapshotId: number;
  /** The library database's schema version the index was built from. */
  libraryVersion: number;
  /** Highest updatedAt indexed. */
  watermark: number;
  papers: number;
  pieces: number;
  bytes: number;
  savedAt: number;
}

export interface SnapshotFacts {
  watermark: number;
  libraryVersion: number;
}

export type LoadedSnapshot =
  | {
      index: SearchIndex;
      watermark: number;
      /** Papers changed after the save that catching up by time could miss: re-read them. */
      journal: string[];
      bytes: number;
      /** Reading the snapshot from IndexedDB, then making the index of it. */
      readMs: number;
      loadMs: number;
    }
  | { index: null; reason: string };

export interface SavedSnapshot {
  bytes: number;
  writeMs: number;
  pieces: number;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

function openDatabase(name: string): Promise<IDBDatabase> {
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    const db = open.result;
    db.createObjectStore(META);
    db.createObjectStore(CHUNKS);
    db.createObjectStore(JOURNAL, { autoIncrement: true });
  };
  return request(open);
}

const isTyped = <T>(value: unknown, type: new (...args: never[]) => T): value is T => value instanceof type;

function isPiece(value: unknown): value is PostingsPiece {
  const piece = value as PostingsPiece | null;
  return (
    typeof piece === 'object' &&
    piece !== null &&
    typeof piece.firstTerm === 'number' &&
    isTyped(piece.lengths, Uint32Array) &&
    isTyped(piece.slots, Uint32Array) &&
    isTyped(piece.weights, Float32Array)
  );
}

function isHeader(value: unknown): value is Omit<IndexState, 'postings'> {
  const h = value as Omit<IndexState, 'postings'> | null;
  return (
    typeof h === 'object' &&
    h !== null &&
    typeof h.words === 'string' &&
    isTyped(h.sortedTermIds, Int32Array) &&
    Array.isArray(h.ids) &&
    isTyped(h.status, Uint8Array) &&
    isTyped(h.starred, Uint8Array) &&
    isTyped(h.addedAt, Float64Array) &&
    isTyped(h.updatedAt, Float64Array) &&
    Array.isArray(h.listOrder) &&
    Array.isArray(h.titleKey) &&
    Array.isArray(h.tags) &&
    Array.isArray(h.digestIds) &&
    typeof h.dead === 'number' &&
    Array.isArray(h.orders) &&
    h.orders.every((o) => typeof o === 'object' && o !== null && isTyped(o.order, Uint32Array))
  );
}

function headerBytes(header: Omit<IndexState, 'postings'>): number {
  let chars = header.words.length;
  for (const column of [header.ids, header.listOrder, header.titleKey])
    for (const value of column) chars += value.length + 1;
  for (const column of [header.tags, header.digestIds])
    for (const list of column) for (const value of list) chars += value.length + 1;
  const arrays = [header.sortedTermIds, header.status, header.starred, header.addedAt, header.updatedAt];
  return (
    chars * 2 + arrays.reduce((n, a) => n + a.byteLength, 0) + header.orders.reduce((n, o) => n + o.order.byteLength, 0)
  );
}

const pieceBytes = (piece: PostingsPiece) =>
  piece.lengths.byteLength + piece.slots.byteLength + piece.weights.byteLength;

/** Removes the saved index (a restored backup replaced the library it describes). */
export async function discardSearchSnapshot(name = SNAPSHOT_DATABASE): Promise<void> {
  const store = await SnapshotStore.open(name);
  try {
    await store.discard();
  } finally {
    store.close();
  }
}

export class SnapshotStore {
  private constructor(private readonly db: IDBDatabase) {
    // A deleteDatabase() elsewhere must not wait for this worker.
    db.onversionchange = () => db.close();
  }

  static async open(name = SNAPSHOT_DATABASE): Promise<SnapshotStore> {
    return new SnapshotStore(await openDatabase(name));
  }

  close(): void {
    this.db.close();
  }

  /** The saved index when there is a usable one, else why not. */
  async load(libraryVersion: number): Promise<LoadedSnapshot> {
    const started = performance.now();
    try {
      const tx = this.db.transaction([META, CHUNKS, JOURNAL], 'readonly');
      const meta = (await request(tx.objectStore(META).get(CURRENT))) as SnapshotMeta | undefined;
      if (!meta) return { index: null, reason: 'no snapshot' };
      if (meta.format !== SNAPSHOT_FORMAT) return { index: null, reason: `snapshot format ${meta.format}` };
      if (meta.libraryVersion !== libraryVersion)
        return { index: null, reason: `snapshot of library schema ${meta.libraryVersion}` };
      const id = meta.snapshotId;
      const [chunks, journal] = await Promise.all([
        request(tx.objectStore(CHUNKS).getAll(IDBKeyRange.bound([id, 0], [id, Infinity]))),
        request(tx.objectStore(JOURNAL).getAll()),
      ]);
      const readMs = performance.now() - started;
      const [header, ...pieces] = chunks as unknown[];
      if (chunks.length !== meta.pieces + 1 || !isHeader(header) || !pieces.every(isPiece))
        return { index: null, reason: 'snapshot damaged (pieces)' };
      const index = SearchIndex.fromState({ ...header, postings: pieces as PostingsPiece[] });
      if (index.size !== meta.papers) return { index: null, reason: 'snapshot damaged (paper count)' };
      const changed = new Set<string>();
      for (const entry of journal as unknown[]) {
        if (!Array.isArray(entry)) return { index: null, reason: 'snapshot journal damaged' };
        for (const paperId of entry) if (typeof paperId === 'string') changed.add(paperId);
      }
      return {
        index,
        watermark: meta.watermark,
        journal: [...changed],
        bytes: meta.bytes,
        readMs,
        loadMs: performance.now() - started,
      };
    } catch (error) {
      return { index: null, reason: `snapshot unreadable: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  /**
   * Saves `index` piece by piece. Returns null, keeping the previous snapshot, when the index
   * changed meanwhile or `stop()` says so (a search burst): the caller tries again later.
   */
  async save(
    index: SearchIndex,
    facts: SnapshotFacts,
    stop: () => boolean = () => false,
  ): Promise<SavedSnapshot | null> {
    const started = performance.now();
    const generation = index.generation;
    const snapshotId = Date.now();
    const stale = () => stop() || index.generation !== generation;
    const header = index.exportState();
    let bytes = headerBytes(header);
    let tx = this.db.transaction(CHUNKS, 'readwrite');
    tx.objectStore(CHUNKS).put(header, [snapshotId, 0]);
    await done(tx);
    let pieces = 0;
    for (let next = 0; ;) {
      if (stale()) return this.dropPieces(snapshotId);
      const piece = index.postingsPiece(next);
      if (!piece) break;
      next = piece.firstTerm + piece.lengths.length;
      bytes += pieceBytes(piece);
      tx = this.db.transaction(CHUNKS, 'readwrite');
      tx.objectStore(CHUNKS).put(piece, [snapshotId, ++pieces]);
      await done(tx);
    }
    if (stale()) return this.dropPieces(snapshotId);
    // One transaction switches to the new snapshot, drops every other one and the journal it covers.
    const meta: SnapshotMeta = {
      format: SNAPSHOT_FORMAT,
      snapshotId,
      libraryVersion: facts.libraryVersion,
      watermark: facts.watermark,
      papers: index.size,
      pieces,
      bytes,
      savedAt: Date.now(),
    };
    tx = this.db.transaction([META, CHUNKS, JOURNAL], 'readwrite');
    tx.objectStore(META).put(meta, CURRENT);
    tx.objectStore(CHUNKS).delete(IDBKeyRange.upperBound([snapshotId], true));
    tx.objectStore(CHUNKS).delete(IDBKeyRange.lowerBound([snapshotId + 1]));
    tx.objectStore(JOURNAL).clear();
    await done(tx);
    return { bytes, writeMs: performance.now() - started, pieces };
  }

  private async dropPieces(snapshotId: number): Promise<null> {
    const tx = this.db.transaction(CHUNKS, 'readwrite');
    tx.objectStore(CHUNKS).delete(IDBKeyRange.bound([snapshotId, 0], [snapshotId, Infinity]));
    await done(tx);
    return null;
  }

  /** Notes papers changed after the last save (call when the change reaches the index). */
  async journal(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const tx = this.db.transaction(JOURNAL, 'readwrite');
    tx.objectStore(JOURNAL).add([...ids]);
    await done(tx);
  }

  /** Forgets the saved index: the next start rebuilds it. */
  async discard(): Promise<void> {
    const tx = this.db.transaction([META, CHUNKS, JOURNAL], 'readwrite');
    tx.objectStore(META).clear();
    tx.objectStore(CHUNKS).clear();
    tx.objectStore(JOURNAL).clear();
    await done(tx);
  }
}
