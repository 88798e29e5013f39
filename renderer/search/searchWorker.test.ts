// The search worker across a restart, in Node: the worker module runs against fake-indexeddb with
// its message port replaced, is started twice (a restart), and must answer in full from its
// snapshot, then catch up with every kind of write made after the snapshot was saved.

import { afterAll, describe, expect, it, vi } from 'vitest';
import { deletePapers, restorePapers, setNotes } from '../db/paperRepository';
import { ShelfmarkDb } from '../db/ShelfmarkDb';
import { decide, undoStep } from '../db/triage';
import { paper } from '../test/papers';
import type { ListViewId } from '../views';
import type { SearchRequest, SearchResponse } from './protocol';
import { IndexedDbSnapshotFiles } from './SnapshotFiles';

/** Rewrites the format in the trailer of the snapshot the worker saved (Node has no OPFS: the worker's files are in IndexedDB). */
async function setSnapshotFormat(format: number): Promise<void> {
  const files = await IndexedDbSnapshotFiles.open();
  const name = (await files.list()).find((n) => n.endsWith('.snapshot'))!;
  const bytes = (await files.read(name))!;
  const tail = new DataView(bytes.buffer, bytes.byteLength - 8, 8);
  const length = tail.getUint32(0, true);
  const end = bytes.byteLength - 8 - length;
  const trailer = JSON.parse(new TextDecoder().decode(bytes.subarray(end, end + length))) as object;
  const json = new TextEncoder().encode(JSON.stringify({ ...trailer, format }));
  const out = await files.create(name);
  await out.write(bytes.subarray(0, end));
  await out.write(json);
  const newTail = new DataView(new ArrayBuffer(8));
  newTail.setUint32(0, json.byteLength, true);
  newTail.setUint32(4, tail.getUint32(4, true), true);
  await out.write(new Uint8Array(newTail.buffer));
  await out.close();
  files.close();
}

interface RunningWorker {
  messages: SearchResponse[];
  send(request: SearchRequest): void;
  next<T extends SearchResponse['type']>(type: T): Promise<Extract<SearchResponse, { type: T }>>;
  search(query: string, view?: ListViewId): Promise<{ ids: string[]; partial: boolean }>;
}

const scope = globalThis as unknown as {
  postMessage(message: SearchResponse): void;
  addEventListener(type: string, listener: (event: { data: SearchRequest }) => void): void;
};

