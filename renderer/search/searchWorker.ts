// The search worker: builds the index from IndexedDB in chunks (answering searches from what
// it has meanwhile), then keeps it in step with edits and imports. The UI thread never
// tokenizes or scores.

import type { Paper } from '../../shared/model';
import { ShelfmarkDb } from '../db/ShelfmarkDb';
import type { SearchRequest, SearchResponse } from './protocol';
import { applyPapers, digestsByPaper, indexablePaper } from './applyPapers';
import { papersChangedSince } from './papersChangedSince';
import { type IndexablePaper, SearchIndex } from './SearchIndex';

const CHUNK = 2_000;
const db = new ShelfmarkDb();
const index = new SearchIndex();
let sentSlots = 0;
let building = true;
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

async function build(): Promise<void> {
  const started = performance.now();
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
  post({ type: 'ready', papers: index.size, words: index.termCount, buildMs: performance.now() - started });
  // Warm-ups make the first keystrokes as fast as the rest; searches wait at most this long.
  const warmStarted = performance.now();
  index.warmPrefixes();
  index.warmOrders();
  post({ type: 'warm', warmMs: performance.now() - warmStarted });
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

/** Catches up with writes made elsewhere (imports, an import's undo): by time, then by count. */
async function sync(total?: number): Promise<void> {
  const { papers, digests } = await papersChangedSince(db, watermark);
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
  if ((total ?? (await db.papers.count())) === index.size) return;
  const stored = new Set((await db.papers.toCollection().primaryKeys()) as string[]);
  const gone = [...index.ids()].filter((id) => !stored.has(id));
  gone.forEach((id) => index.remove(id));
  await upsert([...stored].filter((id) => !index.has(id)));
  afterChange();
}

function afterChange(): void {
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
  queue = queue
    .then(() => {
      if (request.type === 'upsert') return upsert(request.ids);
      if (request.type === 'remove') {
        request.ids.forEach((id) => index.remove(id));
        afterChange();
        return;
      }
      return sync(request.total);
    })
    .catch((error: unknown) =>
      post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
});

queue = build().catch((error: unknown) => {
  building = false;
  post({ type: 'error', message: `The search index could not be built: ${String(error)}` });
});
