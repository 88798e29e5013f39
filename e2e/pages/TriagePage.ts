// Page object for triage (one paper at a time), digest progress in the sidebar, the Dismissed
// view and the Reading queue's order. Shared by the web and electron projects.

import { expect, type Locator } from '@playwright/test';
import type { AppHarness } from '../support/harness';
import { ReadingPage } from './ReadingPage';

export interface StoredPaperState {
  title: string;
  status: string;
  starred: number;
  queueRank: number | null;
  notes: string;
}

export class TriagePage extends ReadingPage {
  readonly triage: Locator;
  readonly title: Locator;
  readonly progress: Locator;
  readonly position: Locator;
  readonly summary: Locator;
  readonly note: Locator;

  constructor(app: AppHarness) {
    super(app);
    this.triage = this.page.getByTestId('triage-view');
    this.title = this.page.getByTestId('triage-title');
    this.progress = this.page.getByRole('progressbar', { name: 'Papers in this digest' });
    this.position = this.page.getByTestId('triage-count');
    this.summary = this.page.getByTestId('triage-summary');
    this.note = this.triage.getByTestId('notes-input');
  }

  /** The sidebar entry of a digest, by its date label ("Mar 13, 2026"). */
  digest(label: string | RegExp): Locator {
    return this.page.getByTestId('sidebar-digest').filter({ hasText: label });
  }

  async openTriage(digestLabel: string | RegExp): Promise<void> {
    await this.digest(digestLabel).getByTestId('digest-triage').click();
    await expect(this.triage).toBeVisible();
  }

  async expectAt(position: number, total: number): Promise<void> {
    await expect(this.position).toHaveText(`${position} of ${total}`);
    await expect(this.progress).toHaveAttribute('aria-valuenow', String(position));
    await expect(this.progress).toHaveAttribute('aria-valuemax', String(total));
  }

  async press(...keys: string[]): Promise<void> {
    for (const key of keys) await this.page.keyboard.press(key);
  }

  /** Every paper as stored, read straight from IndexedDB (by title). */
  async storedPapers(): Promise<Map<string, StoredPaperState>> {
    const rows = await this.page.evaluate(
      () =>
        new Promise<StoredPaperState[]>((resolve, reject) => {
          const open = indexedDB.open('shelfmark');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const request = db.transaction('papers').objectStore('papers').getAll();
            request.onsuccess = () => {
              db.close();
              resolve(
                (request.result as StoredPaperState[]).map((p) => ({
                  title: p.title,
                  status: p.status,
                  starred: p.starred,
                  queueRank: p.queueRank ?? null,
                  notes: p.notes,
                })),
              );
            };
            request.onerror = () => reject(request.error);
          };
        }),
    );
    return new Map(rows.map((r) => [r.title, r]));
  }

  /** Titles of the first `n` rows the list shows, top to bottom. */
  async firstRowTitles(n: number): Promise<string[]> {
    const titles: string[] = [];
    for (let i = 1; i <= n; i++) {
      titles.push(
        (await this.list.locator(`[role="option"][aria-posinset="${i}"]`).getByTestId('row-title').textContent()) ?? '',
      );
    }
    return titles;
  }
}
