// Takes what main has parsed, commits each file, and only then acknowledges it, so main
// keeps a file queued until it is really in the library.

import type { PendingImport, ShelfmarkApi } from '../shared/ipc';
import { importDigest, type ImportSummary } from './db/importDigest';
import type { ShelfmarkDb } from './db/ShelfmarkDb';

export interface ImportFlowCallbacks {
  onSummary(summary: ImportSummary): void;
  onError(message: string): void;
}

/** Commits one pending file; returns the summary, or null when main reported an error. */
export async function commitPendingImport(
  db: ShelfmarkDb,
  bridge: ShelfmarkApi,
  item: PendingImport,
  callbacks: ImportFlowCallbacks,
): Promise<void> {
  if (!item.ok) {
    callbacks.onError(item.error);
    await bridge.acknowledgeImport({ ticket: item.ticket, committed: false, added: 0, merged: 0, alreadyPresent: 0 });
    return;
  }
  let summary: ImportSummary;
  try {
    summary = await importDigest(db, { digestId: item.digestId, fileName: item.fileName, digest: item.digest });
  } catch (error) {
    // Not acknowledged: main keeps the file and offers it again next time.
    callbacks.onError(
      `${item.fileName}: could not be saved (${error instanceof Error ? error.message : String(error)})`,
    );
    return;
  }
  callbacks.onSummary(summary);
  await bridge.acknowledgeImport({
    ticket: item.ticket,
    committed: true,
    added: summary.added,
    merged: summary.merged,
    alreadyPresent: summary.alreadyPresent,
  });
}

/** Drains main's pending imports one file at a time; overlapping calls coalesce. */
export function createImportPump(db: ShelfmarkDb, bridge: ShelfmarkApi, callbacks: ImportFlowCallbacks) {
  let running: Promise<void> | null = null;
  let again = false;
  const seen = new Set<string>();

  async function drain(): Promise<void> {
    do {
      again = false;
      const pending = await bridge.takePendingImports();
      for (const item of pending) {
        if (seen.has(item.ticket)) continue; // a failed commit waits for the next start
        seen.add(item.ticket);
        await commitPendingImport(db, bridge, item, callbacks);
      }
    } while (again);
  }

  return function pump(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = drain().finally(() => {
      running = null;
    });
    return running;
  };
}

export function describeSummary(summary: ImportSummary): string {
  if (summary.alreadyImported) {
    return `Nothing new: ${summary.alreadyPresent} already in library`;
  }
  const parts = [`${summary.added} added`];
  if (summary.merged > 0) parts.push(`${summary.merged} merged`);
  if (summary.alreadyPresent > 0) parts.push(`${summary.alreadyPresent} already in library`);
  return parts.join(', ');
}
