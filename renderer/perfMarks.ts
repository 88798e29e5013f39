// User-timing measures the benchmark reads back (performance.getEntriesByName): they cost a
// few microseconds and tell how long a person waits, measured to the frame that shows it.

import { useUiStore } from './store';

const once = new Set<string>();
const painted = new Set<() => void>();

/** Measures from page start to the next frame, the first time `name` is reached. */
export function measureFromStartOnce(name: string): void {
  if (once.has(name)) return;
  once.add(name);
  requestAnimationFrame(() => {
    performance.measure(name, { start: 0, end: performance.now() });
    if (name === 'list-first-paint') painted.forEach((callback) => callback());
  });
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
  const timer = window.setTimeout(run, once.has('list-first-paint') ? 0 : fallbackMs);
  painted.add(run);
  return () => {
    done = true;
    painted.delete(run);
    window.clearTimeout(timer);
  };
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
