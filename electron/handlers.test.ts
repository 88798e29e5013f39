import { describe, expect, it, vi } from 'vitest';
import { createHandlers, externalUrlVerdict } from './handlers';
import { ImportQueue } from './import/ImportQueue';

const sender = { url: 'app://shelfmark/index.html', isMainFrame: true };

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
    const handlers = createHandlers({
      queue: new ImportQueue(),
      chooseFiles: async () => [],
      openExternalUrl,
      appInfo: { version: '0', platform: 'linux', runtime: 'web-test' },
    });
    await expect(handlers.openExternal({ url }, sender)).resolves.toEqual({ opened: true });
    expect(openExternalUrl).toHaveBeenCalledWith(new URL(url).href);
  });

  it.each(refused)('refuses %j', async (url) => {
    const openExternalUrl = vi.fn(async () => undefined);
    const handlers = createHandlers({
      queue: new ImportQueue(),
      chooseFiles: async () => [],
      openExternalUrl,
      appInfo: { version: '0', platform: 'linux', runtime: 'web-test' },
    });
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
    const handlers = createHandlers({
      queue,
      chooseFiles: async () => chosen,
      openExternalUrl: async () => undefined,
      appInfo: { version: '0', platform: 'linux', runtime: 'web-test' },
    });
    await expect(handlers.chooseImportFiles(undefined, sender)).resolves.toEqual({ queued: 0 });
    chosen = ['a.txt', 'b.txt'];
    await expect(handlers.chooseImportFiles(undefined, sender)).resolves.toEqual({ queued: 2 });
    expect(await handlers.takePendingImports(undefined, sender)).toHaveLength(2);
  });
});
