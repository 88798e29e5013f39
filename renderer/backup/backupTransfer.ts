// Moving backup files between the renderer and main, in chunks (BACKUP_CHUNK_BYTES) so that a
// large library never crosses IPC as one message.

import {
  BACKUP_CHUNK_BYTES,
  type BackupInfo,
  type BackupReason,
  type BackupSource,
  type ShelfmarkApi,
} from '../../shared/ipc';

export type UploadBridge = Pick<ShelfmarkApi, 'beginBackup' | 'writeBackupChunk' | 'commitBackup' | 'abortBackup'>;
export type BackupBridge = Pick<
  ShelfmarkApi,
  'beginBackup' | 'writeBackupChunk' | 'commitBackup' | 'abortBackup' | 'readBackupChunk'
>;

/** Uploads a backup file to main's backups folder; main writes it atomically on commit. */
export async function uploadBackup(
  bridge: UploadBridge,
  file: Blob,
  reason: BackupReason,
  requestId?: string,
): Promise<BackupInfo> {
  const { uploadId } = await bridge.beginBackup({ reason, totalBytes: file.size, ...(requestId ? { requestId } : {}) });
  try {
    for (let offset = 0; offset < file.size; offset += BACKUP_CHUNK_BYTES) {
      const bytes = new Uint8Array(await file.slice(offset, offset + BACKUP_CHUNK_BYTES).arrayBuffer());
      await bridge.writeBackupChunk({ uploadId, offset, bytes });
    }
    return await bridge.commitBackup({ uploadId });
  } catch (error) {
    await bridge.abortBackup({ uploadId }).catch(() => undefined);
    throw error;
  }
}

/** Reads `bytes` bytes of a backup (or the first `bytes`, for the manifest) from main. */
export async function downloadBackup(bridge: BackupBridge, source: BackupSource, bytes: number): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let offset = 0; offset < bytes;) {
    const chunk = await bridge.readBackupChunk({
      source,
      offset,
      length: Math.min(BACKUP_CHUNK_BYTES, bytes - offset),
    });
    if (chunk.byteLength === 0) break; // the file is shorter than it was
    parts.push(new Uint8Array(chunk));
    offset += chunk.byteLength;
  }
  return new Blob(parts);
}
