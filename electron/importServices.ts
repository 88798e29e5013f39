// The import machinery main runs, wired once: the queue (parsing in a worker thread when the
// bundled worker exists), the settings with the inbox watcher, and the spool for dropped files.
// The app and the web e2e harness both build it here, each with its own folder and event sink.

import path from 'node:path';
import type { IpcEvent, IpcEvents } from '../shared/ipc';
import { DropSpool } from './import/DropSpool';
import { ImportQueue } from './import/ImportQueue';
import { ParseWorkerPool } from './import/ParseWorkerPool';
import { SettingsController, type SettingsControllerOptions } from './settings/SettingsController';

export interface ImportServicesOptions {
  /** userData: settings.json, import-queue.json, inbox-seen.json and dropped/ live here. */
  dataDir: string;
  /** Sends an event to the renderer (dropped when no window is ready: the renderer pulls on start). */
  send<E extends IpcEvent>(event: E, payload: IpcEvents[E]): void;
  chooseFolder(): Promise<string | null>;
  /** The bundled parse worker; parsing stays on this thread when it does not exist. */
  workerScript?: string;
  watcher?: SettingsControllerOptions['watcher'];
}

export interface ImportServices {
  queue: ImportQueue;
  settings: SettingsController;
  spool: DropSpool;
  /** Loads settings, starts the inbox watcher and re-queues what the last run left pending. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createImportServices(options: ImportServicesOptions): ImportServices {
  const pool = options.workerScript ? new ParseWorkerPool(options.workerScript) : null;
  const spool = new DropSpool(path.join(options.dataDir, 'dropped'));
  let settings: SettingsController | null = null;
  const queue = new ImportQueue({
    statePath: path.join(options.dataDir, 'import-queue.json'),
    // Files can arrive (second instance, open-file) before settings load: the default cap applies.
    maxBytes: () => settings!.maxBytesOrDefault(),
    parse: pool?.available ? pool.parse : undefined,
    onAvailable: (count) => options.send('import:available', { count }),
    onProgress: (progress) => options.send('import:progress', progress),
    onAcknowledged: (item) => spool.release(item.filePath),
  });
  settings = new SettingsController({
    file: path.join(options.dataDir, 'settings.json'),
    seenPath: path.join(options.dataDir, 'inbox-seen.json'),
    enqueueInboxFiles: (paths) => queue.enqueue(paths, 'inbox'),
    chooseFolder: options.chooseFolder,
    onChange: (view) => options.send('settings:changed', view),
    watcher: options.watcher,
  });
  const controller = settings;
  return {
    queue,
    settings: controller,
    spool,
    async start() {
      const startedAt = Date.now();
      await controller.init();
      await queue.restore();
      await spool.prune(
        queue.list().map((item) => item.filePath),
        startedAt,
      );
    },
    async close() {
      await controller.close();
      await queue.settled();
      await pool?.close();
    },
  };
}
