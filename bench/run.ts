// `npm run bench [-- --quick] [-- --only NAME]`: runs every figure module in bench/figures,
// prints one table and writes bench/results.json. Each module exports
//   export const name: string;
//   export async function run(ctx: BenchContext): Promise<BenchResult[]>
// Every figure is reported next to a floor or peer measured in the same run where one exists.
// Exit status: non-zero only when a figure module fails to run, never for a missed target.

import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface BenchContext {
  quick: boolean;
  /** Library size for this run: 10,000 with --quick, else 100,000. */
  papers: number;
  seed: number;
  log(message: string): void;
}

export interface BenchResult {
  figure: string;
  value: number;
  unit: string;
  /** What the figure is compared with in the same run, and its value. */
  floor?: { name: string; value: number };
  peers?: { name: string; value: number }[];
  /** value / floor.value where a floor exists. */
  ratio?: number;
  target?: string;
  met?: boolean;
  notes?: string;
}

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;
const ctx: BenchContext = {
  quick,
  papers: quick ? 10_000 : 100_000,
  seed: 42,
  log: (message) => process.stderr.write(`  ${message}\n`),
};

const dir = path.join(import.meta.dirname, 'figures');
const modules = (await readdir(dir)).filter((f) => /\.(ts|mjs)$/.test(f)).sort();
const results: BenchResult[] = [];
const ran = new Set<string>();
let broken = 0;
for (const file of modules) {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as {
    name: string;
    run(ctx: BenchContext): Promise<BenchResult[]>;
  };
  if (only && mod.name !== only) continue;
  process.stderr.write(`▶ ${mod.name}\n`);
  ran.add(mod.name);
  const started = performance.now();
  try {
    results.push(...(await mod.run(ctx)));
    process.stderr.write(`  (${mod.name}: ${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
    // kept as each module finishes, so an interrupted run still leaves what it measured
    await writeResults(true);
  } catch (error) {
    broken++;
    process.stderr.write(`  failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    results.push({ figure: `${mod.name} (failed)`, value: NaN, unit: '', met: false, notes: String(error) });
  }
}

async function writeResults(partial: boolean): Promise<void> {
  await writeFile(
    path.join(import.meta.dirname, 'results.json'),
    JSON.stringify({ date: new Date().toISOString(), quick, papers: ctx.papers, partial, results }, null, 2),
  );
}

// Back up and restore is measured by the durability engineer's bench/figures/backup.ts; until it
// exists the row says so instead of disappearing from the table.
if (!only && !ran.has('backup')) {
  results.push({
    figure: 'backup and restore 100,000 papers (bench/figures/backup.ts not present yet)',
    value: NaN,
    unit: '',
    target: 'each ≤ 15 s',
  });
}

const fmt = (n: number | undefined) =>
  n === undefined || Number.isNaN(n) ? '' : n >= 100 ? n.toFixed(0) : n.toFixed(2);
const rows = results.map((r) => [
  r.figure,
  `${fmt(r.value)} ${r.unit}`,
  r.floor
    ? `${r.floor.name}: ${fmt(r.floor.value)}`
    : (r.peers ?? []).map((p) => `${p.name}: ${fmt(p.value)}`).join('; '),
  r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
  r.target ?? '',
  r.met === undefined ? '' : r.met ? 'yes' : 'NO',
]);
const header = ['Figure', 'Value', 'Floor / peers (same run)', 'Ratio', 'Target', 'Met'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
rows.forEach((r) => console.log(line(r)));
await writeResults(false);
// A missed target is a row saying NO (machines are noisy); only a figure that could not run
// (the harness itself broken) fails the command.
if (broken > 0) {
  process.stderr.write(`${broken} figure module(s) failed to run\n`);
  process.exitCode = 1;
}
