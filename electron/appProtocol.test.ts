import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveAppAsset, serveAppAsset } from './appProtocol';

let root: string;
beforeAll(async () => {
  const base = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-protocol-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>x</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'app.css'), 'body{}');
  await writeFile(path.join(base, 'secret.txt'), 'outside the app folder');
});

describe('resolveAppAsset', () => {
  it.each([
    ['app://shelfmark/', 'index.html', 'text/html'],
    ['app://shelfmark/index.html', 'index.html', 'text/html'],
    ['app://shelfmark/assets/app.js', 'assets/app.js', 'text/javascript'],
    ['app://shelfmark/assets/app.css', 'assets/app.css', 'text/css'],
    ['app://shelfmark/assets/app.js.map', 'assets/app.js.map', 'application/json'],
    ['app://shelfmark/icon.svg', 'icon.svg', 'image/svg+xml'],
  ])('%s → %s (%s)', (url, file, mimeType) => {
    expect(resolveAppAsset(root, url)).toEqual({ ok: true, filePath: path.join(root, file), mimeType });
  });

  it.each([
    'app://shelfmark/../secret.txt',
    'app://shelfmark/%2e%2e/secret.txt',
    'app://shelfmark/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://shelfmark/..%5csecret.txt',
    'app://shelfmark/%00index.html',
  ])('never serves outside the app folder: %s', async (url) => {
    const resolved = resolveAppAsset(root, url);
    if (resolved.ok) expect(resolved.filePath.startsWith(root + path.sep)).toBe(true);
    const response = await serveAppAsset(root, url);
    expect(response.body.toString()).not.toContain('outside the app folder');
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAppAsset(root, 'app://evil/index.html')).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppAsset(root, 'https://shelfmark/index.html')).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppAsset(root, '::not a url')).toMatchObject({ ok: false, status: 400 });
  });
});

describe('serveAppAsset', () => {
  it('serves HTML with the CSP and nosniff', async () => {
    const response = await serveAppAsset(root, 'app://shelfmark/index.html');
    expect(response.status).toBe(200);
    expect(response.headers['Content-Type']).toBe('text/html');
    expect(response.headers['Content-Security-Policy']).toContain("script-src 'self'");
    expect(response.headers['Content-Security-Policy']).not.toContain('unsafe-eval');
    expect(response.headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('answers 404 for a missing file and for a folder', async () => {
    expect((await serveAppAsset(root, 'app://shelfmark/nope.js')).status).toBe(404);
    expect((await serveAppAsset(root, 'app://shelfmark/assets')).status).toBe(404);
  });
});
