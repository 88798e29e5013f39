// The reading workflow against the sample digest: star, status, tags, notes, search, bulk
// actions, delete with undo, keyboard-only triage, state across a restart, light and dark.

import { ReadingPage } from '../pages/ReadingPage';
import type { AppHarness } from '../support/harness';
import { expect, SAMPLE_DIGEST, test } from '../support/fixtures';

const FIRST = 'Language Modeling on a SpiNNaker 2 Neuromorphic Chip';
const SECOND = 'Evolving Spiking Neural Networks to Mimic PID Control for Autonomous Blimps';
const THIRD =
  'Dispider: Enabling Video LLMs with Active Real-Time Interaction via Disentangled Perception, Decision, and Reaction';
const FOURTH = 'InterFormer: Real-time Interactive Image Segmentation';

async function openSample(app: AppHarness): Promise<ReadingPage> {
  const reading = new ReadingPage(app);
  await reading.importFiles([SAMPLE_DIGEST]);
  await reading.expectPaperCount(75);
  await reading.expectListCount(75);
  return reading;
}

test('star, cycle status with read time, and tag with autocomplete from the detail pane', async ({ app }) => {
  const reading = await openSample(app);
  await reading.paperRow(SECOND).click();
  await reading.expectOpen(SECOND);

  await reading.starButton.click();
  await expect(reading.starButton).toHaveAttribute('aria-pressed', 'true');
  await expect(reading.paperRow(SECOND).getByRole('img', { name: 'Starred' })).toBeVisible();
  await reading.expectViewCount('Starred', 1);

  await reading.setStatus('Reading');
  await reading.expectStatus('Reading');
  await reading.expectViewCount('Inbox', 74);
  await reading.expectViewCount('Reading', 1);
  // the paper left the Inbox but stays open
  await expect(reading.paperRow(SECOND)).toHaveCount(0);
  await reading.expectOpen(SECOND);
  await reading.setStatus('Read');
  await expect(reading.page.getByTestId('read-at')).toContainText('Read');

  await reading.addTag('Spiking Nets', 'spiking-nets');
  await expect(reading.tags).toHaveText(['#spiking-nets×']);
  await reading.expectViewCount('#spiking-nets', 1);

  // autocomplete offers the tag on another paper
  await reading.paperRow(FIRST).click();
  await reading.tagInput.fill('spi');
  const suggestions = reading.page.getByRole('listbox', { name: 'Suggested tags' });
  await expect(suggestions.getByRole('option')).toHaveText([/#spiking-nets/]);
  await reading.tagInput.press('ArrowDown');
  await reading.tagInput.press('Enter');
  await expect(reading.tags).toHaveText(['#spiking-nets×']);
  await reading.expectViewCount('#spiking-nets', 2);
  await expect(reading.paperRow(FIRST).getByTestId('row-tag')).toHaveText('#spiking-nets');

  await reading.openView('#spiking-nets');
  await reading.expectListCount(2);
  await reading.tags.getByRole('button', { name: 'Remove tag spiking-nets' }).click();
  await reading.expectListCount(1);
});

test('a note survives an immediate reload, and its preview is sanitized Markdown', async ({ app }) => {
  const reading = await openSample(app);
  await reading.paperRow(THIRD).click();
  const note = [
    '**Key idea**: decouple perception from reaction.',
    '',
    '- see [the code](https://github.com/Mark12Ding/Dispider)',
    '- [bad](javascript:alert(1)) <img src=x onerror=alert(1)> <b>raw</b>',
  ].join('\n');
  await reading.notesInput.fill(note);
  await reading.notesInput.press('End');
  await reading.notesInput.pressSequentially(' last words', { delay: 10 });
  // no blur, no pause: reload right away
  await app.page.reload();
  const reopened = new ReadingPage(app);
  await reopened.expectOpen(THIRD);
  await expect(reopened.notesInput).toHaveValue(`${note} last words`);

  const preview = reopened.notesPreview;
  await expect(preview.locator('strong')).toHaveText('Key idea');
  await expect(preview.getByRole('link')).toHaveCount(1);
  await expect(preview.getByRole('link')).toHaveText('the code');
  await expect(preview.locator('img, b, script')).toHaveCount(0);
  await expect(preview).toContainText('bad');
  await expect(reopened.paperRow(THIRD).getByRole('img', { name: 'Has notes' })).toBeVisible();

  await preview.getByRole('link', { name: 'the code' }).click();
  await expect.poll(() => app.openedExternalUrls()).toEqual(['https://github.com/Mark12Ding/Dispider']);

  // the note is searchable once saved
  await reopened.searchFor('decouple');
  await reopened.expectListCount(1);
  await expect(reopened.paperRow(THIRD)).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`math in a note renders with KaTeX and its bundled fonts, within the CSP (${colorScheme})`, async ({
    app,
  }, testInfo) => {
    const page = app.page;
    await page.emulateMedia({ colorScheme });
    const cspMessages: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspMessages.push(message.text());
    });
    const fontResponses: string[] = [];
    page.on('response', (response) => {
      if (/KaTeX_.*\.woff2$/.test(response.url()))
        fontResponses.push(
          `${response.status()} ${response.headers()['content-type']} ${new URL(response.url()).origin}`,
        );
    });
    const reading = await openSample(app);
    await page.evaluate(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        w.__violations.push(`${event.effectiveDirective} ${event.blockedURI}`),
      );
    });
    await reading.paperRow(FIRST).click();
    await reading.notesInput.fill('Energy per token: ');
    await reading.notesInput.press('End');
    await reading.notesInput.pressSequentially('$x^2$', { delay: 10 });
    const preview = reading.notesPreview;
    await expect(preview.locator('.katex')).toHaveCount(1);

    await reading.notesInput.fill(
      [
        'Energy per token: $x^2$, attention is $O(n^2)$; a board costs $5 and $10 a month.',
        '',
        '$$\\mathcal{L}(\\theta) = -\\sum_{i=1}^{n} \\log p_\\theta(x_i \\mid x_{<i})$$',
        '',
        'Not a link: $\\href{javascript:alert(1)}{x}$, not a formula: $\\frac{1}{$',
      ].join('\n'),
    );
    await expect(preview.locator('.katex-display')).toHaveCount(1);
    await expect(preview.locator('.katex')).toHaveCount(4); // x², O(n²), the display's, \href's; none for the prices
    await expect(preview.locator('.katex-error')).toHaveText('\\frac{1}{');
    await expect(preview).toContainText('a board costs $5 and $10 a month.');
    await expect(preview.locator('a, img, [href], [src]')).toHaveCount(0);
    expect(await preview.innerHTML()).not.toMatch(/href=|src=/);

    // KaTeX's fonts are the app's own assets (font-src 'self') and they loaded
    await expect
      .poll(() =>
        page.evaluate(async () => {
          await document.fonts.ready;
          const faces: string[] = [];
          document.fonts.forEach((face) => {
            if (face.family.startsWith('KaTeX') && face.status !== 'unloaded')
              faces.push(`${face.family} ${face.style} ${face.weight} ${face.status}`);
          });
          return faces.sort();
        }),
      )
      .toEqual(
        expect.arrayContaining([
          'KaTeX_Main normal 400 loaded',
          'KaTeX_Math italic 400 loaded',
          'KaTeX_Caligraphic normal 400 loaded',
        ]),
      );
    expect(fontResponses.length).toBeGreaterThan(0);
    for (const response of fontResponses) expect(response).toBe(`200 font/woff2 ${new URL(page.url()).origin}`);

    const layout = await preview.evaluate((root) => {
      const strut = root.querySelector<HTMLElement>('.katex .strut')!;
      const display = root.querySelector('.katex-display')!;
      return {
        // KaTeX's inline styles arrive through the CSSOM (a style attribute string would be blocked)
        strutHeight: strut.style.height,
        strutComputed: getComputedStyle(strut).height,
        // formulas are drawn in the text colour (KaTeX uses currentColor), so dark mode just works
        mathColor: getComputedStyle(display.querySelector('.mord')!).color,
        textColor: getComputedStyle(root).color,
        displayAlign: getComputedStyle(display).textAlign,
        errorColor: getComputedStyle(root.querySelector('.katex-error')!).color,
      };
    });
    expect(layout.strutHeight).toMatch(/^[\d.]+em$/);
    expect(layout.strutComputed).not.toBe('0px');
    expect(layout.mathColor).toBe(layout.textColor);
    expect(layout.displayAlign).toBe('center');
    // errors in the theme's error colour, readable in both themes (#ff8a80 dark, #b42318 light)
    expect(layout.errorColor).toBe(colorScheme === 'dark' ? 'rgb(255, 138, 128)' : 'rgb(180, 35, 24)');

    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    expect(cspMessages).toEqual([]);

    await reading.dismissToasts();
    const file = testInfo.outputPath(`notes-math-${colorScheme}.png`);
    await reading.notesInput.locator('..').screenshot({ path: file });
    await testInfo.attach(`notes-math-${colorScheme}`, { path: file, contentType: 'image/png' });
  });
}

