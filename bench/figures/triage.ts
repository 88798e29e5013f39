// Triage at library scale: a 150-paper digest triaged with the keyboard (s / r / x in turn)
// while ctx.papers papers are in the library, in headless Chromium on a filled on-disk profile
// (the web e2e harness, a private renderer build). The figure is the app's own user-timing
// measure per decision: key press → the decision committed in its read-write transaction (in
// the decision worker; its commit time is read on the worker's clock, comparable with the page's)
// and the next paper painted (the frame after the render).

import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import type { BenchContext, BenchResult } from '../run';
import { syntheticLibraryRows } from '../synthetic';
import { WEB_TEST_ORIGIN, WebHarness } from '../../e2e/support/webHarness';
import { serveAppAsset } from '../../electron/appProtocol';
import { APP_ORIGIN } from '../../shared/ipc';
import { fill, median, percentile, waitForMeasure } from './reading';

export const name = 'triage';

const DIGEST_SIZE = 150;
const P95_LIMIT_MS = 30;
const KEYS = ['s', 'r', 'x', 'x', 'r', 'x'];

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const rendererDir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-bench-triage-'));
  await build({ configFile: 'vite.config.ts', build: { outDir: rendererDir, emptyOutDir: true }, logLevel: 'error' });
  const n = ctx.papers;
  const rows = syntheticLibraryRows(n, ctx.seed);
  const app = await WebHarness.launch();
  try {
    const page = app.page;
    await page.context().route(`${WEB_TEST_ORIGIN}/**`, async (route) => {
      const response = await serveAppAsset(rendererDir, route.request().url().replace(WEB_TEST_ORIGIN, APP_ORIGIN));
      await route.fulfill({ status: response.status, headers: response.headers, body: response.body });
    });
    await page.reload();
    await page.getByRole('heading', { name: 'Your library is empty' }).waitFor();
    const fillSeconds = await fill(page, rows, ctx.log);
    ctx.log(`${n} papers written in ${fillSeconds.toFixed(1)} s`);
    // One digest listing the newest papers (all of them unread).
    const digestIds = rows.slice(0, DIGEST_SIZE).map((r) => r.id);
    await page.evaluate(
      (ids) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('shelfmark');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction(['digests', 'appearances'], 'readwrite');
            tx.objectStore('digests').put({
              id: 'bench-digest',
              fileName: 'bench.txt',
              format: 'hf-daily-text',
              date: '2026-12-31',
              importedAt: Date.now(),
              paperCount: ids.length,
            });
            ids.forEach((paperId, position) =>
              tx
                .objectStore('appearances')
                .put({ digestId: 'bench-digest', paperId, digestDate: '2026-12-31', position }),
            );
            tx.oncomplete = () => {
              db.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      digestIds,
    );
    await page.reload();
    await waitForMeasure(page, 'list-first-paint');
    // As in the reading figure: measured once the search worker has built its index (its reads
    // of the whole library would otherwise queue ahead of the first decisions' transactions).
    await waitForMeasure(page, 'search-index-warm', 600_000);
    // and once it has saved its snapshot (~100 MB written once after a build; a start with a
    // snapshot, the usual case, writes none): that write would share IndexedDB with the decisions
    await waitForMeasure(page, 'search-index-saved', 600_000);
    await page.locator('body').press('ControlOrMeta+t');
    await page.getByTestId('triage-view').waitFor();
    await page
      .getByTestId('triage-count')
      .filter({ hasText: `1 of ${DIGEST_SIZE}` })
      .waitFor();

    for (let i = 0; i < DIGEST_SIZE; i++) {
      await page.keyboard.press(KEYS[i % KEYS.length]!);
      await page.waitForFunction((count) => performance.getEntriesByName('triage-decision').length >= count, i + 1, {
        polling: 'raf',
      });
    }
    await page.getByTestId('triage-summary').waitFor();
    const entries = await page.evaluate(() =>
      performance.getEntriesByName('triage-decision').map((entry) => ({
        duration: entry.duration,
        ...((entry as PerformanceMeasure).detail as {
          painted?: number;
          committed?: number;
          writing?: number;
          heard?: number;
        } | null),
      })),
    );
    const times = entries.map((entry) => entry.duration);
    // the two halves of a decision: the next paper painted, and the write committed
    const painted = entries.flatMap((entry) => (entry.painted === undefined ? [] : [entry.painted]));
    const committed = entries.flatMap((entry) => (entry.committed === undefined ? [] : [entry.committed]));
    // where the write's time goes: until the decision worker began its transaction, the
    // transaction itself, and until the page heard that it had committed
    const writing = entries.flatMap((entry) => (entry.writing === undefined ? [] : [entry.writing]));
    const transaction = entries.flatMap((entry) =>
      entry.writing === undefined || entry.committed === undefined ? [] : [entry.committed - entry.writing],
    );
    const heard = entries.flatMap((entry) => (entry.heard === undefined ? [] : [entry.heard]));
    const spread = (values: number[]) =>
      values.length ? `p50 ${median(values).toFixed(1)} / p95 ${percentile(values, 95).toFixed(1)} ms` : 'n/a';
    // every decision is in the database
    const decided = await page.evaluate(
      (ids) =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('shelfmark');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const store = db.transaction('papers').objectStore('papers');
            let count = 0;
            let left = ids.length;
            for (const id of ids) {
              const request = store.get(id);
              request.onsuccess = () => {
                if (request.result && request.result.status !== 'unread') count++;
                if (--left === 0) {
                  db.close();
                  resolve(count);
                }
              };
            }
          };
        }),
      digestIds,
    );
    const p95 = percentile(times, 95);
    ctx.log(
      `triage: ${times.length} decisions, p50 ${median(times).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms; ${decided} committed`,
    );
    return [
      {
        figure: `triage: decision key → committed and next paper painted, p95 (${n} papers, ${times.length} decisions)`,
        value: p95,
        unit: 'ms',
        target: `< ${P95_LIMIT_MS} ms`,
        met: p95 < P95_LIMIT_MS && decided === DIGEST_SIZE,
        notes:
          `p50 ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms; ${decided} of ${DIGEST_SIZE} decisions in the database; ` +
          `key → next paper painted p50 ${median(painted).toFixed(1)} / p95 ${percentile(painted, 95).toFixed(1)} ms, ` +
          `key → decision committed p50 ${median(committed).toFixed(1)} / p95 ${percentile(committed, 95).toFixed(1)} ms ` +
          `(key → worker transaction begun ${spread(writing)}; the transaction ${spread(transaction)}; ` +
          `key → the page heard it committed ${spread(heard)})`,
      },
    ];
  } finally {
    await app.close();
  }
}
