// Owns the settings and what follows from them: the size cap the import queue reads, and the
// inbox watcher, restarted whenever the folder changes. Electron-free, so tests and the web e2e
// harness run it as the app does.

import { stat } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_SETTINGS, type InboxStatus, type Settings, type SettingsView } from '../../shared/ipc';
import { InboxWatcher, type InboxWatcherOptions } from '../import/InboxWatcher';
import { loadSettings, saveSettings } from './settingsFile';

export interface SettingsControllerOptions {
  /** userData/settings.json */
  file: string;
  /** userData/inbox-seen.json: content hashes already imported from the inbox. */
  seenPath: string;
  /** Hands inbox files to the import queue. */
  enqueueInboxFiles(paths: string[]): Promise<unknown>;
  /** The native folder dialog; null when cancelled. */
  chooseFolder(): Promise<string | null>;
  onChange?(view: SettingsView): void;
  /** Overrides for the inbox watcher (tests: a short stability time). */
  watcher?: Pick<InboxWatcherOptions, 'stabilityMs' | 'usePolling'>;
}

export class SettingsController {
  private settings: Settings | null = null;
  private watcher: InboxWatcher | null = null;
  private inbox: InboxStatus = { state: 'off' };
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SettingsControllerOptions) {}

  /** Loads the settings and starts watching the inbox folder, if one is set. */
  async init(): Promise<SettingsView> {
    return this.serial(async () => {
      this.settings = await loadSettings(this.options.file);
      await this.applyInbox();
      return this.view();
    });
  }

  view(): SettingsView {
    return { settings: { ...this.current() }, inbox: this.inbox };
  }

  current(): Settings {
    if (!this.settings) throw new Error('settings are not loaded yet (call init first)');
    return this.settings;
  }

  /** The size cap in bytes. */
  maxBytes(): number {
    return this.current().maxImportMb * 1024 * 1024;
  }

  /** The size cap, or the default one while the settings are still loading. */
  maxBytesOrDefault(): number {
    return (this.settings ?? DEFAULT_SETTINGS).maxImportMb * 1024 * 1024;
  }

  update(patch: Partial<Settings>): Promise<SettingsView> {
    return this.serial(async () => {
      const before = this.current();
      const next = { ...before, ...patch };
      await saveSettings(this.options.file, next);
      this.settings = next;
      if (next.inboxFolder !== before.inboxFolder) await this.applyInbox();
      return this.changed();
    });
  }

  /** Asks for a folder with the native dialog and watches it; unchanged when cancelled. */
  async chooseInboxFolder(): Promise<SettingsView> {
    const folder = await this.options.chooseFolder();
    if (!folder) return this.view();
    return this.update({ inboxFolder: path.resolve(folder) });
  }

  async close(): Promise<void> {
    await this.serial(async () => {
      await this.watcher?.stop();
      this.watcher = null;
    });
  }

  /** For tests: resolves when the inbox watcher has handled every file it reported. */
  async inboxIdle(): Promise<void> {
    await this.watcher?.idle();
  }

  private async applyInbox(): Promise<void> {
    await this.watcher?.stop();
    this.watcher = null;
    const folder = this.current().inboxFolder;
    if (!folder) {
      this.inbox = { state: 'off' };
      return;
    }
    const problem = await folderProblem(folder);
    if (problem) {
      this.inbox = { state: 'error', message: `${folder}: ${problem}` };
      return;
    }
    const watcher = new InboxWatcher({
      folder,
      seenPath: this.options.seenPath,
      enqueue: (paths) => this.options.enqueueInboxFiles(paths),
      onError: (message) => {
        this.inbox = { state: 'error', message };
        this.changed();
      },
      ...this.options.watcher,
    });
    try {
      await watcher.start();
    } catch (error) {
      this.inbox = { state: 'error', message: `${folder}: cannot be watched (${String(error)})` };
      return;
    }
    this.watcher = watcher;
    this.inbox = { state: 'watching', folder };
  }

  private changed(): SettingsView {
    const view = this.view();
    this.options.onChange?.(view);
    return view;
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const result = this.chain.then(run);
    this.chain = result.catch(() => undefined);
    return result;
  }
}

async function folderProblem(folder: string): Promise<string | null> {
  if (!path.isAbsolute(folder)) return 'is not an absolute path';
  try {
    const info = await stat(folder);
    return info.isDirectory() ? null : 'is not a folder';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${String(error)})`;
  }
}