test('search as you type ranks, highlights, and combines with the view', async ({ app }) => {
  const reading = await openSample(app);
  await reading.searchFor('neuromorph');
  await reading.expectListCount(4);
  await expect(reading.list.getByRole('option').first()).toContainText(FIRST); // title match first
  await expect(reading.highlights().first()).toHaveText(/^neuromorphic$/i);
  await reading.list.getByRole('option').first().click();
  await expect(reading.detail.locator('mark').first()).toHaveText(/neuromorphic/i);

  // two words: both must match, the last as a prefix
  await reading.searchFor('ic spik');
  await expect(reading.search).toHaveValue('neuromorphic spik');
  await expect(reading.listCount).not.toContainText('4 papers');
  const count = await reading.list.getByRole('option').count();
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(4);

  // Esc leaves the search box, a second Esc clears the search
  await reading.search.focus();
  await reading.keys('Escape');
  await expect(reading.list).toBeFocused();
  await reading.keys('Escape');
  await expect(reading.search).toHaveValue('');
  await reading.expectListCount(75);

  // combined with the view: nothing is starred, so the Starred view has no match
  await reading.searchFor('neuromorphic');
  await reading.expectListCount(4);
  await reading.openView(/^Starred/);
  await expect(reading.page.getByTestId('list-empty')).toHaveText('No paper matches every word.');
  await reading.openView(/^Inbox/);
  await reading.expectListCount(4);
});

