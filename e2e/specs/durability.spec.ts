// Durability through the UI: edits are committed by the time the UI reports them, backups and
// restores through the File menu (preview, confirmation, all or nothing), and a library that
// cannot be opened gets the error screen, never a blank window or an empty library.

import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readStoredLibrary } from '../fixtures/libraryInPage';
import { LibraryPage } from '../pages/LibraryPage';
import { expect, SAMPLE_DIGEST, test } from '../support/fixtures';
import { WebHarness } from '../support/webHarness';

const TITLE = 'Language Modeling on a SpiNNaker 2 Neuromorphic Chip';

function web(app: unknown): WebHarness {
  if (!(app instanceof WebHarness)) test.skip(true, 'drives main through the web harness');
  return app as WebHarness;
}

const stored = async (app: WebHarness, title = TITLE) =>
  (await readStoredLibrary(app.page)).papers.find((p) => p.title === title);

test('star, status, tag and note are committed by the time the UI reports them', async ({ app }) => {
  const harness = web(app);
  const library = new LibraryPage(app);
  await library.importFiles([SAMPLE_DIGEST]);
  await library.expectPaperCount(75);
  await library.selectPaper(TITLE);

  // The UI shows an edit as done once its live query saw the commit: read the database right then.
  await app.page.getByTestId('star-button').click();
  await expect(app.page.getByTestId('star-button')).toHaveAttribute('aria-pressed', 'true');
  expect((await stored(harness))?.starred).toBe(1);

  // the keyboard path announces: the announcement comes after the commit too
  await app.page.getByTestId('paper-list').focus();
  await app.page.keyboard.press('s');
  await expect(app.page.getByTestId('announcer')).toHaveText('Star removed');
  expect((await stored(harness))?.starred).toBe(0);

  const read = app.page.getByTestId('status-control').getByRole('radio', { name: 'Read', exact: true });
  await read.click();
  await expect(read).toHaveAttribute('aria-checked', 'true');
  expect((await stored(harness))?.status).toBe('read');

  await app.page.getByTestId('tag-input').fill('durable');
  await app.page.getByTestId('tag-input').press('Enter');
  await expect(app.page.getByTestId('paper-tags')).toContainText('durable');
  expect((await stored(harness))?.tags).toContain('durable');

  await app.page.getByTestId('notes-input').fill('Written, then committed.');
  await app.page.getByTestId('notes-input').blur();
  await expect.poll(async () => (await stored(harness))?.notes, { timeout: 3_000 }).toBe('Written, then committed.');

  // and all of it after a restart
  await app.restart();
  expect(await stored(harness)).toMatchObject({ starred: 0, status: 'read', notes: 'Written, then committed.' });
});

test('File → Back Up Library…, then File → Restore from Backup… with a preview brings the library back', async ({
  app,
}) => {
  const harness = web(app);
  const library = new LibraryPage(app);
  await library.importFiles([SAMPLE_DIGEST]);
  await library.expectPaperCount(75);
  await library.selectPaper(TITLE);
  await app.page.getByTestId('star-button').click();
  await expect(app.page.getByTestId('star-button')).toHaveAttribute('aria-pressed', 'true');

  await harness.sendEvent('menu:command', { command: 'backup' });
  await expect(app.page.getByTestId('backup-done')).toContainText('Backed up 75 papers');
  const files = (await readdir(path.join(harness.dataDir, 'backups'))).filter((f) => f.endsWith('.shelfmark-backup'));
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/-manual\.shelfmark-backup$/);
  await app.page.getByTestId('backup-dialog').getByRole('button', { name: 'Show Data Folder' }).click();
  await expect.poll(() => harness.dataFolderReveals).toBe(1);
  await app.page.getByTestId('backup-dialog').getByRole('button', { name: 'Done' }).click();

  // change the library after the backup: unstar, delete a paper
  await app.page.getByTestId('star-button').click();
  await expect(app.page.getByTestId('star-button')).toHaveAttribute('aria-pressed', 'false');
  await app.page.getByTestId('paper-list').focus();
  await app.page.keyboard.press('Delete');
  await library.expectPaperCount(74);

  await harness.sendEvent('menu:command', { command: 'restore' });
  await app.page.getByTestId('backup-list').getByRole('button').first().click();
  await expect(app.page.getByTestId('preview-papers')).toHaveText('75');
  await expect(app.page.getByTestId('preview-starred')).toHaveText('1');
  await expect(app.page.getByTestId('preview-digests')).toHaveText('1');
  await app.page.getByTestId('backup-confirm-restore').click();
  await expect(app.page.getByTestId('restore-done')).toContainText('Restored 75 papers');
  await library.expectPaperCount(75);
  expect((await stored(harness))?.starred).toBe(1);
});

