// The search worker: adopts the index saved at the last run (SnapshotStore) and catches up with
// what changed since, or else builds it from IndexedDB in chunks (answering searches from what
// it has meanwhile); then keeps it in step with edits and imports, saving it again when idle.
// The UI thread never tokenizes or scores.

import type { Paper } from '../../shared/model';
import { ShelfmarkDb } from '../db/ShelfmarkDb';
import type { SearchRequest, SearchResponse } from './protocol';
import { applyPapers, digestsByPaper, indexablePaper } from './applyPapers';
import { papersChangedSince } from './papersChangedSince';
import { type IndexablePaper, SearchIndex } from './SearchIndex';
import { LEGACY_SNAPSHOT_DATABASE, SnapshotStore } from './SnapshotStore';

const CHUNK = 2_000;
/** A save waits for this long without a change, and for SEARCH_QUIET_MS without a search. */
const SAVE_AFTER_CHANGE_MS = 30_000;
const SAVE_AFTER_BUILD_MS = 1_000;
const SEARCH_QUIET_MS = 2_000;
/** A snapshot this many papers behind the library is rebuilt instead (see adoptSnapshot). */
const CATCH_UP_LIMIT = 2_000;
const db = new ShelfmarkDb();
let index = new SearchIndex();
let sentSlots = 0;
let building = true;
let snapshots: SnapshotStore | null = null;
/** True while the snapshot on disk describes an index this worker has (so changes are journaled). */
let snapshotOnDisk = false;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
let saving = false;
let lastSearchAt = 0;
/** Counts change requests as they arrive: a save that sees it move gives up (its journal would lie). */
let changeSeq = 0;
/** Change requests asked for and not yet applied: a save waits for them (it must include what is journaled before it). */
let pendingChanges = 0;
let legacyRemoved = false;
/** Highest updatedAt indexed: an import's papers are found by modification time. */
let watermark = 0;

function post(message: SearchResponse, transfer: Transferable[] = []): void {
  postMessage(message, { transfer });
}

function postNewSlots(reset = false): void {
  if (reset) sentSlots = 0;
  const total = index.slotCount;
  if (total === sentSlots && !reset) return;
  const ids: string[] = [];
  for (let slot = sentSlots; slot < total; slot++) ids.push(index.slotId(slot) ?? '');
  post({ type: 'slots', reset, start: sentSlots, ids });
  sentSlots = total;
}

function indexable(paper: Paper, digestIds: string[]): IndexablePaper {
  advanceWatermark(paper);
  return indexablePaper(paper, digestIds);
}

function advanceWatermark(paper: Paper): void {
  if (paper.updatedAt > watermark) watermark = paper.updatedAt;
}

/** Adopts the saved index when there is a usable one; true when it did. */
async function adoptSnapshot(): Promise<boolean> {
  const started = performance.now();
  // The library opens meanwhile (the catch-up needs it); its schema version is the declared one.
  const libraryOpen = db.open();
  try {
    snapshots = await SnapshotStore.open();
  } catch {
    return false; // no cache database (private mode, disk full): build, and never save
  }
  const opened = performance.now();
  const loaded = await snapshots.load(db.verno);
  if (!loaded.index) {
    post({ type: 'snapshot', loaded: false, reason: loaded.reason });
    return false;
  }
  // Searches are answered from the snapshot from here on, as during the catch-up below. The
  // check and the catch-up need the library, whose reads queue behind the page's own at start-up
  // (a second at 100,000 papers): the index does not wait for them.
  index = loaded.index;
  watermark = loaded.watermark;
  building = false;
  snapshotOnDisk = true;
  postNewSlots(true);
  post({
    type: 'ready',
    papers: index.size,
    words: index.termCount,
    buildMs: performance.now() - started,
    source: 'snapshot',
  });
  try {
    index.finishLoad(); // the id map and sort keys, left for after ready (searches need neither)
  } catch (error) {
    post({ type: 'snapshot', loaded: false, reason: `snapshot damaged (${String(error)})` });
    return false;
  }
  await libraryOpen;
  const libraryOpenMs = performance.now() - started;
  const checked = performance.now();
  // Far behind (a large import the worker never saw): a build says honestly that it is partial.
  const behind = await db.papers.where('updatedAt').above(loaded.watermark).count();
  if (behind > Math.max(CATCH_UP_LIMIT, loaded.index.size / 10)) {
    post({ type: 'snapshot', loaded: false, reason: `snapshot ${behind} papers behind` });
    return false;
  }
  post({
    type: 'snapshot',
    loaded: true,
    bytes: loaded.bytes,
    openMs: opened - started,
    readMs: loaded.readMs,
    loadMs: loaded.loadMs,
    checkMs: performance.now() - checked,
    libraryOpenMs,
  });
  // Catch up: papers the journal names, then by modification time and count (sync).
  await upsert(loaded.journal);
  // Strictly newer than the watermark, as every sync: the papers stamped with it were indexed
  // before the save.
  await sync();
  warm();
  return true;
}

