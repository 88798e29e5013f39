// Search-as-you-type for the list: the newest outcome for the current query, view and order,
// re-run when the index changes, with each keystroke's latency recorded as user-timing
// measures from the input event: "search" (results committed to the DOM) and "search-paint"
// (the next frame).

import { useEffect, useRef, useState } from 'react';
import type { ListViewId, ResultOrder } from '../views';
import { getSearchClient, type SearchOutcome } from './searchClient';
import { parseQuery } from './tokenize';

const keystrokes = new Map<string, number>();

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
      .then((result) => {
        if (!cancelled && result) setOutcome(result);
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
    const detail = { query: outcome.query, results: outcome.ids.length, workerMs: outcome.searchMs };
    // "search": the results are in the DOM; "search-paint": the frame that shows them.
    performance.measure('search', { start, end: performance.now(), detail });
    requestAnimationFrame(() => performance.measure('search-paint', { start, end: performance.now(), detail }));
  }, [outcome]);

  return active ? outcome : null;
}
