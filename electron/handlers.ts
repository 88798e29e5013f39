// The main-process side of every IPC entry. Electron itself stays behind the small
// interfaces below, so the web e2e project and unit tests run these same handlers.

import type { IpcHandlers } from './ipc/createIpcDispatcher';
import type { ImportQueue } from './import/ImportQueue';
import { isHttpUrl } from '../shared/text/extractLinks';

export interface HandlerDeps {
  queue: ImportQueue;
  /** Shows the native open dialog; resolves to the chosen paths ([] when cancelled). */
  chooseFiles(): Promise<string[]>;
  /** Hands a vetted http(s) URL to the OS. */
  openExternalUrl(url: string): Promise<void>;
  appInfo: { version: string; platform: string; runtime: 'electron' | 'web-test' };
}

/** Only absolute http(s) URLs with a host ever reach the OS browser. */
export function externalUrlVerdict(url: string): { allowed: true; url: string } | { allowed: false; reason: string } {
  // The raw text must already be an absolute http(s) URL: no leading blanks or control
  // characters, no scheme-relative or "https:host" forms for the URL parser to repair.
  if (!/^https?:\/\/[^\s/\\]/i.test(url) || !isHttpUrl(url)) {
    return { allowed: false, reason: 'only http(s) links open externally' };
  }
  const parsed = new URL(url);
  if (parsed.username || parsed.password) return { allowed: false, reason: 'links with credentials are not opened' };
  return { allowed: true, url: parsed.href };
}

export function createHandlers(deps: HandlerDeps): IpcHandlers {
  return {
    async chooseImportFiles() {
      const paths = await deps.chooseFiles();
      if (paths.length === 0) return { queued: 0 };
      await deps.queue.enqueue(paths);
      return { queued: paths.length };
    },
    takePendingImports() {
      return deps.queue.list();
    },
    async acknowledgeImport(payload) {
      return { remaining: await deps.queue.acknowledge(payload.ticket) };
    },
    async openExternal({ url }) {
      const verdict = externalUrlVerdict(url);
      if (!verdict.allowed) return { opened: false, reason: verdict.reason };
      await deps.openExternalUrl(verdict.url);
      return { opened: true };
    },
    getAppInfo() {
      return deps.appInfo;
    },
  };
}
