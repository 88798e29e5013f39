// The Electron main process: app lifecycle, the locked-down window, the app:// protocol,
// menus and IPC wiring. Everything testable lives in modules that do not import Electron.

import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  protocol,
  screen,
  session,
  shell,
  type WebContents,
} from 'electron';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { APP_ORIGIN, APP_SCHEME, ipcContract, type IpcEvent, type IpcEvents } from '../shared/ipc';
import { serveAppAsset } from './appProtocol';
import { BackupStore } from './backup/BackupStore';
import { BibSync } from './export/BibSync';
import type { SaveDialogRequest } from './export/exportHandlers';
import { createHandlers, externalUrlVerdict } from './handlers';
import { createIpcDispatcher } from './ipc/createIpcDispatcher';
import { digestPathsFromArgv } from './import/digestPathsFromArgv';
import { createImportServices } from './importServices';
import { fitToDisplays, loadWindowState, saveWindowState } from './windowState';

const isDev = !app.isPackaged;
// Development gets its own userData so a dev build never touches the installed app's library.
if (isDev) app.setPath('userData', `${app.getPath('userData')}-dev`);

// Must run before `ready`: the scheme is standard (origin, IndexedDB) and secure.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;
const rendererDir = path.join(__dirname, '..', 'renderer');

function send<E extends IpcEvent>(event: E, payload: IpcEvents[E]): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(event, payload);
}

const services = createImportServices({
  dataDir: app.getPath('userData'),
  send,
  workerScript: path.join(__dirname, 'parseWorker.cjs'),
  async chooseFolder() {
    const options: Electron.OpenDialogOptions = {
      title: 'Choose Inbox Folder',
      buttonLabel: 'Watch This Folder',
      properties: ['openDirectory', 'createDirectory'],
    };
    const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
});
const { queue } = services;
// The synced .bib: its choice in userData/sync.json (the settings file's schema belongs to import).
const bibSync = new BibSync({
  file: path.join(app.getPath('userData'), 'sync.json'),
  onChange: (status) => send('exportSync:changed', status),
});
const bibSyncReady = bibSync.init();
// Whole-library backups in userData/backups (automatic on quit and daily, or asked for).
const backupStore = new BackupStore({ dir: path.join(app.getPath('userData'), 'backups') });
const backupReady = backupStore.init().catch((error: unknown) => console.warn(`[backup] ${String(error)}`));
/** The backup on quit is asked of the renderer once; whoever wanted to close or quit waits for it. */
let exitBackup: 'idle' | 'running' | 'done' = 'idle';
const afterExitBackup: (() => void)[] = [];
function backUpBeforeExit(then: () => void): void {
  afterExitBackup.push(then);
  if (exitBackup === 'running') return;
  exitBackup = 'running';
  const requestId = randomUUID();
  // A minute at most: a library that cannot be backed up must not keep the app from quitting.
  const outcome = backupStore.waitForRequest(requestId, 60_000);
  send('backup:requested', { requestId, reason: 'quit' });
  void outcome.then((result) => {
    if (result === 'failed' || result === 'timeout') console.warn(`[backup] backup on quit: ${result}`);
    exitBackup = 'done';
    for (const next of afterExitBackup.splice(0)) next();
  });
}

async function chooseSavePath(request: SaveDialogRequest): Promise<string | null> {
  const options: Electron.SaveDialogOptions = {
    title: request.title,
    buttonLabel: request.buttonLabel,
    defaultPath: path.join(app.getPath('documents'), request.defaultName),
    filters: request.filters,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Registered before `ready` so nothing a second instance or the OS hands over is missed.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    void queue.enqueue(digestPathsFromArgv(argv.slice(1), workingDirectory), 'second-instance');
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    void queue.enqueue([filePath], 'open-file');
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => void services.close());
  // A debounced .bib write still waiting is written before the app goes.
  let bibSyncFlushed = false;
  app.on('before-quit', (event) => {
    if (exitBackup === 'done' || !mainWindow || mainWindow.isDestroyed()) return;
    event.preventDefault();
    backUpBeforeExit(() => app.quit());
  });
  app.on('before-quit', (event) => {
    if (bibSyncFlushed || !bibSync.hasPending()) return;
    event.preventDefault();
    void bibSync.flush().finally(() => {
      bibSyncFlushed = true;
      app.quit();
    });
  });
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  void app.whenReady().then(start);
}

function lockDown(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (externalUrlVerdict(url).allowed) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  protocol.handle(APP_SCHEME, async (request) => {
    const response = await serveAppAsset(rendererDir, request.url);
    return new Response(new Uint8Array(response.body), { status: response.status, headers: response.headers });
  });

  const dispatch = createIpcDispatcher({
    allowedOrigin: APP_ORIGIN,
    handlers: createHandlers({
      queue,
      settings: services.settings,
      spool: services.spool,
      async chooseFiles() {
        const options: Electron.OpenDialogOptions = {
          title: 'Import Digest',
          properties: ['openFile', 'multiSelections'],
          filters: [
            { name: 'Digests', extensions: ['txt', 'json', 'xml', 'rss', 'atom', 'bib', 'eml'] },
            { name: 'All files', extensions: ['*'] },
          ],
        };
        const result = mainWindow
          ? await dialog.showOpenDialog(mainWindow, options)
          : await dialog.showOpenDialog(options);
        return result.canceled ? [] : result.filePaths;
      },
      openExternalUrl: (url) => shell.openExternal(url),
      appInfo: { version: app.getVersion(), platform: process.platform, runtime: 'electron' },
      // Clipboard through main: the renderer's permission handler denies clipboard access.
      exporting: { chooseSavePath, writeClipboardText: (text) => clipboard.writeText(text), bibSync },
      backups: {
        store: backupStore,
        async chooseBackupFile() {
          const options: Electron.OpenDialogOptions = {
            title: 'Restore from Backup',
            defaultPath: backupStore.dir,
            properties: ['openFile'],
            filters: [
              { name: 'Shelfmark backups', extensions: ['shelfmark-backup'] },
              { name: 'All files', extensions: ['*'] },
            ],
          };
          const result = mainWindow
            ? await dialog.showOpenDialog(mainWindow, options)
            : await dialog.showOpenDialog(options);
          return result.canceled ? null : (result.filePaths[0] ?? null);
        },
        // Only ever the app's own data folder: the renderer names no path.
        revealDataFolder: async () => (await shell.openPath(app.getPath('userData'))) === '',
      },
    }),
  });
  for (const { channel } of Object.values(ipcContract)) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      dispatch(
        { url: event.senderFrame?.url, isMainFrame: event.senderFrame === event.sender.mainFrame },
        channel,
        payload,
      ),
    );
  }

  await bibSyncReady;
  await backupReady;
  Menu.setApplicationMenu(buildMenu());
  createWindow();
  // Settings first (the size cap and the inbox folder), then what the last run left pending.
  await services.start();
  await queue.enqueue(digestPathsFromArgv(process.argv.slice(isDev ? 2 : 1), process.cwd()), 'command-line');
}

