import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createHandlers, externalUrlVerdict } from './handlers';
import { ImportQueue } from './import/ImportQueue';
import type { HandlerDeps } from './handlers';
import { createImportServices, type ImportServicesOptions } from './importServices';

const sender = { url: 'app://shelfmark/index.html', isMainFrame: true };

/** HandlerDeps with a real queue, settings and spool in a fresh temp folder. */

async function testHandlerDeps(
  overrides: Partial<HandlerDeps> = {},
  services: Partial<ImportServicesOptions> = {},
): Promise<HandlerDeps> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shelfmark-handlers-'));
  const built = createImportServices({
    dataDir,
    send: () => undefined,
    chooseFolder: async () => null,
    watcher: { stabilityMs: 50 },
    ...services,
  });
  await built.settings.init();
  return {
    queue: built.queue,
    settings: built.settings,
    spool: built.spool,
    chooseFiles: async () => [],
    openExternalUrl: async () => undefined,
    appInfo: { version: '0', platform: 'linux', runtime: 'web-test' },
    ...overrides,
  };
}

describe('openExternal: only http(s) reaches the OS', () => {
  const allowed = ['https://github.com/a/b', 'http://example.org/x?y=1#z', 'https://arxiv.org/abs/2401.00001'];
  const refused = [
    'file:///etc/passwd',
    'smb://server/share',
    '\\\\server\\share\\file.txt',
    '//server/share',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'shelfmark://open',
    'ms-settings:privacy',
    'mailto:a@b.c',
    'ftp://example.org/file',
    'https://user:pass@evil.example/',
    'https:evil.example',
    ' https://x.org',
    'http://',
    '',
  ];

  it.each(allowed)('opens %s', async (url) => {
    const openExternalUrl = vi.fn(async () => undefined);
    const handlers = createHandlers(await testHandlerDeps({ openExternalUrl }));
    await expect(handlers.openExternal({ url }, sender)).resolves.toEqual({ opened: true });
    expect(openExternalUrl).toHaveBeenCalledWith(new URL(url).href);
  });

  it.each(refused)('refuses %j', async (url) => {
    const openExternalUrl = vi.fn(async () => undefined);
    const handlers = createHandlers(await testHandlerDeps({ openExternalUrl }));
    const result = await handlers.openExternal({ url }, sender);
    expect(result.opened).toBe(false);
    expect(openExternalUrl).not.toHaveBeenCalled();
  });

  it('a look-alike host is still just that host (no redirection through credentials)', () => {
    const verdict = externalUrlVerdict('https://arxiv.org.evil.example/abs/1');
    expect(verdict).toEqual({ allowed: true, url: 'https://arxiv.org.evil.example/abs/1' });
    expect(externalUrlVerdict('https://arxiv.org@evil.example/')).toMatchObject({ allowed: false });
  });
});

describe('chooseImportFiles', () => {
  it('queues what the dialog returns and nothing when cancelled', async () => {
    const read = vi.fn(async (filePath: string) => ({
      ok: false as const,
      fileName: filePath,
      error: `${filePath}: x`,
    }));
    const queue = new ImportQueue({ read });
    let chosen: string[] = [];
    const handlers = createHandlers(await testHandlerDeps({ queue, chooseFiles: async () => chosen }));
    await expect(handlers.chooseImportFiles(undefined, sender)).resolves.toEqual({ queued: 0 });
    chosen = ['a.txt', 'b.txt'];
    await expect(handlers.chooseImportFiles(undefined, sender)).resolves.toEqual({ queued: 2 });
    expect(await handlers.takePendingImports(undefined, sender)).toHaveLength(2);
  });
});

