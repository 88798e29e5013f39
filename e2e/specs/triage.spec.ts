// Daily triage of the sample digest (75 papers) with the keyboard only, every decision checked
// after a reload; dismissed papers never return to the Inbox on re-import; restore; the Reading
// queue's own order across a reload and a restart; the triage view light and dark.

import { TriagePage } from '../pages/TriagePage';
import { expect, FIXTURES, SAMPLE_DIGEST, test } from '../support/fixtures';
import path from 'node:path';

const REPEAT_DIGEST = path.join(FIXTURES, 'hf-daily-papers-repeat.txt');
const TOTAL = 75;

type Decision = 's' | 'r' | 'x' | ' ';
const EXPECTED: Record<Decision, { status: string; starred: number }> = {
  s: { status: 'reading', starred: 1 },
  r: { status: 'reading', starred: 0 },
  x: { status: 'dismissed', starred: 0 },
  ' ': { status: 'unread', starred: 0 },
};
/** The final decision for the paper at position i (0-based). */
const decisionAt = (i: number): Decision => (['s', 'r', 'x', ' ', 'x'] as const)[i % 5]!;

async function openSample(app: ConstructorParameters<typeof TriagePage>[0]): Promise<TriagePage> {
  const triage = new TriagePage(app);
  await triage.importFiles([SAMPLE_DIGEST]);
  await triage.expectPaperCount(TOTAL);
  return triage;
}

test('triage the whole sample digest with the keyboard, then every paper keeps its decision after a reload', async ({
  app,
}) => {
  test.setTimeout(120_000);
  const triage = await openSample(app);
  await expect(triage.digest(/13 Mar/).getByTestId('digest-untriaged')).toHaveText('75');
  await triage.page.locator('body').press('g');
  await triage.page.locator('body').press('t');
  await expect(triage.triage).toBeVisible();
  await triage.expectAt(1, TOTAL);

  const titles: string[] = [];
  for (let i = 0; i < TOTAL; i++) {
    await triage.expectAt(i + 1, TOTAL);
    const title = (await triage.title.textContent()) ?? '';
    titles.push(title);
    if (i === 7) {
      // a wrong decision, undone with u: back on the same paper, unchanged
      await triage.press('s');
      await triage.expectAt(9, TOTAL);
      await triage.press('u');
      await triage.expectAt(8, TOTAL);
      await expect(triage.title).toHaveText(title);
      await expect(triage.page.getByTestId('triage-state')).toHaveText('Not triaged yet');
    }
    if (i === 30) {
      // two decisions, two undos (Ctrl+Z then u)
      await triage.press('s', 'r');
      await triage.expectAt(33, TOTAL);
      await triage.press('ControlOrMeta+z');
      await triage.expectAt(32, TOTAL);
      await triage.press('u');
      await triage.expectAt(31, TOTAL);
    }
    if (i === 12) {
      // a note typed in place: the decision keys type letters there
      await triage.press('n');
      await expect(triage.note).toBeFocused();
      await triage.page.keyboard.type('sxr: worth a look');
      await triage.press('Escape');
      await expect(triage.note).not.toBeFocused();
      await triage.expectAt(13, TOTAL);
      // back one paper and forward again at once: the note is there, not the row read on opening
      await triage.press('ArrowLeft');
      await triage.expectAt(12, TOTAL);
      await triage.press('ArrowRight');
      await triage.expectAt(13, TOTAL);
      expect(await triage.note.inputValue()).toBe('sxr: worth a look');
    }
    const key = decisionAt(i);
    await triage.press(key === ' ' ? (i % 2 ? 'Space' : 'ArrowRight') : key);
  }
  await expect(triage.summary).toBeVisible();
  // the decision worker ran (the page writes decisions itself only when no worker can start)
  expect(triage.page.workers().map((worker) => worker.url())).toContainEqual(expect.stringMatching(/decisionWorker/));
  const kept = titles.filter((_, i) => 'sr'.includes(decisionAt(i))).length;
  const starred = titles.filter((_, i) => decisionAt(i) === 's').length;
  const dismissed = titles.filter((_, i) => decisionAt(i) === 'x').length;
  await expect(triage.summary.getByTestId('summary-kept')).toHaveText(String(kept));
  await expect(triage.summary.getByTestId('summary-starred')).toHaveText(String(starred));
  await expect(triage.summary.getByTestId('summary-dismissed')).toHaveText(String(dismissed));
  await expect(triage.summary.getByTestId('summary-time')).toHaveText(/\d+ s$/);
  // undecided papers keep the digest open in the sidebar
  const undecided = TOTAL - kept - dismissed;
  await expect(triage.digest(/13 Mar/).getByTestId('digest-untriaged')).toHaveText(String(undecided));

  await triage.page.reload();
  await triage.expectPaperCount(TOTAL);
  const stored = await triage.storedPapers();
  expect(new Set(titles).size).toBe(TOTAL);
  titles.forEach((title, i) => {
    expect(stored.get(title), title).toMatchObject(EXPECTED[decisionAt(i)]);
  });
  await triage.expectViewCount('Inbox', undecided);
  await triage.expectViewCount('Reading', kept);
  await triage.expectViewCount('Dismissed', dismissed);
  await triage.expectViewCount('Starred', starred);
  // the Reading queue holds the kept papers in the order they were decided
  await triage.openView(/^Reading\b/);
  const keptTitles = titles.filter((_, i) => 'sr'.includes(decisionAt(i)));
  expect(await triage.firstRowTitles(4)).toEqual(keptTitles.slice(0, 4));
  // the note (saved from the page) and the decision made just after it (written by the decision
  // worker, on its own connection) are both in the row
  const note = stored.get(titles[12]!);
  expect(note?.status).toBe('dismissed');
  expect(note?.notes).toBe('sxr: worth a look');
});

