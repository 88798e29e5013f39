// Search at library scale in one process, engine against engine: our SearchIndex (the pure
// core of the renderer's search worker, run here in Node), MiniSearch, FlexSearch and a linear
// scan, on the same synthetic papers and the same keystrokes (every prefix of the 30 queries
// in bench/queries.ts), top 50 ranked results each. Per engine: build time, JS heap added
// (after a full GC, index held) and per-keystroke latency p50/p95. The in-browser numbers
// (worker in Chromium, keystroke to painted frame) are in the reading figure.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import MiniSearch from 'minisearch';
import { Index as FlexIndex } from 'flexsearch';
import { type IndexablePaper, SearchIndex } from '../../renderer/search/SearchIndex';
import { parseQuery } from '../../renderer/search/tokenize';
import type { BenchContext, BenchResult } from '../run';
import { QUERIES } from '../queries';
import { syntheticLibraryRows } from '../synthetic';

export const name = 'search';

const TOP = 50;
const P95_TARGET_MS = 10;
const BUILD_TARGET_S = 10;
const HEAP_TARGET_MB = 150;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Every keystroke of every query: "z", "ze", "zer", … */
export function keystrokes(): string[] {
  return QUERIES.flatMap((query) => Array.from({ length: query.length }, (_, i) => query.slice(0, i + 1)));
}

type Row = ReturnType<typeof syntheticLibraryRows>[number];

interface Engine {
  label: string;
  note: string;
  build(rows: readonly Row[]): unknown;
  /** Top 50 ids for what is typed so far. */
  search(index: unknown, typed: string): unknown[];
}

interface EngineResult {
  label: string;
  note: string;
  buildSeconds: number;
  heapMb: number;
  p50: number;
  p95: number;
  max: number;
  worst: string;
  /** Results of a few sample keystrokes, to show the engines agree on what they find. */
  sample: number;
}

function indexable(row: Row): IndexablePaper {
  return { ...row, digestIds: [`d${row.lastDigestDate}`] };
}

const ours: Engine = {
  label: 'Shelfmark SearchIndex',
  note: 'bulk load + prefix-union warm-up, as the worker does; exact words, prefix on the word being typed',
  build(rows) {
    const index = new SearchIndex();
    index.beginBulkLoad();
    for (const row of rows) index.upsert(indexable(row));
    index.finishBulkLoad();
    index.warmPrefixes();
    index.warmOrders();
    return index;
  },
  search(index, typed) {
    const { slots } = (index as SearchIndex).search(typed);
    const out: unknown[] = [];
    for (let i = 0; i < Math.min(TOP, slots.length); i++) out.push((index as SearchIndex).slotId(slots[i]!));
    return out;
  },
};

const mini: Engine = {
  label: 'MiniSearch 7.2.0',
  note: 'fields title/abstract/authors/notes/tags with the same boosts, AND, prefix on the last word only',
  build(rows) {
    const index = new MiniSearch<Row>({
      fields: ['title', 'abstract', 'authorsText', 'notes', 'tagsText'],
      storeFields: [],
      extractField: (doc, field) => {
        if (field === 'authorsText') return doc.authors.join(' ');
        if (field === 'tagsText') return doc.tags.join(' ');
        return (doc as unknown as Record<string, string>)[field] ?? '';
      },
      searchOptions: { boost: { title: 3, authorsText: 2, tagsText: 2, notes: 1.5 }, combineWith: 'AND' },
    });
    index.addAll(rows);
    return index;
  },
  search(index, typed) {
    const lastIsPrefix = /[\p{L}\p{N}]$/u.test(typed);
    return (index as MiniSearch<Row>)
      .search(typed, { prefix: (_term, i, terms) => lastIsPrefix && i === terms.length - 1 })
      .slice(0, TOP)
      .map((r) => r.id);
  },
};

const flex: Engine = {
  label: 'FlexSearch 0.8.212',
  note: 'Index, tokenize "forward" (prefixes of every word), one text per paper, Normalize encoder, limit 50',
  build(rows) {
    const index = new FlexIndex({ tokenize: 'forward', encoder: 'Normalize' });
    rows.forEach((row, i) =>
      index.add(i, `${row.title} ${row.authors.join(' ')} ${row.tags.join(' ')} ${row.notes} ${row.abstract}`),
    );
    return index;
  },
  search(index, typed) {
    return (index as FlexIndex).search(typed, { limit: TOP }) as unknown[];
  },
};

