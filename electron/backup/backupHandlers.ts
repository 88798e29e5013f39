// Main's side of backups: uploads into the backups folder, the list, reading a backup back in
// chunks, the open dialog for a backup elsewhere, and revealing the data folder. The dialog and
// the file manager are injected, so unit tests and the web e2e harness run these handlers.

import type { IpcPayload, IpcResults } from '../../shared/ipc';
import { BackupError, type BackupStore } from './BackupStore';

export interface BackupHandlerDeps {
  store: BackupStore;
  /** The native open dialog for a backup file; null when cancelled. */
  chooseBackupFile(): Promise<string | null>;
  /** Opens the app's data folder (userData, and nothing else) in the file manager. */
  revealDataFolder(): Promise<boolean>;
}

type BackupMethods =
  | 'beginBackup'
  | 'writeBackupChunk'
  | 'commitBackup'
  | 'abortBackup'
  | 'listBackups'
  | 'chooseBackupFile'
  | 'readBackupChunk'
  | 'finishBackupRequest'
  | 'revealDataFolder';
export type BackupHandlers = {
  [M in BackupMethods]: (payload: IpcPayload<M>) => Promise<IpcResults[M]> | IpcResults[M];
};

export function createBackupHandlers(deps: BackupHandlerDeps | undefined): BackupHandlers {
  const need = (): BackupHandlerDeps => {
    if (!deps) throw new BackupError('Backups are not available in this window');
    return deps;
  };
  return {
    beginBackup: ({ reason, totalBytes, requestId }) => need().store.begin(reason, totalBytes, requestId),
    writeBackupChunk: ({ uploadId, offset, bytes }) => need().store.writeChunk(uploadId, offset, bytes),
    commitBackup: ({ uploadId }) => need().store.commit(uploadId),
    abortBackup: ({ uploadId }) => need().store.abort(uploadId),
    listBackups: () => need().store.list(),
    async chooseBackupFile() {
      const file = await need().chooseBackupFile();
      return file ? need().store.registerChosen(file) : null;
    },
    readBackupChunk: ({ source, offset, length }) => need().store.read(source, offset, length),
    finishBackupRequest: ({ requestId, outcome }) => need().store.finishRequest(requestId, outcome),
    async revealDataFolder() {
      return { revealed: await need().revealDataFolder() };
    },
  };
}
