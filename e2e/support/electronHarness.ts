// The electron project's app: the real Electron binary running dist/electron/main.cjs.
// The native dialog and shell.openExternal are replaced inside main for the test.

import { _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { AppHarness } from './harness';

const require = createRequire(import.meta.url);
const MAIN = path.resolve(import.meta.dirname, '../../dist/electron/main.cjs');

/**
 * The Electron binary, or null with the reason it is missing. Resolved the way the electron
 * package does, without `require('electron')`, which would start a download when it is missing.
 */
export function electronBinary(): { path: string } | { path: null; reason: string } {
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { path: null, reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override
    ? path.join(override, relative ?? 'electron')
    : relative
      ? path.join(packageDir, 'dist', relative)
      : null;
  if (!binary || !existsSync(binary)) {
    return {
      path: null,
      reason:
        'the Electron binary is not downloaded (this machine cannot reach Electron’s download host); ' +
        'run `npm install` with internet access and Node >= 22.12 to get it',
    };
  }
  return { path: binary };
}

export class ElectronHarness implements AppHarness {
  private app!: ElectronApplication;
  page!: Page;

  private constructor(
    private readonly binary: string,
    private readonly userDataDir: string,
  ) {}

  static async launch(): Promise<ElectronHarness> {
    const found = electronBinary();
    if ('reason' in found) throw new Error(found.reason);
    const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-electron-'));
    const harness = new ElectronHarness(found.path, userDataDir);
    await harness.start();
    return harness;
  }

  private async start(): Promise<void> {
    this.app = await electron.launch({
      executablePath: this.binary,
      args: [MAIN, `--user-data-dir=${this.userDataDir}`],
      env: { ...process.env, SHELFMARK_E2E: '1' },
    });
    await this.app.evaluate(({ shell }) => {
      const opened: string[] = [];
      (globalThis as { __opened?: string[] }).__opened = opened;
      shell.openExternal = async (url: string) => {
        opened.push(url);
      };
    });
    this.page = await this.app.firstWindow();
    await this.page.waitForLoadState('domcontentloaded');
  }

  async setDialogFiles(paths: string[]): Promise<void> {
    await this.app.evaluate(({ dialog }, filePaths) => {
      dialog.showOpenDialog = (async () => ({
        canceled: filePaths.length === 0,
        filePaths,
      })) as typeof dialog.showOpenDialog;
    }, paths);
  }

  async openedExternalUrls(): Promise<string[]> {
    return this.app.evaluate(() => [...((globalThis as { __opened?: string[] }).__opened ?? [])]);
  }

  async restart(): Promise<void> {
    await this.app.close();
    await this.start();
  }

  async close(): Promise<void> {
    await this.app?.close().catch(() => undefined);
    await rm(this.userDataDir, { recursive: true, force: true });
  }
}
