// Import speed. Parse: a 50 MB synthetic Hugging Face Daily Papers text digest through main's
// real pipeline (decode with the encoding guards and NFC, detect, parse, hash, date basis), in
// MB/s, next to the floor "decode the same bytes and split them into lines". Commit: 10,000
// parsed papers through the real importDigest (one transaction: match by id and title, papers,
// appearances, digest row, history record) into IndexedDB in headless Chromium on a fresh
// on-disk profile, in papers/s, next to the floor "bare Dexie bulkPut of the same rows, in
// 5,000-row chunks" on the same schema. Both ratios are time / floor time.

import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, chromiumPath } from '../../e2e/support/webHarness';
import { digestFromBytes } from '../../electron/import/digestFromBytes';
import type { BenchContext, BenchResult } from '../run';
import { syntheticPapers, toHfDailyText } from '../synthetic';

export const name = 'import';

const PARSE_BYTES = 50 * 1024 * 1024;
const IMPORT_PAPERS = 10_000;
const PARSE_TARGET = 3;
const COMMIT_TARGET = 1.3;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The largest synthetic HF digest that stays within 50 MB (the default size cap). */
function fiftyMbDigest(seed: number): Uint8Array {
  const encoder = new TextEncoder();
  let count = 40_000;
  for (;;) {
    const bytes = encoder.encode(toHfDailyText(syntheticPapers(count, seed)));
    if (bytes.byteLength <= PARSE_BYTES) return bytes;
    count = Math.floor(count * (PARSE_BYTES / bytes.byteLength) * 0.999);
  }
}

async function parseFigures(ctx: BenchContext): Promise<BenchResult[]> {
  const bytes = fiftyMbDigest(ctx.seed);
  const mb = bytes.byteLength / (1024 * 1024);
  const runs = ctx.quick ? 3 : 7;
  const ours: number[] = [];
  const floor: number[] = [];
  let papers = 0;
  for (let i = 0; i < runs + 1; i++) {
    // the floor and the pipeline alternate, so machine noise hits both alike; run 0 warms up
    let t = performance.now();
    const lines = new TextDecoder('utf-8', { fatal: true }).decode(bytes).split('\n').length;
    const floorMs = performance.now() - t;
    t = performance.now();
    const result = await digestFromBytes(bytes, 'synthetic.txt', '2026-03-20');
    const oursMs = performance.now() - t;
    if (!result.ok) throw new Error(`the synthetic digest was refused: ${result.reason}`);
    papers = result.digest.papers.length;
    if (i === 0) continue;
    ours.push(oursMs);
    floor.push(floorMs);
    ctx.log(`parse run ${i}: pipeline ${oursMs.toFixed(0)} ms, floor ${floorMs.toFixed(0)} ms (${lines} lines)`);
  }
  const oursMbs = mb / (median(ours) / 1000);
  const floorMbs = mb / (median(floor) / 1000);
  const ratio = median(ours) / median(floor);
  return [
    {
      figure: `import: parse a ${mb.toFixed(1)} MB HF text digest, ${papers.toLocaleString('en')} papers (median of ${runs})`,
      value: oursMbs,
      unit: 'MB/s',
      floor: { name: 'decode + split into lines, MB/s', value: floorMbs },
      ratio,
      target: `≤ ${PARSE_TARGET}× floor time`,
      met: ratio <= PARSE_TARGET,
      notes: `pipeline ${median(ours).toFixed(0)} ms vs floor ${median(floor).toFixed(0)} ms; includes decode guards, NFC, detection, parse, SHA-256`,
    },
  ];
}