test('a corrupt backup chosen from disk is refused and the library stays exactly as it was', async ({ app }) => {
  const harness = web(app);
  const library = new LibraryPage(app);
  await library.importFiles([SAMPLE_DIGEST]);
  await library.expectPaperCount(75);
  await harness.sendEvent('menu:command', { command: 'backup' });
  await expect(app.page.getByTestId('backup-done')).toBeVisible();
  await app.page.getByTestId('backup-dialog').getByRole('button', { name: 'Done' }).click();
  const [name] = await readdir(path.join(harness.dataDir, 'backups'));
  const good = await readFile(path.join(harness.dataDir, 'backups', name!));
  // the manifest survives (preview works), the library data is cut off
  const corrupt = path.join(harness.dataDir, 'corrupt.shelfmark-backup');
  await writeFile(corrupt, good.subarray(0, Math.floor(good.byteLength * 0.6)));
  await library.selectPaper(TITLE);
  await app.page.getByTestId('star-button').click();
  await expect(app.page.getByTestId('star-button')).toHaveAttribute('aria-pressed', 'true');
  const before = await readStoredLibrary(app.page);

  harness.backupFileChoice = corrupt;
  await harness.sendEvent('menu:command', { command: 'restore' });
  await app.page.getByTestId('backup-choose-file').click();
  await expect(app.page.getByTestId('preview-papers')).toHaveText('75');
  await app.page.getByTestId('backup-confirm-restore').click();
  await expect(app.page.getByTestId('restore-failed')).toContainText('Nothing was changed');
  expect(await readStoredLibrary(app.page)).toEqual(before);
  await library.expectPaperCount(75);
});

test('a library from a newer Shelfmark gets the error screen with a way out, and is left untouched', async ({
  app,
}) => {
  const harness = web(app);
  const library = new LibraryPage(app);
  await library.importFiles([SAMPLE_DIGEST]);
  await library.expectPaperCount(75);
  // A newer app upgrades the database (Dexie version 99 = native 990); the running app's
  // connection is asked to close and does.
  await app.page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('shelfmark', 990);
        request.onupgradeneeded = () => request.result.createObjectStore('fromTheFuture');
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
        request.onerror = () => reject(request.error);
      }),
  );
  await app.page.reload();
  const screen = app.page.getByTestId('storage-error');
  await expect(screen).toBeVisible();
  await expect(screen).toHaveAttribute('data-kind', 'newer-version');
  await expect(screen).toContainText('newer version of Shelfmark');
  await app.page.getByTestId('storage-reveal').click();
  await expect.poll(() => harness.dataFolderReveals).toBe(1);
  await app.page.getByTestId('storage-retry').click();
  await expect(screen).toBeVisible();
  // still version 99 with every paper: nothing replaced it with an empty library
  const after = await app.page.evaluate(
    () =>
      new Promise<{ version: number; papers: number }>((resolve) => {
        const request = indexedDB.open('shelfmark');
        request.onsuccess = () => {
          const db = request.result;
          const count = db.transaction('papers').objectStore('papers').count();
          count.onsuccess = () => {
            resolve({ version: db.version, papers: count.result });
            db.close();
          };
        };
      }),
  );
  expect(after).toEqual({ version: 990, papers: 75 });
});

test('a save that hits a full disk says so, keeps nothing half-done and offers the data folder', async ({ app }) => {
  const harness = web(app);
  const library = new LibraryPage(app);
  await library.importFiles([SAMPLE_DIGEST]);
  await library.expectPaperCount(75);
  await library.selectPaper(TITLE);
  // from now on every IndexedDB write fails the way Chromium reports a full disk or quota
  await app.page.evaluate(() => {
    const fail = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    IDBObjectStore.prototype.put = fail;
    IDBObjectStore.prototype.add = fail;
  });
  await app.page.getByTestId('star-button').click();
  const notice = app.page.getByTestId('notice').filter({ hasText: 'was not saved' });
  await expect(notice).toContainText('is full: your change was not saved');
  await expect(app.page.getByTestId('star-button')).toHaveAttribute('aria-pressed', 'false');
  expect((await stored(harness))?.starred).toBe(0);
  await notice.getByTestId('notice-action').click();
  await expect.poll(() => harness.dataFolderReveals).toBe(1);
  await expect(library.rows.first()).toBeVisible();
});
