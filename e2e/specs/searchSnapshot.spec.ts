// The search index survives a restart: after a reload the worker adopts the snapshot it saved
// (no rebuild, no partial answers) and catches up with an edit made just before the reload.

import { ReadingPage } from '../pages/ReadingPage';
import { expect, SAMPLE_DIGEST, test } from '../support/fixtures';

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
