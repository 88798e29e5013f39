import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createIpcDispatcher, IpcRejection, type IpcHandlers } from '../ipc/createIpcDispatcher';
import { createHandlers, type HandlerDeps } from '../handlers';
import { BibSync } from './BibSync';
import { createExportHandlers, type ExportHandlerDeps, withExtension } from './exportHandlers';

const sender = { url: 'app://shelfmark/index.html', isMainFrame: true };

async function setup(overrides: Partial<ExportHandlerDeps> = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-export-'));
  const bibSync = new BibSync({ file: path.join(dir, 'sync.json'), debounceMs: 10 });
  await bibSync.init();
  const clipboard: string[] = [];
  const deps: ExportHandlerDeps = {
    chooseSavePath: vi.fn(async () => path.join(dir, 'out.bib')),
    writeClipboardText: (text) => void clipboard.push(text),
    bibSync,
    ...overrides,
  };
  const handlers = createHandlers({ exporting: deps } as HandlerDeps);
  const dispatch = createIpcDispatcher({
    handlers: handlers as IpcHandlers,
    allowedOrigin: 'app://shelfmark',
    log: () => undefined,
  });
  return { dir, deps, handlers, dispatch, clipboard };
}

describe('saveExport', () => {
  it('asks the save dialog with the format filter and writes the text', async () => {
    const { dispatch, deps, dir } = await setup();
    const result = await dispatch(sender, 'export:save', {
      format: 'bibtex',
      suggestedName: 'shelfmark-starred.bib',
      content: '@misc{a}\n',
    });
    expect(result).toEqual({ saved: true, path: path.join(dir, 'out.bib'), bytes: 9 });
    expect(await readFile(path.join(dir, 'out.bib'), 'utf8')).toBe('@misc{a}\n');
    expect(deps.chooseSavePath).toHaveBeenCalledWith(
      expect.objectContaining({
        defaultName: 'shelfmark-starred.bib',
        filters: [
          { name: 'BibTeX', extensions: ['bib'] },
          { name: 'All files', extensions: ['*'] },
        ],
      }),
    );
  });

  it('adds the extension when the person typed none', async () => {
    expect(withExtension('/a/refs', 'csl-json')).toBe('/a/refs.json');
    expect(withExtension('/a/refs.txt', 'ris')).toBe('/a/refs.txt');
  });

  it('does nothing when the dialog is cancelled', async () => {
    const { dispatch, dir } = await setup({ chooseSavePath: async () => null });
    await expect(
      dispatch(sender, 'export:save', { format: 'ris', suggestedName: 'a.ris', content: 'TY  - GEN' }),
    ).resolves.toEqual({ saved: false, cancelled: true });
    expect(await readdir(dir)).toEqual([]);
  });

  it('fails with the file and the reason, leaving the old file whole and no partial file', async () => {
    const { dispatch, dir } = await setup({
      chooseSavePath: async () => path.join(dir, 'refs.bib'),
      writeFile: async (file) => {
        // what a full disk does in the middle of the temp file: the real writer cleans up, the target is untouched
        throw Object.assign(new Error(`ENOSPC: ${file}`), { code: 'ENOSPC' });
      },
    });
    await writeFile(path.join(dir, 'refs.bib'), 'old');
    const result = await dispatch(sender, 'export:save', { format: 'bibtex', suggestedName: 'r.bib', content: 'x' });
    expect(result).toEqual({
      saved: false,
      cancelled: false,
      error: `Could not save ${path.join(dir, 'refs.bib')}: the disk is full`,
    });
    expect(await readFile(path.join(dir, 'refs.bib'), 'utf8')).toBe('old');
  });

  it('reports permission denied for a folder it cannot write', async () => {
    const { dispatch } = await setup({ chooseSavePath: async () => '/proc/shelfmark-cannot-write/refs.bib' });
    const result = (await dispatch(sender, 'export:save', {
      format: 'bibtex',
      suggestedName: 'r.bib',
      content: 'x',
    })) as { saved: boolean; error: string };
    expect(result.saved).toBe(false);
    expect(result.error).toMatch(/^Could not save \/proc\/shelfmark-cannot-write\/refs\.bib: /);
  });

  it.each([
    { format: 'bibtex', suggestedName: '../../.ssh/authorized_keys', content: '' },
    { format: 'bibtex', suggestedName: 'C:\\evil.bib', content: '' },
    { format: 'docx', suggestedName: 'a.docx', content: '' },
    { format: 'bibtex', suggestedName: 'a.bib', content: '', path: '/etc/passwd' },
  ])('rejects a path, an unknown format or extra fields: %o', async (payload) => {
    const { dispatch, deps } = await setup();
    await expect(dispatch(sender, 'export:save', payload)).rejects.toBeInstanceOf(IpcRejection);
    expect(deps.chooseSavePath).not.toHaveBeenCalled();
  });
});

describe('writeClipboardText', () => {
  it('hands the text to the clipboard', async () => {
    const { dispatch, clipboard } = await setup();
    await expect(dispatch(sender, 'clipboard:writeText', { text: 'vaswani2017attention' })).resolves.toEqual({
      written: true,
    });
    expect(clipboard).toEqual(['vaswani2017attention']);
  });

  it('refuses empty and oversized text', async () => {
    const { dispatch, clipboard } = await setup();
    await expect(dispatch(sender, 'clipboard:writeText', { text: '' })).rejects.toBeInstanceOf(IpcRejection);
    await expect(dispatch(sender, 'clipboard:writeText', { text: 'x'.repeat(1024 * 1024 + 1) })).rejects.toBeInstanceOf(
      IpcRejection,
    );
    expect(clipboard).toEqual([]);
  });
});

describe('synced .bib', () => {
  it('takes the file from the dialog only, then writes the text it is sent', async () => {
    const { dispatch, dir } = await setup();
    const choice = { scope: { kind: 'tag', tag: 'llm' }, format: 'biblatex', includeNotes: true, scopeLabel: '#llm' };
    const status = (await dispatch(sender, 'exportSync:choose', choice)) as { config: { id: string; path: string } };
    expect(status.config.path).toBe(path.join(dir, 'out.bib'));
    await expect(dispatch(sender, 'exportSync:choose', { ...choice, path: '/etc/passwd' })).rejects.toBeInstanceOf(
      IpcRejection,
    );
    await expect(
      dispatch(sender, 'exportSync:write', { syncId: status.config.id, content: '@online{a}', entryCount: 1 }),
    ).resolves.toEqual({ accepted: true });
    const handlers = createExportHandlers(undefined);
    expect(() => handlers.getBibSync(undefined)).toThrow('Export is not available');
  });

  it('keeps the current choice when the dialog is cancelled', async () => {
    const { dispatch } = await setup({ chooseSavePath: async () => null });
    const status = await dispatch(sender, 'exportSync:choose', {
      scope: { kind: 'starred' },
      format: 'bibtex',
      includeNotes: false,
      scopeLabel: 'Starred',
    });
    expect(status).toMatchObject({ config: null, state: 'off' });
  });
});
