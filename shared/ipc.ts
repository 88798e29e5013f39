// The one IPC contract between main and renderer: every invoke channel with its payload
// schema and result type, and every main→renderer event. Main registers a handler for each
// entry and the preload builds window.shelfmark from the same table.

import { z } from 'zod';
import type { ParsedDigest } from './model';
import { type BibSyncStatus, bibSyncChoiceSchema, EXPORT_FORMATS } from './export/exportScope';

const noPayload = z.undefined();
const MB = 1024 * 1024;
/** The largest size cap a person can set, in MB (the default is DEFAULT_SETTINGS.maxImportMb). */
export const MAX_IMPORT_MB_LIMIT = 1024;
/** The largest export text the renderer may hand to main (characters; 10,000 papers are ~16 MB). */
export const MAX_EXPORT_CHARS = 256 * MB;
/** The largest text the clipboard channel accepts (a citation key or one entry is far smaller). */
export const MAX_CLIPBOARD_CHARS = 1 * MB;
/** A backup crosses IPC in chunks of at most this many bytes (either direction). */
export const BACKUP_CHUNK_BYTES = 8 * MB;
/** The largest backup file main accepts or reads (gzip: 100,000 papers are far below this). */
export const MAX_BACKUP_BYTES = 2048 * MB;
/** Why a backup was taken; only automatic ones ('auto', 'quit') are pruned by retention. */
export const BACKUP_REASONS = ['auto', 'quit', 'manual', 'pre-upgrade'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];
/** Backup files main keeps in userData/backups, named by when and why they were taken. */
export const BACKUP_FILE_PATTERN =
  /^shelfmark-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-(auto|quit|manual|pre-upgrade)\.shelfmark-backup$/;
const uploadIdSchema = z.string().min(1).max(100);
const backupChunkSchema = z
  .instanceof(Uint8Array)
  .refine((b) => b.byteLength > 0 && b.byteLength <= BACKUP_CHUNK_BYTES, {
    message: `1 byte to ${BACKUP_CHUNK_BYTES / MB} MB`,
  });
/** A backup the renderer may read: one of main's stored files by name, or one the person chose. */
export const backupSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('stored'), name: z.string().regex(BACKUP_FILE_PATTERN) }).strict(),
  z.object({ kind: z.literal('chosen'), token: z.string().min(1).max(100) }).strict(),
]);
export type BackupSource = z.infer<typeof backupSourceSchema>;

