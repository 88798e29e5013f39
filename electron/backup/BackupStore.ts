// Main's backup folder (userData/backups): uploads arrive in ordered chunks into a hidden partial
// file, are flushed to disk and renamed into place only when every byte is there (a crash or a
// full disk never leaves a half backup under a backup's name), then retention prunes the old
// automatic ones. Reads are by stored name or by a token for a file the person chose.

import { randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import {
  BACKUP_CHUNK_BYTES,
  type BackupInfo,
  type BackupList,
  type BackupReason,
  type BackupSource,
  MAX_BACKUP_BYTES,
} from '../../shared/ipc';
import { backupFileName, parseBackupFileName } from './backupFileName';
import { backupsToPrune } from './retention';

const DAY_MS = 24 * 60 * 60 * 1000;
const PARTIAL_SUFFIX = '.partial';
/** At most this many uploads at once; a renderer cannot pile up open files. */
const MAX_UPLOADS = 4;
const MAX_CHOSEN = 16;

interface Upload {
  reason: BackupReason;
  totalBytes: number;
  written: number;
  requestId?: string;
  file: string;
  handle: FileHandle;
}

export type BackupRequestOutcome = 'saved' | 'unchanged' | 'failed' | 'timeout';

export interface BackupStoreOptions {
  /** The backups folder, created on first use. */
  dir: string;
  now?: () => number;
  log?: (message: string) => void;
}

export class BackupError extends Error {
  override name = 'BackupError';
}

export class BackupStore {
  private readonly uploads = new Map<string, Upload>();
  private readonly chosen = new Map<string, { file: string; bytes: number }>();
  private readonly requests = new Map<string, (outcome: BackupRequestOutcome) => void>();
  private readonly now: () => number;
  private readonly log: (message: string) => void;
  private lastCreatedAt = 0;

  constructor(private readonly options: BackupStoreOptions) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((message) => console.warn(message));
  }

  get dir(): string {
    return this.options.dir;
  }

  /** Removes partial files a crash left behind. */
  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    for (const name of await readdir(this.dir)) {
      if (name.endsWith(PARTIAL_SUFFIX)) await unlink(path.join(this.dir, name)).catch(() => undefined);
    }
  }

  async begin(reason: BackupReason, totalBytes: number, requestId?: string): Promise<{ uploadId: string }> {
    if (this.uploads.size >= MAX_UPLOADS) throw new BackupError('Too many backups in progress');
    if (totalBytes <= 0 || totalBytes > MAX_BACKUP_BYTES) throw new BackupError('Backup size out of range');
    await mkdir(this.dir, { recursive: true });
    const uploadId = randomUUID();
    const file = path.join(this.dir, `.upload-${uploadId}${PARTIAL_SUFFIX}`);
    const handle = await open(file, 'wx', 0o600);
    this.uploads.set(uploadId, { reason, totalBytes, written: 0, requestId, file, handle });
    return { uploadId };
  }

  async writeChunk(uploadId: string, offset: number, bytes: Uint8Array): Promise<{ received: number }> {
    const upload = this.uploadOf(uploadId);
    if (offset !== upload.written) {
      await this.abort(uploadId);
      throw new BackupError(`Backup chunk out of order (expected offset ${upload.written}, got ${offset})`);
    }
    if (bytes.byteLength > BACKUP_CHUNK_BYTES || upload.written + bytes.byteLength > upload.totalBytes) {
      await this.abort(uploadId);
      throw new BackupError('Backup larger than announced');
    }
    try {
      await upload.handle.write(bytes, 0, bytes.byteLength, offset);
    } catch (error) {
      await this.abort(uploadId);
      throw error;
    }
    upload.written += bytes.byteLength;
    return { received: upload.written };
  }

  async commit(uploadId: string): Promise<BackupInfo> {
    const upload = this.uploadOf(uploadId);
    if (upload.written !== upload.totalBytes) {
      await this.abort(uploadId);
      throw new BackupError(`Backup incomplete: ${upload.written} of ${upload.totalBytes} bytes`);
    }
    let info: BackupInfo;
    try {
      await upload.handle.sync();
      await upload.handle.close();
      // Names are by millisecond: two backups in the same one get distinct names.
      const createdAt = Math.max(this.now(), this.lastCreatedAt + 1);
      this.lastCreatedAt = createdAt;
      const name = backupFileName(createdAt, upload.reason);
      await rename(upload.file, path.join(this.dir, name));
      await this.syncDir();
      info = { name, reason: upload.reason, createdAt, bytes: upload.totalBytes };
    } catch (error) {
      this.uploads.delete(uploadId);
      await upload.handle.close().catch(() => undefined);
      await unlink(upload.file).catch(() => undefined);
      throw error;
    }
    this.uploads.delete(uploadId);
    await this.prune().catch((error: unknown) => this.log(`[backup] retention failed: ${String(error)}`));
    if (upload.requestId) this.finishRequest(upload.requestId, 'saved');
    return info;
  }

  async abort(uploadId: string): Promise<{ aborted: boolean }> {
    const upload = this.uploads.get(uploadId);
    if (!upload) return { aborted: false };
    this.uploads.delete(uploadId);
    await upload.handle.close().catch(() => undefined);
    await unlink(upload.file).catch(() => undefined);
    if (upload.requestId) this.finishRequest(upload.requestId, 'failed');
    return { aborted: true };
  }

  async list(): Promise<BackupList> {
    await mkdir(this.dir, { recursive: true });
    const backups: BackupInfo[] = [];
    for (const name of await readdir(this.dir)) {
      const parsed = parseBackupFileName(name);
      if (!parsed) continue;
      const stats = await stat(path.join(this.dir, name)).catch(() => null);
      if (stats?.isFile()) backups.push({ name, ...parsed, bytes: stats.size });
    }
    backups.sort((a, b) => b.createdAt - a.createdAt);
    const lastAutomatic = backups.find((b) => b.reason === 'auto' || b.reason === 'quit');
    return { backups, dailyDue: !lastAutomatic || this.now() - lastAutomatic.createdAt >= DAY_MS };
  }

  /** A file the person picked in the open dialog becomes readable through a token. */
  async registerChosen(file: string): Promise<{ source: BackupSource; fileName: string; bytes: number }> {
    const stats = await stat(file);
    if (!stats.isFile()) throw new BackupError(`${path.basename(file)} is not a file`);
    if (stats.size > MAX_BACKUP_BYTES) throw new BackupError(`${path.basename(file)} is too large for a backup`);
    if (this.chosen.size >= MAX_CHOSEN) this.chosen.delete(this.chosen.keys().next().value!);
    const token = randomUUID();
    this.chosen.set(token, { file, bytes: stats.size });
    return { source: { kind: 'chosen', token }, fileName: path.basename(file), bytes: stats.size };
  }

  async read(source: BackupSource, offset: number, length: number): Promise<Uint8Array> {
    const file = this.fileOf(source);
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(length, BACKUP_CHUNK_BYTES));
      const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, offset);
      return new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead);
    } finally {
      await handle.close();
    }
  }

  /** Resolves when the renderer uploaded (or declined) the backup asked for, or after `timeoutMs`. */
  waitForRequest(requestId: string, timeoutMs: number): Promise<BackupRequestOutcome> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.finishRequest(requestId, 'timeout'), timeoutMs);
      this.requests.set(requestId, (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      });
    });
  }

  finishRequest(requestId: string, outcome: BackupRequestOutcome): { accepted: boolean } {
    const resolve = this.requests.get(requestId);
    if (!resolve) return { accepted: false };
    this.requests.delete(requestId);
    resolve(outcome);
    return { accepted: true };
  }

  async close(): Promise<void> {
    for (const id of [...this.uploads.keys()]) await this.abort(id);
  }

  private uploadOf(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new BackupError('Unknown backup upload');
    return upload;
  }

  private fileOf(source: BackupSource): string {
    if (source.kind === 'stored') {
      // The name already matched the backup pattern (no separators); this is belt and braces.
      if (!parseBackupFileName(source.name) || path.basename(source.name) !== source.name) {
        throw new BackupError('Not a backup name');
      }
      return path.join(this.dir, source.name);
    }
    const chosen = this.chosen.get(source.token);
    if (!chosen) throw new BackupError('That backup file is no longer available; choose it again');
    return chosen.file;
  }

  private async prune(): Promise<void> {
    const { backups } = await this.list();
    for (const name of backupsToPrune(backups, this.now())) {
      await unlink(path.join(this.dir, name)).catch(() => undefined);
    }
  }

  private async syncDir(): Promise<void> {
    // The rename is durable once the folder is flushed (not supported on Windows: best effort).
    const handle = await open(this.dir, 'r').catch(() => null);
    await handle?.sync().catch(() => undefined);
    await handle?.close().catch(() => undefined);
  }
}
