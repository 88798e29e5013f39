// Messages between the app and the search worker.

import type { ListViewId, ResultOrder } from '../views';

export type SearchRequest =
  | { type: 'search'; seq: number; query: string; view: ListViewId; order: ResultOrder }
  | { type: 'upsert'; ids: string[] }
  | { type: 'remove'; ids: string[] }
  /** `total`: papers in the library as the page counts them, when known (saves a count() scan). */
  /** `ids`: papers known to be written or deleted (by key), re-read whatever their updatedAt. */
  | { type: 'sync'; total?: number; ids?: string[] }
  /** The library was replaced (a restored backup): drop the index and its snapshot, build again. */
  | { type: 'rebuild' };

export type SearchResponse =
  /** Slot → paper id table, sent before any result that uses the slots (reset after compaction). */
  | { type: 'slots'; reset: boolean; start: number; ids: string[] }
  | { type: 'progress'; indexed: number; total: number }
  /**
   * `buildMs`: from the worker's start, whether the index was built or adopted from the snapshot.
   * A snapshot is ready before the library is checked and caught up with (searches answer from
   * it meanwhile); a snapshot found too far behind is then rebuilt (progress, then ready again).
   */
  | { type: 'ready'; papers: number; words: number; buildMs: number; source: 'build' | 'snapshot' }
  /** The saved index was adopted (`loadMs` reading and making it; sent after the library check), or why it was not. */
  | {
      type: 'snapshot';
      loaded: true;
      bytes: number;
      /** Opening the cache database; reading the snapshot; that and making the index; checking the library. */
      openMs: number;
      readMs: number;
      loadMs: number;
      checkMs: number;
      /** From the worker's start until the library database was open too. */
      libraryOpenMs: number;
    }
  | { type: 'snapshot'; loaded: false; reason: string }
  /** The index was saved for the next start (`error` when the save failed; the old one stays). */
  | { type: 'saved'; bytes: number; writeMs: number; papers: number; error?: string }
  /** Short-prefix unions and sort orders are built: every keystroke is fast from here on. */
  | { type: 'warm'; warmMs: number }
  | {
      type: 'result';
      seq: number;
      slots: Uint32Array;
      terms: string[];
      lastIsPrefix: boolean;
      /** True while the index is still being built: more results may come. */
      partial: boolean;
      searchMs: number;
    }
  /** An edit or import reached the index: searches on screen should run again. */
  | { type: 'updated' }
  | { type: 'error'; message: string };