describe('importDroppedFile', () => {
  const sample = readFileSync(new URL('../shared/digest/fixtures/hf-daily-papers-sample.txt', import.meta.url));

  it('runs dropped bytes through the same pipeline, with the file date, and deletes the copy once committed', async () => {
    const deps = await testHandlerDeps();
    const handlers = createHandlers(deps);
    const lastModified = new Date(2026, 2, 20, 12).getTime();
    const bytes = new Uint8Array(sample);
    await expect(handlers.importDroppedFile({ name: 'daily.txt', lastModified, bytes }, sender)).resolves.toEqual({
      queued: true,
    });
    const [item] = await handlers.takePendingImports(undefined, sender);
    expect(item).toMatchObject({ ok: true, fileName: 'daily.txt', source: 'drop', referenceDate: '2026-03-20' });
    if (!item?.ok) throw new Error('expected a parsed item');
    expect(item.digest.papers).toHaveLength(75);
    expect(item.dateBasis).toEqual({ kind: 'mtime', reference: '2026-03-20' });
    expect(item.sizeBytes).toBe(sample.byteLength);
    expect(existsSync(item.filePath)).toBe(true);
    expect(deps.spool.owns(item.filePath)).toBe(true);
    await handlers.acknowledgeImport(
      { ticket: item.ticket, committed: true, added: 75, merged: 0, alreadyPresent: 0 },
      sender,
    );
    expect(existsSync(item.filePath)).toBe(false);
  });

  it('refuses bytes over the size cap without writing them, and a path in the name goes nowhere', async () => {
    const deps = await testHandlerDeps();
    const handlers = createHandlers(deps);
    await handlers.updateSettings({ maxImportMb: 1 }, sender);
    const big = new Uint8Array(1024 * 1024 + 1).fill(65);
    await expect(
      handlers.importDroppedFile({ name: 'big.txt', lastModified: Date.now(), bytes: big }, sender),
    ).resolves.toEqual({ queued: false, error: 'big.txt: is 1.0 MB, over the 1.0 MB import limit' });
    expect(deps.queue.size).toBe(0);

    await handlers.importDroppedFile(
      { name: '../../etc/passwd', lastModified: Date.now(), bytes: new Uint8Array(sample) },
      sender,
    );
    const [item] = deps.queue.list();
    expect(item?.fileName).toBe('passwd');
    expect(deps.spool.owns(item!.filePath)).toBe(true);
  });

  it('reports an undecodable drop as an error naming the file', async () => {
    const handlers = createHandlers(await testHandlerDeps());
    await handlers.importDroppedFile(
      { name: 'photo.png', lastModified: Date.now(), bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) },
      sender,
    );
    const [item] = await handlers.takePendingImports(undefined, sender);
    expect(item).toMatchObject({ ok: false, error: 'photo.png: the file is binary, not a text digest' });
  });
});

describe('settings handlers', () => {
  it('reads defaults, updates the size cap, and sets the inbox only through the folder dialog', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'shelfmark-inbox-'));
    let chosen: string | null = null;
    const deps = await testHandlerDeps();
    const handlers = createHandlers(deps);
    expect(await handlers.getSettings(undefined, sender)).toEqual({
      settings: { inboxFolder: null, maxImportMb: 50 },
      inbox: { state: 'off' },
    });
    expect((await handlers.updateSettings({ maxImportMb: 5 }, sender)).settings.maxImportMb).toBe(5);
    expect(deps.settings.maxBytes()).toBe(5 * 1024 * 1024);
    // the dialog's answer is injected through the controller's options in testHandlerDeps: use a fresh one
    const withDialog = await testHandlerDeps({}, { chooseFolder: async () => chosen });
    const h2 = createHandlers(withDialog);
    expect((await h2.chooseInboxFolder(undefined, sender)).settings.inboxFolder).toBeNull(); // cancelled
    chosen = folder;
    expect(await h2.chooseInboxFolder(undefined, sender)).toMatchObject({
      settings: { inboxFolder: folder },
      inbox: { state: 'watching', folder },
    });
    expect(await h2.updateSettings({ inboxFolder: null }, sender)).toMatchObject({ inbox: { state: 'off' } });
    await withDialog.settings.close();
  });
});
