// The full-text index behind search-as-you-type, sized for 100,000 papers answering every
// keystroke in a few milliseconds. Exact words go through an inverted index of typed arrays
// (document slots + weights); only the word still being typed is matched as a prefix, over a
// sorted word list, so abstracts are never prefix-indexed. AND across words, BM25-like
// ranking with field boosts. Pure: runs in the search worker and in unit tests.

import type { ReadingStatus } from '../../shared/model';
import type { ListViewId, ResultOrder, SortKey } from '../views';
import { viewStatus } from '../views';
import { forEachWord, parseQuery } from './tokenize';

/** What the index needs of a paper (a Paper row plus the digests it appeared in). */
export interface IndexablePaper {
  id: string;
  title: string;
  titleKey: string;
  abstract: string;
  authors: string[];
  notes: string;
  tags: string[];
  status: ReadingStatus;
  starred: 0 | 1;
  listOrder: string;
  addedAt: number;
  updatedAt: number;
  digestIds: string[];
}

const FIELD_BOOST = { title: 3, authors: 2, tags: 2, notes: 1.5, abstract: 1 } as const;
const UNION_MIN_WORDS = 400;
// Keyed by string: a status added to the model later gets its own code without breaking this file.
const STATUS_CODE: Record<string, number> = { unread: 0, reading: 1, read: 2, dismissed: 3 };

const EMPTY_SLOTS = new Uint32Array(0);
const EMPTY_WEIGHTS = new Float32Array(0);

/**
 * One word's documents (ascending slots) and weights: `length` entries of `slots` and `weights`
 * from `start`. After a bulk load or a snapshot the lists share one buffer (no typed-array view
 * per word: a snapshot has 200,000 words, most of them in one document).
 */
class Postings {
  slots: Uint32Array = EMPTY_SLOTS;
  weights: Float32Array = EMPTY_WEIGHTS;
  start = 0;
  length = 0;
  /** End of the room this list may fill in place; a push past it copies the list out. */
  private end = 0;
  adopt(slots: Uint32Array, weights: Float32Array, start: number, length: number, end: number): void {
    this.slots = slots;
    this.weights = weights;
    this.start = start;
    this.length = length;
    this.end = end;
  }
  /** The weight of the last document added. */
  last(): number {
    return this.length === 0 ? 0 : this.weights[this.start + this.length - 1]!;
  }
  push(slot: number, weight: number): void {
    if (this.start + this.length === this.end) {
      const capacity = Math.max(4, this.length * 2);
      const slots = new Uint32Array(capacity);
      slots.set(this.slots.subarray(this.start, this.start + this.length));
      const weights = new Float32Array(capacity);
      weights.set(this.weights.subarray(this.start, this.start + this.length));
      this.adopt(slots, weights, 0, this.length, capacity);
    }
    this.slots[this.start + this.length] = slot;
    this.weights[this.start + this.length] = weight;
    this.length++;
  }
  /** Copies of the list's own part of the buffers. */
  slotsView(): Uint32Array {
    return this.slots.subarray(this.start, this.start + this.length);
  }
  weightsView(): Float32Array {
    return this.weights.subarray(this.start, this.start + this.length);
  }
}

/** (word, slot, weight) triples appended during a bulk load. */
class BulkPostings {
  terms = new Uint32Array(1 << 16);
  slots = new Uint32Array(1 << 16);
  weights = new Float32Array(1 << 16);
  length = 0;
  push(term: number, slot: number, weight: number): void {
    if (this.length === this.terms.length) {
      const size = this.length * 2;
      const terms = new Uint32Array(size);
      terms.set(this.terms);
      this.terms = terms;
      const slots = new Uint32Array(size);
      slots.set(this.slots);
      this.slots = slots;
      const weights = new Float32Array(size);
      weights.set(this.weights);
      this.weights = weights;
    }
    this.terms[this.length] = term;
    this.slots[this.length] = slot;
    this.weights[this.length] = weight;
    this.length++;
  }
}

const DEAD_SLOT = 255;
const NO_STRINGS: readonly string[] = Object.freeze([]);

/**
 * What each slot's paper is, by column (a slot is a position in the postings). Columns, not an
 * object per slot: an index made from a snapshot takes its typed arrays as they are and its
 * strings as decoded, with nothing made per paper. A dead slot has status DEAD_SLOT and empty strings.
 */
class SlotColumns {
  length = 0;
  status = new Uint8Array(16);
  starred = new Uint8Array(16);
  addedAt = new Float64Array(16);
  updatedAt = new Float64Array(16);
  ids: string[] = [];
  tags: (readonly string[])[] = [];
  digestIds: (readonly string[])[] = [];

  // Sort keys, wanted only to place a changed paper in the sort orders: a snapshot's are decoded
  // on first use (finishLoad()), after the index answers searches.
  private listOrderValue: string[] | null = [];
  private titleKeyValue: string[] | null = [];
  private decodeListOrder: (() => string[]) | null = null;
  private decodeTitleKey: (() => string[]) | null = null;