function warm(): void {
  // Warm-ups make the first keystrokes as fast as the rest; searches wait at most this long.
  const warmStarted = performance.now();
  index.warmPrefixes();
  index.warmOrders();
  post({ type: 'warm', warmMs: performance.now() - warmStarted });
}

async function start(): Promise<void> {
  if (await adoptSnapshot()) return;
  await build();
  scheduleSave(SAVE_AFTER_BUILD_MS);
}

async function build(): Promise<void> {
  const started = performance.now();
  index = new SearchIndex();
  building = true;
  watermark = 0;
  postNewSlots(true);
  const total = await db.papers.count();
  const digests = digestsByPaper(await db.appearances.toArray());
  index.beginBulkLoad();
  let last: string | null = null;
  for (;;) {
    const chunk: Paper[] =
      last === null
        ? await db.papers.orderBy(':id').limit(CHUNK).toArray()
        : await db.papers.where(':id').above(last).limit(CHUNK).toArray();
    if (chunk.length === 0) break;
    for (const paper of chunk) index.upsert(indexable(paper, digests.get(paper.id) ?? []));
    last = chunk[chunk.length - 1]!.id;
    postNewSlots();
    post({ type: 'progress', indexed: index.size, total });
  }
  index.finishBulkLoad();
  building = false;
  post({
    type: 'ready',
    papers: index.size,
    words: index.termCount,
    buildMs: performance.now() - started,
    source: 'build',
  });
  warm();
}

/** Saves the index once nothing changed for `delay` ms and no search ran for SEARCH_QUIET_MS. */
function scheduleSave(delay = SAVE_AFTER_CHANGE_MS): void {
  if (!snapshots) return;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => void save(), delay);
}

async function save(): Promise<void> {
  const store = snapshots;
  if (!store || building || saving || index.size === 0) return; // an empty library builds at once
  const quietFor = performance.now() - lastSearchAt;
  if (pendingChanges > 0) {
    scheduleSave(SEARCH_QUIET_MS);
    return;
  }
  if (quietFor < SEARCH_QUIET_MS) {
    scheduleSave(SEARCH_QUIET_MS - quietFor + 50);
    return;
  }
  saving = true;
  const seq = changeSeq;
  const interrupted = () => changeSeq !== seq || performance.now() - lastSearchAt < SEARCH_QUIET_MS;
  try {
    const saved = await store.save(index, { watermark, libraryVersion: db.verno }, interrupted);
    if (saved) {
      snapshotOnDisk = true;
      post({ type: 'saved', bytes: saved.bytes, writeMs: saved.writeMs, papers: index.size });
      if (!legacyRemoved) {
        // Format 1 kept the snapshot in IndexedDB: its ~100 MB go once a file replaces it.
        legacyRemoved = true;
        indexedDB.deleteDatabase(LEGACY_SNAPSHOT_DATABASE);
      }
    } else scheduleSave(SEARCH_QUIET_MS);
  } catch (error) {
    // A failed save (quota) costs only the next start's speed; the old snapshot stays consistent.
    post({ type: 'saved', bytes: 0, writeMs: 0, papers: index.size, error: String(error) });
  } finally {
    saving = false;
  }
}

async function upsert(ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const [papers, appearances] = await Promise.all([
    db.papers.bulkGet(ids),
    db.appearances.where('paperId').anyOf(ids).toArray(),
  ]);
  applyPapers(index, ids, papers, digestsByPaper(appearances), advanceWatermark);
  afterChange();
}

