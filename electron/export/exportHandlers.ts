// Main's side of export: save through the native dialog (written atomically), the clipboard, and
// the synced .bib. The dialog and the clipboard are injected, so unit tests and the web e2e
// harness run these handlers unchanged.
//
// Why the clipboard goes through main: the session denies every permission request, so
// navigator.clipboard would need an exception (`clipboard-sanitized-write`) in the security
// baseline, and it also fails whenever the document lacks focus (a context menu just closed).
// Electron's clipboard module in main needs no permission; the channel takes only text, capped at
// 1 MB, and the web harness records what it is given like openExternal.
//
// Why the synced .bib's choice lives in its own userData/sync.json: settings.json belongs to the
// import settings, whose loader keeps only its own fields (a foreign field would be dropped on the
// next save), and its schema and tests are owned there.

import path from 'node:path';
import { EXPORT_FORMAT_INFO } from '../../shared/export/exportFormats';
import type { BibSyncChoice, ExportFormat } from '../../shared/export/exportScope';
import type { IpcPayload, IpcResults } from '../../shared/ipc';
import type { BibSync } from './BibSync';
import { describeWriteError, writeFileAtomic } from './writeFileAtomic';

export interface SaveDialogRequest {
  title: string;
  buttonLabel: string;
  /** A file name the dialog proposes (in the last folder the dialog showed). */
  defaultName: string;
  filters: { name: string; extensions: string[] }[];
}

export interface ExportHandlerDeps {
  /** The native save dialog; null when cancelled. */
  chooseSavePath(request: SaveDialogRequest): Promise<string | null>;
  /** The system clipboard (Electron's clipboard module in the app). */
  writeClipboardText(text: string): void | Promise<void>;
  bibSync: BibSync;
  /** Atomic writer, replaceable in tests. */
  writeFile?(file: string, content: string): Promise<number>;
}

type ExportMethods =
  'saveExport' | 'writeClipboardText' | 'getBibSync' | 'chooseBibSyncFile' | 'stopBibSync' | 'writeBibSync';
export type ExportHandlers = {
  [M in ExportMethods]: (payload: IpcPayload<M>) => Promise<IpcResults[M]> | IpcResults[M];
};

function filtersFor(format: ExportFormat): SaveDialogRequest['filters'] {
  const info = EXPORT_FORMAT_INFO[format];
  return [
    { name: info.filterName, extensions: [info.extension] },
    { name: 'All files', extensions: ['*'] },
  ];
}

/** The chosen path, with the format's extension added when the person typed none. */
export function withExtension(file: string, format: ExportFormat): string {
  return path.extname(file) === '' ? `${file}.${EXPORT_FORMAT_INFO[format].extension}` : file;
}

/** Handlers that explain themselves when a process was built without export (some unit tests). */
function unavailable(): never {
  throw new Error('Export is not available in this process.');
}

export function createExportHandlers(deps: ExportHandlerDeps | undefined): ExportHandlers {
  if (!deps) {
    return {
      saveExport: unavailable,
      writeClipboardText: unavailable,
      getBibSync: unavailable,
      chooseBibSyncFile: unavailable,
      stopBibSync: unavailable,
      writeBibSync: unavailable,
    };
  }
  const write = deps.writeFile ?? writeFileAtomic;
  return {
    async saveExport({ format, suggestedName, content }) {
      const chosen = await deps.chooseSavePath({
        title: `Export ${EXPORT_FORMAT_INFO[format].label}`,
        buttonLabel: 'Export',
        defaultName: suggestedName,
        filters: filtersFor(format),
      });
      if (!chosen) return { saved: false, cancelled: true };
      const file = withExtension(path.resolve(chosen), format);
      try {
        const bytes = await write(file, content);
        return { saved: true, path: file, bytes };
      } catch (error) {
        return { saved: false, cancelled: false, error: describeWriteError(file, error) };
      }
    },
    async writeClipboardText({ text }) {
      await deps.writeClipboardText(text);
      return { written: true };
    },
    getBibSync() {
      return deps.bibSync.status();
    },
    async chooseBibSyncFile(choice: BibSyncChoice) {
      const chosen = await deps.chooseSavePath({
        title: 'Keep a .bib File in Sync',
        buttonLabel: 'Keep in Sync',
        defaultName: `shelfmark-${choice.format === 'biblatex' ? 'biblatex' : 'library'}.bib`,
        filters: filtersFor(choice.format),
      });
      if (!chosen) return deps.bibSync.status();
      return deps.bibSync.configure(choice, withExtension(path.resolve(chosen), choice.format));
    },
    stopBibSync() {
      return deps.bibSync.stop();
    },
    writeBibSync({ syncId, content, entryCount }) {
      return { accepted: deps.bibSync.submit(syncId, content, entryCount) };
    },
  };
}