  get listOrder(): string[] {
    return (this.listOrderValue ??= this.decoded(this.decodeListOrder!));
  }
  get titleKey(): string[] {
    return (this.titleKeyValue ??= this.decoded(this.decodeTitleKey!));
  }

  /** Takes the sort key columns as they are, or as functions that decode them on first use. */
  setSortKeys(listOrder: StringColumnSource, titleKey: StringColumnSource): void {
    if (typeof listOrder === 'function') [this.listOrderValue, this.decodeListOrder] = [null, listOrder];
    else this.listOrderValue = this.checked(listOrder);
    if (typeof titleKey === 'function') [this.titleKeyValue, this.decodeTitleKey] = [null, titleKey];
    else this.titleKeyValue = this.checked(titleKey);
  }

  private decoded(decode: () => string[]): string[] {
    return this.checked(decode());
  }

  private checked(column: string[]): string[] {
    if (column.length !== this.length) throw new Error('snapshot: slot columns differ in length');
    return column;
  }

  live(slot: number): boolean {
    return slot < this.length && this.status[slot] !== DEAD_SLOT;
  }

  /** Appends a slot for `paper`; returns it. */
  push(paper: IndexablePaper): number {
    const slot = this.length;
    if (slot === this.status.length) this.grow(Math.max(16, slot * 2));
    this.status[slot] = STATUS_CODE[paper.status] ?? 0;
    this.starred[slot] = paper.starred ? 1 : 0;
    this.addedAt[slot] = paper.addedAt;
    this.updatedAt[slot] = paper.updatedAt;
    this.ids[slot] = paper.id;
    this.listOrder[slot] = paper.listOrder;
    this.titleKey[slot] = paper.titleKey;
    this.tags[slot] = paper.tags;
    this.digestIds[slot] = paper.digestIds;
    this.length++;
    return slot;
  }

  kill(slot: number): void {
    this.status[slot] = DEAD_SLOT;
    this.starred[slot] = 0;
    this.addedAt[slot] = 0;
    this.updatedAt[slot] = 0;
    this.ids[slot] = '';
    this.listOrder[slot] = '';
    this.titleKey[slot] = '';
    this.tags[slot] = NO_STRINGS;
    this.digestIds[slot] = NO_STRINGS;
  }

  /** Moves live slots down over dead ones; old slot → new slot, -1 for a dead one. */
  compact(): Int32Array {
    const remap = new Int32Array(this.length).fill(-1);
    let next = 0;
    for (let slot = 0; slot < this.length; slot++) {
      if (this.status[slot] === DEAD_SLOT) continue;
      remap[slot] = next;
      this.status[next] = this.status[slot]!;
      this.starred[next] = this.starred[slot]!;
      this.addedAt[next] = this.addedAt[slot]!;
      this.updatedAt[next] = this.updatedAt[slot]!;
      this.ids[next] = this.ids[slot]!;
      this.listOrder[next] = this.listOrder[slot]!;
      this.titleKey[next] = this.titleKey[slot]!;
      this.tags[next] = this.tags[slot]!;
      this.digestIds[next] = this.digestIds[slot]!;
      next++;
    }
    for (const column of [this.ids, this.listOrder, this.titleKey, this.tags, this.digestIds]) column.length = next;
    this.length = next;
    return remap;
  }

  private grow(capacity: number): void {
    const grown = <T extends Uint8Array | Float64Array>(from: T, make: (n: number) => T): T => {
      const to = make(capacity);
      to.set(from.subarray(0, this.length) as never);
      return to;
    };
    this.status = grown(this.status, (n) => new Uint8Array(n));
    this.starred = grown(this.starred, (n) => new Uint8Array(n));
    this.addedAt = grown(this.addedAt, (n) => new Float64Array(n));
    this.updatedAt = grown(this.updatedAt, (n) => new Float64Array(n));
  }
}

/** A column of strings, or a function that decodes it (called once, when first needed). */
export type StringColumnSource = string[] | (() => string[]);