/** The page script: importDigest and a bare bulkPut on the app's own ShelfmarkDb schema. */
const PAGE_ENTRY = `
import { importDigest } from '../../renderer/db/importDigest';
import { ShelfmarkDb } from '../../renderer/db/ShelfmarkDb';
import { syntheticPapers } from '../synthetic';

let rows = [];
window.__importBench = {
  async importRun(count, seed, dbName) {
    // As a digest delivers them: no notes, no tags (those are the person's).
    const papers = syntheticPapers(count, seed).map(({ notes, tags, ...paper }) => paper);
    const digest = { format: 'hf-daily-text', digestDate: '2026-03-13', papers, warnings: [] };
    const db = new ShelfmarkDb(dbName);
    await db.open();
    const started = performance.now();
    const summary = await importDigest(db, { digestId: dbName, fileName: 'bench.txt', digest });
    const ms = performance.now() - started;
    rows = await db.papers.toArray();
    db.close();
    return { ms, added: summary.added };
  },
  async floorRun(dbName) {
    const db = new ShelfmarkDb(dbName);
    await db.open();
    const started = performance.now();
    for (let i = 0; i < rows.length; i += 5000) await db.papers.bulkPut(rows.slice(i, i + 5000));
    const ms = performance.now() - started;
    const written = await db.papers.count();
    db.close();
    return { ms, written };
  },
};
`;

declare global {
  interface Window {
    __importBench: {
      importRun(count: number, seed: number, dbName: string): Promise<{ ms: number; added: number }>;
      floorRun(dbName: string): Promise<{ ms: number; written: number }>;
    };
  }
}

async function commitFigures(ctx: BenchContext): Promise<BenchResult[]> {
  const bundle = await build({
    stdin: { contents: PAGE_ENTRY, resolveDir: import.meta.dirname, loader: 'ts', sourcefile: 'importBenchPage.ts' },
    bundle: true,
    format: 'iife',
    write: false,
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]!.text;
  const profile = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-bench-import-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const origin = 'http://bench.localhost'; // *.localhost is a secure context: IndexedDB as in the app
  await context.route(`${origin}/**`, (route) =>
    route.request().url().endsWith('/bench.js')
      ? route.fulfill({ contentType: 'text/javascript', body: script })
      : route.fulfill({ contentType: 'text/html', body: '<!doctype html><script src="/bench.js"></script>' }),
  );
  const runs = ctx.quick ? 3 : 5;
  const ours: number[] = [];
  const floor: number[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${origin}/index.html`);
    for (let i = 0; i < runs + 1; i++) {
      const imported = await page.evaluate(([count, seed, db]) => window.__importBench.importRun(count, seed, db), [
        IMPORT_PAPERS,
        ctx.seed,
        `import-${i}`,
      ] as const);
      const bare = await page.evaluate((db) => window.__importBench.floorRun(db), `floor-${i}`);
      if (imported.added !== IMPORT_PAPERS || bare.written !== IMPORT_PAPERS) {
        throw new Error(`expected ${IMPORT_PAPERS} papers, imported ${imported.added}, floor wrote ${bare.written}`);
      }
      if (i === 0) continue; // warm-up
      ours.push(imported.ms);
      floor.push(bare.ms);
      ctx.log(`commit run ${i}: importDigest ${imported.ms.toFixed(0)} ms, bulkPut ${bare.ms.toFixed(0)} ms`);
    }
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
  const ratio = median(ours) / median(floor);
  return [
    {
      figure: `import: commit ${IMPORT_PAPERS.toLocaleString('en')} papers with importDigest, Chromium IndexedDB (median of ${runs})`,
      value: IMPORT_PAPERS / (median(ours) / 1000),
      unit: 'papers/s',
      floor: { name: 'bare Dexie bulkPut, 5,000-row chunks, papers/s', value: IMPORT_PAPERS / (median(floor) / 1000) },
      ratio,
      target: `≤ ${COMMIT_TARGET}× floor time`,
      met: ratio <= COMMIT_TARGET,
      notes: `importDigest ${median(ours).toFixed(0)} ms vs bulkPut ${median(floor).toFixed(0)} ms; fresh database per run, strict durability, schema v3`,
    },
  ];
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  return [...(await parseFigures(ctx)), ...(await commitFigures(ctx))];
}
