import { describe, expect, it } from 'vitest';
import type { ListViewId, ResultOrder } from '../views';
import { type IndexablePaper, SearchIndex } from './SearchIndex';
import { discardSearchSnapshot, SNAPSHOT_FORMAT, SnapshotStore } from './SnapshotStore';

let dbCounter = 0;
const uniqueName = () => `search-cache-test-${++dbCounter}-${Math.random().toString(36).slice(2)}`;

/** A small deterministic generator, so a failure names the same corpus every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const VOCABULARY = [
  'graph',
  'graphs',
  'neural',
  'network',
  'retrieval',
  'augmented',
  'generation',
  'transformer',
  'müller',
  'señal',
  'zoë',
  'spiking',
  'neuromorphic',
  'diffusion',
  'language',
  'model',
  'models',
  'vision',
  'agent',
  'reasoning',
  'benchmark',
  'gpt4',
  'llama',
  'ablation',
  'sparse',
  'dense',
  'attention',
  'kernel',
  'ω',
];
const STATUSES = ['unread', 'reading', 'read', 'dismissed'] as const;

/** Papers with common words, accents, many one-off words (ids, numbers) and every field used. */
function corpus(count: number, seed = 7, prefix = 'p'): IndexablePaper[] {
  const next = random(seed);
  const pick = () => VOCABULARY[Math.floor(next() * VOCABULARY.length)]!;
  const words = (n: number) =>
    Array.from({ length: n }, () => (next() < 0.2 ? `x${Math.floor(next() * 5_000)}` : pick()));
  return Array.from({ length: count }, (_, i) => {
    const title = words(6).join(' ');
    return {
      id: `${prefix}${i}`,
      title,
      titleKey: title,
      abstract: words(40).join(' '),
      authors: [`${pick()} ${i % 13}`, 'Jürgen Müller'],
      notes: next() < 0.2 ? words(5).join(' ') : '',
      tags: next() < 0.3 ? [pick()] : [],
      status: STATUSES[i % 4]!,
      starred: next() < 0.25 ? 1 : 0,
      listOrder: `2026-0${1 + (i % 9)}-1${i % 10}~${String(i).padStart(6, '0')}`,
      addedAt: 1_000 + (i % 97),
      updatedAt: 2_000 + i,
      digestIds: next() < 0.5 ? ['d1'] : ['d1', 'd2'],
    };
  });
}

const QUERIES = [
  'graph',
  'graph ',
  'g',
  'gr',
  'x1',
  'x',
  'neural net',
  'muller',
  'zoe',
  'senal',
  'ω',
  'retrieval augmented ',
  'nothing-here',
];
const VIEWS: ListViewId[] = ['all', 'starred', 'inbox', 'reading', 'read', 'dismissed', 'tag:graph', 'digest:d2'];
const ORDERS: ResultOrder[] = ['relevance', 'digestDate', 'added', 'title', 'touched'];

/** Every query in every view and order: ids in result order and the parsed terms. */
function answers(index: SearchIndex): unknown[] {
  const out: unknown[] = [];
  for (const query of QUERIES)
    for (const view of VIEWS)
      for (const order of ORDERS) {
        const result = index.search(query, view, order);
        out.push({ query, view, order, slots: [...result.slots], terms: result.terms, prefix: result.lastIsPrefix });
      }
  return out;
}

function state(index: SearchIndex) {
  return { size: index.size, slots: index.slotCount, words: index.termCount };
}

/** A built index that has seen a bulk load, single upserts, replacements, removes and a compaction. */
function usedIndex(): SearchIndex {
  const index = new SearchIndex();
  const papers = corpus(3_000);
  index.beginBulkLoad();
  papers.slice(0, 2_500).forEach((p) => index.upsert(p));
  index.finishBulkLoad();
  index.warmPrefixes();
  index.warmOrders();
  papers.slice(2_500).forEach((p) => index.upsert(p));
  for (let i = 0; i < 2_600; i++) index.remove(`p${i * 1}`);
  expect(index.wantsCompaction).toBe(true);
  index.compact();
  corpus(400, 11, 'q').forEach((p) => index.upsert(p));
  for (let i = 2_600; i < 2_700; i++) index.upsert({ ...papers[i]!, notes: 'edited graph note', updatedAt: 9_000 + i });
  for (let i = 2_700; i < 2_750; i++) index.remove(`p${i}`); // dead slots kept in the snapshot
  return index;
}

