// What a long import is doing right now, for the progress indicator: main's side (files being
// read and parsed, files waiting) arrives as events; the renderer's side (the file being
// committed) is set by the import pump. Transient, so it lives here and not in the UI store.

import { useSyncExternalStore } from 'react';
import type { ImportProgress as MainProgress } from '../shared/ipc';

export interface ImportProgressState {
  main: MainProgress;
  /** The file being written to the library, with its place in the current batch. */
  committing: { fileName: string; papers: number; index: number; total: number } | null;
}

let state: ImportProgressState = { main: { reading: 0, waiting: 0 }, committing: null };
const listeners = new Set<() => void>();

function set(next: Partial<ImportProgressState>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

export function setMainProgress(main: MainProgress): void {
  set({ main });
}

export function setCommitting(committing: ImportProgressState['committing']): void {
  set({ committing });
}

export function getImportProgress(): ImportProgressState {
  return state;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useImportProgress(): ImportProgressState {
  return useSyncExternalStore(subscribe, getImportProgress);
}