/** The settings, as main keeps them in userData/settings.json. */
export const settingsSchema = z.object({
  /** Absolute path of the watched inbox folder, or null when none is chosen. */
  inboxFolder: z.string().min(1).nullable(),
  /** Files larger than this are refused before they are read. */
  maxImportMb: z.number().int().min(1).max(MAX_IMPORT_MB_LIMIT),
});
/** Reading settings.json: a missing or bad field falls back to its default, the rest is kept. */
export const storedSettingsSchema = z.object({
  inboxFolder: settingsSchema.shape.inboxFolder.catch(null),
  maxImportMb: settingsSchema.shape.maxImportMb.catch(50),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = { inboxFolder: null, maxImportMb: 50 };

export const ipcContract = {
  chooseImportFiles: { channel: 'import:chooseFiles', payload: noPayload },
  takePendingImports: { channel: 'import:pending', payload: noPayload },
  acknowledgeImport: {
    channel: 'import:ack',
    payload: z
      .object({
        ticket: z.string().min(1).max(200),
        committed: z.boolean(),
        added: z.number().int().nonnegative(),
        alreadyPresent: z.number().int().nonnegative(),
        merged: z.number().int().nonnegative(),
      })
      .strict(),
  },
  openExternal: {
    channel: 'shell:openExternal',
    payload: z.object({ url: z.string().min(1).max(8192) }).strict(),
  },
  getAppInfo: { channel: 'app:info', payload: noPayload },
  importDroppedFile: {
    channel: 'import:droppedFile',
    payload: z
      .object({
        name: z.string().min(1).max(1024),
        /** File.lastModified (ms since the epoch): stands in for the modification time. */
        lastModified: z.number().finite().nonnegative(),
        bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_IMPORT_MB_LIMIT * MB, {
          message: `larger than ${MAX_IMPORT_MB_LIMIT} MB`,
        }),
      })
      .strict(),
  },
  getSettings: { channel: 'settings:get', payload: noPayload },
  updateSettings: {
    channel: 'settings:update',
    // The inbox folder is only ever set through the native folder dialog (chooseInboxFolder):
    // the renderer may clear it, never point it at a path of its choosing.
    payload: z
      .object({
        maxImportMb: z.number().int().min(1).max(MAX_IMPORT_MB_LIMIT).optional(),
        inboxFolder: z.null().optional(),
      })
      .strict(),
  },
  chooseInboxFolder: { channel: 'settings:chooseInboxFolder', payload: noPayload },
  /** Asks where to save with the native dialog, then writes the text atomically there. */
  saveExport: {
    channel: 'export:save',
    payload: z
      .object({
        format: z.enum(EXPORT_FORMATS),
        /** The file name the dialog proposes; a name only, never a path. */
        suggestedName: z
          .string()
          .min(1)
          .max(255)
          .refine((name) => !/[/\\\0]/.test(name), { message: 'a file name, not a path' }),
        content: z.string().max(MAX_EXPORT_CHARS),
      })
      .strict(),
  },
  writeClipboardText: {
    channel: 'clipboard:writeText',
    payload: z.object({ text: z.string().min(1).max(MAX_CLIPBOARD_CHARS) }).strict(),
  },
  getBibSync: { channel: 'exportSync:get', payload: noPayload },
  /** Like the inbox folder, the synced file's path only ever comes from the native save dialog. */
  chooseBibSyncFile: { channel: 'exportSync:choose', payload: bibSyncChoiceSchema },
  stopBibSync: { channel: 'exportSync:stop', payload: noPayload },
  /** The synced file's new text; main writes it (debounced, atomically) if `syncId` is still current. */
  writeBibSync: {
    channel: 'exportSync:write',
    payload: z
      .object({
        syncId: z.string().min(1).max(100),
        content: z.string().max(MAX_EXPORT_CHARS),
        entryCount: z.number().int().nonnegative(),
      })
      .strict(),
  },
  /** Starts a backup upload to userData/backups; the bytes follow in order through backupChunk. */
  beginBackup: {
    channel: 'backup:begin',
    payload: z
      .object({
        reason: z.enum(BACKUP_REASONS),
        totalBytes: z.number().int().positive().max(MAX_BACKUP_BYTES),
        /** Answers a main→renderer 'backup:requested' (the backup on quit). */
        requestId: z.string().min(1).max(100).optional(),
      })
      .strict(),
  },
  writeBackupChunk: {
    channel: 'backup:chunk',
    payload: z
      .object({
        uploadId: uploadIdSchema,
        offset: z.number().int().nonnegative().max(MAX_BACKUP_BYTES),
        bytes: backupChunkSchema,
      })
      .strict(),
  },
  /** All bytes sent: main flushes, renames into place atomically and applies retention. */
  commitBackup: { channel: 'backup:commit', payload: z.object({ uploadId: uploadIdSchema }).strict() },
  abortBackup: { channel: 'backup:abort', payload: z.object({ uploadId: uploadIdSchema }).strict() },
  listBackups: { channel: 'backup:list', payload: noPayload },
  /** The native open dialog for a backup file elsewhere; main hands back a token, never a path to read. */
  chooseBackupFile: { channel: 'backup:chooseFile', payload: noPayload },
  readBackupChunk: {
    channel: 'backup:read',
    payload: z
      .object({
        source: backupSourceSchema,
        offset: z.number().int().nonnegative().max(MAX_BACKUP_BYTES),
        length: z.number().int().positive().max(BACKUP_CHUNK_BYTES),
      })
      .strict(),
  },
  /** The renderer answers a 'backup:requested' it could not or need not fulfil with an upload. */
  finishBackupRequest: {
    channel: 'backup:requestDone',
    payload: z
      .object({
        requestId: z.string().min(1).max(100),
        outcome: z.enum(['saved', 'unchanged', 'failed']),
        message: z.string().max(2000).optional(),
      })
      .strict(),
  },
  /** Shows the app's data folder (userData) in the file manager; no path comes from the renderer. */
  revealDataFolder: { channel: 'app:revealDataFolder', payload: noPayload },
} as const;

export type IpcContract = typeof ipcContract;
export type IpcMethod = keyof IpcContract;
export type IpcChannel = IpcContract[IpcMethod]['channel'];
export type IpcPayload<M extends IpcMethod> = z.input<IpcContract[M]['payload']>;

/** How a file reached the app. */
export const IMPORT_SOURCES = ['dialog', 'drop', 'inbox', 'command-line', 'open-file', 'second-instance'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** Where the year of the digest date came from, for the import report. */
export type DateBasis =
  /** Date lines without a year ("Mar 13"): the latest year on or before the file's modification date. */
  | { kind: 'mtime'; reference: string }
  /** Same, before the Date header of the e-mail that carried the digest. */
  | { kind: 'email-date'; reference: string }
  /** The file states full dates itself (feeds, JSON, listings, BibTeX). */
  | { kind: 'in-file' }
  /** The file carries no date. */
  | { kind: 'none' };

/** A file main has read and parsed, waiting for the renderer to commit it. */
export type PendingImport = {
  ticket: string;
  fileName: string;
  filePath: string;
  source: ImportSource;
} & (
  | {
      ok: true;
      digestId: string;
      referenceDate: string;
      digest: ParsedDigest;
      encoding: string;
      sizeBytes: number;
      dateBasis: DateBasis;
    }
  | { ok: false; error: string }
);

/** The inbox watcher's state, shown in Settings. */
export type InboxStatus =
  { state: 'off' } | { state: 'watching'; folder: string } | { state: 'error'; message: string };

export interface SettingsView {
  settings: Settings;
  inbox: InboxStatus;
}

export interface IpcResults {
  chooseImportFiles: { queued: number };
  takePendingImports: PendingImport[];
  acknowledgeImport: { remaining: number };
  openExternal: { opened: boolean; reason?: string };
  getAppInfo: { version: string; platform: string; runtime: 'electron' | 'web-test' };
  importDroppedFile: { queued: true } | { queued: false; error: string };
  getSettings: SettingsView;
  updateSettings: SettingsView;
  chooseInboxFolder: SettingsView;
  saveExport: SaveExportResult;
  writeClipboardText: { written: true };
  getBibSync: BibSyncStatus;
  chooseBibSyncFile: BibSyncStatus;
  stopBibSync: BibSyncStatus;
  writeBibSync: { accepted: boolean };
  beginBackup: { uploadId: string };
  writeBackupChunk: { received: number };
  commitBackup: BackupInfo;
  abortBackup: { aborted: boolean };
  listBackups: BackupList;
  chooseBackupFile: { source: BackupSource; fileName: string; bytes: number } | null;
  readBackupChunk: Uint8Array;
  finishBackupRequest: { accepted: boolean };
  revealDataFolder: { revealed: boolean };
}

/** One backup file as main lists it. */
export interface BackupInfo {
  name: string;
  reason: BackupReason;
  /** ms since the epoch, from the file name. */
  createdAt: number;
  bytes: number;
}

export interface BackupList {
  /** Newest first. */
  backups: BackupInfo[];
  /** True when no automatic backup was taken in the last 24 hours. */
  dailyDue: boolean;
}

/** What saving an export did: the file written, cancelled, or why it failed (naming the file). */
export type SaveExportResult =
  | { saved: true; path: string; bytes: number }
  | { saved: false; cancelled: true }
  | { saved: false; cancelled: false; error: string };

/** Main's side of a long import: files being read and parsed, and parsed files waiting to be committed. */
export interface ImportProgress {
  reading: number;
  waiting: number;
  /** The file main is reading now, when there is one. */
  fileName?: string;
}

/** Events main sends to the renderer, with their payloads. */
export interface IpcEvents {
  /** New files are parsed and waiting: call takePendingImports. */
  'import:available': { count: number };
  /** A menu item or accelerator asked for a renderer action. */
  'menu:command': { command: MenuCommand };
  /** Files started or finished reading in main. */
  'import:progress': ImportProgress;
  /** The settings or the inbox watcher's state changed. */
  'settings:changed': SettingsView;
  /** The synced .bib was written, failed, or its choice changed. */
  'exportSync:changed': BibSyncStatus;
  /** Main asks for a backup (on quit): upload one with this requestId, or answer finishBackupRequest. */
  'backup:requested': { requestId: string; reason: 'quit' | 'auto' };
}
export type IpcEvent = keyof IpcEvents;
export const ipcEventNames = [
  'import:available',
  'menu:command',
  'import:progress',
  'settings:changed',
  'exportSync:changed',
  'backup:requested',
] as const satisfies readonly IpcEvent[];
export const MENU_COMMANDS = ['import', 'export', 'backup', 'restore'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** window.shelfmark: one function per contract entry, plus event subscription. */
export type ShelfmarkApi = {
  [M in IpcMethod]: IpcPayload<M> extends undefined
    ? () => Promise<IpcResults[M]>
    : (payload: IpcPayload<M>) => Promise<IpcResults[M]>;
} & {
  on<E extends IpcEvent>(event: E, listener: (payload: IpcEvents[E]) => void): () => void;
};

/** How the API reaches main: ipcRenderer in the preload, a Playwright binding in web tests. */
export interface IpcTransport {
  invoke(channel: IpcChannel, payload: unknown): Promise<unknown>;
  on(event: IpcEvent, listener: (payload: unknown) => void): () => void;
}

/** Builds window.shelfmark from the contract, so no entry can be missing. */
export function createShelfmarkApi(transport: IpcTransport): ShelfmarkApi {
  const api: Record<string, unknown> = {};
  for (const [method, entry] of Object.entries(ipcContract)) {
    api[method] = (payload?: unknown) => transport.invoke(entry.channel, payload);
  }
  api.on = (event: IpcEvent, listener: (payload: unknown) => void) => {
    if (!(ipcEventNames as readonly string[]).includes(event)) throw new Error(`Unknown event: ${event}`);
    return transport.on(event, listener);
  };
  return Object.freeze(api) as ShelfmarkApi;
}

/** The renderer's fixed origin: IndexedDB is per origin, so it never changes. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'shelfmark';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
