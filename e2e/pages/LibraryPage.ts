// Page object for the library window, shared by the web and electron projects.

import { expect, type Locator, type Page } from '@playwright/test';
import type { AppHarness } from '../support/harness';

export class LibraryPage {
  readonly page: Page;
  readonly importButton: Locator;
  readonly rows: Locator;
  readonly count: Locator;
  readonly detail: Locator;
  readonly abstract: Locator;
  readonly links: Locator;
  readonly notices: Locator;

  constructor(private readonly app: AppHarness) {
    this.page = app.page;
    this.importButton = this.page.getByTestId('import-button');
    this.rows = this.page.getByTestId('paper-row');
    this.count = this.page.getByTestId('paper-count');
    this.detail = this.page.getByTestId('paper-detail');
    this.abstract = this.page.getByTestId('paper-abstract');
    this.links = this.page.getByTestId('paper-links').getByRole('link');
    this.notices = this.page.getByTestId('notice');
  }

  /** Picks files in the (stubbed) native dialog through the toolbar button. */
  async importFiles(paths: string[]): Promise<void> {
    await this.app.setDialogFiles(paths);
    await this.importButton.click();
  }

  /** Same, through the keyboard shortcut. */
  async importFilesWithShortcut(paths: string[]): Promise<void> {
    await this.app.setDialogFiles(paths);
    // The shortcut listener is attached after the first render; a key pressed earlier is lost.
    await expect(this.count).toHaveText(/\d+ papers?/);
    await this.page.locator('body').press('ControlOrMeta+o');
  }

  async expectPaperCount(count: number): Promise<void> {
    await expect(this.count).toHaveText(`${count} ${count === 1 ? 'paper' : 'papers'}`);
  }

  row(title: string): Locator {
    return this.rows.filter({ hasText: title });
  }

  async selectPaper(title: string): Promise<void> {
    await this.row(title).first().click();
    await expect(this.detail.getByRole('heading', { level: 2 })).toHaveText(title);
  }

  async expectNotice(text: string | RegExp): Promise<void> {
    await expect(this.notices.filter({ hasText: text }).last()).toBeVisible();
  }
}
