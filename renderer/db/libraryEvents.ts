// Tells listeners (the search index) which papers changed after a write has committed.

export interface LibraryChange {
  /** Papers written or restored: re-read them. */
  upserted?: string[];
  /** Papers deleted. */
  removed?: string[];
  /** Something changed outside the repository (an import): catch up by modification time. */
  sync?: boolean;
}

type Listener = (change: LibraryChange) => void;
const listeners = new Set<Listener>();

export function onLibraryChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitLibraryChange(change: LibraryChange): void {
  for (const listener of listeners) listener(change);
}