const linear: Engine = {
  label: 'linear scan',
  note: 'lower-cased text per paper, every word a substring, title hits ranked first',
  build(rows) {
    return rows.map((row) => ({
      id: row.id,
      title: row.title.toLowerCase(),
      text: `${row.title} ${row.authors.join(' ')} ${row.tags.join(' ')} ${row.notes} ${row.abstract}`
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase(),
    }));
  },
  search(index, typed) {
    const { terms } = parseQuery(typed);
    if (terms.length === 0) return [];
    const hits: { id: string; score: number }[] = [];
    for (const doc of index as { id: string; title: string; text: string }[]) {
      let score = 0;
      let all = true;
      for (const term of terms) {
        if (!doc.text.includes(term)) {
          all = false;
          break;
        }
        if (doc.title.includes(term)) score += 3;
      }
      if (all) hits.push({ id: doc.id, score: score + 1 });
    }
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, TOP).map((h) => h.id);
  },
};

function measure(
  engine: Engine,
  rows: readonly Row[],
  keys: readonly string[],
  log: (m: string) => void,
): EngineResult {
  const before = heapMb();
  const started = performance.now();
  let index: unknown = engine.build(rows);
  const buildSeconds = (performance.now() - started) / 1000;
  const heap = heapMb() - before;
  log(`${engine.label}: built in ${buildSeconds.toFixed(1)} s, +${heap.toFixed(0)} MB`);
  engine.search(index, 'warm up'); // first-call JIT
  const times: number[] = [];
  let worst = '';
  let max = 0;
  let sample = 0;
  for (const typed of keys) {
    const t = performance.now();
    const found = engine.search(index, typed);
    const ms = performance.now() - t;
    times.push(ms);
    if (ms > max) {
      max = ms;
      worst = typed;
    }
    if (typed === 'graph neural network') sample = found.length;
  }
  index = null;
  const result = {
    label: engine.label,
    note: engine.note,
    buildSeconds,
    heapMb: heap,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max,
    worst,
    sample,
  };
  log(
    `${engine.label}: p50 ${result.p50.toFixed(2)} ms, p95 ${result.p95.toFixed(2)} ms, worst ${max.toFixed(0)} ms ("${worst}")`,
  );
  return result;
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const rows = syntheticLibraryRows(ctx.papers, ctx.seed);
  const keys = keystrokes();
  const results: EngineResult[] = [];
  for (const engine of [ours, mini, flex, linear]) {
    try {
      results.push(measure(engine, rows, keys, ctx.log));
    } catch (error) {
      ctx.log(`${engine.label} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const us = results.find((r) => r.label === ours.label)!;
  const peerResults = results.filter((r) => r !== us);
  const miniResult = results.find((r) => r.label === mini.label);
  const peers = (pick: (r: EngineResult) => number) => peerResults.map((r) => ({ name: r.label, value: pick(r) }));
  const ahead = (pick: (r: EngineResult) => number) => !miniResult || pick(us) < pick(miniResult);
  const n = ctx.papers.toLocaleString('en');
  const vsMini = (pick: (r: EngineResult) => number) => (miniResult ? pick(us) / pick(miniResult) : undefined);
  return [
    {
      figure: `search: keystroke p50, ${n} papers, ${keys.length} keys, top ${TOP} (Node, index only)`,
      value: us.p50,
      unit: 'ms',
      peers: peers((r) => r.p50),
      ratio: vsMini((r) => r.p50),
      target: 'below MiniSearch',
      met: ahead((r) => r.p50),
      notes: 'ratio = ours / MiniSearch',
    },
    {
      figure: `search: keystroke p95, ${n} papers (Node, index only)`,
      value: us.p95,
      unit: 'ms',
      peers: peers((r) => r.p95),
      ratio: vsMini((r) => r.p95),
      target: `≤ ${P95_TARGET_MS} ms and below MiniSearch`,
      met: us.p95 <= P95_TARGET_MS && ahead((r) => r.p95),
      notes: results.map((r) => `${r.label} worst ${r.max.toFixed(0)} ms ("${r.worst}")`).join('; '),
    },
    {
      figure: `search: index build, ${n} papers (Node; the app builds in a Web Worker)`,
      value: us.buildSeconds,
      unit: 's',
      peers: peers((r) => r.buildSeconds),
      ratio: vsMini((r) => r.buildSeconds),
      target: `≤ ${BUILD_TARGET_S} s off the UI thread, below MiniSearch`,
      met: us.buildSeconds <= BUILD_TARGET_S && ahead((r) => r.buildSeconds),
      notes: results.map((r) => `${r.label}: ${r.note}`).join('; '),
    },
    {
      figure: `search: heap added by the index, ${n} papers (Node, after full GC)`,
      value: us.heapMb,
      unit: 'MB',
      peers: peers((r) => r.heapMb),
      ratio: vsMini((r) => r.heapMb),
      target: `≤ ${HEAP_TARGET_MB} MB, below MiniSearch`,
      met: us.heapMb <= HEAP_TARGET_MB && ahead((r) => r.heapMb),
      notes: `results for "graph neural network": ${results.map((r) => `${r.label} ${r.sample}`).join(', ')}`,
    },
  ];
}