/**
 * Catches up with writes made elsewhere (imports, an import's undo): by time, then by key, then by
 * count. By time strictly after the watermark: the papers stamped with it were indexed already
 * (that is how it got there), and a whole import shares one stamp, so reading from the watermark
 * itself read 100,000 rows again at the first edit after a start or an import (5 s, and the edit's
 * own write waited behind that read). A later write that kept an indexed stamp is in `written`.
 */
async function sync(total?: number, written: readonly string[] = [], since = watermark + 1): Promise<void> {
  const { papers: changed, digests } = await papersChangedSince(db, since);
  // Papers indexed at the same modification time (the watermark's own) are not taken in again.
  const papers = changed.filter((p) => index.updatedAtOf(p.id) !== p.updatedAt);
  if (papers.length > 0) {
    applyPapers(
      index,
      papers.map((p) => p.id),
      papers,
      digests,
      advanceWatermark,
    );
    afterChange();
  }
  const applied = new Set(papers.map((p) => p.id));
  const unseen = written.filter((id) => !applied.has(id));
  if (unseen.length > 0) {
    // Written without a newer updatedAt: the next start's catch-up by time would miss them too.
    journal(unseen);
    await upsert(unseen);
  }
  if ((total ?? (await db.papers.count())) === index.size) return;
  const stored = new Set((await db.papers.toCollection().primaryKeys()) as string[]);
  const gone = [...index.ids()].filter((id) => !stored.has(id));
  const missing = [...stored].filter((id) => !index.has(id));
  // A count can balance a delete against a restore: the next start must not rely on it.
  journal([...gone, ...missing]);
  gone.forEach((id) => index.remove(id));
  await upsert(missing);
  afterChange();
}

function afterChange(): void {
  scheduleSave();
  if (!building && index.wantsCompaction) {
    index.compact();
    postNewSlots(true);
  } else {
    postNewSlots();
  }
  post({ type: 'updated' });
}

// Requests are handled one after another so a search never sees half an update.
let queue: Promise<void> = Promise.resolve();

addEventListener('message', (event: MessageEvent<SearchRequest>) => {
  const request = event.data;
  if (request.type === 'search') {
    // Searches run at once (between build chunks too); they never wait behind a write.
    const started = performance.now();
    lastSearchAt = started;
    const result = index.search(request.query, request.view, request.order);
    post(
      {
        type: 'result',
        seq: request.seq,
        slots: result.slots,
        terms: result.terms,
        lastIsPrefix: result.lastIsPrefix,
        partial: building,
        searchMs: performance.now() - started,
      },
      [result.slots.buffer],
    );
    return;
  }
  changeSeq++;
  if (request.type === 'rebuild') {
    // The library was replaced (a restored backup): nothing the index or the snapshot holds is known good.
    snapshotOnDisk = false;
    clearTimeout(saveTimer);
    pendingChanges++;
    queue = queue
      // A failed discard still rebuilds; the next save replaces the old files.
      .then(() => snapshots?.discard().catch(reportError))
      .then(() => build())
      .then(() => scheduleSave(SAVE_AFTER_BUILD_MS))
      .catch(reportError)
      .finally(() => pendingChanges--);
    return;
  }
  // Noted at once, before the change is applied: a restart before the next save re-reads these.
  if (request.type !== 'sync') journal(request.ids);
  pendingChanges++;
  queue = queue
    .then(() => {
      if (request.type === 'upsert') return upsert(request.ids);
      if (request.type === 'remove') {
        request.ids.forEach((id) => index.remove(id));
        afterChange();
        return;
      }
      return sync(request.total, request.ids);
    })
    .catch(reportError)
    .finally(() => pendingChanges--);
});

/**
 * Notes papers whose change the next start's catch-up by time could miss, while a snapshot is on
 * disk or being saved (a save in its last transaction does not include a change arriving now).
 */
function journal(ids: readonly string[]): void {
  if ((snapshotOnDisk || saving) && ids.length > 0) void snapshots?.journal(ids).catch(() => undefined);
}

function reportError(error: unknown): void {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}

queue = start().catch((error: unknown) => {
  building = false;
  post({ type: 'error', message: `The search index could not be built: ${String(error)}` });
});
