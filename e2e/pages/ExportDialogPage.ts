// Page object for export: the Export dialog (scope, format, save, synced .bib), the detail pane's
// citation key field and the list's context menu. Builds on LibraryPage for importing and rows.

import { expect, type Locator } from '@playwright/test';
import type { AppHarness } from '../support/harness';
import { LibraryPage } from './LibraryPage';

export type ScopeChoice = 'view' | 'selection' | 'starred' | 'read' | 'tag' | 'digest';
export type FormatChoice = 'bibtex' | 'biblatex' | 'csl-json' | 'ris' | 'markdown';

export class ExportDialogPage extends LibraryPage {
  readonly dialog: Locator;
  readonly exportButton: Locator;
  readonly submit: Locator;
  readonly error: Locator;
  readonly syncStart: Locator;
  readonly syncStop: Locator;
  readonly syncStatus: Locator;
  readonly starButton: Locator;
  readonly citationKey: Locator;
  readonly contextMenu: Locator;

  constructor(app: AppHarness) {
    super(app);
    const page = this.page;
    this.dialog = page.getByRole('dialog', { name: 'Export papers' });
    this.exportButton = page.getByTestId('export-button');
    this.submit = this.dialog.getByTestId('export-submit');
    this.error = this.dialog.getByTestId('export-error');
    this.syncStart = this.dialog.getByTestId('export-sync-start');
    this.syncStop = this.dialog.getByTestId('export-sync-stop');
    this.syncStatus = this.dialog.getByTestId('export-sync-status');
    this.starButton = page.getByTestId('star-button');
    this.citationKey = page.getByTestId('citation-key');
    this.contextMenu = page.getByRole('menu', { name: 'Paper actions' });
  }

  /** Opens the dialog with the toolbar button, or with Ctrl/Cmd+E. */
  async open(via: 'button' | 'keyboard' = 'button'): Promise<void> {
    if (via === 'button') await this.exportButton.click();
    else await this.page.locator('body').press('ControlOrMeta+e');
    await expect(this.dialog).toBeVisible();
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.dialog).toBeHidden();
  }

  async choose(scope: ScopeChoice, format: FormatChoice): Promise<void> {
    await this.dialog.getByTestId(`export-scope-${scope}`).check();
    await this.dialog.getByTestId(`export-format-${format}`).check();
  }

  /** Exports with the chosen scope and format; the (faked) save dialog answers. */
  async exportAs(scope: ScopeChoice, format: FormatChoice): Promise<void> {
    await this.choose(scope, format);
    await this.submit.click();
  }

  /** Stars the paper with this title through the detail pane's star button. */
  async star(title: string): Promise<void> {
    await this.selectPaper(title);
    await this.starButton.click();
    await expect(this.starButton).toHaveAttribute('aria-pressed', 'true');
  }

  /** The key shown in the detail pane (pinned by showing it). */
  async shownKey(): Promise<string> {
    await expect(this.citationKey).not.toHaveText('…');
    return (await this.citationKey.textContent())!.trim();
  }

  async editKey(value: string): Promise<void> {
    await this.page.getByTestId('citation-key-edit').click();
    const input = this.page.getByTestId('citation-key-input');
    await input.fill(value);
    await input.press('Enter');
  }

  async openContextMenu(title: string): Promise<void> {
    await this.row(title).first().click({ button: 'right' });
    await expect(this.contextMenu).toBeVisible();
  }
}
