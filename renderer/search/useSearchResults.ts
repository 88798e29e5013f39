// Search-as-you-type for the list: the newest outcome for the current query, view and order,
// re-run when the index changes, with each keystroke's latency recorded as user-timing
// measures from the input event: "search" (the results' rows in the DOM) and "search-paint"
// (the next frame).

import { useEffect, useLayoutEffect, useRef, useState } from 'react';
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

/**
 * How long results wait for their first rows. The read takes a few ms, but just after a start
 * it queues behind the start-up's large reads (seconds at 100,000 papers): the results then show
 * at once, their rows filling in as they come.
 */
const PREFETCH_WAIT_MS = 60;

/** A search with its first results' rows read (a failed or slow read leaves placeholders). */
async function searchWithRows(query: string, view: ListViewId, order: ResultOrder): Promise<SearchOutcome | null> {
  const sent = performance.now();
  const result = await getSearchClient().search(query, view, order);
  if (!result) return result;
  const answered = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    prefetchRows(result.ids.slice(0, PREFETCH_ROWS)).catch(() => undefined),
    new Promise((resolve) => (timer = setTimeout(resolve, PREFETCH_WAIT_MS))),
  ]);
  clearTimeout(timer);
  steps.set(result, { sent, answered, rows: performance.now() });
  return result;
}

/** When a search was sent to the worker, when its answer reached the page, and when its rows had been read. */
const steps = new WeakMap<SearchOutcome, { sent: number; answered: number; rows: number }>();

/** The search the input event started, until the hook below takes it. */
let started: { key: string; promise: Promise<SearchOutcome | null> } | null = null;
const searchKey = (query: string, view: ListViewId, order: ResultOrder) => `${query}\u0000${view}\u0000${order}`;

/**
 * Called from the input event with the new text: the worker starts searching at once, while
 * React renders the new text (the hook's effect would only send it after that render).
 */
export function startSearch(query: string, view: ListViewId, order: ResultOrder): void {
  if (!isSearching(query)) return;
  started = { key: searchKey(query, view, order), promise: searchWithRows(query, view, order) };
}

function timesSince(start: number, step: { sent: number; answered: number; rows: number } | undefined) {
  if (!step) return {};
  return { sentMs: step.sent - start, answeredMs: step.answered - start, rowsMs: step.rows - start };
}

export function useSearchResults(query: string, view: ListViewId, order: ResultOrder): SearchOutcome | null {
  const [outcome, setOutcome] = useState<SearchOutcome | null>(null);
  const [indexVersion, setIndexVersion] = useState(0);
  const active = isSearching(query);
  const measured = useRef<SearchOutcome | null>(null);
  // A cleared search forgets its results: the next search never shows them, not even for a frame.
  const [wasActive, setWasActive] = useState(active);
  if (wasActive !== active) {
    setWasActive(active);
    if (!active) setOutcome(null);
  }

  // Index changes (every edit reaches the index) are heard only while a search is shown: the app
  // around the list renders from here, and a triage decision would render all of it. A search
  // that starts later reads the index as it is then.
  useEffect(() => {
    const client = getSearchClient();
    return active ? client.onIndexChange(() => setIndexVersion((v) => v + 1)) : undefined;
  }, [active]);

  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    const key = searchKey(query, view, order);
    // the search the keystroke started, else a new one (view, order or index changed)
    const search = started?.key === key ? started.promise : searchWithRows(query, view, order);
    started = null;
    // the first results' rows are read before they show, so the list shows them at once
    void search.then((result) => {
      if (!cancelled && result) setOutcome(result);
    });
    return () => {
      cancelled = true;
    };
  }, [active, query, view, order, indexVersion]);

  useLayoutEffect(() => {
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
      // the keystroke's way to the DOM, from the input event: sent, answered, rows read, rendered
      ...timesSince(start, steps.get(outcome)),
    };
    // "search": the results' rows are in the DOM; "search-paint": the frame that shows them.
    measureSearch(start, detail);
  }, [outcome]);

  return active ? outcome : null;
}