function createWindow(): void {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const saved = fitToDisplays(
    loadWindowState(stateFile),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  mainWindow = new BrowserWindow({
    x: saved.x,
    y: saved.y,
    width: saved.width,
    height: saved.height,
    minWidth: 720,
    minHeight: 480,
    title: 'Shelfmark',
    show: false,
    backgroundColor: '#f7f6f3',
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would otherwise ask for a new window; it is denied anyway, this removes the path.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow.once('ready-to-show', () => {
    if (saved.maximized) mainWindow?.maximize();
    mainWindow?.show();
  });
  mainWindow.on('close', () => {
    if (!mainWindow) return;
    const bounds = mainWindow.getNormalBounds();
    saveWindowState(stateFile, { ...bounds, maximized: mainWindow.isMaximized() });
  });
  mainWindow.on('close', (event) => {
    if (exitBackup === 'done') return;
    event.preventDefault();
    backUpBeforeExit(() => mainWindow?.close());
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

function buildMenu(): Menu {
  const isMac = process.platform === 'darwin';
  return Menu.buildFromTemplate([
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        {
          label: 'Import Digest…',
          accelerator: 'CmdOrCtrl+O',
          click: () => send('menu:command', { command: 'import' }),
        },
        {
          label: 'Export…',
          accelerator: 'CmdOrCtrl+E',
          click: () => send('menu:command', { command: 'export' }),
        },
        { type: 'separator' },
        { label: 'Back Up Library…', click: () => send('menu:command', { command: 'backup' }) },
        { label: 'Restore from Backup…', click: () => send('menu:command', { command: 'restore' }) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ]);
}
