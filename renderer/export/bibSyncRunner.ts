// The renderer's half of "keep a .bib in sync": it follows the chosen scope with a Dexie
// liveQuery, pins keys of papers new to the scope, writes the file's text, and sends it to main
// whenever it differs from the last text sent. Main debounces and writes the file atomically.

import { liveQuery, type Subscription } from 'dexie';
import { useSyncExternalStore } from 'react';
import type { BibSyncConfig, BibSyncStatus } from '../../shared/export/exportScope';
import type { ExportPaper } from '../../shared/export/types';
import type { ShelfmarkApi } from '../../shared/ipc';
import { pinCitationKeys } from '../db/citationKeys';
import { exportScopeIds, readExportPapers } from '../db/exportPapers';
import type { ShelfmarkDb } from '../db/ShelfmarkDb';
import { exportText } from './exportActions';

const OFF: BibSyncStatus = { config: null, state: 'off', lastWrittenAt: null, lastEntryCount: null, error: null };

export interface BibSyncRunnerOptions {
  db: ShelfmarkDb;
  bridge: Pick<ShelfmarkApi, 'getBibSync' | 'writeBibSync' | 'on'>;
  /** Main's sync state, for the UI. */
  onStatus?(status: BibSyncStatus): void;
  /** Renderer-side coalescing of bursts of changes before the text is built (ms). */
  coalesceMs?: number;
  onError?(message: string): void;
}

/** Starts following main's sync choice; returns a function that stops. */
export function startBibSyncRunner(options: BibSyncRunnerOptions): () => void {
  const { db, bridge } = options;
  const coalesceMs = options.coalesceMs ?? 200;
  let current: BibSyncConfig | null = null;
  let subscription: Subscription | null = null;
  let latest: ExportPaper[] | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let lastSent: string | null = null;
  let stopped = false;

  const follow = (config: BibSyncConfig | null) => {
    if (config?.id === current?.id) return;
    subscription?.unsubscribe();
    subscription = null;
    current = config;
    lastSent = null;
    latest = null;
    if (!config) return;
    const scope = config.scope;
    subscription = liveQuery(async () => readExportPapers(db, await exportScopeIds(db, scope))).subscribe({
      next: (papers) => {
        latest = papers;
        if (!timer) timer = setTimeout(run, coalesceMs);
      },
      error: (error: unknown) => options.onError?.(`Sync stopped following the library: ${String(error)}`),
    });
  };

  const run = async () => {
    timer = null;
    if (running || stopped) {
      if (!stopped) timer = setTimeout(run, coalesceMs);
      return;
    }
    const config = current;
    let papers = latest;
    if (!config || !papers) return;
    running = true;
    try {
      // Papers that joined the scope get their keys pinned; the write re-runs the query, and
      // that run yields the same text, which is not sent again.
      if (papers.some((paper) => !paper.citationKey)) {
        papers = await pinCitationKeys(
          db,
          papers.map((paper) => paper.id),
        );
      }
      const content = exportText(papers, config.format, config.includeNotes);
      if (content !== lastSent && config.id === current?.id) {
        const { accepted } = await bridge.writeBibSync({ syncId: config.id, content, entryCount: papers.length });
        if (accepted) lastSent = content;
      }
    } catch (error) {
      options.onError?.(`Could not update the synced .bib: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };

  const apply = (status: BibSyncStatus) => {
    if (stopped) return;
    options.onStatus?.(status);
    follow(status.config);
  };
  const off = bridge.on('exportSync:changed', apply);
  void bridge.getBibSync().then(apply, (error: unknown) => options.onError?.(String(error)));

  return () => {
    stopped = true;
    off();
    subscription?.unsubscribe();
    if (timer) clearTimeout(timer);
  };
}

// The sync state main last reported, for components.
let statusValue: BibSyncStatus = OFF;
const statusListeners = new Set<() => void>();

export function setBibSyncStatus(status: BibSyncStatus): void {
  statusValue = status;
  for (const listener of statusListeners) listener();
}

function subscribeStatus(listener: () => void): () => void {
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
}

export function useBibSyncStatus(): BibSyncStatus {
  return useSyncExternalStore(subscribeStatus, () => statusValue);
}