function copy(index: SearchIndex): SearchIndex {
  const postings = [];
  // Small pieces: many of them, and words whose list is longer than a piece.
  for (let next = 0, piece = index.postingsPiece(0, 2_000); piece; piece = index.postingsPiece(next, 2_000)) {
    postings.push(piece);
    next = piece.firstTerm + piece.lengths.length;
  }
  return SearchIndex.fromState({ ...index.exportState(), postings });
}

describe('SearchIndex state', () => {
  it('a restored index answers every search exactly as the original: same slots, order and terms', () => {
    const original = usedIndex();
    const restored = copy(original);
    expect(state(restored)).toEqual(state(original));
    const expected = answers(original) as { slots: number[] }[];
    expect(expected.filter((a) => a.slots.length > 0).length).toBeGreaterThan(300);
    expect(answers(restored)).toEqual(expected);
    for (let slot = 0; slot < original.slotCount; slot++) expect(restored.slotId(slot)).toBe(original.slotId(slot));
  });

  it('stays identical through later upserts, removes and a compaction applied to both', () => {
    const original = usedIndex();
    const restored = copy(original);
    const more = corpus(2_500, 99, 'r');
    for (const index of [original, restored]) {
      more.forEach((p) => index.upsert(p));
      index.upsert({ ...more[5]!, title: 'brand new wording graph', updatedAt: 50_000 });
      for (let i = 0; i < 2_400; i++) index.remove(`r${i}`);
      index.compact();
      index.upsert({ ...more[2_450]!, tags: ['graph'], starred: 1, status: 'read', updatedAt: 60_000 });
    }
    expect(state(restored)).toEqual(state(original));
    expect(answers(restored)).toEqual(answers(original));
  });

  it('rejects inconsistent state instead of building a wrong index', () => {
    const original = usedIndex();
    const header = original.exportState();
    const piece = original.postingsPiece(0)!;
    expect(() => SearchIndex.fromState({ ...header, postings: [] })).toThrow(/postings/);
    expect(() =>
      SearchIndex.fromState({ ...header, postings: [{ ...piece, slots: piece.slots.subarray(1) }] }),
    ).toThrow();
    expect(() => SearchIndex.fromState({ ...header, ids: header.ids.slice(1), postings: [piece] })).toThrow();
  });
});

