// The search index saved to disk, so a restart adopts it in a moment instead of rebuilding it
// from every paper. It is one file (SnapshotFiles: OPFS in the app) read whole with one read:
// typed-array sections that the index takes as views (no copy, no structured clone), string
// columns as UTF-8 text plus lengths, and a trailer written last that says what is where. A file
// without its trailer (a save cut short) does not count. Beside it, a journal of papers changed
// since a save began that catching up by modification time would miss (an undone triage decision
// puts the old updatedAt back; a delete can hide behind an import in a count): each entry carries
// its time, and a snapshot takes the entries noted since its own save began, so a change that
// arrives while a save is written is never lost, whichever way the save ends.
// Anything unexpected on load (missing, damaged, another format, another library schema) is a
// reason to rebuild, never an error that reaches search.

import type { SortKey } from '../views';
import { type IndexState, type PostingsPiece, SearchIndex } from './SearchIndex';
import { openSnapshotFiles, type SnapshotFiles, type SnapshotFileWriter } from './SnapshotFiles';

/** Bump when IndexState, this file layout or the index's tokenizing or weighting changes: older snapshots are then rebuilt. */
export const SNAPSHOT_FORMAT = 2;
/** Where format 1 kept its snapshot (IndexedDB): removed once a snapshot is saved as a file. */
export const LEGACY_SNAPSHOT_DATABASE = 'shelfmark-search-cache';

export const JOURNAL_FILE = 'journal';
const SNAPSHOT_FILE = /^index-(\d+)\.snapshot$/;
export const snapshotFileName = (id: number) => `index-${id}.snapshot`;
/** The file's last four bytes ("SMS1"), after the trailer's length. */
const MAGIC = 0x31534d53;
const ALIGN = 8;

type Range = [offset: number, byteLength: number];
interface StringColumn {
  /** utf16 only when a string holds a lone surrogate (UTF-8 cannot keep it). */
  encoding: 'utf8' | 'utf16';
  text: Range;
  /** UTF-16 length of each string. */
  lengths: Range;
}
/** Lists of strings per slot, each distinct list stored once (papers share a few hundred digests). */
interface ListColumn {
  /** Per slot: the index of its list among the distinct ones. */
  which: Range;
  /** Length of each distinct list; their strings follow one another in values. */
  counts: Range;
  values: StringColumn;
}

interface Trailer {
  format: number;
  snapshotId: number;
  /** Date.now() when the save began: journal entries from then on still apply to this snapshot. */
  startedAt: number;
  /** The library database's schema version the index was built from. */
  libraryVersion: number;
  /** Highest updatedAt indexed. */
  watermark: number;
  papers: number;
  bytes: number;
  savedAt: number;
  dead: number;
  words: StringColumn;
  sortedTermIds: Range;
  ids: StringColumn;
  listOrder: StringColumn;
  titleKey: StringColumn;
  tags: ListColumn;
  digestIds: ListColumn;
  status: Range;
  starred: Range;
  addedAt: Range;
  updatedAt: Range;
  orders: { key: string; order: Range }[];
  pieces: { firstTerm: number; lengths: Range; slots: Range; weights: Range }[];
}

export interface SnapshotFacts {
  watermark: number;
  libraryVersion: number;
}

export type LoadedSnapshot =
  | {
      index: SearchIndex;
      watermark: number;
      /** Papers changed after the save began that catching up by time could miss: re-read them. */
      journal: string[];
      bytes: number;
      /** Reading the snapshot's file, then that and making the index of it. */
      readMs: number;
      loadMs: number;
    }
  | { index: null; reason: string };

export interface SavedSnapshot {
  bytes: number;
  writeMs: number;
  pieces: number;
}

class Damaged extends Error {}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const encoder = new TextEncoder();

const bytesOf = (view: ArrayBufferView) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);

/** Writes sections one after another, each at an offset its typed array can view. */
class SectionWriter {
  offset = 0;
  constructor(private readonly out: SnapshotFileWriter) {}