test('multi-select with click, Shift-click, Ctrl-click and Ctrl+A; bulk star, tag and status with undo', async ({
  app,
}) => {
  const reading = await openSample(app);
  await reading.paperRow(FIRST).click();
  await reading.paperRow(THIRD).click({ modifiers: ['Shift'] });
  await expect(reading.bulkBar).toContainText('3 selected');
  await reading.paperRow(SECOND).click({ modifiers: ['ControlOrMeta'] });
  await expect(reading.bulkBar).toContainText('2 selected');
  await expect(reading.paperRow(SECOND)).toHaveAttribute('aria-selected', 'false');

  await reading.bulkBar.getByRole('button', { name: '★ Star' }).click();
  await reading.expectViewCount('Starred', 2);
  await reading.bulkBar.getByRole('textbox', { name: 'Tag selected papers' }).fill('batch');
  await reading.bulkBar.getByRole('textbox', { name: 'Tag selected papers' }).press('Enter');
  await reading.expectViewCount('#batch', 2);
  await reading.bulkBar.getByRole('combobox', { name: 'Set status of selected papers' }).selectOption('read');
  await reading.expectViewCount('Read', 2);
  await reading.expectListCount(73); // they left the Inbox
  await reading.undo('Marked 2 papers read');
  await reading.expectViewCount('Read', 0);
  await reading.expectListCount(75);

  await reading.list.focus();
  await reading.keys('ControlOrMeta+a');
  await expect(reading.bulkBar).toContainText('75 selected');
  await reading.keys('Escape');
  await expect(reading.bulkBar).toHaveCount(0);
});

test('delete offers undo that restores the papers with everything on them', async ({ app }) => {
  const reading = await openSample(app);
  await reading.paperRow(FIRST).click();
  await reading.starButton.click();
  await reading.paperRow(SECOND).click({ modifiers: ['Shift'] });
  await reading.bulkBar.getByRole('button', { name: 'Delete' }).click();
  await reading.expectPaperCount(73);
  await expect(reading.paperRow(FIRST)).toHaveCount(0);
  await reading.expectOpen(THIRD); // the cursor moved on
  await reading.undo('Deleted 2 papers');
  await reading.expectPaperCount(75);
  await reading.expectViewCount('Starred', 1);
  await expect(reading.paperRow(FIRST)).toBeVisible();

  // from the keyboard too
  await reading.paperRow(FOURTH).click();
  await reading.keys('Delete');
  await reading.expectPaperCount(74);
  await reading.undo('Deleted 1 paper');
  await reading.expectPaperCount(75);
});

