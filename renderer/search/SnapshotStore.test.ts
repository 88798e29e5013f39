import { describe, expect, it } from 'vitest';
import type { ListViewId, ResultOrder } from '../views';
import { type IndexablePaper, SearchIndex } from './SearchIndex';
import { IndexedDbSnapshotFiles, MemorySnapshotFiles } from './SnapshotFiles';
import { discardSearchSnapshot, JOURNAL_FILE, SNAPSHOT_FORMAT, SnapshotStore } from './SnapshotStore';

let dbCounter = 0;
const uniqueName = () => `search-files-test-${++dbCounter}-${Math.random().toString(36).slice(2)}`;

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

/** The snapshot files present, newest first. */
function snapshotNames(files: MemorySnapshotFiles): string[] {
  return [...files.files.keys()].filter((name) => name.endsWith('.snapshot')).sort((a, b) => b.localeCompare(a));
}

async function fileBytes(files: MemorySnapshotFiles, name: string): Promise<Uint8Array> {
  return (await files.read(name))!;
}

/** Rewrites a snapshot file's trailer (the JSON before its last 8 bytes). */
async function editTrailer(
  files: MemorySnapshotFiles,
  name: string,
  change: (trailer: Record<string, unknown>) => unknown,
): Promise<void> {
  const bytes = await fileBytes(files, name);
  const tail = new DataView(bytes.buffer, bytes.byteLength - 8, 8);
  const length = tail.getUint32(0, true);
  const end = bytes.byteLength - 8 - length;
  const trailer = JSON.parse(new TextDecoder().decode(bytes.subarray(end, end + length))) as Record<string, unknown>;
  const json = new TextEncoder().encode(JSON.stringify(change(trailer)));
  const out = new Uint8Array(end + json.byteLength + 8);
  out.set(bytes.subarray(0, end));
  out.set(json, end);
  const newTail = new DataView(out.buffer, end + json.byteLength, 8);
  newTail.setUint32(0, json.byteLength, true);
  newTail.setUint32(4, tail.getUint32(4, true), true);
  files.files.set(name, [out]);
}

