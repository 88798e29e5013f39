// Init script for the web e2e project: installs the same window.shelfmark the preload
// builds (createShelfmarkApi over the shared contract), with only the transport swapped
// for a Playwright binding. Bundled to an IIFE by e2e/support/webHarness.ts.

import { createShelfmarkApi, type IpcEvent } from '../../shared/ipc';

type Listener = (payload: unknown) => void;

declare global {
  interface Window {
    __shelfmarkInvoke?: (channel: string, payload: unknown) => Promise<unknown>;
    __shelfmarkEmit?: (event: IpcEvent, payload: unknown) => void;
  }
}

if (window === window.top) {
  const invoke = window.__shelfmarkInvoke;
  const listeners = new Map<string, Set<Listener>>();
  // Like contextBridge: page scripts get a frozen API, never the raw binding.
  delete window.__shelfmarkInvoke;
  Object.defineProperty(window, '__shelfmarkEmit', {
    value: (event: IpcEvent, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload)),
    enumerable: false,
  });
  const api = createShelfmarkApi({
    invoke: (channel, payload) => {
      if (!invoke) return Promise.reject(new Error('test transport missing'));
      return invoke(channel, payload);
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  });
  Object.defineProperty(window, 'shelfmark', { value: api, enumerable: true });
}
