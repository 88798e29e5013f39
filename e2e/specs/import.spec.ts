import path from 'node:path';
import { writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import { LibraryPage } from '../pages/LibraryPage';
import { expect, SAMPLE_DIGEST, test } from '../support/fixtures';

const FIRST_TITLE = 'Language Modeling on a SpiNNaker 2 Neuromorphic Chip';
const LAST_TITLE = 'ViR: Vision Retention Networks';

test('importing the sample digest lists its 75 papers with abstract preview and digest date', async ({ app }) => {
  const library = new LibraryPage(app);
  await expect(app.page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
  await library.importFiles([SAMPLE_DIGEST]);
  await library.expectPaperCount(75);
  await library.expectNotice('75 added');
  const first = library.rows.first();
  await expect(first).toContainText(FIRST_TITLE);
  await expect(first).toContainText('As large language models continue to scale');
  await expect(first).toContainText('13 Mar 2026');
  // the list is virtualized: the last paper is reached by scrolling, not rendered up front
  expect(await library.rows.count()).toBeLessThan(75);
  await library.page.getByTestId('paper-list').focus();
  await library.page.keyboard.press('End');
  await expect(library.row(LAST_TITLE)).toBeVisible();
});

test('selecting a paper shows its full abstract and clickable links without trailing punctuation', async ({ app }) => {
  const library = new LibraryPage(app);
  await library.importFiles([SAMPLE_DIGEST]);
  await library.expectPaperCount(75);
  const title =
    'Dispider: Enabling Video LLMs with Active Real-Time Interaction via Disentangled Perception, Decision, and Reaction';
  await library.selectPaper(title);
  await expect(library.abstract).toContainText(
    'Active Real-time interaction with video LLMs introduces a new paradigm',
  );
  await expect(library.abstract).toContainText(
    'The code and model are released at https://github.com/Mark12Ding/Dispider.',
  );
  await expect(library.links.first()).toHaveText('https://github.com/Mark12Ding/Dispider');
  await expect(library.detail).toContainText('Listed in 13 Mar 2026');
  await library.abstract.getByRole('link', { name: 'https://github.com/Mark12Ding/Dispider' }).click();
  await expect.poll(() => app.openedExternalUrls()).toEqual(['https://github.com/Mark12Ding/Dispider']);
  // the window did not navigate away
  expect(new URL(app.page.url()).pathname).toBe('/index.html');
});

test('the library survives a reload and a restart, and re-importing changes nothing', async ({ app }) => {
  const library = new LibraryPage(app);
  await library.importFilesWithShortcut([SAMPLE_DIGEST]);
  await library.expectPaperCount(75);

  await app.page.reload();
  await library.expectPaperCount(75);

  await app.restart();
  const reopened = new LibraryPage(app);
  await reopened.expectPaperCount(75);
  await expect(reopened.rows.first()).toContainText(FIRST_TITLE);

  await reopened.importFiles([SAMPLE_DIGEST]);
  await reopened.expectNotice('Nothing new: 75 already in library');
  await reopened.expectPaperCount(75);
});

test('a file that is not a digest is refused with a message naming it, and nothing is imported', async ({ app }) => {
  const library = new LibraryPage(app);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-bad-'));
  const bad = path.join(dir, 'shopping-list.txt');
  await writeFile(bad, 'eggs\nmilk\n');
  await library.importFiles([bad]);
  await expect(app.page.getByRole('alert')).toContainText('shopping-list.txt: no digest format recognized');
  await expect(app.page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`screenshot of the sample library (${colorScheme})`, async ({ app }, testInfo) => {
    await app.page.emulateMedia({ colorScheme });
    const library = new LibraryPage(app);
    await library.importFiles([SAMPLE_DIGEST]);
    await library.expectPaperCount(75);
    await library.selectPaper('InterFormer: Real-time Interactive Image Segmentation');
    await app.page.getByRole('button', { name: 'Dismiss' }).first().click();
    const file = testInfo.outputPath(`library-${colorScheme}.png`);
    await app.page.screenshot({ path: file });
    await testInfo.attach(`library-${colorScheme}`, { path: file, contentType: 'image/png' });
    const background = await app.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    // dark theme follows the OS setting
    expect(background).toBe(colorScheme === 'dark' ? 'rgb(23, 25, 28)' : 'rgb(247, 246, 243)');
  });
}
