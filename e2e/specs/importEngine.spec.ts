// The import engine end to end: every entry point into the same queue, the import report in
// the Import History, and undo of a whole import.

import { copyFile, mkdtemp, readFile, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DropTarget } from '../pages/DropTarget';
import { ImportHistoryPage } from '../pages/ImportHistoryPage';
import { LibraryPage } from '../pages/LibraryPage';
import { ReadingPage } from '../pages/ReadingPage';
import { SettingsDialog } from '../pages/SettingsDialog';
import { syntheticPapers, toHfDailyText } from '../../bench/synthetic';
import { expect, FIXTURES, SAMPLE_DIGEST, test } from '../support/fixtures';

const fixture = (name: string) => path.join(FIXTURES, name);
const tempDir = (prefix: string) => mkdtemp(path.join(os.tmpdir(), `shelfmark-${prefix}-`));

/** A copy of a fixture with a chosen modification time (the year rule reads it). */
async function copyWithDate(name: string, dir: string, date: Date, as = name): Promise<string> {
  const target = path.join(dir, as);
  await copyFile(fixture(name), target);
  await utimes(target, date, date);
  return target;
}

test('the dialog imports several formats at once, each reported with its format', async ({ app }) => {
  const library = new LibraryPage(app);
  const files = [
    'hf-daily-papers-sample.txt',
    'hf-daily-papers.json',
    'arxiv-listing-email.txt',
    'arxiv-rss.xml',
    'arxiv-atom.xml',
    'papers.bib',
    'hf-digest.eml',
    'id-list.txt',
  ];
  await library.importFiles(files.map(fixture));
  const history = new ImportHistoryPage(app);
  await history.open();
  await expect(history.entries).toHaveCount(files.length);
  const expectations: [string, string][] = [
    ['hf-daily-papers-sample.txt', 'Hugging Face Daily Papers text'],
    ['hf-daily-papers.json', 'Hugging Face daily papers JSON'],
    ['arxiv-listing-email.txt', 'arXiv listing e-mail'],
    ['arxiv-rss.xml', 'arXiv RSS'],
    ['arxiv-atom.xml', 'arXiv Atom'],
    ['papers.bib', 'BibTeX'],
    ['hf-digest.eml', 'E-mail file holding Hugging Face Daily Papers text'],
    ['id-list.txt', 'List of arXiv ids'],
  ];
  for (const [file, format] of expectations) {
    const entry = history.entry(file);
    await expect(entry).toContainText('Imported');
    await expect(entry.getByTestId('history-report')).toContainText(format);
  }
  // the SpiNNaker paper is in most of these files: one paper, merged, not six
  await app.page.getByRole('searchbox', { name: 'Search papers' }).fill('SpiNNaker');
  await expect(library.rows).toHaveCount(1);
});

test('the import report shows the format, the digest date and why, the counts and each skipped block', async ({
  app,
}) => {
  const library = new LibraryPage(app);
  const dir = await tempDir('report');
  // HF text has no year on its date lines: it comes from the file's modification date
  const sample = await copyWithDate('hf-daily-papers-sample.txt', dir, new Date(2026, 2, 20, 12));
  await library.importFiles([sample, fixture('arxiv-listing-email.txt')]);
  await library.expectPaperCount(80);

  const history = new ImportHistoryPage(app);
  await history.open();
  const hf = history.entry('hf-daily-papers-sample.txt');
  await expect(hf.getByTestId('history-date')).toHaveText(
    "13 Mar 2026 · year from the file's modification date (2026-03-20)",
  );
  await expect(hf.getByTestId('history-counts')).toHaveText(
    '75 in the file: 75 added, 0 merged, 0 already present, 0 skipped',
  );
  await expect(hf).toContainText('utf-8');
  await expect(hf).toContainText('Import dialog');

  const listing = history.entry('arxiv-listing-email.txt');
  await expect(listing.getByTestId('history-date')).toHaveText('14 Mar 2024 · stated in the file');
  await expect(listing.getByTestId('history-counts')).toContainText('5 added');
  await expect(listing.getByTestId('history-counts')).toContainText('1 skipped');
  await listing.getByText('1 skipped or incomplete block').click();
  await expect(listing.getByTestId('history-warnings')).toContainText(/^line \d+: arXiv entry skipped/);

  // importing the same file again is reported too, and changes nothing
  await library.importFiles([sample]);
  await expect(history.entries).toHaveCount(3);
  await expect(history.entries.first()).toContainText('Already imported');
  await expect(history.entries.first().getByTestId('history-counts')).toContainText('75 already present');

  // a refused file has its line, with the reason
  const bad = path.join(dir, 'shopping.txt');
  await writeFile(bad, 'eggs\nmilk\n');
  await library.importFiles([bad]);
  await expect(history.entries.first()).toContainText('Refused');
  await expect(history.entries.first().getByTestId('history-error')).toContainText(
    'shopping.txt: no digest format recognized',
  );
});

