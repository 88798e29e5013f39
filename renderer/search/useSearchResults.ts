// Search-as-you-type for the list: the newest outcome for the current query, view and order,
// re-run when the index changes, with each keystroke's latency recorded as user-timing
// measures from the input event: "search" (the results' rows in the DOM) and "search-paint"
// (the next frame).

import { useEffect, useRef, useState } from 'react';
import type { ListViewId, ResultOrder } from '../views';
import { getSearchClient, type SearchOutcome } from './searchClient';
import { parseQuery } from './tokenize';
import { prefetchRows } from '../db/queries';
import { measureSearch } from '../perfMarks';

const keystrokes = new Map<string, number>();
/** A tall list window with its overscan (18 rows at 1080 px): rows past it load as they scroll in. */
const PREFETCH_ROWS = 24;

/** The search box calls this on every input event with the new text. */
export function noteKeystroke(query: string, at = performance.now()): void {
  keystrokes.set(query, at);
  if (keystrokes.size > 64) keystrokes.delete(keystrokes.keys().next().value!);
}

export function isSearching(query: string): boolean {
  return parseQuery(query).terms.length > 0;
}

export function useSearchResults(query: string, view: ListViewId, order: ResultOrder): SearchOutcome | null {
  const [outcome, setOutcome] = useState<SearchOutcome | null>(null);
  const [indexVersion, setIndexVersion] = useState(0);
  const active = isSearching(query);
  const measured = useRef<SearchOutcome | null>(null);

  useEffect(() => getSearchClient().onIndexChange(() => setIndexVersion((v) => v + 1)), []);

  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    void getSearchClient()
      .search(query, view, order)
      .then(async (result) => {
        if (cancelled || !result) return;
        // the first results' rows, so the list shows them at once (a failed read leaves placeholders)
        await prefetchRows(result.ids.slice(0, PREFETCH_ROWS)).catch(() => undefined);
        if (!cancelled) setOutcome(result);
      });
    return () => {
      cancelled = true;
    };
  }, [active, query, view, order, indexVersion]);

  useEffect(() => {
    if (!outcome || measured.current === outcome) return;
    measured.current = outcome;
    const start = keystrokes.get(outcome.query);
    if (start === undefined) return;
    keystrokes.delete(outcome.query);
    const detail = {
      query: outcome.query,
      results: outcome.ids.length,
      workerMs: outcome.searchMs,
      partial: outcome.partial,
    };
    // "search": the results' rows are in the DOM; "search-paint": the frame that shows them.
    measureSearch(start, detail);
  }, [outcome]);

  return active ? outcome : null;
}
