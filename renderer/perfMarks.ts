// User-timing measures the benchmark reads back (performance.getEntriesByName): they cost a
// few microseconds and tell how long a person waits, measured to the frame that shows it.

import { useEffect, useState } from 'react';
import { useUiStore } from './store';

const once = new Set<string>();
const painted = new Set<() => void>();
/** The list has shown its first rows, or shown that it has none. */
let listShown = false;

function runPainted(): void {
  listShown = true;
  painted.forEach((callback) => callback());
}

/** Measures from page start to the next frame, the first time `name` is reached. */
export function measureFromStartOnce(name: string): void {
  if (once.has(name)) return;
  once.add(name);
  requestAnimationFrame(() => {
    performance.measure(name, { start: 0, end: performance.now() });
    if (name === 'list-first-paint') runPainted();
  });
}

/** An empty view painted: what waits for the first rows need not wait any longer. */
export function listShownEmpty(): void {
  if (listShown) return;
  requestAnimationFrame(runPainted);
}

/** Runs `callback` once the first list row has been painted (or after `fallbackMs`). */
export function afterFirstListPaint(callback: () => void, fallbackMs: number): () => void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    painted.delete(run);
    window.clearTimeout(timer);
    callback();
  };
  const timer = window.setTimeout(run, listShown || once.has('list-first-paint') ? 0 : fallbackMs);
  painted.add(run);
  return () => {
    done = true;
    painted.delete(run);
    window.clearTimeout(timer);
  };
}

/**
 * False until the first list rows are painted (or `fallbackMs` passed): panes that can wait a
 * frame (the sidebar, the open paper) render after the list, so the rows appear first.
 */
export function useAfterFirstListPaint(fallbackMs = 1_000): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => (ready ? undefined : afterFirstListPaint(() => setReady(true), fallbackMs)), [ready, fallbackMs]);
  return ready;
}

let selectionAt = 0;
useUiStore.subscribe((state, previous) => {
  if (state.selectedPaperId !== previous.selectedPaperId) selectionAt = performance.now();
});

/** Called by the detail pane once it shows the selected paper. */
export function measureDetailOpen(id: string): void {
  const start = selectionAt;
  if (!start) return;
  selectionAt = 0;
  requestAnimationFrame(() => performance.measure('detail-open', { start, end: performance.now(), detail: { id } }));
}

let pendingSearch: { start: number; detail: object } | null = null;

/**
 * A search's results were committed: measured ("search") once the list shows them, which is when
 * no visible row is a placeholder waiting for its row, and "search-paint" at the next frame.
 */
export function measureSearch(start: number, detail: object): void {
  pendingSearch = { start, detail };
  searchRowsShown();
}

/** The list calls this after each render: a pending search measure ends when its rows show. */
export function searchRowsShown(): void {
  const pending = pendingSearch;
  if (!pending || document.querySelector('#paper-list .paper-row-placeholder')) return;
  pendingSearch = null;
  performance.measure('search', { start: pending.start, end: performance.now(), detail: pending.detail });
  requestAnimationFrame(() =>
    performance.measure('search-paint', { start: pending.start, end: performance.now(), detail: pending.detail }),
  );
}