/** Loads the worker module afresh: a new worker, as after a restart. */
async function startWorker(): Promise<RunningWorker> {
  vi.resetModules();
  const messages: SearchResponse[] = [];
  const waiters: { type: string; from: number; resolve(m: SearchResponse): void }[] = [];
  const slotIds: string[] = [];
  let handler: ((event: { data: SearchRequest }) => void) | null = null;
  let seq = 0;
  scope.postMessage = (message) => {
    messages.push(message);
    if (message.type === 'slots') {
      if (message.reset) slotIds.length = 0;
      message.ids.forEach((id, i) => (slotIds[message.start + i] = id));
    }
    for (const waiter of [...waiters]) {
      if (waiter.type === message.type) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  };
  scope.addEventListener = (type, listener) => {
    if (type === 'message') handler = listener;
  };
  await import('./searchWorker');
  const worker: RunningWorker = {
    messages,
    send: (request) => handler!({ data: request }),
    next: (type) => {
      const seen = messages.find((m) => m.type === type);
      if (seen) return Promise.resolve(seen as never);
      return new Promise((resolve) => waiters.push({ type, from: messages.length, resolve: resolve as never }));
    },
    search: async (query, view = 'all') => {
      const mine = ++seq;
      const result = new Promise<Extract<SearchResponse, { type: 'result' }>>((resolve) => {
        const check = () => {
          const found = messages.find((m) => m.type === 'result' && m.seq === mine);
          if (found) resolve(found as never);
          else setTimeout(check, 5);
        };
        check();
      });
      worker.send({ type: 'search', seq: mine, query, view, order: 'relevance' });
      const answer = await result;
      return { ids: [...answer.slots].map((slot) => slotIds[slot]!).sort(), partial: answer.partial };
    },
  };
  return worker;
}

const original = IDBIndex.prototype.getAll;

/** Waits for the worker's queue to go quiet (the catch-up after a snapshot ends with warming). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('search worker snapshot', () => {
  const db = new ShelfmarkDb();
  afterAll(() => db.close());

  it('adopts its snapshot after a restart, answers in full, and catches up with every write made since', async () => {
    const rows = Array.from({ length: 300 }, (_, i) =>
      paper({ id: `p${i}`, title: `Common title word${i}`, titleKey: `common title word${i}`, updatedAt: 1_000 }),
    );
    await db.papers.bulkPut(rows);
    // Before the first start: a triage decision (undone after the save) and a delete (undone after it).
    const step = (await decide(db, 'p2', 'star', 6_000))!;
    const deletedEarly = await deletePapers(db, ['p4']);

    const first = await startWorker();
    expect((await first.next('ready')).source).toBe('build');
    expect(await first.search('word2 ')).toEqual({ ids: ['p2'], partial: false });
    const saved = await first.next('saved');
    expect(saved.error).toBeUndefined();
    expect(saved.papers).toBe(299);

    // After the save: each kind of write, with the message the page sends for it.
    await setNotes(db, 'p1', 'remember snapshotword', 7_000);
    first.send({ type: 'upsert', ids: ['p1'] });
    await undoStep(db, step); // puts back updatedAt 1,000: invisible to a catch-up by time
    first.send({ type: 'upsert', ids: ['p2'] });
    await deletePapers(db, ['p3']);
    first.send({ type: 'remove', ids: ['p3'] });
    await restorePapers(db, deletedEarly); // old updatedAt, and the count is unchanged
    first.send({ type: 'upsert', ids: ['p4'] });
    // A write whose message never reached the worker (the window closed first): found by time.
    await db.papers.update('p5', { title: 'Renamed lateword', updatedAt: 8_000 });
    await settle();
    expect(await first.search('snapshotword ')).toEqual({ ids: ['p1'], partial: false });

    const second = await startWorker();
    const snapshot = await second.next('snapshot');
    expect(snapshot).toMatchObject({ loaded: true });
    expect((await second.next('ready')).source).toBe('snapshot');
    // Straight away: full answers from the snapshot.
    expect(await second.search('word7 ')).toEqual({ ids: ['p7'], partial: false });
    await second.next('warm'); // after the catch-up
    expect(await second.search('snapshotword ')).toEqual({ ids: ['p1'], partial: false });
    expect((await second.search('word2 ', 'starred')).ids).toEqual([]);
    expect((await second.search('word2 ')).ids).toEqual(['p2']);
    expect((await second.search('word3 ')).ids).toEqual([]);
    expect((await second.search('word4 ')).ids).toEqual(['p4']);
    expect((await second.search('lateword ')).ids).toEqual(['p5']);
    expect((await second.search('common ')).ids).toHaveLength(298); // p3 deleted, p5 renamed
  });

  it('rebuilds when the snapshot is of another format, and never fails a search over it', async () => {
    await setSnapshotFormat(-1);
    const worker = await startWorker();
    expect(await worker.next('snapshot')).toMatchObject({ loaded: false, reason: expect.stringMatching(/format/) });
    expect((await worker.next('ready')).source).toBe('build');
    expect(await worker.search('snapshotword ')).toEqual({ ids: ['p1'], partial: false });
    expect((await worker.search('common ')).ids).toHaveLength(298);
    expect((await worker.next('saved')).papers).toBe(299);
  });

  it('builds instead when the library moved far past its snapshot (answers are then flagged partial meanwhile)', async () => {
    await db.papers.bulkPut(
      Array.from({ length: 2_500 }, (_, i) => paper({ id: `n${i}`, title: `Newer batch${i}`, updatedAt: 20_000 })),
    );
    const worker = await startWorker();
    // The snapshot answers at once; the check that follows finds it too far behind and builds.
    expect((await worker.next('ready')).source).toBe('snapshot');
    expect(await worker.next('snapshot')).toMatchObject({ loaded: false, reason: expect.stringMatching(/behind/) });
    await vi.waitFor(() =>
      expect(worker.messages.filter((m) => m.type === 'ready').at(-1)).toMatchObject({ source: 'build' }),
    );
    expect((await worker.search('batch17 ')).ids).toEqual(['n17']);
  });

  it('catches up by time from after its watermark: an edit does not read again the papers stamped with it', async () => {
    const worker = await startWorker();
    await vi.waitFor(() => expect(worker.messages.some((m) => m.type === 'warm')).toBe(true));
    // an import: 300 papers sharing one stamp, taken in by a sync (the watermark moves to the stamp)
    await db.papers.bulkPut(
      Array.from({ length: 300 }, (_, i) => paper({ id: `s${i}`, title: `Stamped shared${i}`, updatedAt: 30_000 })),
    );
    worker.send({ type: 'sync' });
    await vi.waitFor(async () => expect((await worker.search('shared42 ')).ids).toEqual(['s42']));
    // the rows each updatedAt range read returned, from here on
    const read: number[] = [];
    const getAll = vi.spyOn(IDBIndex.prototype, 'getAll').mockImplementation(function (this: IDBIndex, ...args) {
      const request = original.apply(this, args);
      if (this.name === 'updatedAt') request.addEventListener('success', () => read.push(request.result.length));
      return request;
    });
    try {
      await decide(db, 's7', 'dismiss', 31_000);
      worker.send({ type: 'sync', ids: ['s7'] });
      await vi.waitFor(() => expect(read.length).toBeGreaterThan(0));
      await settle();
      expect(read).toEqual([1]); // s7 alone, not the 300 papers stamped 30,000 again
      expect((await worker.search('shared7 ', 'dismissed')).ids).toEqual(['s7']);
    } finally {
      getAll.mockRestore();
    }
  });
});