describe('SnapshotStore', () => {
  const facts = { watermark: 12_345, libraryVersion: 5 };

  it('saves in pieces and loads an index that answers exactly as the saved one, with its watermark', async () => {
    const store = await SnapshotStore.open(uniqueName());
    const original = usedIndex();
    const saved = await store.save(original, facts);
    expect(saved).not.toBeNull();
    expect(saved!.bytes).toBeGreaterThan(100_000);
    const loaded = await store.load(5);
    if (!loaded.index) throw new Error(loaded.reason);
    expect(loaded.watermark).toBe(12_345);
    expect(loaded.journal).toEqual([]);
    expect(answers(loaded.index)).toEqual(answers(original));
    store.close();
  });

  it('a newer save replaces the older one; a save interrupted by a change keeps the older one', async () => {
    const store = await SnapshotStore.open(uniqueName());
    const index = usedIndex();
    await store.save(index, facts);
    const before = answers(index);
    // A change between pieces: the save gives up and leaves the previous snapshot in place.
    let checks = 0;
    const interrupted = await store.save(index, { ...facts, watermark: 99_999 }, () => {
      if (++checks === 2) index.upsert(corpus(1, 3, 'late')[0]!);
      return false;
    });
    expect(interrupted).toBeNull();
    const loaded = await store.load(5);
    if (!loaded.index) throw new Error(loaded.reason);
    expect(loaded.watermark).toBe(12_345);
    expect(answers(loaded.index)).toEqual(before);
    // A complete save replaces it.
    expect(await store.save(index, { ...facts, watermark: 99_999 })).not.toBeNull();
    const again = await store.load(5);
    if (!again.index) throw new Error(again.reason);
    expect(again.watermark).toBe(99_999);
    expect(answers(again.index)).toEqual(answers(index));
    store.close();
  });

  it('keeps a journal of changed papers until the next save', async () => {
    const store = await SnapshotStore.open(uniqueName());
    const index = usedIndex();
    await store.save(index, facts);
    await store.journal(['p1', 'p2']);
    await store.journal(['p2', 'q3']);
    const loaded = await store.load(5);
    expect(loaded.index && loaded.journal.sort()).toEqual(['p1', 'p2', 'q3']);
    await store.save(index, facts);
    const after = await store.load(5);
    expect(after.index && after.journal).toEqual([]);
    store.close();
  });

  it('rejects a missing, discarded, other-format, other-schema or damaged snapshot (the worker then rebuilds)', async () => {
    const name = uniqueName();
    const store = await SnapshotStore.open(name);
    expect(await store.load(5)).toEqual({ index: null, reason: 'no snapshot' });
    const index = usedIndex();
    await store.save(index, facts);
    expect((await store.load(6)).index).toBeNull(); // the library's schema moved on

    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const edit = (store: string, change: (value: Record<string, unknown>) => unknown, key: IDBValidKey) =>
      new Promise<void>((resolve, reject) => {
        const tx = raw.transaction(store, 'readwrite');
        const objects = tx.objectStore(store);
        const get = objects.get(key);
        get.onsuccess = () => objects.put(change(get.result as Record<string, unknown>), key);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    const currentId = () =>
      new Promise<number>((resolve) => {
        const get = raw.transaction('meta').objectStore('meta').get('current');
        get.onsuccess = () => resolve((get.result as { snapshotId: number }).snapshotId);
      });
    const replace = (key: IDBValidKey, value: unknown) =>
      new Promise<void>((resolve, reject) => {
        const tx = raw.transaction('chunks', 'readwrite');
        tx.objectStore('chunks').put(value, key);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });

    await edit('meta', (m) => ({ ...m, format: SNAPSHOT_FORMAT + 1 }), 'current');
    expect(await store.load(5)).toMatchObject({ index: null, reason: expect.stringMatching(/format/) });
    await edit('meta', (m) => ({ ...m, format: SNAPSHOT_FORMAT }), 'current');
    expect((await store.load(5)).index).not.toBeNull();

    // A piece with the wrong kind of array, one cut short, a header that is not one, a piece missing.
    await edit('chunks', (p) => ({ ...p, weights: Array.from(p.weights as Float32Array) }), [await currentId(), 1]);
    expect(await store.load(5)).toMatchObject({ index: null, reason: expect.stringMatching(/damaged/) });
    await store.save(index, facts);
    await edit(
      'chunks',
      (p) => ({ ...p, slots: (p.slots as Uint32Array).slice(1), weights: (p.weights as Float32Array).slice(1) }),
      [await currentId(), 1],
    );
    expect(await store.load(5)).toMatchObject({ index: null, reason: expect.stringMatching(/unreadable/) });
    await store.save(index, facts);
    await replace([await currentId(), 0], 'garbage');
    expect(await store.load(5)).toMatchObject({ index: null, reason: expect.stringMatching(/damaged/) });
    await store.save(index, facts);
    await new Promise<void>((resolve) => {
      void currentId().then((id) => {
        const tx = raw.transaction('chunks', 'readwrite');
        tx.objectStore('chunks').delete([id, 1]);
        tx.oncomplete = () => resolve();
      });
    });
    expect(await store.load(5)).toMatchObject({ index: null, reason: expect.stringMatching(/damaged/) });
    raw.close();

    await store.save(index, facts);
    expect((await store.load(5)).index).not.toBeNull();
    await discardSearchSnapshot(name);
    expect(await store.load(5)).toEqual({ index: null, reason: 'no snapshot' });
    store.close();
  });
});