  async add(view: ArrayBufferView): Promise<Range> {
    const pad = (ALIGN - (this.offset % ALIGN)) % ALIGN;
    if (pad > 0) await this.write(new Uint8Array(pad));
    const at = this.offset;
    await this.write(bytesOf(view));
    return [at, view.byteLength];
  }

  async strings(values: readonly string[]): Promise<StringColumn> {
    const lengths = await this.add(Uint32Array.from(values, (value) => value.length));
    const joined = values.join('');
    if (!LONE_SURROGATE.test(joined))
      return { encoding: 'utf8', text: await this.add(encoder.encode(joined)), lengths };
    const units = new Uint16Array(joined.length);
    for (let i = 0; i < joined.length; i++) units[i] = joined.charCodeAt(i);
    return { encoding: 'utf16', text: await this.add(units), lengths };
  }

  async lists(values: readonly (readonly string[])[]): Promise<ListColumn> {
    const distinct = new Map<string, number>();
    const lists: (readonly string[])[] = [];
    const which = Uint32Array.from(values, (list) => {
      const key = JSON.stringify(list);
      let at = distinct.get(key);
      if (at === undefined) {
        distinct.set(key, (at = lists.length));
        lists.push(list);
      }
      return at;
    });
    return {
      which: await this.add(which),
      counts: await this.add(Uint32Array.from(lists, (list) => list.length)),
      values: await this.strings(lists.flat()),
    };
  }

  async write(bytes: Uint8Array): Promise<void> {
    await this.out.write(bytes);
    this.offset += bytes.byteLength;
  }

  close(): Promise<void> {
    return this.out.close();
  }
}

