// Messages between the app and the search worker.

import type { ListViewId, ResultOrder } from '../views';

export type SearchRequest =
  | { type: 'search'; seq: number; query: string; view: ListViewId; order: ResultOrder }
  | { type: 'upsert'; ids: string[] }
  | { type: 'remove'; ids: string[] }
  /** `total`: papers in the library as the page counts them, when known (saves a count() scan). */
  | { type: 'sync'; total?: number };

export type SearchResponse =
  /** Slot → paper id table, sent before any result that uses the slots (reset after compaction). */
  | { type: 'slots'; reset: boolean; start: number; ids: string[] }
  | { type: 'progress'; indexed: number; total: number }
  | { type: 'ready'; papers: number; words: number; buildMs: number }
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
