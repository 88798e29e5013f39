// Backup and restore of the whole library: papers from syntheticLibraryRows (10% with notes) in
// the app's ShelfmarkDb schema, in headless Chromium on a fresh on-disk profile. Backup = read
// every table in chunks in one transaction, JSON + gzip as the rows come, the manifest put in
// front (buildBackup);
// restore = decompress, parse, check every row, and one transaction over every table
// (openBackup + restoreBackup) into a second database. Both are timed, with where the time went,
// and the restored rows are compared with the originals.
// Floors: a bare bulkPut of the same rows into the app's schema (what any restore must at least
// write), and the same bulkPut into stores with only their primary keys (what IndexedDB writes
// on this machine with no index at all: a restore target below it cannot be met by any code).

import { chromium } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bundlePageScript } from '../../e2e/support/pageScript';
import { CHROMIUM_ARGS, chromiumPath } from '../../e2e/support/webHarness';
import type { BenchContext, BenchResult } from '../run';

export const name = 'backup';

const TARGET_SECONDS = 15;

const PAGE_ENTRY = `
import Dexie from 'dexie';
import { buildBackup, openBackup } from '../../renderer/backup/backupFile';
import { checkBackup, restoreBackup } from '../../renderer/backup/restoreBackup';
import { ShelfmarkDb } from '../../renderer/db/ShelfmarkDb';
import { syntheticLibraryRows } from '../synthetic';

function libraryRows(count) {
  const papers = syntheticLibraryRows(count, 42);
  const digests = [{ id: 'bench-digest', fileName: 'bench.txt', format: 'hf-daily-text', date: '2026-03-13', importedAt: 1, paperCount: count }];
  const appearances = papers.map((p, i) => ({ digestId: 'bench-digest', paperId: p.id, digestDate: '2026-03-13', position: i }));
  return { papers, digests, appearances };
}

// rows are made before the clock starts: the floors time the writes alone
async function fill(db, { papers, digests, appearances }) {
  await db.transaction('rw', db.tables, async () => {
    for (let i = 0; i < papers.length; i += 5000) await db.papers.bulkPut(papers.slice(i, i + 5000));
    await db.digests.bulkPut(digests);
    for (let i = 0; i < appearances.length; i += 5000) await db.appearances.bulkPut(appearances.slice(i, i + 5000));
  });
}

async function rowsOf(db) {
  const out = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

window.__backupBench = {
  async run(count) {
    const rows = libraryRows(count);
    // first, on the fresh profile (IndexedDB's best case): the same rows into primary keys only
    const bare = new Dexie('bench-floor-primary-keys');
    bare.version(1).stores({ papers: 'id', digests: 'id', appearances: '[digestId+paperId]', imports: 'id' });
    await bare.open();
    let t = performance.now();
    await fill(bare, rows);
    const primaryKeyFloorMs = performance.now() - t;
    bare.close();

    const source = new ShelfmarkDb('bench-source');
    await source.open();
    await fill(source, rows);
    t = performance.now();
    const { file, manifest, timings } = await buildBackup(source);
    const backupMs = performance.now() - t;

    const target = new ShelfmarkDb('bench-target');
    await target.open();
    t = performance.now();
    const opened = await openBackup(file);
    const openMs = performance.now() - t;
    // the check alone, for the breakdown (restoreBackup runs it again, inside its timing)
    t = performance.now();
    checkBackup(target, opened);
    const checkMs = performance.now() - t;
    t = performance.now();
    await restoreBackup(target, opened);
    const restoreCallMs = performance.now() - t;
    const restoreMs = openMs + restoreCallMs;

    const before = JSON.stringify(await rowsOf(source));
    const after = JSON.stringify(await rowsOf(target));
    const identical = before === after;

    // floor: the same papers and appearances written by a bare bulkPut into a fresh database
    const floorDb = new ShelfmarkDb('bench-floor');
    await floorDb.open();
    t = performance.now();
    await fill(floorDb, rows);
    const floorMs = performance.now() - t;
    const notes = rows.papers.filter((p) => p.notes).length;
    source.close(); target.close(); floorDb.close();
    return {
      backupMs, exportMs: timings.exportMs, finishMs: timings.finishMs,
      restoreMs, openMs, checkMs, writeMs: restoreCallMs - checkMs,
      floorMs, primaryKeyFloorMs,
      bytes: file.size, identical, counts: manifest.counts, notes, jsonChars: before.length,
    };
  },
};
`;

