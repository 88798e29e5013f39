import type { ShelfmarkApi } from '../shared/ipc';

declare global {
  interface Window {
    shelfmark?: ShelfmarkApi;
  }
}

/** window.shelfmark, installed by the preload (or the web test transport). */
export function api(): ShelfmarkApi {
  const bridge = window.shelfmark;
  if (!bridge) throw new Error('The Shelfmark bridge is missing: the app must run inside Shelfmark.');
  return bridge;
}

/** Opens an http(s) link in the system browser; main refuses anything else. */
export async function openLink(url: string): Promise<void> {
  await api().openExternal({ url });
}
