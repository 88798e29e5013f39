// Page object for the Settings dialog (toolbar ⚙): inbox folder and size cap.

import { expect, type Locator, type Page } from '@playwright/test';
import type { AppHarness } from '../support/harness';

export class SettingsDialog {
  readonly page: Page;
  readonly dialog: Locator;
  readonly folder: Locator;
  readonly status: Locator;
  readonly sizeCap: Locator;

  constructor(private readonly app: AppHarness) {
    this.page = app.page;
    this.dialog = this.page.getByTestId('settings-dialog');
    this.folder = this.dialog.getByTestId('inbox-folder');
    this.status = this.dialog.getByTestId('inbox-status');
    this.sizeCap = this.dialog.getByTestId('size-cap');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('settings-button').click();
    await expect(this.dialog).toBeVisible();
  }

  /** Picks the inbox folder in the (stubbed) native folder dialog. */
  async chooseInboxFolder(folder: string): Promise<void> {
    await this.app.setDialogFiles([folder]);
    await this.dialog.getByTestId('choose-inbox').click();
    await expect(this.folder).toHaveText(folder);
    await expect(this.status).toHaveText('Watching for new digests');
  }

  async setSizeCapMb(mb: number): Promise<void> {
    await this.sizeCap.fill(String(mb));
    await this.sizeCap.press('Enter');
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