type TypedArrayOf<T> = {
  new (buffer: ArrayBuffer, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
};

/** Reads the sections of one snapshot file (throws Damaged on anything out of place). */
class SectionReader {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  constructor(
    private readonly file: Uint8Array<ArrayBuffer>,
    private readonly end: number,
  ) {}

  view<T>(range: unknown, type: TypedArrayOf<T>): T {
    if (!Array.isArray(range) || range.length !== 2) throw new Damaged('section');
    const [offset, length] = range as [unknown, unknown];
    if (typeof offset !== 'number' || typeof length !== 'number' || !Number.isInteger(offset) || offset < 0)
      throw new Damaged('section');
    const size = type.BYTES_PER_ELEMENT;
    if (offset % size !== 0 || length % size !== 0 || length < 0 || offset + length > this.end)
      throw new Damaged('section');
    return new type(this.file.buffer, this.file.byteOffset + offset, length / size);
  }

  strings(column: StringColumn): string[] {
    const lengths = this.view(column.lengths, Uint32Array);
    let text: string;
    if (column.encoding === 'utf8') text = this.decoder.decode(this.view(column.text, Uint8Array));
    else if (column.encoding === 'utf16') text = fromCharCodes(this.view(column.text, Uint16Array));
    else throw new Damaged('string encoding');
    const out = new Array<string>(lengths.length);
    let at = 0;
    for (let i = 0; i < lengths.length; i++) {
      const end = at + lengths[i]!;
      out[i] = text.slice(at, end);
      at = end;
    }
    if (at !== text.length) throw new Damaged('string lengths');
    return out;
  }

  /**
   * Lists of strings, one per slot. Slots with the same list share one (frozen) array: the index
   * never changes a list it holds, and 200,000 small arrays were a good part of a load.
   */
  lists(column: ListColumn): (readonly string[])[] {
    const counts = this.view(column.counts, Uint32Array);
    const values = this.strings(column.values);
    const lists = new Array<readonly string[]>(counts.length);
    let at = 0;
    for (let i = 0; i < counts.length; i++) {
      const end = at + counts[i]!;
      lists[i] = Object.freeze(values.slice(at, end));
      at = end;
    }
    if (at !== values.length) throw new Damaged('list lengths');
    const which = this.view(column.which, Uint32Array);
    const out = new Array<readonly string[]>(which.length);
    for (let i = 0; i < which.length; i++) {
      const list = lists[which[i]!];
      if (!list) throw new Damaged('list index');
      out[i] = list;
    }
    return out;
  }
}

function fromCharCodes(units: Uint16Array): string {
  let text = '';
  for (let i = 0; i < units.length; i += 8_192)
    text += String.fromCharCode(...units.subarray(i, Math.min(units.length, i + 8_192)));
  return text;
}

/** The trailer of a complete snapshot file, or null when the file is not one (cut short, other data). */
function readTrailer(file: Uint8Array): { trailer: Trailer; end: number } | null {
  if (file.byteLength < 8) return null;
  const tail = new DataView(file.buffer, file.byteOffset + file.byteLength - 8, 8);
  if (tail.getUint32(4, true) !== MAGIC) return null;
  const length = tail.getUint32(0, true);
  const end = file.byteLength - 8 - length;
  if (end < 0) return null;
  try {
    const trailer = JSON.parse(new TextDecoder().decode(file.subarray(end, end + length))) as unknown;
    return typeof trailer === 'object' && trailer !== null ? { trailer: trailer as Trailer, end } : null;
  } catch {
    return null;
  }
}

function indexState(reader: SectionReader, t: Trailer): IndexState {
  if (!Array.isArray(t.pieces) || !Array.isArray(t.orders)) throw new Damaged('trailer');
  const postings: PostingsPiece[] = t.pieces.map((piece) => ({
    firstTerm: piece.firstTerm,
    lengths: reader.view(piece.lengths, Uint32Array),
    slots: reader.view(piece.slots, Uint32Array),
    weights: reader.view(piece.weights, Float32Array),
  }));
  return {
    words: reader.strings(t.words)[0] ?? '',
    sortedTermIds: reader.view(t.sortedTermIds, Int32Array),
    postings,
    ids: reader.strings(t.ids),
    status: reader.view(t.status, Uint8Array),
    starred: reader.view(t.starred, Uint8Array),
    addedAt: reader.view(t.addedAt, Float64Array),
    updatedAt: reader.view(t.updatedAt, Float64Array),
    // decoded once the index answers searches (SearchIndex.finishLoad())
    listOrder: () => reader.strings(t.listOrder),
    titleKey: () => reader.strings(t.titleKey),
    tags: reader.lists(t.tags),
    digestIds: reader.lists(t.digestIds),
    dead: t.dead,
    orders: t.orders.map(({ key, order }) => ({ key: key as SortKey, order: reader.view(order, Uint32Array) })),
  };
}

interface JournalEntry {
  at: number;
  ids: string[];
}

function parseJournal(bytes: Uint8Array | null): JournalEntry[] {
  if (!bytes) return [];
  const entries: JournalEntry[] = [];
  for (const line of new TextDecoder('utf-8', { fatal: true }).decode(bytes).split('\n')) {
    if (line === '') continue;
    const entry = JSON.parse(line) as Partial<JournalEntry> | null;
    if (
      typeof entry !== 'object' ||
      entry === null ||
      typeof entry.at !== 'number' ||
      !Array.isArray(entry.ids) ||
      !entry.ids.every((id) => typeof id === 'string')
    )
      throw new Damaged('journal');
    entries.push(entry as JournalEntry);
  }
  return entries;
}

const journalLines = (entries: readonly JournalEntry[]) =>
  encoder.encode(entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));

/** Lets the worker's queued messages (searches) run between the pieces of a save. */
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Removes the saved index (a restored backup replaced the library it describes). */
export async function discardSearchSnapshot(files?: SnapshotFiles): Promise<void> {
  const store = await SnapshotStore.open(files);
  try {
    await store.discard();
  } finally {
    store.close();
  }
  if (typeof indexedDB !== 'undefined') indexedDB.deleteDatabase(LEGACY_SNAPSHOT_DATABASE);
}

