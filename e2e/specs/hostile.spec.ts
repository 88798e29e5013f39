// The hostile corpus through every route: digest titles, abstracts and authors in every format
// the parsers read (imported through the dialog), file names, note text (with the Markdown
// preview), tag names and the search box. Pass: the canary window.__pwned stays undefined, the
// page never navigates, no window opens, no dialog shows, only http(s) links reach the OS, and
// the list still shows the papers.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HOSTILE_FILE_NAMES, writeHostileDigests, writeHugeTitleDigest } from '../fixtures/hostile/hostileDigests';
import { HOSTILE_PAYLOADS, ONE_MB_TITLES } from '../fixtures/hostile/payloads';
import { importsAreWhole, readStoredLibrary } from '../fixtures/libraryInPage';
import { LibraryPage } from '../pages/LibraryPage';
import { expect, test } from '../support/fixtures';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

test('no hostile title, abstract, author, file name, note, tag or query runs, navigates, opens or alerts', async ({
  app,
}, testInfo) => {
  test.setTimeout(120_000);
  const page = app.page;
  const dialogs: string[] = [];
  const windows: string[] = [];
  const navigations: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.context().on('page', (opened) => windows.push(opened.url()));
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  const pwned = () => page.evaluate(() => window.__pwned);

  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-hostile-'));
  try {
    const digests = await writeHostileDigests(dir);
    const named: string[] = [];
    for (const [i, name] of HOSTILE_FILE_NAMES.entries()) {
      const file = path.join(dir, name);
      await writeFile(file, `Mar 13\n\nFile name route ${i} ${name}\n\nAbstract of ${name}\n`);
      named.push(file);
    }
    const library = new LibraryPage(app);
    await library.importFiles([...digests.map((d) => d.path), ...named]);
    const files = digests.length + named.length;
    await expect.poll(async () => (await readStoredLibrary(page)).imports.length, { timeout: 60_000 }).toBe(files);
    const refused = (await readStoredLibrary(page)).imports
      .filter((r) => r.outcome !== 'imported')
      .map((r) => `${r.fileName}: ${r.outcome} ${r.error ?? ''}`);
    expect(refused).toEqual([]);
    const stored = await readStoredLibrary(page);
    expect(importsAreWhole(stored)).toEqual([]);
    const papers = stored.papers.length;
    expect(papers).toBeGreaterThan(800);
    await library.expectPaperCount(papers);
    testInfo.annotations.push({
      type: 'hostile corpus',
      description: `${HOSTILE_PAYLOADS.length + ONE_MB_TITLES.length} payloads; ${digests.length} formats (${digests
        .map((d) => `${d.format}: ${d.papers}`)
        .join(', ')}); ${HOSTILE_FILE_NAMES.length} file names; ${papers} papers imported`,
    });

    // the detail pane of papers from every format: title, abstract with links, authors
    const list = page.getByTestId('paper-list');
    await list.focus();
    for (let i = 0; i < 12; i++) await page.keyboard.press('j');
    await expect(library.detail).toBeVisible();
    await page.keyboard.press('End');
    for (let i = 0; i < 6; i++) await page.keyboard.press('k');
    await expect(library.detail).toBeVisible();

    const search = page.getByTestId('search-input');
    // queries are payloads too (highlighting splits them)
    for (const query of HOSTILE_PAYLOADS.filter((_, i) => i % 9 === 0)) {
      await search.fill(query);
      await page.waitForTimeout(50);
    }
    await search.fill('');
    await list.focus();
    await page.keyboard.press('Home');
    await expect(library.detail).toBeVisible();

    // links in a hostile abstract: only http(s) ever reaches the OS
    const links = page.getByTestId('paper-abstract').getByRole('link');
    for (let i = 0; i < Math.min(await links.count(), 3); i++) await links.nth(i).click();
    for (const url of await app.openedExternalUrls()) expect(url).toMatch(/^https?:\/\//);

    // note text: every payload at once, rendered by the Markdown preview
    const notes = page.getByTestId('notes-input');
    await notes.fill(HOSTILE_PAYLOADS.join('\n\n'));
    await notes.blur();
    await expect(page.getByRole('region', { name: 'Notes preview' })).toBeVisible();
    for (const link of await page.getByRole('region', { name: 'Notes preview' }).getByRole('link').all()) {
      expect(await link.getAttribute('href')).toMatch(/^(https?:|#|$)/);
    }

    // tag names
    const tagInput = page.getByTestId('tag-input');
    for (const payload of HOSTILE_PAYLOADS.filter((_, i) => i % 12 === 0)) {
      await tagInput.fill(payload.slice(0, 60));
      await tagInput.press('Enter');
    }
    await expect(page.getByTestId('paper-tags')).toBeVisible();

    // the Import History shows every file name and report
    await page.getByTestId('view-history').click();
    await expect(page.getByTestId('history-entry').first()).toBeVisible();
    await expect(page.getByTestId('import-history')).toContainText('onerror=window.__pwned=1');
    await page.getByTestId('view-all').click();

    // after all of it: nothing ran, nothing opened, nothing navigated, and the list renders
    await page.waitForTimeout(500);
    expect(await pwned()).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(windows).toEqual([]);
    expect(navigations).toEqual([]);
    await expect(library.rows.first()).toBeVisible();
    await library.expectPaperCount(papers);
    await expect(page.getByRole('heading', { name: 'Shelfmark', level: 1 })).toBeVisible();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// The 1 MB titles (and 2 MB abstracts) in their own file. They used to take tens of seconds to
// import and minutes to show: a 1 MB title is a 1 MB primary key and index key, and Chromium
// lays out one long unbroken text node in quadratic time. The import now cuts titles and author
// names to 1,000 characters and abstracts to 100,000, saying so in the import report, and long
// unbroken runs render as short text nodes.
test('1 MB titles import, list, show and search without running anything', async ({ app }) => {
  test.setTimeout(90_000);
  const page = app.page;
  const dialogs: string[] = [];
  const windows: string[] = [];
  const navigations: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss().catch(() => undefined);
  });
  page.context().on('page', (opened) => windows.push(opened.url()));
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-hostile-huge-'));
  try {
    const library = new LibraryPage(app);
    await library.importFiles([await writeHugeTitleDigest(dir)]);
    await expect.poll(async () => (await readStoredLibrary(page)).digests.length, { timeout: 30_000 }).toBe(1);
    await library.expectPaperCount(ONE_MB_TITLES.length);
    const stored = await readStoredLibrary(page);
    expect(importsAreWhole(stored)).toEqual([]);
    // nothing silently lost: the report says what was cut, and from how long
    const warnings = stored.imports[0]!.warnings;
    expect(warnings.filter((w) => / title of [\d,]+ characters cut to its first 1,000/.test(w))).toHaveLength(2);
    expect(stored.papers.every((p) => p.title.length <= 1_001)).toBe(true);
    await library.rows.first().click();
    await expect(library.detail).toBeVisible({ timeout: 15_000 });
    await expect(page.locator('#detail-title')).toContainText('Huge');
    await page.getByTestId('search-input').fill('Huge AAAA');
    await expect(library.rows.first()).toBeVisible();
    await page.getByTestId('search-input').fill('');
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(windows).toEqual([]);
    expect(navigations).toEqual([]);
    await expect(library.rows.first()).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Shelfmark', level: 1 })).toBeVisible();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
