import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, fitToDisplays, loadWindowState, saveWindowState } from './windowState';

describe('window state', () => {
  it('round-trips through its file', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'shelfmark-ws-')), 'window-state.json');
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    const state = { x: 10, y: 20, width: 1400, height: 900, maximized: true };
    saveWindowState(file, state);
    expect(loadWindowState(file)).toEqual(state);
  });

  it.each(['{broken', '{"width": 5, "height": 5, "maximized": false}', '"text"'])(
    'falls back to the default for a damaged file: %s',
    async (content) => {
      const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'shelfmark-ws-')), 'window-state.json');
      await writeFile(file, content);
      expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    },
  );

  it('forgets a position that is on no display any more', () => {
    const displays = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    const onScreen = { x: 100, y: 100, width: 1200, height: 800, maximized: false };
    expect(fitToDisplays(onScreen, displays)).toEqual(onScreen);
    expect(fitToDisplays({ ...onScreen, x: 3000 }, displays)).toEqual({ width: 1200, height: 800, maximized: false });
  });
});
