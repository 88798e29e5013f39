// One place that turns a failed write of a person's edit (star, status, tags, note, citation
// key) into what they are told. A full disk or storage quota gets its own message: the change
// was not saved, why, and a way out (the data folder, where space can be checked and freed),
// rather than the generic "Could not save".

import { api } from './api';
import { classifyStorageError } from './db/openDatabase';
import { useUiStore } from './store';

export interface SaveErrorMessage {
  message: string;
  /** True when storage is full: the notice offers to show the data folder. */
  storageFull: boolean;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * What to tell the person when saving `what` failed. A QuotaExceededError (as the DOMException
 * itself or wrapped by Dexie, e.g. an AbortError whose inner error is the quota error) says that
 * the storage is full and that the change was not saved.
 */
export function saveErrorMessage(error: unknown, what = 'your change'): SaveErrorMessage {
  if (classifyStorageError(error).kind === 'quota') {
    return {
      message:
        `The disk or the storage for Shelfmark is full: ${what} was not saved. ` +
        'Free some space (Show Data Folder shows where the library is kept), then try again.',
      storageFull: true,
    };
  }
  return { message: `Could not save ${what}: ${errorText(error)}`, storageFull: false };
}

/** Shows the failed save as an error notice (with Show Data Folder when storage is full). */
export function reportSaveError(error: unknown, what?: string): void {
  const { message, storageFull } = saveErrorMessage(error, what);
  useUiStore
    .getState()
    .pushError(message, storageFull ? { label: 'Show Data Folder', run: () => api().revealDataFolder() } : undefined);
}
