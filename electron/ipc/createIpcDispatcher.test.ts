import { describe, expect, it, vi } from 'vitest';
import { ipcContract, type IpcMethod } from '../../shared/ipc';
import { createIpcDispatcher, IpcRejection, originOf, type IpcHandlers } from './createIpcDispatcher';

const TRUSTED = { url: 'app://shelfmark/index.html', isMainFrame: true };

function setup() {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    Object.keys(ipcContract).map((method) => [
      method,
      vi.fn(async (payload: unknown) => {
        calls.push(method);
        return { ok: method, payload };
      }),
    ]),
  ) as unknown as IpcHandlers;
  const log: string[] = [];
  const dispatch = createIpcDispatcher({ handlers, allowedOrigin: 'app://shelfmark', log: (m) => log.push(m) });
  return { dispatch, calls, log };
}

/** One valid payload per contract entry. */
const VALID: Record<IpcMethod, unknown> = {
  chooseImportFiles: undefined,
  takePendingImports: undefined,
  acknowledgeImport: { ticket: 't1', committed: true, added: 1, alreadyPresent: 0, merged: 0 },
  openExternal: { url: 'https://arxiv.org' },
  getAppInfo: undefined,
  importDroppedFile: {
    name: 'digest.txt',
    lastModified: 1_741_824_000_000,
    bytes: new TextEncoder().encode('Mar 13\n'),
  },
  getSettings: undefined,
  updateSettings: { maxImportMb: 20 },
  chooseInboxFolder: undefined,
  saveExport: { format: 'bibtex', suggestedName: 'shelfmark-starred.bib', content: '@misc{a,\n  title = {A}\n}\n' },
  writeClipboardText: { text: 'vaswani2017attention' },
  getBibSync: undefined,
  chooseBibSyncFile: { scope: { kind: 'starred' }, format: 'bibtex', includeNotes: false, scopeLabel: 'Starred' },
  stopBibSync: undefined,
  writeBibSync: { syncId: 'sync-1', content: '', entryCount: 0 },
  beginBackup: { reason: 'manual', totalBytes: 1024 },
  writeBackupChunk: { uploadId: 'u1', offset: 0, bytes: new Uint8Array([0x1f, 0x8b]) },
  commitBackup: { uploadId: 'u1' },
  abortBackup: { uploadId: 'u1' },
  listBackups: undefined,
  chooseBackupFile: undefined,
  readBackupChunk: {
    source: { kind: 'stored', name: 'shelfmark-2026-03-13T10-22-33-123Z-auto.shelfmark-backup' },
    offset: 0,
    length: 65536,
  },
  finishBackupRequest: { requestId: 'r1', outcome: 'unchanged' },
  revealDataFolder: undefined,
};

const entries = Object.entries(ipcContract) as [IpcMethod, (typeof ipcContract)[IpcMethod]][];

describe('createIpcDispatcher', () => {
  it.each(entries)('%s: a valid call from the app main frame reaches its handler', async (method, entry) => {
    const { dispatch, calls } = setup();
    await expect(dispatch(TRUSTED, entry.channel, VALID[method])).resolves.toMatchObject({ ok: method });
    expect(calls).toEqual([method]);
  });

  it.each(entries)('%s: rejected and logged from a subframe, another origin or no URL', async (_method, entry) => {
    const untrusted = [
      { url: 'app://shelfmark/index.html', isMainFrame: false },
      { url: 'https://evil.example/index.html', isMainFrame: true },
      { url: 'app://shelfmark.evil/index.html', isMainFrame: true },
      { url: 'file:///app/index.html', isMainFrame: true },
      { url: undefined, isMainFrame: true },
    ];
    for (const sender of untrusted) {
      const { dispatch, calls, log } = setup();
      await expect(dispatch(sender, entry.channel, VALID[_method])).rejects.toBeInstanceOf(IpcRejection);
      expect(calls).toEqual([]);
      expect(log.join('\n')).toContain('untrusted sender');
    }
  });

  it.each(entries)('%s: rejected and logged with a malformed payload', async (_method, entry) => {
    const { dispatch, calls, log } = setup();
    const malformed = [{ unexpected: true }, 'string', 42, null, ['array']];
    for (const payload of malformed) {
      await expect(dispatch(TRUSTED, entry.channel, payload)).rejects.toThrow(/invalid payload/);
    }
    expect(calls).toEqual([]);
    expect(log.filter((line) => line.includes('invalid payload'))).toHaveLength(malformed.length);
  });

  it('rejects unknown channels', async () => {
    const { dispatch, log } = setup();
    await expect(dispatch(TRUSTED, 'fs:readFile', { path: '/etc/passwd' })).rejects.toThrow('Unknown IPC channel');
    expect(log[0]).toContain('unknown channel');
  });

  it('rejects over-long and mistyped fields', async () => {
    const { dispatch } = setup();
    await expect(dispatch(TRUSTED, 'shell:openExternal', { url: 'x'.repeat(9000) })).rejects.toThrow(IpcRejection);
    await expect(
      dispatch(TRUSTED, 'import:ack', { ticket: 't', committed: true, added: -1, alreadyPresent: 0, merged: 0 }),
    ).rejects.toThrow(IpcRejection);
    // bytes must be bytes, and the inbox folder can be cleared but never set to a path from the renderer
    const dropped = VALID.importDroppedFile as object;
    await expect(dispatch(TRUSTED, 'import:droppedFile', { ...dropped, bytes: 'Mar 13' })).rejects.toThrow(
      IpcRejection,
    );
    await expect(dispatch(TRUSTED, 'settings:update', { inboxFolder: '/home/someone/.ssh' })).rejects.toThrow(
      IpcRejection,
    );
    await expect(dispatch(TRUSTED, 'settings:update', { maxImportMb: 0 })).rejects.toThrow(IpcRejection);
    await expect(dispatch(TRUSTED, 'settings:update', { inboxFolder: null })).resolves.toBeDefined();
  });
});

describe('originOf', () => {
  it.each([
    ['app://shelfmark/index.html', 'app://shelfmark'],
    ['http://shelfmark.localhost/x', 'http://shelfmark.localhost'],
    ['file:///etc/passwd', null],
    ['about:blank', null],
    ['garbage', null],
    [undefined, null],
  ])('%s → %s', (url, expected) => {
    expect(originOf(url)).toBe(expected);
  });
});
