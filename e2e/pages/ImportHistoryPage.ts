// Page object for the Import History view (sidebar → Import history), shared by both e2e projects.

import { expect, type Locator, type Page } from '@playwright/test';
import type { AppHarness } from '../support/harness';

export class ImportHistoryPage {
  readonly page: Page;
  readonly view: Locator;
  readonly entries: Locator;

  constructor(app: AppHarness) {
    this.page = app.page;
    this.view = this.page.getByTestId('import-history');
    this.entries = this.view.getByTestId('history-entry');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('view-history').click();
    await expect(this.view).toBeVisible();
  }

  /** The newest entry for a file name. */
  entry(fileName: string): Locator {
    return this.entries.filter({ has: this.page.locator('.ie-file', { hasText: fileName }) }).first();
  }

  async undo(fileName: string): Promise<void> {
    const entry = this.entry(fileName);
    await entry.getByTestId('history-undo').click();
    await entry.getByTestId('history-confirm-undo').click();
    await expect(entry).toContainText('Undone');
  }
}
