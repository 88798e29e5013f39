import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/ipc';
import { SettingsController } from './SettingsController';
import { loadSettings, saveSettings } from './settingsFile';

const tempFile = async () => path.join(await mkdtemp(path.join(os.tmpdir(), 'shelfmark-settings-')), 'settings.json');

describe('settings.json', () => {
  it('round-trips valid settings', async () => {
    const file = await tempFile();
    await saveSettings(file, { inboxFolder: '/tmp/inbox', maxImportMb: 20 });
    expect(await loadSettings(file)).toEqual({ inboxFolder: '/tmp/inbox', maxImportMb: 20 });
  });

  it.each([
    ['missing', null, DEFAULT_SETTINGS],
    ['corrupt', '{not json', DEFAULT_SETTINGS],
    ['not an object', '[1,2]', DEFAULT_SETTINGS],
    ['a bad field', '{"inboxFolder": 42, "maxImportMb": 10}', { inboxFolder: null, maxImportMb: 10 }],
    ['an out-of-range cap', '{"inboxFolder": "/x", "maxImportMb": 99999}', { inboxFolder: '/x', maxImportMb: 50 }],
    ['unknown fields', '{"maxImportMb": 7, "theme": "dark"}', { inboxFolder: null, maxImportMb: 7 }],
  ])('a %s file falls back field by field', async (_name, content, expected) => {
    const file = await tempFile();
    if (content !== null) await writeFile(file, content);
    expect(await loadSettings(file)).toEqual(expected);
  });

  it('refuses to save invalid settings', async () => {
    const file = await tempFile();
    await expect(saveSettings(file, { inboxFolder: null, maxImportMb: 0.5 })).rejects.toThrow();
  });
});

describe('SettingsController', () => {
  it('persists changes, reports them, and flags an inbox folder that is gone', async () => {
    const file = await tempFile();
    const changes: unknown[] = [];
    const missing = path.join(path.dirname(file), 'no-such-folder');
    const controller = new SettingsController({
      file,
      seenPath: path.join(path.dirname(file), 'seen.json'),
      enqueueInboxFiles: vi.fn(async () => undefined),
      chooseFolder: async () => missing,
      onChange: (view) => changes.push(view),
    });
    await controller.init();
    const view = await controller.chooseInboxFolder();
    expect(view.inbox).toEqual({ state: 'error', message: `${missing}: does not exist` });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ inboxFolder: missing, maxImportMb: 50 });
    expect(changes).toHaveLength(1);
    await controller.update({ maxImportMb: 3 });
    expect(controller.maxBytes()).toBe(3 * 1024 * 1024);
    await controller.close();
  });
});
