// Backup and restore of the whole library: papers from syntheticLibraryRows (10% with notes) in
// the app's ShelfmarkDb schema, in headless Chromium on a fresh on-disk profile. Backup = export
// with dexie-export-import + gzip behind the manifest (buildBackup); restore = decompress, parse,
// check every row, and one transaction over every table (openBackup + restoreBackup) into a
// second database. Both are timed and the restored rows are compared with the originals.
// Floor: a bare bulkPut of the same rows (what any restore must at least write).

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
import { buildBackup, openBackup } from '../../renderer/backup/backupFile';
import { restoreBackup } from '../../renderer/backup/restoreBackup';
import { ShelfmarkDb } from '../../renderer/db/ShelfmarkDb';
import { syntheticLibraryRows } from '../synthetic';

async function fill(db, count) {
  const papers = syntheticLibraryRows(count, 42);
  const digests = [{ id: 'bench-digest', fileName: 'bench.txt', format: 'hf-daily-text', date: '2026-03-13', importedAt: 1, paperCount: count }];
  const appearances = papers.map((p, i) => ({ digestId: 'bench-digest', paperId: p.id, digestDate: '2026-03-13', position: i }));
  await db.transaction('rw', db.tables, async () => {
    for (let i = 0; i < papers.length; i += 5000) await db.papers.bulkPut(papers.slice(i, i + 5000));
    await db.digests.bulkPut(digests);
    for (let i = 0; i < appearances.length; i += 5000) await db.appearances.bulkPut(appearances.slice(i, i + 5000));
  });
  return papers;
}

async function rowsOf(db) {
  const out = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

window.__backupBench = {
  async run(count) {
    const source = new ShelfmarkDb('bench-source');
    await source.open();
    const papers = await fill(source, count);
    let t = performance.now();
    const { file, manifest } = await buildBackup(source);
    const backupMs = performance.now() - t;

    const target = new ShelfmarkDb('bench-target');
    await target.open();
    t = performance.now();
    await restoreBackup(target, await openBackup(file));
    const restoreMs = performance.now() - t;

    const before = JSON.stringify(await rowsOf(source));
    const after = JSON.stringify(await rowsOf(target));
    const identical = before === after;

    // floor: the same papers and appearances written by a bare bulkPut into a fresh database
    const floorDb = new ShelfmarkDb('bench-floor');
    await floorDb.open();
    t = performance.now();
    await fill(floorDb, count);
    const floorMs = performance.now() - t;
    const notes = papers.filter((p) => p.notes).length;
    source.close(); target.close(); floorDb.close();
    return { backupMs, restoreMs, floorMs, bytes: file.size, identical, counts: manifest.counts, notes, jsonChars: before.length };
  },
};
`;

declare global {
  interface Window {
    __backupBench: {
      run(count: number): Promise<{
        backupMs: number;
        restoreMs: number;
        floorMs: number;
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
  ctx.log(
    `backup ${(result.backupMs / 1000).toFixed(1)} s, restore ${(result.restoreMs / 1000).toFixed(1)} s, ` +
      `file ${mb.toFixed(1)} MB (library JSON ${(result.jsonChars / 1e6).toFixed(0)} M chars), identical`,
  );
  const floor = { name: 'bare bulkPut of the same rows, s', value: result.floorMs / 1000 };
  return [
    {
      figure: `backup: ${label} (export + gzip)`,
      value: result.backupMs / 1000,
      unit: 's',
      floor,
      ratio: result.backupMs / result.floorMs,
      target: `≤ ${TARGET_SECONDS} s`,
      met: result.backupMs / 1000 <= TARGET_SECONDS,
      notes: `${mb.toFixed(1)} MB backup file`,
    },
    {
      figure: `restore: ${label} (check + one transaction), identical afterwards`,
      value: result.restoreMs / 1000,
      unit: 's',
      floor,
      ratio: result.restoreMs / result.floorMs,
      target: `≤ ${TARGET_SECONDS} s`,
      met: result.restoreMs / 1000 <= TARGET_SECONDS,
      notes: 'every table compared row by row after the restore',
    },
  ];
}
