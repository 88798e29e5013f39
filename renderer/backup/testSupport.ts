// For the renderer's unit tests (Node + fake-indexeddb): the one browser global
// dexie-export-import reads at load (`self`), and an in-memory stand-in for main's backup folder.
// Import this module before anything that imports dexie-export-import.

import type { BackupInfo, BackupList, BackupReason, BackupSource } from '../../shared/ipc';
import type { BackupApi } from './backupActions';

(globalThis as { self?: unknown }).self ??= globalThis;
// dexie-export-import reads blobs with FileReader.readAsArrayBuffer (Node has no FileReader).
(globalThis as { FileReader?: unknown }).FileReader ??= class {
  result: ArrayBuffer | null = null;
  onload: ((event: { target: unknown }) => void) | null = null;
  onerror: ((event: { target: unknown }) => void) | null = null;
  onabort: (() => void) | null = null;
  error: unknown = null;
  readAsArrayBuffer(blob: Blob): void {
    blob.arrayBuffer().then(
      (buffer) => {
        this.result = buffer;
        this.onload?.({ target: this });
      },
      (error: unknown) => {
        this.error = error;
        this.onerror?.({ target: this });
      },
    );
  }
};

/** Main's backups folder in memory, with the same chunk rules. */
export class MemoryBackupFolder implements BackupApi {
  readonly files = new Map<string, { info: BackupInfo; bytes: Uint8Array }>();
  readonly finished: { requestId: string; outcome: string }[] = [];
  private uploads = new Map<string, { reason: BackupReason; total: number; parts: Uint8Array[]; written: number }>();
  private clock = Date.UTC(2026, 2, 13);
  dailyDue = true;

  async beginBackup({ reason, totalBytes }: { reason: BackupReason; totalBytes: number }) {
    const uploadId = `u${this.uploads.size + this.files.size + 1}`;
    this.uploads.set(uploadId, { reason, total: totalBytes, parts: [], written: 0 });
    return { uploadId };
  }

  async writeBackupChunk({ uploadId, offset, bytes }: { uploadId: string; offset: number; bytes: Uint8Array }) {
    const upload = this.uploads.get(uploadId);
    if (!upload || offset !== upload.written) throw new Error('chunk out of order');
    upload.parts.push(bytes.slice());
    upload.written += bytes.byteLength;
    return { received: upload.written };
  }

  async commitBackup({ uploadId }: { uploadId: string }) {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.written !== upload.total) throw new Error('incomplete');
    this.uploads.delete(uploadId);
    const bytes = new Uint8Array(upload.total);
    let at = 0;
    for (const part of upload.parts) {
      bytes.set(part, at);
      at += part.byteLength;
    }
    this.clock += 1000;
    const stamp = new Date(this.clock).toISOString().replace(/[:.]/g, '-');
    const info: BackupInfo = {
      name: `shelfmark-${stamp}-${upload.reason}.shelfmark-backup`,
      reason: upload.reason,
      createdAt: this.clock,
      bytes: bytes.byteLength,
    };
    this.files.set(info.name, { info, bytes });
    if (upload.reason === 'auto' || upload.reason === 'quit') this.dailyDue = false;
    return info;
  }

  async abortBackup({ uploadId }: { uploadId: string }) {
    return { aborted: this.uploads.delete(uploadId) };
  }

  async listBackups(): Promise<BackupList> {
    const backups = [...this.files.values()].map((f) => f.info).sort((a, b) => b.createdAt - a.createdAt);
    return { backups, dailyDue: this.dailyDue };
  }

  async readBackupChunk({ source, offset, length }: { source: BackupSource; offset: number; length: number }) {
    if (source.kind !== 'stored') throw new Error('no chosen files here');
    const file = this.files.get(source.name);
    if (!file) throw new Error('no such backup');
    return file.bytes.slice(offset, offset + length);
  }

  async finishBackupRequest({ requestId, outcome }: { requestId: string; outcome: string }) {
    this.finished.push({ requestId, outcome });
    return { accepted: true };
  }

  /** Stores raw bytes as if they were a backup (for damaged-file tests). */
  put(bytes: Uint8Array, reason: BackupReason = 'manual'): BackupInfo {
    this.clock += 1000;
    const stamp = new Date(this.clock).toISOString().replace(/[:.]/g, '-');
    const info: BackupInfo = {
      name: `shelfmark-${stamp}-${reason}.shelfmark-backup`,
      reason,
      createdAt: this.clock,
      bytes: bytes.byteLength,
    };
    this.files.set(info.name, { info, bytes });
    return info;
  }
}
