// The web project's app: the built renderer in real Chromium, with the real main-process
// handlers running in this Node process. Only the transport differs from Electron: requests
// for the app's origin are answered by the same asset server as app://, and IPC goes
// through one exposed binding into the same dispatcher (sender check + schema validation).

import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { bundlePageFile } from './pageScript';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serveAppAsset } from '../../electron/appProtocol';
import { BackupStore } from '../../electron/backup/BackupStore';
import { BibSync } from '../../electron/export/BibSync';
import type { SaveDialogRequest } from '../../electron/export/exportHandlers';
import { createHandlers } from '../../electron/handlers';
import { createImportServices, type ImportServices } from '../../electron/importServices';
import { createIpcDispatcher } from '../../electron/ipc/createIpcDispatcher';
import { APP_ORIGIN, type IpcEvent, type IpcEvents } from '../../shared/ipc';
import type { AppHarness } from './harness';

/** The origin the web project serves the renderer from (Chromium treats *.localhost as secure). */
export const WEB_TEST_ORIGIN = 'http://shelfmark.localhost';
export const RENDERER_DIR = path.resolve(import.meta.dirname, '../../dist/renderer');
/** The parse worker scripts/build.mjs bundles: main-side parsing runs in it here too. */
export const PARSE_WORKER = path.resolve(import.meta.dirname, '../../dist/electron/parseWorker.cjs');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

let bridgeScript: Promise<string> | null = null;
export function webBridgeScript(): Promise<string> {
  bridgeScript ??= bundlePageFile(path.resolve(import.meta.dirname, 'webBridge.ts'));
  return bridgeScript;
}

export interface WebHarnessOptions {
  colorScheme?: 'light' | 'dark';
  /** Keep the profile folder on close (for crash/restart tests that inspect it). */
  keepProfile?: boolean;
  /** Start from this profile folder instead of a new one (benchmark probes reuse a filled library). */
  profileDir?: string;
}

export class WebHarness implements AppHarness {
  private context!: BrowserContext;
  page!: Page;
  private dialogFiles: string[] = [];
  private readonly opened: string[] = [];
  readonly log: string[] = [];
  /** Main's import machinery (queue, settings, inbox watcher, drop spool), as the app runs it. */
  services!: ImportServices;
  /** Main's synced .bib (userData/sync.json), as the app runs it. */
  bibSync!: BibSync;
  /** What the native save dialog was asked, in order. */
  readonly saveDialogRequests: SaveDialogRequest[] = [];
  /** The save dialog's answer: a path, null (cancelled), or undefined for exportDir/<proposed name>. */
  private savePath: string | null | undefined = undefined;
  private readonly clipboard: string[] = [];
  /** Main's backups folder (userData/backups), as the app runs it. */
  backups!: BackupStore;
  /** The file the next "choose a backup" dialog returns (null = cancelled). */
  backupFileChoice: string | null = null;
  /** How often the renderer asked main to reveal the data folder. */
  dataFolderReveals = 0;

  private constructor(
    private readonly profileDir: string,
    /** Main's userData: settings.json, the queue state, the inbox's seen list, dropped files. */
    readonly dataDir: string,
    private readonly options: WebHarnessOptions,
  ) {}

  static async launch(options: WebHarnessOptions = {}): Promise<WebHarness> {
    const profileDir = options.profileDir ?? (await mkdtemp(path.join(os.tmpdir(), 'shelfmark-e2e-')));
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-e2e-data-'));
    const harness = new WebHarness(profileDir, dataDir, options);
    await harness.start();
    return harness;
  }