type Compare = (c: SlotColumns, a: number, b: number) => number;
const SORT_COMPARE: Record<SortKey, Compare> = {
  digestDate: (c, a, b) => {
    const x = c.listOrder[a]!;
    const y = c.listOrder[b]!;
    return x < y ? 1 : x > y ? -1 : 0;
  },
  added: (c, a, b) => c.addedAt[b]! - c.addedAt[a]!,
  title: (c, a, b) => {
    const x = c.titleKey[a]!;
    const y = c.titleKey[b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  },
  touched: (c, a, b) => c.updatedAt[b]! - c.updatedAt[a]!,
};

/** Live slots in one sort order, kept in step with every change once built. */
class SortOrder {
  order = new Uint32Array(0);
  length = 0;
  private position = new Int32Array(0);
  constructor(
    private readonly columns: SlotColumns,
    private readonly compare: Compare,
  ) {}

  private cmp(a: number, b: number): number {
    return this.compare(this.columns, a, b) || b - a;
  }

  /** Takes an order saved by a snapshot (every live slot once, sorted); false when it is not that. */
  adopt(order: Uint32Array<ArrayBuffer>): boolean {
    this.order = order;
    this.length = order.length;
    this.position = new Int32Array(Math.max(16, this.columns.length * 2)).fill(-1);
    for (let i = 0; i < order.length; i++) {
      const slot = order[i]!;
      if (!this.columns.live(slot) || this.position[slot] !== -1) return false;
      this.position[slot] = i;
    }
    return true;
  }

  build(): void {
    const live: number[] = [];
    for (let slot = 0; slot < this.columns.length; slot++) if (this.columns.live(slot)) live.push(slot);
    live.sort((a, b) => this.cmp(a, b));
    this.order = Uint32Array.from(live);
    this.length = live.length;
    this.position = new Int32Array(Math.max(16, this.columns.length * 2)).fill(-1);
    live.forEach((slot, i) => (this.position[slot] = i));
  }

  remove(slot: number): void {
    const at = this.position[slot] ?? -1;
    if (at < 0) return;
    this.order.copyWithin(at, at + 1, this.length);
    this.length--;
    for (let i = at; i < this.length; i++) this.position[this.order[i]!] = i;
    this.position[slot] = -1;
  }

  insert(slot: number): void {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cmp(this.order[mid]!, slot) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (this.length === this.order.length) {
      const grown = new Uint32Array(Math.max(16, this.length * 2));
      grown.set(this.order);
      this.order = grown;
    }
    if (slot >= this.position.length) {
      const grown = new Int32Array(Math.max(slot + 1, this.position.length * 2)).fill(-1);
      grown.set(this.position);
      this.position = grown;
    }
    this.order.copyWithin(lo + 1, lo, this.length);
    this.order[lo] = slot;
    this.length++;
    for (let i = lo; i < this.length; i++) this.position[this.order[i]!] = i;
  }
}

/**
 * The whole index as typed arrays and strings, for the search worker's snapshot on disk
 * (renderer/search/SnapshotStore.ts). Slots, dead slots included, and every posting are kept
 * exactly, so a restored index answers every search exactly as the saved one did.
 */
export interface IndexState {
  /** Words in word-id order, joined by NUL (a word is letters and digits only). exportState() numbers them in sorted order. */
  words: string;
  /** Word ids in the sorted order of their words. */
  sortedTermIds: Int32Array<ArrayBuffer>;
  /** Postings of each word, in word-id order, in pieces that never split a word's list. */
  postings: PostingsPiece[];
  /** Per slot; a dead slot has status DEAD_SLOT and empty strings. */
  ids: string[];
  status: Uint8Array<ArrayBuffer>;
  starred: Uint8Array<ArrayBuffer>;
  addedAt: Float64Array<ArrayBuffer>;
  updatedAt: Float64Array<ArrayBuffer>;
  /** Functions in a snapshot being loaded: decoded after the index answers (see finishLoad()). */
  listOrder: StringColumnSource;
  titleKey: StringColumnSource;
  tags: (readonly string[])[];
  digestIds: (readonly string[])[];
  dead: number;
  /** Sort orders built so far (live slots in order). */
  orders: { key: SortKey; order: Uint32Array<ArrayBuffer> }[];
}

/** What exportState() gives: everything but the postings, every column as it is. */
export type ExportedState = Omit<IndexState, 'postings' | 'listOrder' | 'titleKey'> & {
  listOrder: string[];
  titleKey: string[];
};

/** The postings of words [firstTerm, firstTerm + lengths.length). */
export interface PostingsPiece {
  firstTerm: number;
  lengths: Uint32Array<ArrayBuffer>;
  slots: Uint32Array<ArrayBuffer>;
  weights: Float32Array<ArrayBuffer>;
}

/** About this many postings per piece: a few MB, written and read one at a time. */
const PIECE_POSTINGS = 1 << 19;

export interface SearchResult {
  /** Matching slots, best first (or in the requested order); map them with slotId(). */
  slots: Uint32Array;
  /** The parsed words, for highlighting. */
  terms: string[];
  lastIsPrefix: boolean;
}

export class SearchIndex {
  /**
   * Word → word id. An index made from a snapshot has none until a bulk load needs one: its
   * words are found in sortedTerms (200,000 Map entries cost more than the rest of the load).
   */
  private termIds: Map<string, number> | null = new Map<string, number>();
  /** Per word id; an index made from a snapshot makes a word's list when it is first used (see base). */
  private readonly postings: (Postings | undefined)[] = [];
  /** Where each word's list is in a snapshot's pieces (lists not made yet are read from here). */
  private base: {
    slots: Uint32Array[];
    weights: Float32Array[];
    piece: Uint32Array;
    start: Uint32Array;
    length: Uint32Array;
  } | null = null;
  /** Every word, sorted, for prefix lookups of the word being typed. */
  private sortedTerms: string[] = [];
  private sortedTermIds = new Int32Array(0);
  private sortedDirty = false;
  private bulk: BulkPostings | null = null;
  private termWords: string[] = [];
  private readonly prefixUnions = new Map<string, Postings>();
  private readonly columns = new SlotColumns();
  /** Paper id → its live slot; an index made from a snapshot makes it on first use (finishLoad()). */
  private slotOfValue: Map<string, number> | null = new Map<string, number>();
  private readonly orders = new Map<SortKey, SortOrder>();
  private hits = new Uint8Array(0);
  private scores = new Float32Array(0);
  private dead = 0;
  private tf = new Uint32Array(1024);
  private weight = new Float32Array(1024);
  private keyBuffer = new Uint32Array(0);
  private slotBuffer = new Uint32Array(0);

  /** Bumped by every change (upsert, remove, compaction): a snapshot taken in pieces checks it. */
  private changes = 0;

  get generation(): number {
    return this.changes;
  }

  /** Number of live papers. */
  get size(): number {
    return this.columns.length - this.dead;
  }

  private get slotOf(): Map<string, number> {
    if (this.slotOfValue) return this.slotOfValue;
    const slotOf = new Map<string, number>();
    const { ids, status, length } = this.columns;
    for (let slot = 0; slot < length; slot++) if (status[slot] !== DEAD_SLOT) slotOf.set(ids[slot]!, slot);
    if (slotOf.size !== this.size) throw new Error('snapshot: a paper in two slots');
    return (this.slotOfValue = slotOf);
  }

  /**
   * Makes what fromState() leaves for later, as searches do not need it: the id → slot map and the
   * sort keys. Throws when they show the snapshot damaged (the caller then rebuilds).
   */
  finishLoad(): void {
    void this.slotOf;
    void this.columns.listOrder;
    void this.columns.titleKey;
  }

  /** Slots handed out so far (live or not): ids of slots below this are stable until compact(). */
  get slotCount(): number {
    return this.columns.length;
  }

  get termCount(): number {
    return this.termWords.length;
  }

  /** The id of a word, undefined when no paper has it. */
  private lookupTerm(word: string): number | undefined {
    if (this.termIds) return this.termIds.get(word);
    const at = lowerBound(this.sortedTerms, word);
    return this.sortedTerms[at] === word ? this.sortedTermIds[at] : undefined;
  }

  slotId(slot: number): string | undefined {
    return this.columns.live(slot) ? this.columns.ids[slot] : undefined;
  }

  /** The indexed paper's updatedAt, undefined when it is not indexed. */
  updatedAtOf(id: string): number | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.columns.updatedAt[slot];
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Ids of every live paper. */
  ids(): IterableIterator<string> {
    return this.slotOf.keys();
  }

  /** Adds or replaces a paper. A replaced paper gets a new slot (postings stay sorted by slot). */
  upsert(paper: IndexablePaper): void {
    this.remove(paper.id);
    this.changes++;
    const slot = this.columns.push(paper);
    this.slotOf.set(paper.id, slot);

    // Scratch arrays indexed by word id: no Map or object per document (GC dominated builds).
    const docTerms: number[] = [];
    const addField = (text: string, boost: number) => {
      const fieldTerms: number[] = [];
      forEachWord(text, (word) => {
        const termId = this.termId(word);
        if (this.tf[termId] === 0) fieldTerms.push(termId);
        this.tf[termId]!++;
      });
      for (const termId of fieldTerms) {
        const tf = this.tf[termId]!;
        this.tf[termId] = 0;
        if (this.weight[termId] === 0) docTerms.push(termId);
        this.weight[termId]! += (boost * tf) / (tf + 1.2);
      }
    };
    addField(paper.title, FIELD_BOOST.title);
    addField(paper.authors.join(' '), FIELD_BOOST.authors);
    addField(paper.tags.join(' '), FIELD_BOOST.tags);
    if (paper.notes) addField(paper.notes, FIELD_BOOST.notes);
    addField(paper.abstract, FIELD_BOOST.abstract);
    for (const termId of docTerms) {
      const weight = this.weight[termId]!;
      this.weight[termId] = 0;
      if (this.bulk) this.bulk.push(termId, slot, weight);
      else this.list(termId).push(slot, weight);
    }
    if (this.prefixUnions.size > 0 && this.bulk) {
      this.prefixUnions.clear(); // rebuilt on demand after the load
    } else {
      for (const [prefix, union] of this.prefixUnions) {
        let best = 0;
        for (const termId of docTerms) {
          if (this.termWords[termId]!.startsWith(prefix)) best = Math.max(best, this.list(termId).last());
        }
        if (best > 0) union.push(slot, best);
      }
    }
    for (const order of this.orders.values()) order.insert(slot);
  }

  /** The postings of a word (made from the snapshot's pieces on first use). */
  private list(termId: number): Postings {
    let list = this.postings[termId];
    if (!list) {
      const base = this.base!;
      const piece = base.piece[termId]!;
      const start = base.start[termId]!;
      list = new Postings();
      // Views of the piece's buffers: a list that grows later copies itself out (Postings.push).
      list.adopt(base.slots[piece]!, base.weights[piece]!, start, base.length[termId]!, start + base.length[termId]!);
      this.postings[termId] = list;
    }
    return list;
  }

  private termId(word: string): number {
    let termId = this.lookupTerm(word);
    if (termId === undefined) {
      termId = this.postings.length;
      word = [...word].join(''); // a flat copy: a substring would keep its whole abstract alive
      this.termIds?.set(word, termId);
      this.termWords.push(word);
      this.postings.push(new Postings());
      this.addSortedTerm(word, termId);
      if (termId >= this.tf.length) {
        const tf = new Uint32Array(this.tf.length * 2);
        tf.set(this.tf);
        this.tf = tf;
        const weight = new Float32Array(this.weight.length * 2);
        weight.set(this.weight);
        this.weight = weight;
      }
    }
    return termId;
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.changes++;
    for (const order of this.orders.values()) order.remove(slot);
    this.columns.kill(slot);
    this.slotOf.delete(id);
    this.dead++;
  }

  /** True when enough slots are dead that compact() is worth its cost. */
  get wantsCompaction(): boolean {
    return this.dead > 2_000 && this.dead > this.columns.length / 4;
  }

  /** Drops dead slots and renumbers the rest (slot → id mappings held elsewhere must be reset). */
  compact(): void {
    this.changes++;
    const remap = this.columns.compact();
    for (let t = 0; t < this.postings.length; t++) {
      const list = this.list(t);
      let out = 0;
      const { slots, weights, start } = list;
      for (let i = start; i < start + list.length; i++) {
        const to = remap[slots[i]!]!;
        if (to >= 0) {
          slots[start + out] = to;
          weights[start + out] = weights[i]!;
          out++;
        }
      }
      list.length = out;
    }
    this.slotOf.clear();
    for (let slot = 0; slot < this.columns.length; slot++) this.slotOf.set(this.columns.ids[slot]!, slot);
    this.dead = 0;
    this.prefixUnions.clear();
    for (const order of this.orders.values()) order.build();
  }

  private addSortedTerm(word: string, termId: number): void {
    if (this.bulk) {
      this.sortedDirty = true; // sorted once at the end of the load
      return;
    }
    this.sortTermsIfNeeded();
    const at = lowerBound(this.sortedTerms, word);
    this.sortedTerms.splice(at, 0, word);
    const ids = new Int32Array(this.sortedTerms.length);
    ids.set(this.sortedTermIds.subarray(0, at));
    ids[at] = termId;
    ids.set(this.sortedTermIds.subarray(at), at + 1);
    this.sortedTermIds = ids;
  }

  /** True between beginBulkLoad() and finishBulkLoad(). */
  get inBulkLoad(): boolean {
    return this.bulk !== null;
  }

  /** Thousands of papers are coming: defer keeping the word list sorted until finishBulkLoad(). */
  beginBulkLoad(): void {
    this.termIds ??= new Map(this.termWords.map((word, termId) => [word, termId]));
    this.flushBulk();
    this.bulk = new BulkPostings();
  }

  finishBulkLoad(): void {
    this.flushBulk();
    this.sortTermsIfNeeded();
  }

  /** Moves postings gathered in bulk into the per-word lists (one counting sort, no reallocation). */
  private flushBulk(): void {
    const bulk = this.bulk;
    if (!bulk) return;
    this.bulk = null;
    const termCount = this.postings.length;
    const length = new Uint32Array(termCount);
    for (let t = 0; t < termCount; t++) length[t] = this.list(t).length;
    for (let i = 0; i < bulk.length; i++) length[bulk.terms[i]!]!++;
    // Each list gets 1/8 spare room in the shared buffer, so later edits append in place.
    const start = new Uint32Array(termCount + 1);
    for (let t = 0; t < termCount; t++) start[t + 1] = start[t]! + length[t]! + (length[t]! >>> 3) + 2;
    const slots = new Uint32Array(start[termCount]!);
    const weights = new Float32Array(start[termCount]!);
    const fill = start.slice(0, termCount);
    for (let t = 0; t < termCount; t++) {
      const list = this.list(t);
      slots.set(list.slotsView(), fill[t]!);
      weights.set(list.weightsView(), fill[t]!);
      fill[t]! += list.length;
    }
    for (let i = 0; i < bulk.length; i++) {
      const t = bulk.terms[i]!;
      const at = fill[t]!++;
      slots[at] = bulk.slots[i]!;
      weights[at] = bulk.weights[i]!;
    }
    for (let t = 0; t < termCount; t++) {
      this.list(t).adopt(slots, weights, start[t]!, length[t]!, start[t + 1]!);
    }
  }

  private sortTermsIfNeeded(): void {
    if (!this.sortedDirty) return;
    // Only a bulk load leaves the words unsorted, and it keeps termIds.
    const termIds = this.termIds!;
    this.sortedTerms = [...termIds.keys()].sort();
    this.sortedTermIds = Int32Array.from(this.sortedTerms, (word) => termIds.get(word)!);
    this.sortedDirty = false;
  }

  /**
   * The word lists a prefix stands for. A short prefix of a large library can stand for
   * 100,000 words (numbers, ids): past UNION_MIN_WORDS their union is built once, cached,
   * and kept up to date by upsert(), so the next keystroke with that prefix costs one pass.
   */
  private prefixGroup(prefix: string): Postings[] {
    const cached = this.prefixUnions.get(prefix);
    if (cached) return [cached];
    const ids = this.expandPrefix(prefix);
    if (ids.length < UNION_MIN_WORDS) return ids.map((id) => this.list(id));
    const slotCount = this.columns.length;
    const best = new Float32Array(slotCount);
    for (const id of ids) {
      const { slots, weights, start, length } = this.list(id);
      for (let i = start; i < start + length; i++) {
        const slot = slots[i]!;
        if (weights[i]! > best[slot]!) best[slot] = weights[i]!;
      }
    }
    const union = new Postings();
    for (let slot = 0; slot < slotCount; slot++) if (best[slot]! > 0) union.push(slot, best[slot]!);
    this.prefixUnions.set(prefix, union);
    return [union];
  }

  /** Builds the unions of every short prefix that stands for many words (after a bulk load). */
  warmPrefixes(maxLength = 4): number {
    this.sortTermsIfNeeded();
    const counts = new Map<string, number>();
    for (const word of this.sortedTerms) {
      for (let n = 1; n <= Math.min(maxLength, word.length); n++) {
        const prefix = word.slice(0, n);
        counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
      }
    }
    let built = 0;
    for (const [prefix, count] of counts) {
      if (count >= UNION_MIN_WORDS && !this.prefixUnions.has(prefix)) {
        this.prefixGroup(prefix);
        built++;
      }
    }
    return built;
  }

  /** Builds the sort orders ahead of the first search that asks for one. */
  warmOrders(): void {
    for (const key of ['digestDate', 'added', 'title', 'touched'] as const) this.sortOrder(key);
  }

  /** Ids of the words starting with `prefix`. */
  private expandPrefix(prefix: string): number[] {
    this.sortTermsIfNeeded();
    const ids: number[] = [];
    const { sortedTerms, sortedTermIds } = this;
    for (let i = lowerBound(sortedTerms, prefix); i < sortedTerms.length; i++) {
      if (!sortedTerms[i]!.startsWith(prefix)) break;
      ids.push(sortedTermIds[i]!);
    }
    return ids;
  }

  /** Everything but the postings, which postingsPieces() gives piece by piece. Not during a bulk load. */
  exportState(): ExportedState {
    if (this.bulk) throw new Error('The index is being loaded in bulk');
    this.sortTermsIfNeeded();
    const c = this.columns;
    const n = c.length;
    return {
      // Renumbered in sorted order (postingsPiece() follows it): the restored index then has its
      // sorted word list without sorting or mapping 200,000 words.
      words: this.sortedTerms.join('\0'),
      sortedTermIds: Int32Array.from({ length: this.sortedTerms.length }, (_, i) => i),
      ids: c.ids.slice(0, n),
      status: c.status.slice(0, n),
      starred: c.starred.slice(0, n),
      addedAt: c.addedAt.slice(0, n),
      updatedAt: c.updatedAt.slice(0, n),
      listOrder: c.listOrder.slice(0, n),
      titleKey: c.titleKey.slice(0, n),
      tags: c.tags.slice(0, n),
      digestIds: c.digestIds.slice(0, n),
      dead: this.dead,
      orders: [...this.orders].map(([key, order]) => ({ key, order: order.order.slice(0, order.length) })),
    };
  }

  /**
   * The postings from word `firstTerm` on, about `size` of them (copies); null past the last word.
   * Words are numbered as exportState() numbers them: in sorted order.
   */
  postingsPiece(firstTerm: number, size = PIECE_POSTINGS): PostingsPiece | null {
    if (this.bulk) throw new Error('The index is being loaded in bulk');
    this.sortTermsIfNeeded();
    const termCount = this.postings.length;
    const list = (position: number) => this.list(this.sortedTermIds[position]!);
    if (firstTerm >= termCount) return null;
    let end = firstTerm;
    let total = 0;
    while (end < termCount && (end === firstTerm || total + list(end).length <= size)) {
      total += list(end).length;
      end++;
    }
    const lengths = new Uint32Array(end - firstTerm);
    const slots = new Uint32Array(total);
    const weights = new Float32Array(total);
    let at = 0;
    for (let t = firstTerm; t < end; t++) {
      const list = this.list(this.sortedTermIds[t]!);
      lengths[t - firstTerm] = list.length;
      slots.set(list.slotsView(), at);
      weights.set(list.weightsView(), at);
      at += list.length;
    }
    return { firstTerm, lengths, slots, weights };
  }

  /** An index exactly as exported (throws on inconsistent state: a damaged snapshot). */
  static fromState(state: IndexState): SearchIndex {
    const index = new SearchIndex();
    const words = state.words === '' ? [] : state.words.split('\0');
    const termCount = words.length;
    const sortedIds = state.sortedTermIds;
    if (sortedIds.length !== termCount) throw new Error('snapshot: word list and sorted ids differ');
    let numberedInOrder = true;
    for (let i = 0; i < termCount && numberedInOrder; i++) numberedInOrder = sortedIds[i] === i;
    const sortedTerms = numberedInOrder
      ? words.slice()
      : Array.from(sortedIds, (id) => {
          const word = words[id];
          if (word === undefined) throw new Error('snapshot: sorted id out of range');
          return word;
        });
    // Strictly ascending: sorted, and no word twice (so the ids are each word's once).
    for (let i = 1; i < termCount; i++)
      if (!(sortedTerms[i - 1]! < sortedTerms[i]!)) throw new Error('snapshot: words not sorted or repeated');
    index.termIds = null; // words are found by binary search in sortedTerms
    index.termWords = words;
    // No Postings per word yet (most of 200,000 words are never searched for): list() makes them.
    index.postings.length = termCount;
    const base = {
      slots: [] as Uint32Array[],
      weights: [] as Float32Array[],
      piece: new Uint32Array(termCount),
      start: new Uint32Array(termCount),
      length: new Uint32Array(termCount),
    };
    let next = 0;
    for (const piece of state.postings) {
      if (piece.firstTerm !== next) throw new Error('snapshot: postings out of order');
      const p = base.slots.length;
      base.slots.push(piece.slots);
      base.weights.push(piece.weights);
      let at = 0;
      for (let i = 0; i < piece.lengths.length; i++) {
        const length = piece.lengths[i]!;
        if (next >= termCount || at + length > piece.slots.length) throw new Error('snapshot: postings do not fit');
        base.piece[next] = p;
        base.start[next] = at;
        base.length[next] = length;
        next++;
        at += length;
      }
      if (at !== piece.slots.length || piece.weights.length !== piece.slots.length)
        throw new Error('snapshot: postings length');
    }
    if (next !== termCount) throw new Error('snapshot: postings missing');
    index.base = base;
    index.sortedTerms = sortedTerms;
    index.sortedTermIds = sortedIds;
    const n = state.ids.length;
    const columns = [state.status, state.starred, state.addedAt, state.updatedAt];
    if ([...columns, state.tags, state.digestIds].some((column) => column.length !== n))
      throw new Error('snapshot: slot columns differ in length');
    // The columns are taken as they are (a later push past them copies the typed ones out).
    const c = index.columns;
    c.length = n;
    c.status = state.status;
    c.starred = state.starred;
    c.addedAt = state.addedAt;
    c.updatedAt = state.updatedAt;
    c.ids = state.ids;
    c.setSortKeys(state.listOrder, state.titleKey);
    c.tags = state.tags;
    c.digestIds = state.digestIds;
    let dead = 0;
    for (let slot = 0; slot < n; slot++) if (state.status[slot] === DEAD_SLOT) dead++;
    if (dead !== state.dead) throw new Error('snapshot: slot count');
    index.dead = dead;
    // Made from the ids on first use, when their sort keys are made too (finishLoad()).
    index.slotOfValue = null;
    if (typeof state.listOrder !== 'function') index.finishLoad();
    for (const { key, order } of state.orders) {
      if (!(key in SORT_COMPARE) || order.length !== index.size) throw new Error('snapshot: sort order');
      const sortOrder = new SortOrder(c, SORT_COMPARE[key]);
      if (!sortOrder.adopt(order)) throw new Error('snapshot: sort order');
      index.orders.set(key, sortOrder);
    }
    let size = index.tf.length;
    while (size <= termCount) size *= 2;
    index.tf = new Uint32Array(size);
    index.weight = new Float32Array(size);
    return index;
  }

  search(query: string, view: ListViewId = 'all', order: ResultOrder = 'relevance'): SearchResult {
    if (this.bulk) {
      // Searching while a bulk load is still running (the index answers from what it has).
      this.flushBulk();
      this.bulk = new BulkPostings();
    }
    const { terms, lastIsPrefix } = parseQuery(query);
    const empty: SearchResult = { slots: new Uint32Array(0), terms, lastIsPrefix };
    if (terms.length === 0) return empty;

    // One group of word lists per typed word; a document must match every group.
    const groups: Postings[][] = [];
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i]!;
      let group: Postings[];
      if (i === terms.length - 1 && lastIsPrefix) {
        group = this.prefixGroup(term);
      } else {
        const termId = this.lookupTerm(term);
        group = termId === undefined ? [] : [this.list(termId)];
      }
      if (group.length === 0) return empty;
      groups.push(group);
    }
    if (groups.length > 250) return empty; // hits counters are bytes
    const sizes = new Map(groups.map((group) => [group, group.reduce((n, list) => n + list.length, 0)]));
    groups.sort((a, b) => sizes.get(a)! - sizes.get(b)!);

    const slotCount = this.columns.length;
    if (this.hits.length < slotCount) {
      this.hits = new Uint8Array(slotCount * 2);
      this.scores = new Float32Array(slotCount * 2);
    } else {
      this.hits.fill(0, 0, slotCount);
      this.scores.fill(0, 0, slotCount);
    }
    const { hits, scores } = this;
    const docs = Math.max(1, this.size);
    const maxIdf = Math.log(1 + (docs - 0.5) / 1.5);
    for (let g = 0; g < groups.length; g++) {
      for (const list of groups[g]!) {
        const { slots, weights, start, length } = list;
        if (length === 1) {
          // Most words of a large library occur once (ids, numbers): skip the loop setup.
          const slot = slots[start]!;
          if (hits[slot] === g) {
            hits[slot] = g + 1;
            scores[slot] = scores[slot]! + maxIdf * weights[start]!;
          }
          continue;
        }
        const idf = Math.log(1 + (docs - length + 0.5) / (length + 0.5));
        for (let i = start; i < start + length; i++) {
          const slot = slots[i]!;
          if (hits[slot] === g) {
            hits[slot] = g + 1; // a prefix group counts once per document: its first word
            scores[slot] = scores[slot]! + idf * weights[i]!;
          }
        }
      }
    }

    const want = groups.length;
    const accept = this.viewFilter(view);
    if (order === 'relevance') {
      let count = 0;
      if (this.keyBuffer.length < slotCount) {
        this.keyBuffer = new Uint32Array(slotCount * 2);
        this.slotBuffer = new Uint32Array(slotCount * 2);
      }
      const keys = this.keyBuffer;
      const found = this.slotBuffer;
      for (let slot = 0; slot < slotCount; slot++) {
        if (hits[slot] !== want || !accept(slot)) continue;
        keys[count] = Math.min(0xffffffff, Math.round(scores[slot]! * 65_536));
        found[count++] = slot;
      }
      // Best score first; equal scores newest slot first (the radix sort is stable, slots ascend).
      const slots = radixSortByKey(keys, found, count).reverse();
      return { slots, terms, lastIsPrefix };
    }
    const sortOrder = this.sortOrder(order);
    const picked = new Uint32Array(sortOrder.length);
    let count = 0;
    for (let i = 0; i < sortOrder.length; i++) {
      const slot = sortOrder.order[i]!;
      if (hits[slot] === want && accept(slot)) picked[count++] = slot;
    }
    return { slots: picked.slice(0, count), terms, lastIsPrefix };
  }

  private sortOrder(key: SortKey): SortOrder {
    let order = this.orders.get(key);
    if (!order) {
      order = new SortOrder(this.columns, SORT_COMPARE[key]);
      order.build();
      this.orders.set(key, order);
    }
    return order;
  }

  private viewFilter(view: ListViewId): (slot: number) => boolean {
    // A dead slot has no status code, no star and no tags or digests.
    const { status: statuses, starred, tags, digestIds } = this.columns;
    const status = viewStatus(view);
    if (status !== null) {
      const code = STATUS_CODE[status];
      return (slot) => statuses[slot] === code;
    }
    if (view === 'starred') return (slot) => starred[slot] === 1;
    if (view.startsWith('tag:')) {
      const tag = view.slice(4);
      return (slot) => tags[slot]!.includes(tag);
    }
    if (view.startsWith('digest:')) {
      const digest = view.slice(7);
      return (slot) => digestIds[slot]!.includes(digest);
    }
    return (slot) => statuses[slot] !== DEAD_SLOT;
  }
}

/** Stable LSD radix sort of `count` (key, value) pairs by key ascending: two 16-bit passes. */
function radixSortByKey(keys: Uint32Array, values: Uint32Array, count: number): Uint32Array {
  let inKeys = keys.slice(0, count);
  let inValues = values.slice(0, count);
  let outKeys = new Uint32Array(count);
  let outValues = new Uint32Array(count);
  const histogram = new Uint32Array(65_536);
  for (let shift = 0; shift < 32; shift += 16) {
    histogram.fill(0);
    for (let i = 0; i < count; i++) histogram[(inKeys[i]! >>> shift) & 0xffff]!++;
    let sum = 0;
    for (let b = 0; b < 65_536; b++) {
      const c = histogram[b]!;
      histogram[b] = sum;
      sum += c;
    }
    for (let i = 0; i < count; i++) {
      const at = histogram[(inKeys[i]! >>> shift) & 0xffff]!++;
      outKeys[at] = inKeys[i]!;
      outValues[at] = inValues[i]!;
    }
    [inKeys, outKeys] = [outKeys, inKeys];
    [inValues, outValues] = [outValues, inValues];
  }
  return inValues;
}

function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