test('keyboard-only triage of the sample digest', async ({ app }) => {
  const reading = await openSample(app);
  // Nothing focused yet: j starts at the top.
  await reading.keys('j');
  await reading.expectOpen(FIRST);
  await reading.keys('s', 'r'); // star, mark reading
  await reading.expectStatus('Reading');
  await expect(reading.starButton).toHaveAttribute('aria-pressed', 'true');
  await reading.expectListCount(74); // it left the Inbox …
  await reading.expectOpen(FIRST); // … but stays open
  await reading.keys('j'); // the next paper is the one now in its place
  await reading.expectOpen(SECOND);
  await reading.keys('r', 'r'); // unread → reading → read
  await reading.expectStatus('Read');
  await reading.expectListCount(73);
  await reading.keys('j');
  await reading.expectOpen(THIRD);
  await reading.keys('t');
  await expect(reading.tagInput).toBeFocused();
  await reading.page.keyboard.type('video');
  await reading.keys('Enter', 'Escape');
  await expect(reading.tags).toHaveText(['#video×']);
  await expect(reading.list).toBeFocused();
  await reading.keys('n');
  await expect(reading.notesInput).toBeFocused();
  await reading.page.keyboard.type('Typed with s, r and j inside the note.');
  await reading.keys('Escape');
  await expect(reading.notesInput).toHaveValue('Typed with s, r and j inside the note.');
  await expect(reading.starButton).toHaveAttribute('aria-pressed', 'false'); // "s" in the note did not star
  await reading.expectStatus('Unread');
  await reading.keys('Enter');
  await expect(reading.detail).toBeFocused();
  await reading.keys('Escape');
  await expect(reading.list).toBeFocused();
  await reading.keys('j');
  await reading.expectOpen(FOURTH);
  await reading.keys('k');
  await reading.expectOpen(THIRD);
  await expect(reading.focusedRow()).toContainText(THIRD);

  await reading.keys('/');
  await expect(reading.search).toBeFocused();
  await reading.page.keyboard.type('interactive');
  await expect(reading.highlights().first()).toHaveText(/^interactive$/i);
  await reading.keys('Escape', 'j');
  await expect(reading.detail.locator('mark').first()).toHaveText(/^interactive$/i);
  await reading.keys('Escape'); // clears the search
  await expect(reading.search).toHaveValue('');

  await reading.keys('?');
  const dialog = reading.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Cycle status');
  await reading.keys('Escape');
  await expect(dialog).toBeHidden();

  await reading.expectViewCount('Inbox', 73);
  await reading.expectViewCount('Reading', 1);
  await reading.expectViewCount('Read', 1);
  await reading.expectViewCount('Starred', 1);
});

test('view, sort, selection and pane widths are restored after a restart', async ({ app }) => {
  const reading = await openSample(app);
  await reading.openView(/^All papers/);
  await reading.sortSelect.selectOption('title');
  const third = reading.list.getByRole('option').nth(2);
  const title = (await third.getByTestId('row-title').textContent())!;
  await third.click();
  await reading.expectOpen(title);
  const separator = reading.page.getByRole('separator', { name: 'Resize sidebar' });
  await separator.focus();
  await reading.keys('Shift+ArrowRight');
  await expect(separator).toHaveAttribute('aria-valuenow', '268');

  await app.restart();
  const reopened = new ReadingPage(app);
  await reopened.expectPaperCount(75);
  await expect(reopened.view(/^All papers/)).toHaveAttribute('aria-current', 'page');
  await expect(reopened.sortSelect).toHaveValue('title');
  await reopened.expectOpen(title);
  await expect(reopened.focusedRow()).toContainText(title);
  await expect(reopened.page.getByRole('separator', { name: 'Resize sidebar' })).toHaveAttribute(
    'aria-valuenow',
    '268',
  );
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`screenshots of the reading workflow (${colorScheme})`, async ({ app }, testInfo) => {
    await app.page.emulateMedia({ colorScheme });
    const reading = await openSample(app);
    await reading.paperRow(FIRST).click();
    await reading.starButton.click();
    await reading.setStatus('Reading');
    await reading.addTag('neuromorphic');
    await reading.notesInput.fill(
      '**Why it matters**: the first LM on SpiNNaker 2.\n\n- compare with [EGRU](https://arxiv.org/abs/2206.06178)',
    );
    await reading.openView(/^All papers/);
    await reading.paperRow(SECOND).click({ modifiers: ['ControlOrMeta'] });
    await reading.searchFor('neuromorph');
    await reading.expectListCount(4);
    await reading.dismissToasts();
    const file = testInfo.outputPath(`reading-${colorScheme}.png`);
    await app.page.screenshot({ path: file });
    await testInfo.attach(`reading-${colorScheme}`, { path: file, contentType: 'image/png' });

    await reading.search.fill('');
    await reading.openView(/Stats/);
    await expect(reading.page.getByTestId('chart-read-per-week')).toBeVisible();
    const stats = testInfo.outputPath(`stats-${colorScheme}.png`);
    await app.page.screenshot({ path: stats });
    await testInfo.attach(`stats-${colorScheme}`, { path: stats, contentType: 'image/png' });

    await reading.keys('?');
    const shortcuts = testInfo.outputPath(`shortcuts-${colorScheme}.png`);
    await app.page.screenshot({ path: shortcuts });
    await testInfo.attach(`shortcuts-${colorScheme}`, { path: shortcuts, contentType: 'image/png' });
  });
}