test('dismissed papers never return to the Inbox on re-import; restore; the queue order survives reload and restart', async ({
  app,
}) => {
  test.setTimeout(120_000);
  const triage = await openSample(app);
  // the first five papers: star, keep, dismiss, leave, dismiss — by clicking
  await triage.openTriage(/13 Mar/);
  const titles: string[] = [];
  for (const id of ['triage-star', 'triage-keep', 'triage-dismiss', 'triage-skip', 'triage-dismiss']) {
    await triage.expectAt(titles.length + 1, TOTAL);
    titles.push((await triage.title.textContent()) ?? '');
    await triage.page.getByTestId(id).click();
  }
  await triage.expectAt(6, TOTAL);
  // the rest: keep papers 6–8 for the queue, dismiss every paper after them (x only)
  for (let i = 5; i < TOTAL; i++) {
    await triage.expectAt(i + 1, TOTAL);
    titles.push((await triage.title.textContent()) ?? '');
    await triage.press(i < 8 ? 'r' : 'x');
  }
  await expect(triage.summary).toBeVisible();
  await triage.expectViewCount('Inbox', 1);

  // the same file again (nothing new) and a later digest repeating dismissed papers
  await triage.importFiles([SAMPLE_DIGEST]);
  await triage.expectNotice('Nothing new: 75 already in library');
  await triage.importFiles([REPEAT_DIGEST]);
  await triage.expectPaperCount(TOTAL + 2);
  const stored = await triage.storedPapers();
  for (const title of [titles[2]!, titles[4]!, titles[9]!]) expect(stored.get(title)?.status).toBe('dismissed');
  // Inbox: the paper left undecided and the two new ones
  await triage.expectViewCount('Inbox', 3);
  await triage.openView(/^Inbox\b/);
  await triage.expectListCount(3);
  await expect(triage.paperRow(titles[2]!)).toHaveCount(0);
  await expect(triage.digest(/14 Mar/).getByTestId('digest-untriaged')).toHaveText('3');

  // dismissed papers stay searchable, dimmed, and can be hidden
  await triage.openView('All papers');
  await triage.search.fill('Dispider');
  await expect(triage.paperRow(titles[2]!)).toHaveClass(/dismissed/);
  await triage.page.getByTestId('show-dismissed').uncheck();
  await expect(triage.paperRow(titles[2]!)).toHaveCount(0);
  await triage.page.getByTestId('show-dismissed').check();
  await triage.search.fill('');

  // restore one from the Dismissed view
  await triage.openView(/^Dismissed\b/);
  await triage.paperRow(titles[2]!).click();
  await triage.page.getByTestId('restore-button').click();
  await triage.expectViewCount('Inbox', 4);
  await triage.expectStatus('Unread');

  // the newest digest with untriaged papers (Mar 14), by shortcut; finishing it marks it done
  await triage.openView(/^Inbox\b/);
  await triage.page.locator('body').press('ControlOrMeta+t');
  await expect(triage.triage).toBeVisible();
  await expect(triage.page.getByRole('heading', { name: /14 Mar/ })).toBeVisible();
  for (let left = 4; left > 0; left--) {
    await expect(triage.position).toHaveText(/ of 8$/);
    await triage.press('x');
  }
  await expect(triage.summary).toBeVisible();
  await expect(triage.digest(/14 Mar/).getByTestId('digest-done')).toHaveAccessibleName(/Triaged/);

  // Reading queue: kept in decision order; m moves to the top, a drag moves another
  await triage.openView(/^Reading\b/);
  await triage.expectListCount(5);
  const queue = [titles[0]!, titles[1]!, titles[5]!, titles[6]!, titles[7]!];
  await expect.poll(() => triage.firstRowTitles(5)).toEqual(queue);
  await triage.paperRow(queue[2]!).click();
  await triage.page.locator('body').press('m');
  const afterTop = [queue[2]!, queue[0]!, queue[1]!, queue[3]!, queue[4]!];
  await expect.poll(() => triage.firstRowTitles(5)).toEqual(afterTop);
  await expect(triage.page.getByTestId('queued-at')).toContainText('In queue since');
  await triage.paperRow(queue[3]!).dragTo(triage.paperRow(queue[0]!), { targetPosition: { x: 40, y: 8 } });
  const afterDrag = [queue[2]!, queue[3]!, queue[0]!, queue[1]!, queue[4]!];
  await expect.poll(() => triage.firstRowTitles(5)).toEqual(afterDrag);
  // keyboard reorder: Alt+↓ moves the selected paper one place down
  await triage.paperRow(queue[2]!).click();
  await triage.page.locator('body').press('Alt+ArrowDown');
  const afterKey = [queue[3]!, queue[2]!, queue[0]!, queue[1]!, queue[4]!];
  await expect.poll(() => triage.firstRowTitles(5)).toEqual(afterKey);

  await triage.page.reload();
  await triage.openView(/^Reading\b/);
  await expect.poll(() => triage.firstRowTitles(5)).toEqual(afterKey);
  await app.restart();
  const again = new TriagePage(app);
  await expect(again.view(/^Reading\b/)).toHaveAttribute('aria-current', 'page');
  await expect.poll(() => again.firstRowTitles(5)).toEqual(afterKey);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`screenshot of the triage view (${colorScheme})`, async ({ app }, testInfo) => {
    await app.page.emulateMedia({ colorScheme });
    const triage = await openSample(app);
    await triage.openTriage(/13 Mar/);
    await triage.press('s', 'x', 'r');
    await triage.expectAt(4, TOTAL);
    const file = testInfo.outputPath(`triage-${colorScheme}.png`);
    await app.page.screenshot({ path: file });
    await testInfo.attach(`triage-${colorScheme}`, { path: file, contentType: 'image/png' });
  });
}
