import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUP_CHUNK_BYTES } from '../../shared/ipc';
import { backupFileName } from './backupFileName';
import { BackupError, BackupStore } from './BackupStore';

const DAY = 24 * 60 * 60 * 1000;
let dir: string;
let now: number;
let store: BackupStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-backups-'));
  now = Date.UTC(2026, 2, 13, 12);
  store = new BackupStore({ dir, now: () => now, log: () => undefined });
  await store.init();
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function upload(bytes: Uint8Array, reason: 'auto' | 'manual' = 'manual', chunk = 3) {
  const { uploadId } = await store.begin(reason, bytes.byteLength);
  for (let offset = 0; offset < bytes.byteLength; offset += chunk) {
    await store.writeChunk(uploadId, offset, bytes.subarray(offset, offset + chunk));
  }
  return store.commit(uploadId);
}

describe('BackupStore', () => {
  it('writes chunks in order and renames the whole file into place on commit', async () => {
    const bytes = new TextEncoder().encode('a backup of ten papers');
    const { uploadId } = await store.begin('manual', bytes.byteLength);
    await store.writeChunk(uploadId, 0, bytes.subarray(0, 10));
    // before the commit no file carries a backup's name
    expect((await store.list()).backups).toEqual([]);
    await store.writeChunk(uploadId, 10, bytes.subarray(10));
    const info = await store.commit(uploadId);
    expect(info).toMatchObject({ reason: 'manual', createdAt: now, bytes: bytes.byteLength });
    expect(await readFile(path.join(dir, info.name))).toEqual(Buffer.from(bytes));
    expect(await readdir(dir)).toEqual([info.name]);
  });

  it('refuses chunks out of order, too many bytes and an early commit, leaving no file', async () => {
    const { uploadId } = await store.begin('auto', 4);
    await expect(store.writeChunk(uploadId, 2, new Uint8Array([1, 2]))).rejects.toThrow(BackupError);
    const second = await store.begin('auto', 4);
    await expect(store.writeChunk(second.uploadId, 0, new Uint8Array(5))).rejects.toThrow(/larger/);
    const third = await store.begin('auto', 4);
    await store.writeChunk(third.uploadId, 0, new Uint8Array(2));
    await expect(store.commit(third.uploadId)).rejects.toThrow(/incomplete/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes partial files a crash left behind', async () => {
    await writeFile(path.join(dir, '.upload-x.partial'), 'half');
    await store.init();
    expect(await readdir(dir)).toEqual([]);
  });

  it('reads a stored backup back in chunks, and only by a backup name or a chosen token', async () => {
    const bytes = new Uint8Array(BACKUP_CHUNK_BYTES + 5).map((_, i) => i % 251);
    const info = await upload(bytes, 'manual', BACKUP_CHUNK_BYTES);
    const head = await store.read({ kind: 'stored', name: info.name }, 0, BACKUP_CHUNK_BYTES);
    const tail = await store.read({ kind: 'stored', name: info.name }, BACKUP_CHUNK_BYTES, BACKUP_CHUNK_BYTES);
    expect(Buffer.concat([head, tail]).equals(bytes)).toBe(true);
    await expect(store.read({ kind: 'stored', name: '../settings.json' }, 0, 10)).rejects.toThrow(BackupError);
    await expect(store.read({ kind: 'chosen', token: 'made-up' }, 0, 10)).rejects.toThrow(/choose it again/);
    const elsewhere = path.join(dir, 'copy.shelfmark-backup');
    await writeFile(elsewhere, 'chosen bytes');
    const chosen = await store.registerChosen(elsewhere);
    expect(chosen).toMatchObject({ fileName: 'copy.shelfmark-backup', bytes: 12 });
    expect(Buffer.from(await store.read(chosen.source, 0, 100)).toString()).toBe('chosen bytes');
  });

  it('lists newest first and says when the daily backup is due', async () => {
    expect((await store.list()).dailyDue).toBe(true);
    await upload(new Uint8Array([1]), 'manual');
    expect((await store.list()).dailyDue).toBe(true); // a manual backup is not the daily one
    now += 1000;
    await upload(new Uint8Array([2]), 'auto');
    const list = await store.list();
    expect(list.dailyDue).toBe(false);
    expect(list.backups.map((b) => b.reason)).toEqual(['auto', 'manual']);
    now += DAY;
    expect((await store.list()).dailyDue).toBe(true);
  });

  it('applies retention after each commit', async () => {
    for (let i = 0; i < 40; i++) {
      await writeFile(path.join(dir, backupFileName(now - (i + 1) * DAY, 'auto')), 'old');
    }
    await upload(new Uint8Array([1]), 'auto');
    const { backups } = await store.list();
    // the new one and the 9 next newest (days 1–9, weeks 0–1), plus the newest of weeks 2–5
    // (days 14, 21, 28, 35; the oldest file is 40 days old)
    expect(backups.length).toBe(10 + 4);
    expect(backups.every((b) => now - b.createdAt < 8 * 7 * DAY)).toBe(true);
  });

  it('resolves a quit request when its upload commits, or on timeout', async () => {
    const waiting = store.waitForRequest('quit-1', 5_000);
    const { uploadId } = await store.begin('quit', 1, 'quit-1');
    await store.writeChunk(uploadId, 0, new Uint8Array([1]));
    await store.commit(uploadId);
    await expect(waiting).resolves.toBe('saved');
    await expect(store.waitForRequest('quit-2', 10)).resolves.toBe('timeout');
    const unchanged = store.waitForRequest('quit-3', 5_000);
    expect(store.finishRequest('quit-3', 'unchanged')).toEqual({ accepted: true });
    await expect(unchanged).resolves.toBe('unchanged');
  });
});
