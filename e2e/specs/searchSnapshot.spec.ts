// The search index survives a restart: after a reload the worker adopts the snapshot it saved
// (no rebuild, no partial answers) and catches up with an edit made just before the reload. The
// snapshot is a file in the origin private file system; restoring a backup removes it.

import type { Page } from '@playwright/test';
import { ReadingPage } from '../pages/ReadingPage';
import { expect, SAMPLE_DIGEST, test } from '../support/fixtures';
import { WebHarness } from '../support/webHarness';

/** Names in the snapshot's OPFS directory (the web harness runs a real Chromium). */
const snapshotFiles = (page: Page) =>
  page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle('search-snapshot', { create: true });
    const names: string[] = [];
    for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
    return names.sort();
  });

const THIRD =
  'Dispider: Enabling Video LLMs with Active Real-Time Interaction via Disentangled Perception, Decision, and Reaction';

test('after a reload, search answers in full from the saved index and finds an edit made just before', async ({
  app,
}) => {
  const page = app.page;
  const reading = new ReadingPage(app);
  await reading.importFiles([SAMPLE_DIGEST]);
  await reading.expectListCount(75);
  // The worker saves its index shortly after building it.
  await page.waitForFunction(() => performance.getEntriesByName('search-index-saved').length > 0, undefined, {
    timeout: 30_000,
  });
  expect(await snapshotFiles(page)).toEqual([expect.stringMatching(/^index-\d+\.snapshot$/), 'journal']);

  await reading.paperRow(THIRD).click();
  await reading.notesInput.fill('a snapshotted thought');
  await expect(reading.paperRow(THIRD).getByRole('img', { name: 'Has notes' })).toBeVisible();
  await page.reload();

  const reopened = new ReadingPage(app);
  await page.waitForFunction(() => performance.getEntriesByName('search-index-ready').length > 0);
  const source = await page.evaluate(
    () => (performance.getEntriesByName('search-index-ready')[0] as PerformanceMeasure).detail as { source: string },
  );
  expect(source).toEqual({ source: 'snapshot' });
  expect(await page.evaluate(() => performance.getEntriesByName('search-index-build').length)).toBe(0);

  await reopened.searchFor('neuromorph');
  await reopened.expectListCount(4);
  await reopened.search.fill('');
  await reopened.searchFor('snapshotted');
  await reopened.expectListCount(1);
  await expect(reopened.paperRow(THIRD)).toBeVisible();
  const answers = await page.evaluate(() =>
    performance.getEntriesByName('search-paint').map((e) => (e as PerformanceMeasure).detail as { partial: boolean }),
  );
  expect(answers.length).toBeGreaterThan(0);
  expect(answers.every((a) => !a.partial)).toBe(true);
});

test('restoring a backup removes the saved index of the library it replaces', async ({ app }) => {
  if (!(app instanceof WebHarness)) test.skip(true, 'drives main through the web harness');
  const harness = app as WebHarness;
  const page = app.page;
  const reading = new ReadingPage(app);
  await reading.importFiles([SAMPLE_DIGEST]);
  await reading.expectListCount(75);
  await harness.sendEvent('menu:command', { command: 'backup' });
  await expect(page.getByTestId('backup-done')).toBeVisible();
  await page.getByTestId('backup-dialog').getByRole('button', { name: 'Done' }).click();
  await page.waitForFunction(() => performance.getEntriesByName('search-index-saved').length > 0, undefined, {
    timeout: 30_000,
  });
  const before = (await snapshotFiles(page)).filter((name) => name.endsWith('.snapshot'));
  expect(before).toHaveLength(1);

  await harness.sendEvent('menu:command', { command: 'restore' });
  await page.getByTestId('backup-list').getByRole('button').first().click();
  await page.getByTestId('backup-confirm-restore').click();
  await expect(page.getByTestId('restore-done')).toContainText('Restored 75 papers');
  // The old file is gone (a new one may follow: the worker rebuilds and saves the restored library).
  await expect.poll(async () => (await snapshotFiles(page)).filter((name) => before.includes(name))).toEqual([]);
  await expect
    .poll(() => page.evaluate(() => performance.getEntriesByName('search-index-build').length))
    .toBeGreaterThan(1);
});