test('undo removes what only that import brought in and keeps papers with user data', async ({ app }) => {
  const library = new LibraryPage(app);
  await library.importFiles([SAMPLE_DIGEST]);
  await library.expectPaperCount(75);
  await library.importFiles([fixture('hf-page-copy.txt')]);
  await library.expectPaperCount(80);

  // make one paper of the page copy the person's own
  const reading = new ReadingPage(app);
  await reading.openView(/^All papers/);
  const title = 'Sparse Mixture-of-Experts at 1% of the Cost';
  await reading.paperRow(title).click();
  await reading.expectOpen(title);
  await reading.starButton.click();
  await reading.expectViewCount('Starred', 1);

  const history = new ImportHistoryPage(app);
  await history.open();
  await history.undo('hf-page-copy.txt');
  await library.expectPaperCount(76);
  await expect(history.entry('hf-page-copy.txt')).toContainText('4 removed, 1 kept');
  await expect(history.entry('hf-page-copy.txt').getByTestId('history-undo')).toHaveCount(0);
  await reading.expectViewCount('Starred', 1);

  // undone imports can be imported again
  await library.importFiles([fixture('hf-page-copy.txt')]);
  await library.expectPaperCount(80);
});

test('files dropped on the window are imported like any other', async ({ app }) => {
  const library = new LibraryPage(app);
  const drop = new DropTarget(app.page);
  // the library has opened (the window listens for drops from then on)
  await expect(app.page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
  await drop.drag('dragenter');
  await expect(app.page.getByTestId('drop-overlay')).toBeVisible();
  await drop.drag('dragleave');
  await expect(app.page.getByTestId('drop-overlay')).toBeHidden();

  await drop.drop([
    {
      name: 'daily.txt',
      content: await readFile(SAMPLE_DIGEST, 'utf8'),
      lastModified: new Date(2026, 2, 20, 12).getTime(),
    },
    { name: 'papers.bib', content: await readFile(fixture('papers.bib'), 'utf8') },
    { name: 'notes.txt', content: 'not a digest\n' },
  ]);
  await expect(app.page.getByRole('alert').filter({ hasText: 'notes.txt' })).toContainText(
    'notes.txt: no digest format recognized',
  );
  const history = new ImportHistoryPage(app);
  await history.open();
  await expect(history.entries).toHaveCount(3);
  const daily = history.entry('daily.txt');
  await expect(daily).toContainText('Dropped on the window');
  // the dropped file's own date decides the year
  await expect(daily.getByTestId('history-date')).toContainText('(2026-03-20)');
  await expect(history.entry('papers.bib').getByTestId('history-report')).toContainText('BibTeX');
  await library.expectPaperCount(76);
});

test('a dropped file over the size cap is refused before it is read', async ({ app }) => {
  const settings = new SettingsDialog(app);
  await settings.open();
  await settings.setSizeCapMb(1);
  await settings.close();
  await new DropTarget(app.page).drop([{ name: 'huge.txt', content: 'x'.repeat(1024 * 1024 + 10) }]);
  await expect(app.page.getByRole('alert')).toContainText('huge.txt: is 1.0 MB, over the 1.0 MB import limit');
  await expect(app.page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
});

test('the inbox folder imports files waiting in it, then each new file as it appears', async ({ app }) => {
  const library = new LibraryPage(app);
  const inbox = await tempDir('inbox');
  await copyWithDate('hf-page-copy.txt', inbox, new Date(2026, 2, 20, 12), 'waiting.txt');

  // the library is empty, so Settings is reached from the toolbar
  const settings = new SettingsDialog(app);
  await settings.open();
  await settings.chooseInboxFolder(inbox);
  await settings.close();
  await library.expectPaperCount(5);

  // a digest saved into the folder appears in the list
  await copyFile(SAMPLE_DIGEST, path.join(inbox, 'saved-later.txt'));
  await library.expectPaperCount(80);
  // a copy of known content under another name is not imported again
  await copyFile(SAMPLE_DIGEST, path.join(inbox, 'saved-later (copy).txt'));

  const history = new ImportHistoryPage(app);
  await history.open();
  await expect(history.entry('saved-later.txt')).toContainText('Inbox folder');
  await expect(history.entry('waiting.txt')).toContainText('Inbox folder');

  // the folder is remembered: after a restart a file that arrived meanwhile is imported
  await app.restart();
  const reopened = new LibraryPage(app);
  await reopened.expectPaperCount(80);
  await copyFile(fixture('arxiv-listing-email.txt'), path.join(inbox, 'listing.txt'));
  await reopened.expectPaperCount(84);
  const again = new ImportHistoryPage(app);
  await again.open();
  // waiting.txt, saved-later.txt, listing.txt: the copy was never offered
  await expect(again.entries).toHaveCount(3);
});

test('a long import shows its progress and the window stays usable', async ({ app }) => {
  const library = new LibraryPage(app);
  const dir = await tempDir('big');
  const big = path.join(dir, 'big-digest.txt');
  await writeFile(big, toHfDailyText(syntheticPapers(4000, 7)));
  await library.importFiles([big, SAMPLE_DIGEST]);
  const progress = app.page.getByTestId('import-progress');
  await expect(progress).toBeVisible();
  await expect(progress).toContainText(/Reading|Saving/);
  // the page answers while the import runs
  expect(await app.page.evaluate(() => document.title)).toBeDefined();
  // thousands of papers in one transaction take a while on a slow machine
  await expect(library.count).toHaveText('4075 papers', { timeout: 50_000 });
  await expect(progress).toBeHidden();
  await expect(app.page.getByRole('alert')).toHaveCount(0);
});