declare global {
  interface Window {
    __backupBench: {
      run(count: number): Promise<{
        backupMs: number;
        exportMs: number;
        finishMs: number;
        restoreMs: number;
        openMs: number;
        checkMs: number;
        writeMs: number;
        floorMs: number;
        primaryKeyFloorMs: number;
        bytes: number;
        identical: boolean;
        counts: { papers: number; notes: number };
        notes: number;
        jsonChars: number;
      }>;
    };
  }
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const script = await bundlePageScript(PAGE_ENTRY, import.meta.dirname, 'backupBenchPage.ts');
  const profile = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-bench-backup-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const origin = 'http://bench.localhost';
  await context.route(`${origin}/**`, (route) =>
    route.request().url().endsWith('/bench.js')
      ? route.fulfill({ contentType: 'text/javascript', body: script })
      : route.fulfill({ contentType: 'text/html', body: '<!doctype html><script src="/bench.js"></script>' }),
  );
  let result;
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(600_000);
    await page.goto(`${origin}/index.html`);
    result = await page.evaluate((count) => window.__backupBench.run(count), ctx.papers);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
  if (!result.identical) throw new Error('the restored library differs from the original');
  if (result.counts.papers !== ctx.papers || result.counts.notes !== result.notes) {
    throw new Error(`the manifest counts ${JSON.stringify(result.counts)} do not match the library`);
  }
  const mb = result.bytes / (1024 * 1024);
  const label = `${ctx.papers.toLocaleString('en')} papers, ${result.notes.toLocaleString('en')} notes`;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const perSecond = (ms: number) => `${Math.round(ctx.papers / (ms / 1000)).toLocaleString('en')} papers/s`;
  const backupSplit = `read + JSON + gzip as the rows come ${s(result.exportMs)}, gzip's rest + file ${s(result.finishMs)}`;
  const restoreSplit =
    `decompress + parse ${s(result.openMs)}, check ${s(result.checkMs)}, ` +
    `write (one transaction) ${s(result.writeMs)}`;
  const floors =
    `bulkPut into the app's schema ${s(result.floorMs)} (${perSecond(result.floorMs)}); ` +
    `into primary keys only ${s(result.primaryKeyFloorMs)} (${perSecond(result.primaryKeyFloorMs)})`;
  ctx.log(
    `backup ${s(result.backupMs)} (${backupSplit}), file ${mb.toFixed(1)} MB ` +
      `(library JSON ${(result.jsonChars / 1e6).toFixed(0)} M chars)`,
  );
  ctx.log(`restore ${s(result.restoreMs)} (${restoreSplit}), identical`);
  ctx.log(`floors: ${floors}`);
  const floor = { name: 'bare bulkPut of the same rows, s', value: result.floorMs / 1000 };
  const primaryKeyFloor = { name: 'bulkPut into primary keys only, s', value: result.primaryKeyFloorMs / 1000 };
  const belowFloor = result.primaryKeyFloorMs / 1000 > TARGET_SECONDS;
  return [
    {
      figure: `backup: ${label} (read + JSON + gzip)`,
      value: result.backupMs / 1000,
      unit: 's',
      floor,
      ratio: result.backupMs / result.floorMs,
      target: `≤ ${TARGET_SECONDS} s`,
      met: result.backupMs / 1000 <= TARGET_SECONDS,
      notes: `${mb.toFixed(1)} MB backup file; ${backupSplit}`,
    },
    {
      figure: `restore: ${label} (check + one transaction), identical afterwards`,
      value: result.restoreMs / 1000,
      unit: 's',
      floor,
      peers: [primaryKeyFloor],
      ratio: result.restoreMs / result.floorMs,
      target: `≤ ${TARGET_SECONDS} s`,
      met: result.restoreMs / 1000 <= TARGET_SECONDS,
      notes:
        `${restoreSplit}; floors: ${floors}` +
        (belowFloor
          ? `; the target is below what IndexedDB writes here even with no index ` +
            `(${s(result.primaryKeyFloorMs)} > ${TARGET_SECONDS} s)`
          : '') +
        '; every table compared row by row after the restore',
    },
  ];
}
