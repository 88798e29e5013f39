// The main-process side of every IPC entry. Electron itself stays behind the small
// interfaces below, so the web e2e project and unit tests run these same handlers.

import type { IpcHandlers } from './ipc/createIpcDispatcher';
import { type BackupHandlerDeps, createBackupHandlers } from './backup/backupHandlers';
import { createExportHandlers, type ExportHandlerDeps } from './export/exportHandlers';
import type { DropSpool } from './import/DropSpool';
import type { ImportQueue } from './import/ImportQueue';
import { oversizeReason } from './import/readDigestFile';
import type { SettingsController } from './settings/SettingsController';
import { isHttpUrl } from '../shared/text/extractLinks';

export interface HandlerDeps {
  queue: ImportQueue;
  settings: SettingsController;
  /** Where dropped files' bytes wait (as files) until the renderer commits them. */
  spool: DropSpool;
  /** Shows the native open dialog; resolves to the chosen paths ([] when cancelled). */
  chooseFiles(): Promise<string[]>;
  /** Hands a vetted http(s) URL to the OS. */
  openExternalUrl(url: string): Promise<void>;
  appInfo: { version: string; platform: string; runtime: 'electron' | 'web-test' };
  /** Save dialog, clipboard and the synced .bib; its channels refuse with a clear error without it. */
  exporting?: ExportHandlerDeps;
  /** The backups folder, its open dialog and the data folder; its channels refuse without it. */
  backups?: BackupHandlerDeps;
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
      await deps.queue.enqueue(paths, 'dialog');
      return { queued: paths.length };
    },
    async importDroppedFile({ name, lastModified, bytes }) {
      // The renderer checks the cap before reading; this is the guard if it did not.
      const maxBytes = deps.settings.maxBytesOrDefault();
      if (bytes.byteLength > maxBytes) {
        return { queued: false, error: `${name}: ${oversizeReason(bytes.byteLength, maxBytes)}` };
      }
      const file = await deps.spool.write(name, bytes, lastModified);
      await deps.queue.enqueue([file], 'drop');
      return { queued: true };
    },
    getSettings() {
      return deps.settings.view();
    },
    updateSettings(patch) {
      return deps.settings.update(patch);
    },
    chooseInboxFolder() {
      return deps.settings.chooseInboxFolder();
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
    ...createExportHandlers(deps.exporting),
    ...createBackupHandlers(deps.backups),
  };
}
