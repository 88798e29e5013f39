// The one gate every IPC call passes: known channel, trusted sender, valid payload.

import { ipcContract, type IpcContract, type IpcMethod, type IpcPayload, type IpcResults } from '../../shared/ipc';

/** Who sent a call: the frame's URL and whether it is the window's main frame. */
export interface IpcSender {
  url: string | undefined;
  isMainFrame: boolean;
}

export type IpcHandlers = {
  [M in IpcMethod]: (payload: IpcPayload<M>, sender: IpcSender) => Promise<IpcResults[M]> | IpcResults[M];
};

export class IpcRejection extends Error {
  override name = 'IpcRejection';
}

export interface IpcDispatcherOptions {
  handlers: IpcHandlers;
  /** `scheme://host` the renderer is served from, e.g. app://shelfmark. */
  allowedOrigin: string;
  log?: (message: string) => void;
}

const methodByChannel = new Map<string, IpcMethod>(
  (Object.entries(ipcContract) as [IpcMethod, IpcContract[IpcMethod]][]).map(([method, entry]) => [
    entry.channel,
    method,
  ]),
);

/** scheme://host of a URL, computed by hand: WHATWG URL reports "null" origins for custom schemes. */
export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (!parsed.host) return null;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

export function createIpcDispatcher(options: IpcDispatcherOptions) {
  const log = options.log ?? ((message: string) => console.warn(message));
  return async function dispatch(sender: IpcSender, channel: string, payload: unknown): Promise<unknown> {
    const method = methodByChannel.get(channel);
    if (!method) {
      log(`[ipc] rejected unknown channel ${JSON.stringify(channel)}`);
      throw new IpcRejection(`Unknown IPC channel: ${channel}`);
    }
    if (!sender.isMainFrame || originOf(sender.url) !== options.allowedOrigin) {
      log(`[ipc] rejected ${channel} from untrusted sender ${sender.url ?? '(no url)'}`);
      throw new IpcRejection(`IPC ${channel} rejected: untrusted sender`);
    }
    const parsed = ipcContract[method].payload.safeParse(payload);
    if (!parsed.success) {
      const reason = parsed.error.issues
        .map((issue) => `${issue.path.join('.') || 'payload'}: ${issue.message}`)
        .join('; ');
      log(`[ipc] rejected ${channel}: invalid payload (${reason})`);
      throw new IpcRejection(`IPC ${channel} rejected: invalid payload (${reason})`);
    }
    const handler = options.handlers[method] as (payload: unknown, sender: IpcSender) => unknown;
    return handler(parsed.data, sender);
  };
}

export type IpcDispatch = ReturnType<typeof createIpcDispatcher>;