export class SnapshotStore {
  /** File operations other than a save's own writing run one after another, in call order. */
  private chain: Promise<unknown> = Promise.resolve();
  /** Bumped by discard(): a save that began before it is dropped. */
  private epoch = 0;
  private lastSnapshotId = 0;
  /** The file a save is writing, if one is. */
  private writing: string | null = null;

  private constructor(private readonly files: SnapshotFiles) {}

  static async open(files?: SnapshotFiles): Promise<SnapshotStore> {
    return new SnapshotStore(files ?? (await openSnapshotFiles()));
  }

  close(): void {
    this.files.close?.();
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async snapshotIds(): Promise<number[]> {
    const ids: number[] = [];
    for (const name of await this.files.list()) {
      const match = SNAPSHOT_FILE.exec(name);
      if (match) ids.push(Number(match[1]));
    }
    return ids.sort((a, b) => b - a);
  }

  /** The saved index when there is a usable one, else why not. */
  load(libraryVersion: number): Promise<LoadedSnapshot> {
    return this.serial(() => this.loadNow(libraryVersion));
  }

  private async loadNow(libraryVersion: number): Promise<LoadedSnapshot> {
    const started = performance.now();
    try {
      const ids = await this.snapshotIds();
      if (ids.length === 0) return { index: null, reason: 'no snapshot' };
      const journalBytes = this.files.read(JOURNAL_FILE);
      journalBytes.catch(() => undefined);
      // The newest complete file: a newer one without its trailer is a save cut short.
      let found: { file: Uint8Array<ArrayBuffer>; trailer: Trailer; end: number } | null = null;
      for (const id of ids) {
        const file = await this.files.read(snapshotFileName(id));
        const read = file && readTrailer(file);
        if (file && read) {
          found = { file, ...read };
          break;
        }
      }
      const journalFile = await journalBytes;
      const readMs = performance.now() - started;
      if (!found) return { index: null, reason: 'snapshot damaged (incomplete)' };
      const { file, trailer, end } = found;
      this.lastSnapshotId = Math.max(this.lastSnapshotId, ...ids);
      if (trailer.format !== SNAPSHOT_FORMAT) return { index: null, reason: `snapshot format ${trailer.format}` };
      if (trailer.libraryVersion !== libraryVersion)
        return { index: null, reason: `snapshot of library schema ${trailer.libraryVersion}` };
      let index: SearchIndex;
      try {
        index = SearchIndex.fromState(indexState(new SectionReader(file, end), trailer));
      } catch (error) {
        return { index: null, reason: `snapshot damaged (${error instanceof Error ? error.message : String(error)})` };
      }
      if (index.size !== trailer.papers) return { index: null, reason: 'snapshot damaged (paper count)' };
      let entries: JournalEntry[];
      try {
        entries = parseJournal(journalFile);
      } catch {
        return { index: null, reason: 'snapshot journal damaged' };
      }
      const changed = new Set<string>();
      for (const entry of entries) if (entry.at >= trailer.startedAt) entry.ids.forEach((id) => changed.add(id));
      return {
        index,
        watermark: trailer.watermark,
        journal: [...changed],
        bytes: trailer.bytes,
        readMs,
        loadMs: performance.now() - started,
      };
    } catch (error) {
      return { index: null, reason: `snapshot unreadable: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  /**
   * Saves `index` piece by piece (searches run between pieces). Returns null, keeping the previous
   * snapshot, when the index changed meanwhile, `stop()` says so (a search burst) or discard()
   * ran: the caller tries again later.
   */
  async save(
    index: SearchIndex,
    facts: SnapshotFacts,
    stop: () => boolean = () => false,
  ): Promise<SavedSnapshot | null> {
    const started = performance.now();
    const startedAt = Date.now();
    const generation = index.generation;
    const epoch = this.epoch;
    const stale = () => stop() || index.generation !== generation || this.epoch !== epoch;
    const snapshotId = Math.max(startedAt, this.lastSnapshotId + 1);
    this.lastSnapshotId = snapshotId;
    const name = snapshotFileName(snapshotId);
    const header = index.exportState();
    this.writing = name;
    const out = new SectionWriter(
      await this.files.create(name).catch((error: unknown) => {
        this.writing = null;
        throw error;
      }),
    );
    let pieces = 0;
    let complete = false;
    try {
      const t: Omit<Trailer, 'bytes' | 'savedAt'> = {
        format: SNAPSHOT_FORMAT,
        snapshotId,
        startedAt,
        libraryVersion: facts.libraryVersion,
        watermark: facts.watermark,
        papers: index.size,
        dead: header.dead,
        // one string: words are letters and digits, NUL-joined (as IndexState has them)
        words: await out.strings([header.words]),
        sortedTermIds: await out.add(header.sortedTermIds),
        ids: await out.strings(header.ids),
        listOrder: await out.strings(header.listOrder),
        titleKey: await out.strings(header.titleKey),
        tags: await out.lists(header.tags),
        digestIds: await out.lists(header.digestIds),
        status: await out.add(header.status),
        starred: await out.add(header.starred),
        addedAt: await out.add(header.addedAt),
        updatedAt: await out.add(header.updatedAt),
        orders: [],
        pieces: [],
      };
      for (const { key, order } of header.orders) t.orders.push({ key, order: await out.add(order) });
      for (let next = 0; ;) {
        await yieldToMessages();
        if (stale()) return null;
        const piece = index.postingsPiece(next);
        if (!piece) break;
        next = piece.firstTerm + piece.lengths.length;
        t.pieces.push({
          firstTerm: piece.firstTerm,
          lengths: await out.add(piece.lengths),
          slots: await out.add(piece.slots),
          weights: await out.add(piece.weights),
        });
        pieces++;
      }
      const trailer: Trailer = { ...t, bytes: out.offset, savedAt: Date.now() };
      const json = encoder.encode(JSON.stringify(trailer));
      const tail = new DataView(new ArrayBuffer(8));
      tail.setUint32(0, json.byteLength, true);
      tail.setUint32(4, MAGIC, true);
      await out.write(json);
      // The trailer goes last: a file that has it is whole.
      await out.write(new Uint8Array(tail.buffer));
      await out.close();
      if (stale()) return null;
      complete = true;
      await this.serial(() => this.retire(snapshotId, startedAt));
      return { bytes: trailer.bytes, writeMs: performance.now() - started, pieces };
    } finally {
      this.writing = null;
      if (!complete) {
        await out.close().catch(() => undefined);
        await this.files.remove(name).catch(() => undefined);
      }
    }
  }

  /** After a save: other snapshot files go, and journal entries older than the save's start. */
  private async retire(current: number, startedAt: number): Promise<void> {
    for (const id of await this.snapshotIds()) if (id !== current) await this.files.remove(snapshotFileName(id));
    let entries: JournalEntry[] = [];
    try {
      entries = parseJournal(await this.files.read(JOURNAL_FILE));
    } catch {
      // a damaged journal would fail every later load: start a new one
    }
    const kept = entries.filter((entry) => entry.at >= startedAt);
    const out = await this.files.create(JOURNAL_FILE);
    try {
      if (kept.length > 0) await out.write(journalLines(kept));
    } finally {
      await out.close();
    }
  }

  /** Notes papers changed after the last save (call when the change is asked for, before it is applied). */
  journal(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    const line = journalLines([{ at: Date.now(), ids: [...ids] }]);
    return this.serial(() => this.files.append(JOURNAL_FILE, line));
  }

  /**
   * Forgets the saved index: the next start rebuilds it. A save under way is dropped (it removes
   * its own file: OPFS refuses to remove a file while it is being written).
   */
  discard(): Promise<void> {
    this.epoch++;
    const writing = this.writing;
    return this.serial(async () => {
      const failed: unknown[] = [];
      for (const name of await this.files.list()) {
        if (name === writing) await this.files.remove(name).catch(() => undefined);
        else await this.files.remove(name).catch((error: unknown) => failed.push(error));
      }
      if (failed.length > 0) throw failed[0]; // after trying every file
    });
  }
}
