// Takes what main has parsed, commits each file, and only then acknowledges it, so main
// keeps a file queued until it is really in the library.

import type { PendingImport, ShelfmarkApi } from '../shared/ipc';
import { importDigest, type ImportSummary } from './db/importDigest';
import { recordRefusedImport } from './db/importHistory';
import type { ShelfmarkDb } from './db/ShelfmarkDb';
import { setCommitting } from './importProgress';

export interface ImportFlowCallbacks {
  onSummary(summary: ImportSummary): void;
  onError(message: string): void;
}

/** Commits one pending file (or records its refusal), then acknowledges it. */
export async function commitPendingImport(
  db: ShelfmarkDb,
  bridge: ShelfmarkApi,
  item: PendingImport,
  callbacks: ImportFlowCallbacks,
): Promise<void> {
  if (!item.ok) {
    callbacks.onError(item.error);
    try {
      await recordRefusedImport(db, { fileName: item.fileName, error: item.error, source: item.source });
    } catch {
      // The refusal was shown; losing its history line must not keep the file queued forever.
    }
    await bridge.acknowledgeImport({ ticket: item.ticket, committed: false, added: 0, merged: 0, alreadyPresent: 0 });
    return;
  }
  let summary: ImportSummary;
  try {
    summary = await importDigest(db, {
      digestId: item.digestId,
      fileName: item.fileName,
      digest: item.digest,
      source: item.source,
      encoding: item.encoding,
      sizeBytes: item.sizeBytes,
      dateBasis: item.dateBasis,
    });
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
    try {
      do {
        again = false;
        const pending = (await bridge.takePendingImports()).filter((item) => !seen.has(item.ticket));
        for (const [index, item] of pending.entries()) {
          seen.add(item.ticket); // a failed commit waits for the next start
          setCommitting({
            fileName: item.fileName,
            papers: item.ok ? item.digest.papers.length : 0,
            index: index + 1,
            total: pending.length,
          });
          await commitPendingImport(db, bridge, item, callbacks);
        }
      } while (again);
    } finally {
      setCommitting(null);
    }
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