  private async start(): Promise<void> {
    this.context = await chromium.launchPersistentContext(this.profileDir, {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1280, height: 800 },
      colorScheme: this.options.colorScheme ?? 'light',
    });
    this.services = createImportServices({
      dataDir: this.dataDir,
      send: (event, payload) => void this.emit(event, payload),
      chooseFolder: async () => this.dialogFiles[0] ?? null,
      workerScript: PARSE_WORKER,
      watcher: { stabilityMs: 200 },
    });
    await this.services.start();
    await mkdir(this.exportDir, { recursive: true });
    this.bibSync = new BibSync({
      file: path.join(this.dataDir, 'sync.json'),
      onChange: (status) => void this.emit('exportSync:changed', status),
    });
    await this.bibSync.init();
    this.backups = new BackupStore({ dir: path.join(this.dataDir, 'backups'), log: (m) => this.log.push(m) });
    await this.backups.init();
    const dispatch = createIpcDispatcher({
      allowedOrigin: WEB_TEST_ORIGIN,
      log: (message) => this.log.push(message),
      handlers: createHandlers({
        queue: this.services.queue,
        settings: this.services.settings,
        spool: this.services.spool,
        chooseFiles: async () => this.dialogFiles,
        openExternalUrl: async (url) => {
          this.opened.push(url);
        },
        appInfo: { version: 'test', platform: process.platform, runtime: 'web-test' },
        exporting: {
          chooseSavePath: async (request) => {
            this.saveDialogRequests.push(request);
            return this.savePath === undefined ? path.join(this.exportDir, request.defaultName) : this.savePath;
          },
          writeClipboardText: (text) => void this.clipboard.push(text),
          bibSync: this.bibSync,
        },
        backups: {
          store: this.backups,
          chooseBackupFile: async () => this.backupFileChoice,
          revealDataFolder: async () => {
            this.dataFolderReveals += 1;
            return true;
          },
        },
      }),
    });
    await this.context.route(`${WEB_TEST_ORIGIN}/**`, async (route) => {
      // Same bytes, MIME types, CSP and path guard as the app:// protocol in Electron.
      const url = route.request().url().replace(WEB_TEST_ORIGIN, APP_ORIGIN);
      const response = await serveAppAsset(RENDERER_DIR, url);
      await route.fulfill({ status: response.status, headers: response.headers, body: response.body });
    });
    await this.context.exposeBinding('__shelfmarkInvoke', (source, channel: string, payload: unknown) =>
      dispatch({ url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() }, channel, payload),
    );
    await this.context.addInitScript({ content: await webBridgeScript() });
    this.page = this.context.pages()[0] ?? (await this.context.newPage());
    await this.page.goto(`${WEB_TEST_ORIGIN}/index.html`);
  }

  /** Sends a main→renderer event, as a menu item or main's quit path would. */
  async sendEvent<E extends IpcEvent>(event: E, payload: IpcEvents[E]): Promise<void> {
    await this.emit(event, payload);
  }

  private async emit(event: IpcEvent, payload: unknown): Promise<void> {
    await this.page
      ?.evaluate(([name, data]) => window.__shelfmarkEmit?.(name as IpcEvent, data), [event, payload] as const)
      .catch(() => undefined); // page reloading: the renderer pulls pending imports when it starts
  }

  async openedExternalUrls(): Promise<string[]> {
    return [...this.opened];
  }

  /** The paths the next native open dialog returns; a folder dialog takes the first. */
  async setDialogFiles(paths: string[]): Promise<void> {
    this.dialogFiles = paths;
  }

  /** Where the fake save dialog saves by default (userData/exports). */
  get exportDir(): string {
    return path.join(this.dataDir, 'exports');
  }

  /** The path the next save dialogs return; null = cancelled; undefined = exportDir/<proposed name>. */
  setSaveDialogPath(file: string | null | undefined): void {
    this.savePath = file;
  }

  /** Texts written to the clipboard so far, oldest first. */
  clipboardWrites(): string[] {
    return [...this.clipboard];
  }

  async restart(): Promise<void> {
    await this.context.close();
    await this.bibSync.close();
    await this.backups.close();
    await this.services.close();
    await this.start();
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    await this.bibSync?.close().catch(() => undefined);
    await this.backups?.close().catch(() => undefined);
    await this.services?.close().catch(() => undefined);
    if (!this.options.keepProfile) {
      await rm(this.profileDir, { recursive: true, force: true });
      await rm(this.dataDir, { recursive: true, force: true });
    }
  }
}
