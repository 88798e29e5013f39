// Serves the built renderer for app://shelfmark. Pure Node (no Electron import) so the web
// e2e project serves the same bytes, headers and refusals through Playwright routing.

import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import mime from 'mime';
import { APP_HOST, APP_SCHEME } from '../shared/ipc';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';

export type AssetResolution =
  { ok: true; filePath: string; mimeType: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/** Maps a request URL to a file under rootDir, refusing anything that escapes it. */
export function resolveAppAsset(rootDir: string, requestUrl: string): AssetResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'malformed URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return { ok: false, status: 403, reason: 'wrong origin' };
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed path' };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { ok: false, status: 403, reason: 'bad path' };
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, `.${path.posix.normalize(pathname)}`);
  if (filePath !== root && !filePath.startsWith(root + path.sep)) {
    return { ok: false, status: 403, reason: 'path escapes the app folder' };
  }
  return { ok: true, filePath, mimeType: mime.getType(filePath) ?? 'application/octet-stream' };
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export async function serveAppAsset(rootDir: string, requestUrl: string): Promise<AppResponse> {
  const resolved = resolveAppAsset(rootDir, requestUrl);
  const baseHeaders = { 'X-Content-Type-Options': 'nosniff' };
  if (!resolved.ok) {
    return {
      status: resolved.status,
      headers: { ...baseHeaders, 'Content-Type': 'text/plain' },
      body: Buffer.from(resolved.reason),
    };
  }
  try {
    const info = await stat(resolved.filePath);
    if (!info.isFile()) throw new Error('not a file');
    const body = await readFile(resolved.filePath);
    const headers: Record<string, string> = { ...baseHeaders, 'Content-Type': resolved.mimeType };
    if (resolved.mimeType === 'text/html') headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    return { status: 200, headers, body };
  } catch {
    return { status: 404, headers: { ...baseHeaders, 'Content-Type': 'text/plain' }, body: Buffer.from('not found') };
  }
}