describe('SnapshotStore', () => {
  const facts = { watermark: 12_345, libraryVersion: 5 };

  it('saves one file and loads an index that answers exactly as the saved one, with its watermark', async () => {
    const files = new MemorySnapshotFiles();
    const store = await SnapshotStore.open(files);
    const original = usedIndex();
    const saved = await store.save(original, facts);
    expect(saved).not.toBeNull();
    expect(saved!.bytes).toBeGreaterThan(100_000);
    expect(snapshotNames(files)).toHaveLength(1);
    const loaded = await store.load(5);
    if (!loaded.index) throw new Error(loaded.reason);
    expect(loaded.watermark).toBe(12_345);
    expect(loaded.journal).toEqual([]);
    expect(answers(loaded.index)).toEqual(answers(original));
    // and one loaded from a loaded index's save (words renumbered in sorted order once already)
    const again = await SnapshotStore.open(new MemorySnapshotFiles());
    await again.save(loaded.index, facts);
    const twice = await again.load(5);
    if (!twice.index) throw new Error(twice.reason);
    expect(answers(twice.index)).toEqual(answers(original));
  });

  it('a restored index takes new papers, words and removals as the original does', async () => {
    const store = await SnapshotStore.open(new MemorySnapshotFiles());
    const original = usedIndex();
    await store.save(original, facts);
    const loaded = await store.load(5);
    if (!loaded.index) throw new Error(loaded.reason);
    const more = corpus(300, 5, 'z');
    for (const index of [original, loaded.index]) {
      more.forEach((p) => index.upsert({ ...p, title: `${p.title} brandnewword${p.id}` }));
      for (let i = 0; i < 100; i++) index.remove(`z${i}`);
      index.upsert({ ...more[150]!, notes: 'aaaa zzzz', updatedAt: 70_000 });
    }
    expect(answers(loaded.index)).toEqual(answers(original));
    for (const query of ['brandnewwordz2', 'brandnewwordz2 ', 'aaaa ', 'zzzz', 'brandnew'])
      expect([...loaded.index.search(query).slots]).toEqual([...original.search(query).slots]);
  });

  it('keeps strings exactly, lone surrogates and a leading byte order mark included', async () => {
    const store = await SnapshotStore.open(new MemorySnapshotFiles());
    const index = new SearchIndex();
    const [a, b] = corpus(2, 3);
    index.upsert({ ...a!, id: '\uFEFFbom', titleKey: 'broken \uD800 key', tags: ['t\uDC00g'] });
    index.upsert({ ...b!, id: 'plain', listOrder: 'ω~1' });
    index.warmOrders();
    await store.save(index, facts);
    const loaded = await store.load(5);
    if (!loaded.index) throw new Error(loaded.reason);
    expect([loaded.index.slotId(0), loaded.index.slotId(1)]).toEqual(['\uFEFFbom', 'plain']);
    expect(answers(loaded.index)).toEqual(answers(index));
    expect([...loaded.index.search(a!.title.split(' ')[0]!, 'tag:t\uDC00g').slots]).toEqual([0]);
  });

  it('a newer save replaces the older one; a save interrupted by a change keeps the older one', async () => {
    const files = new MemorySnapshotFiles();
    const store = await SnapshotStore.open(files);
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
    expect(snapshotNames(files)).toHaveLength(1);
    const loaded = await store.load(5);
    if (!loaded.index) throw new Error(loaded.reason);
    expect(loaded.watermark).toBe(12_345);
    expect(answers(loaded.index)).toEqual(before);
    // A complete save replaces it.
    expect(await store.save(index, { ...facts, watermark: 99_999 })).not.toBeNull();
    expect(snapshotNames(files)).toHaveLength(1);
    const again = await store.load(5);
    if (!again.index) throw new Error(again.reason);
    expect(again.watermark).toBe(99_999);
    expect(answers(again.index)).toEqual(answers(index));
  });

  it('keeps a journal of changed papers until the next save, and what was noted while a save ran after it', async () => {
    const files = new MemorySnapshotFiles();
    const store = await SnapshotStore.open(files);
    const index = usedIndex();
    await store.save(index, facts);
    await store.journal(['p1', 'p2']);
    await store.journal(['p2', 'q3']);
    const loaded = await store.load(5);
    expect(loaded.index && loaded.journal.sort()).toEqual(['p1', 'p2', 'q3']);
    await store.save(index, facts);
    const after = await store.load(5);
    expect(after.index && after.journal).toEqual([]);
    // Noted while the save is written (its change may not be in it): kept for the next start.
    let noted = false;
    const saved = await store.save(index, facts, () => {
      if (!noted) void store.journal(['during']);
      noted = true;
      return false;
    });
    expect(saved).not.toBeNull();
    const next = await store.load(5);
    expect(next.index && next.journal).toEqual(['during']);
  });

  it('a save cut short (no trailer) does not count: the previous complete snapshot loads', async () => {
    const files = new MemorySnapshotFiles();
    const store = await SnapshotStore.open(files);
    const index = usedIndex();
    await store.save(index, facts);
    const [complete] = snapshotNames(files);
    const bytes = await fileBytes(files, complete!);
    // A newer file whose writing stopped half way.
    files.files.set(`index-${Date.now() + 60_000}.snapshot`, [bytes.slice(0, bytes.byteLength >> 1)]);
    const loaded = await store.load(5);
    if (!loaded.index) throw new Error(loaded.reason);
    expect(answers(loaded.index)).toEqual(answers(index));
    // Only the cut one: rebuild. The next complete save clears it away.
    files.files.delete(complete!);
    expect(await store.load(5)).toMatchObject({ index: null, reason: expect.stringMatching(/damaged/) });
    await store.save(index, facts);
    expect(snapshotNames(files)).toHaveLength(1);
    expect((await store.load(5)).index).not.toBeNull();
  });

  it('rejects a missing, discarded, other-format, other-schema or damaged snapshot (the worker then rebuilds)', async () => {
    const files = new MemorySnapshotFiles();
    const store = await SnapshotStore.open(files);
    expect(await store.load(5)).toEqual({ index: null, reason: 'no snapshot' });
    const index = usedIndex();
    await store.save(index, facts);
    expect((await store.load(6)).index).toBeNull(); // the library's schema moved on
    const name = () => snapshotNames(files)[0]!;

    await editTrailer(files, name(), (t) => ({ ...t, format: SNAPSHOT_FORMAT + 1 }));
    expect(await store.load(5)).toMatchObject({ index: null, reason: expect.stringMatching(/format/) });
    await editTrailer(files, name(), (t) => ({ ...t, format: SNAPSHOT_FORMAT }));
    expect((await store.load(5)).index).not.toBeNull();

    type Piece = { slots: [number, number]; weights: [number, number] };
    const damage: ((t: Record<string, unknown>) => unknown)[] = [
      // a section past the end of the file, one cut short, one at an offset its type cannot view
      (t) => ({ ...t, sortedTermIds: [0, 1 << 30] }),
      (t) => {
        const pieces = t.pieces as Piece[];
        const [first] = pieces;
        return { ...t, pieces: [{ ...first, slots: [first!.slots[0], first!.slots[1] - 4] }, ...pieces.slice(1)] };
      },
      (t) => ({ ...t, status: [1, 4] }),
      (t) => ({ ...t, updatedAt: [4, 8] }),
      // a piece missing, strings whose lengths do not add up, a paper count that does not match
      (t) => ({ ...t, pieces: (t.pieces as Piece[]).slice(1) }),
      (t) => ({ ...t, ids: { ...(t.ids as object), lengths: (t.titleKey as { lengths: unknown }).lengths } }),
      (t) => ({ ...t, papers: 1 }),
      // a slot naming a list of tags that is not there
      (t) => ({ ...t, tags: { ...(t.tags as object), which: (t.digestIds as { counts: unknown }).counts } }),
      (t) => ({ ...t, orders: [{ key: 'nonsense', order: (t.orders as { order: unknown }[])[0]!.order }] }),
      () => 'garbage',
    ];
    for (const change of damage) {
      await store.save(index, facts);
      await editTrailer(files, name(), change);
      expect(await store.load(5)).toMatchObject({ index: null, reason: expect.stringMatching(/damaged|unreadable/) });
    }
    // Sort keys are decoded after the index answers: their damage shows in finishLoad().
    await store.save(index, facts);
    await editTrailer(files, name(), (t) => ({
      ...t,
      titleKey: { ...(t.titleKey as object), lengths: (t.words as { lengths: unknown }).lengths },
    }));
    const late = await store.load(5);
    if (!late.index) throw new Error(late.reason);
    expect(() => late.index.finishLoad()).toThrow();
    // Bytes flipped inside the words: not sorted any more, or not UTF-8.
    await store.save(index, facts);
    const bytes = await fileBytes(files, name());
    const scrambled = bytes.slice();
    scrambled.fill(0xff, 0, 64);
    files.files.set(name(), [scrambled]);
    expect(await store.load(5)).toMatchObject({ index: null, reason: expect.stringMatching(/damaged/) });

    await store.save(index, facts);
    await files.append(JOURNAL_FILE, new TextEncoder().encode('{"at": 1, "ids": [3]}\n'));
    expect(await store.load(5)).toMatchObject({ index: null, reason: expect.stringMatching(/journal/) });
    await store.save(index, facts); // a save starts a new journal
    expect((await store.load(5)).index).not.toBeNull();
    await discardSearchSnapshot(files);
    expect(files.files.size).toBe(0);
    expect(await store.load(5)).toEqual({ index: null, reason: 'no snapshot' });
  });

  it('drops a save under way when the snapshot is discarded', async () => {
    const files = new MemorySnapshotFiles();
    const store = await SnapshotStore.open(files);
    const index = usedIndex();
    let discarded = false;
    const saved = await store.save(index, facts, () => {
      if (!discarded) void store.discard();
      discarded = true;
      return false;
    });
    expect(saved).toBeNull();
    expect(await store.load(5)).toEqual({ index: null, reason: 'no snapshot' });
  });

  it('works the same over IndexedDB where there is no OPFS', async () => {
    const files = await IndexedDbSnapshotFiles.open(uniqueName());
    const store = await SnapshotStore.open(files);
    const index = usedIndex();
    await store.save(index, facts);
    await store.journal(['p1']);
    await store.journal(['q2']);
    const loaded = await store.load(5);
    if (!loaded.index) throw new Error(loaded.reason);
    expect(loaded.journal.sort()).toEqual(['p1', 'q2']);
    expect(answers(loaded.index)).toEqual(answers(index));
    await store.save(index, { ...facts, watermark: 1 });
    // an empty journal is no file here: the snapshot is all there is
    expect(await files.list()).toEqual([expect.stringMatching(/^index-\d+\.snapshot$/)]);
    await store.discard();
    expect(await files.list()).toEqual([]);
    store.close();
  });
});
