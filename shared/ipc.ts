// The one IPC contract between main and renderer: every invoke channel with its payload
// schema and result type, and every main→renderer event. Main registers a handler for each
// entry and the preload builds window.shelfmark from the same table.

import { z } from 'zod';
import type { ParsedDigest } from './model';

const noPayload = z.undefined();

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
} as const;

export type IpcContract = typeof ipcContract;
export type IpcMethod = keyof IpcContract;
export type IpcChannel = IpcContract[IpcMethod]['channel'];
export type IpcPayload<M extends IpcMethod> = z.input<IpcContract[M]['payload']>;

/** A file main has read and parsed, waiting for the renderer to commit it. */
export type PendingImport = {
  ticket: string;
  fileName: string;
  filePath: string;
} & ({ ok: true; digestId: string; referenceDate: string; digest: ParsedDigest } | { ok: false; error: string });

export interface IpcResults {
  chooseImportFiles: { queued: number };
  takePendingImports: PendingImport[];
  acknowledgeImport: { remaining: number };
  openExternal: { opened: boolean; reason?: string };
  getAppInfo: { version: string; platform: string; runtime: 'electron' | 'web-test' };
}

/** Events main sends to the renderer, with their payloads. */
export interface IpcEvents {
  /** New files are parsed and waiting: call takePendingImports. */
  'import:available': { count: number };
  /** A menu item or accelerator asked for a renderer action. */
  'menu:command': { command: MenuCommand };
}
export type IpcEvent = keyof IpcEvents;
export const ipcEventNames = ['import:available', 'menu:command'] as const satisfies readonly IpcEvent[];
export const MENU_COMMANDS = ['import'] as const;
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
