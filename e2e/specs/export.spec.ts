import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ExportDialogPage } from '../pages/ExportDialogPage';
import { expect, SAMPLE_DIGEST, test } from '../support/fixtures';
import type { AppHarness } from '../support/harness';
import { WebHarness } from '../support/webHarness';

const FIRST = 'Language Modeling on a SpiNNaker 2 Neuromorphic Chip';
const SECOND = 'Evolving Spiking Neural Networks to Mimic PID Control for Autonomous Blimps';
const THIRD =
  'Dispider: Enabling Video LLMs with Active Real-Time Interaction via Disentangled Perception, Decision, and Reaction';

/** The save dialog and the clipboard are faked in the web harness only (the real ones are native). */
function webHarness(app: AppHarness): WebHarness {
  test.skip(!(app instanceof WebHarness), 'the native save dialog and clipboard are stubbed in the web harness only');
  return app as WebHarness;
}

const keysOf = (bib: string) => [...bib.matchAll(/^@misc\{([^,]+),$/gm)].map((m) => m[1]);
const readOr = (file: string) => readFile(file, 'utf8').catch(() => '');

async function importSample(page: ExportDialogPage): Promise<void> {
  await page.importFiles([SAMPLE_DIGEST]);
  await page.expectPaperCount(75);
}

test('exporting the Starred scope writes their entries with pinned keys that a second export keeps', async ({
  app,
}) => {
  const web = webHarness(app);
  const page = new ExportDialogPage(app);
  await importSample(page);
  await page.star(FIRST);
  const firstKey = await page.shownKey();
  await page.star(SECOND);
  const secondKey = await page.shownKey();
  expect(firstKey).toBe('languagemodeling2026');

  await page.open('keyboard');
  await page.exportAs('starred', 'bibtex');
  await expect(page.dialog).toBeHidden();
  await page.expectNotice(/Exported 2 papers to .*shelfmark-starred\.bib/);
  const file = path.join(web.exportDir, 'shelfmark-starred.bib');
  const bib = await readFile(file, 'utf8');
  expect(keysOf(bib).sort()).toEqual([firstKey, secondKey].sort());
  expect(bib).toContain('title = {Language Modeling on a {SpiNNaker} 2 Neuromorphic Chip}');
  expect(web.saveDialogRequests.at(-1)).toMatchObject({ defaultName: 'shelfmark-starred.bib' });

  // A second export, elsewhere: the same keys, the same text.
  const second = path.join(web.exportDir, 'again.bib');
  web.setSaveDialogPath(second);
  await page.open('button');
  await page.exportAs('starred', 'bibtex');
  await expect.poll(() => readOr(second)).toBe(bib);

  // A cancelled dialog writes nothing and leaves the dialog open.
  web.setSaveDialogPath(null);
  await page.open('button');
  await page.exportAs('starred', 'ris');
  await expect(page.dialog).toBeVisible();
  await page.close();
});

test('the current view with a search exports only what the list shows, in any format', async ({ app }) => {
  const web = webHarness(app);
  const page = new ExportDialogPage(app);
  await importSample(page);
  await page.page.getByTestId('search-input').fill('SpiNNaker');
  await expect(page.rows).toHaveCount(1);
  await page.open();
  await expect(page.dialog.getByText('Current view: Search in Inbox')).toBeVisible();
  await page.exportAs('view', 'csl-json');
  const file = path.join(web.exportDir, 'shelfmark-search-in-inbox.json');
  await expect.poll(() => readOr(file)).not.toBe('');
  const items = JSON.parse(await readFile(file, 'utf8')) as { 'citation-key': string; title: string }[];
  expect(items).toEqual([expect.objectContaining({ 'citation-key': 'languagemodeling2026', title: FIRST })]);

  await page.open();
  await page.exportAs('view', 'markdown');
  const mdFile = path.join(web.exportDir, 'shelfmark-search-in-inbox.md');
  await expect.poll(() => readOr(mdFile)).not.toBe('');
  const markdown = await readFile(mdFile, 'utf8');
  expect(markdown).toMatch(/^# Search in Inbox\n/);
  expect(markdown).toContain('## Language Modeling on a SpiNNaker 2 Neuromorphic Chip');
});

test('a failed save names the file and the reason, and leaves no file', async ({ app }) => {
  const web = webHarness(app);
  const page = new ExportDialogPage(app);
  await importSample(page);
  const missing = path.join(web.exportDir, 'no-such-folder', 'refs.bib');
  web.setSaveDialogPath(missing);
  await page.open();
  await page.exportAs('view', 'biblatex');
  await expect(page.error).toHaveText(`Could not save ${missing}: the folder does not exist`);
  await expect(page.dialog).toBeVisible();
});

test('a synced .bib follows the Starred papers, and keeps doing so after a restart', async ({ app }) => {
  const web = webHarness(app);
  const page = new ExportDialogPage(app);
  await importSample(page);
  await page.star(FIRST);

  const synced = path.join(web.exportDir, 'library.bib');
  web.setSaveDialogPath(synced);
  await page.open();
  await page.choose('starred', 'bibtex');
  await page.syncStart.click();
  await expect(page.syncStatus).toContainText(synced);
  await expect.poll(async () => keysOf(await readOr(synced))).toEqual(['languagemodeling2026']);
  await expect(page.syncStatus).toHaveAttribute('data-state', 'idle');
  await expect(page.syncStatus).toContainText('1 entry');
  await page.close();

  await page.star(SECOND);
  await expect.poll(async () => keysOf(await readOr(synced)), { timeout: 15_000 }).toHaveLength(2);

  await app.restart();
  const reopened = new ExportDialogPage(app);
  await reopened.expectPaperCount(75);
  await reopened.open();
  await expect(reopened.syncStatus).toContainText(synced);
  await reopened.close();
  await reopened.star(THIRD);
  await expect.poll(async () => keysOf(await readOr(synced)), { timeout: 15_000 }).toHaveLength(3);

  await reopened.open();
  await reopened.syncStop.click();
  await expect(reopened.syncStatus).toBeHidden();
});

test('citation keys: copy from the detail pane and the context menu, edit with inline errors', async ({ app }) => {
  const web = webHarness(app);
  const page = new ExportDialogPage(app);
  await importSample(page);

  await page.selectPaper(SECOND);
  const key = await page.shownKey();
  await page.page.getByTestId('copy-citation-key').click();
  await expect.poll(() => web.clipboardWrites()).toEqual([key]);

  // Right-click → Copy BibTeX entry
  await page.openContextMenu(FIRST);
  await page.contextMenu.getByRole('menuitem', { name: 'Copy BibTeX entry' }).click();
  await expect(page.contextMenu).toBeHidden();
  await expect.poll(() => web.clipboardWrites().at(-1)).toMatch(/^@misc\{languagemodeling2026,\n/);

  // Keyboard: Shift+F10 on the focused row, arrows, Enter
  await page.page.getByTestId('paper-list').focus();
  await page.page.keyboard.press('Shift+F10');
  await expect(page.contextMenu).toBeVisible();
  await expect(page.contextMenu.getByRole('menuitem').first()).toBeFocused();
  await page.page.keyboard.press('Enter');
  await expect.poll(() => web.clipboardWrites().at(-1)).toBe('languagemodeling2026');
  await expect(page.page.getByTestId('paper-list')).toBeFocused();

  // Editing: an invalid key and a taken key are refused inline; a good one is kept.
  await page.selectPaper(SECOND);
  await page.editKey('has space');
  await expect(page.page.getByTestId('citation-key-error')).toContainText('"space" is not allowed');
  await page.page.getByTestId('citation-key-input').fill('LanguageModeling2026');
  await page.page.getByTestId('citation-key-input').press('Enter');
  await expect(page.page.getByTestId('citation-key-error')).toContainText('Another paper already uses');
  await page.page.getByTestId('citation-key-input').fill('blimps2026');
  await page.page.getByTestId('citation-key-input').press('Enter');
  await expect(page.citationKey).toHaveText('blimps2026');
});
