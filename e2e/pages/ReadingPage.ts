// Page object for the reading workflow (sidebar, list, detail, search, bulk bar, toasts),
// shared by the web and electron projects. Builds on LibraryPage for importing.

import { expect, type Locator, type Page } from '@playwright/test';
import type { AppHarness } from '../support/harness';
import { LibraryPage } from './LibraryPage';

export class ReadingPage extends LibraryPage {
  readonly list: Locator;
  readonly listCount: Locator;
  readonly search: Locator;
  readonly sidebar: Locator;
  readonly detailTitle: Locator;
  readonly starButton: Locator;
  readonly statusControl: Locator;
  readonly tagInput: Locator;
  readonly tags: Locator;
  readonly notesInput: Locator;
  readonly notesPreview: Locator;
  readonly bulkBar: Locator;
  readonly sortSelect: Locator;

  constructor(app: AppHarness) {
    super(app);
    const page: Page = this.page;
    this.list = page.getByTestId('paper-list');
    this.listCount = page.getByTestId('list-count');
    this.search = page.getByRole('searchbox', { name: 'Search papers' });
    this.sidebar = page.getByRole('navigation', { name: 'Library views' });
    this.detailTitle = this.detail.getByRole('heading', { level: 2 });
    this.starButton = page.getByTestId('star-button');
    this.statusControl = page.getByRole('radiogroup', { name: 'Reading status' });
    this.tagInput = page.getByRole('combobox', { name: 'Add a tag' });
    this.tags = page.getByTestId('paper-tags').getByRole('listitem');
    this.notesInput = page.getByTestId('notes-input');
    this.notesPreview = page.getByTestId('notes-preview');
    this.bulkBar = page.getByRole('toolbar', { name: /papers selected/ });
    this.sortSelect = page.getByTestId('sort-select');
  }

  /** A sidebar entry, e.g. view('Starred') or view('#llm'). */
  view(label: string | RegExp): Locator {
    return this.sidebar.getByRole('button', { name: label });
  }

  /** The count shown beside a sidebar entry. */
  async expectViewCount(label: string, count: number): Promise<void> {
    await expect(
      this.view(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`)).locator('.sidebar-count'),
    ).toHaveText(String(count));
  }

  async openView(label: string | RegExp): Promise<void> {
    await this.view(label).click();
  }

  async expectListCount(count: number): Promise<void> {
    await expect(this.listCount).toContainText(`${count} ${count === 1 ? 'paper' : 'papers'}`);
  }

  /** The row showing a paper (by title). */
  paperRow(title: string): Locator {
    return this.list
      .getByRole('option')
      .filter({ has: this.page.getByTestId('row-title').getByText(title, { exact: true }) });
  }

  focusedRow(): Locator {
    return this.list.locator('.paper-row.focused');
  }

  async expectOpen(title: string): Promise<void> {
    await expect(this.detailTitle).toHaveText(title);
  }

  async setStatus(label: 'Unread' | 'Reading' | 'Read'): Promise<void> {
    await this.statusControl.getByRole('radio', { name: label, exact: true }).click();
  }

  async expectStatus(label: 'Unread' | 'Reading' | 'Read'): Promise<void> {
    await expect(this.statusControl.getByRole('radio', { name: label, exact: true })).toHaveAttribute(
      'aria-checked',
      'true',
    );
  }

  /** Types a tag and presses Enter; `shown` is the tag as stored (lower case, hyphens). */
  async addTag(tag: string, shown = tag): Promise<void> {
    await this.tagInput.fill(tag);
    await this.tagInput.press('Enter');
    await expect(this.tags.filter({ hasText: `#${shown}` })).toBeVisible();
  }

  async dismissToasts(): Promise<void> {
    const close = this.page.getByTestId('notices').getByRole('button', { name: 'Dismiss' });
    while ((await close.count()) > 0) await close.first().click();
  }

  /** Types into the search box key by key, after what is already there. */
  async searchFor(text: string): Promise<void> {
    await this.search.focus();
    await this.search.press('End');
    await this.search.pressSequentially(text, { delay: 20 });
  }

  /** Marked (highlighted) words inside the list. */
  highlights(): Locator {
    return this.list.locator('mark');
  }

  toast(text: string | RegExp): Locator {
    return this.notices.filter({ hasText: text }).last();
  }

  async undo(text: string | RegExp): Promise<void> {
    await this.toast(text).getByRole('button', { name: 'Undo' }).click();
  }

  /** Presses keys one after another on whatever has focus (the keyboard-only path). */
  async keys(...keys: string[]): Promise<void> {
    for (const key of keys) await this.page.keyboard.press(key);
  }
}
