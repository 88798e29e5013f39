// Sandboxed preload: exposes window.shelfmark, built from the shared IPC contract. It never
// exposes ipcRenderer itself. Bundled to one CommonJS file (sandboxed preloads load no ESM).

import { contextBridge, ipcRenderer } from 'electron';
import { createShelfmarkApi } from '../shared/ipc';

const api = createShelfmarkApi({
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  on(event, listener) {
    const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => ipcRenderer.removeListener(event, wrapped);
  },
});

contextBridge.exposeInMainWorld('shelfmark', api);
