// What a scenario needs from "the app", whichever way it runs: a page showing the renderer,
// control over the native open dialog, the URLs handed to the OS, and a restart.

import type { Page } from '@playwright/test';

export interface AppHarness {
  readonly page: Page;
  /** The paths the next native open dialog returns ([] = cancelled). */
  setDialogFiles(paths: string[]): Promise<void>;
  /** URLs that reached the OS browser so far. */
  openedExternalUrls(): Promise<string[]>;
  /** Closes the app and starts it again on the same profile. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export type HarnessKind = 'web' | 'electron';
