// Export of 10,000 papers with abstracts to BibTeX: our writer (keys given, and with key
// assignment) against citation-js on the same papers in the same run (CSL-JSON in, `biblatex`
// and `bibtex` out), with a template-string floor that only pastes fields into braces.

import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { assignCitationKeys } from '../../shared/export/citationKey';
import { toCslItems } from '../../shared/export/cslJson';
import type { ExportPaper } from '../../shared/export/types';
import { writeBibtex } from '../../shared/export/bibtex';
import { titleKey } from '../../shared/text/titleKey';
import type { BenchContext, BenchResult } from '../run';
import { syntheticPapers } from '../synthetic';

export const name = 'export';

const PAPERS = 10_000;
const TARGET_RATIO = 5;

function exportPapers(count: number, seed: number): ExportPaper[] {
  return syntheticPapers(count, seed).map((p, i) => {
    const date = `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const key = titleKey(p.title);
    return {
      id: p.arxivId ? `arxiv:${p.arxivId}` : `title:${key}`,
      title: p.title,
      titleKey: key,
      abstract: p.abstract,
      authors: p.authors,
      arxivId: p.arxivId,
      doi: null,
      links: p.links,
      status: 'unread',
      starred: 0,
      notes: p.notes,
      tags: p.tags,
      citationKey: null,
      readAt: null,
      addedAt: 0,
      updatedAt: 0,
      lastDigestDate: date,
      listOrder: date,
      digestDates: [date],
      digestNames: ['Hugging Face Daily Papers'],
    };
  });
}

interface Timing {
  /** Median wall-clock time, ms. */
  wall: number;
  /** Median CPU time of this process (all its threads, GC included), ms: steadier on a busy machine. */
  cpu: number;
}

/**
 * Times every candidate in turn, round after round, and keeps each one's medians: on a busy
 * machine all of them see the same load, so their ratios hold even when absolute times drift.
 */
function interleaved<K extends string>(candidates: Record<K, () => unknown>, rounds: number): Record<K, Timing> {
  const entries = Object.entries(candidates) as [K, () => unknown][];
  const wall = new Map<K, number[]>();
  const cpu = new Map<K, number[]>();
  for (const [label, fn] of entries) {
    fn(); // warm-up
    wall.set(label, []);
    cpu.set(label, []);
  }
  for (let round = 0; round < rounds; round++) {
    for (const [label, fn] of entries) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      fn();
      wall.get(label)!.push(performance.now() - start);
      const used = process.cpuUsage(cpuStart);
      cpu.get(label)!.push((used.user + used.system) / 1000);
    }
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  const result = {} as Record<K, Timing>;
  for (const [label] of entries) result[label] = { wall: median(wall.get(label)!), cpu: median(cpu.get(label)!) };
  return result;
}

/**
 * Reading one character makes V8 flatten a string built by concatenation (a rope), as writing it
 * to a file would: every candidate pays for a finished, contiguous text.
 */
function flat(text: string): number {
  return text.charCodeAt(text.length >> 1);
}

/** The least a .bib writer can do: paste raw fields into braces, no escaping, no names, no keys. */
function templateFloor(papers: readonly ExportPaper[], keys: ReadonlyMap<string, string>): string {
  let out = '';
  for (const p of papers) {
    out +=
      `@misc{${keys.get(p.id)},\n  author = {${p.authors.join(' and ')}},\n  title = {${p.title}},\n` +
      `  year = {${p.lastDigestDate.slice(0, 4)}},\n  eprint = {${p.arxivId ?? ''}},\n` +
      `  abstract = {${p.abstract}}\n}\n\n`;
  }
  return out;
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const papers = exportPapers(PAPERS, ctx.seed);
  const keys = assignCitationKeys(papers);
  const runs = ctx.quick ? 5 : 11;
  // citation-js takes the same papers as CSL-JSON, keys included, so its work is only the output.
  const csl = toCslItems(papers, { citationKeys: keys });
  // Cite() copies and normalizes its input: built once, outside the timing, like our ExportPapers.
  const cite = new Cite(csl);
  const ratio = (peer: number, ours: number) => peer / ours;

  const t = interleaved(
    {
      oursGiven: () => flat(writeBibtex(papers, { citationKeys: keys })),
      oursAssigned: () => flat(writeBibtex(papers)),
      keyAssignment: () => assignCitationKeys(papers),
      floor: () => flat(templateFloor(papers, keys)),
      citeBiblatex: () => flat(String(cite.format('biblatex'))),
      citeBibtex: () => flat(String(cite.format('bibtex'))),
    },
    runs,
  );
  const oursGiven = t.oursGiven.wall;
  const oursAssigned = t.oursAssigned.wall;
  const citeBiblatex = t.citeBiblatex.wall;
  const citeBibtex = t.citeBibtex.wall;
  const floor = t.floor.wall;
  const sizeOurs = writeBibtex(papers, { citationKeys: keys }).length;
  const sizePeer = String(cite.format('biblatex')).length;
  const speedup = ratio(citeBiblatex, oursGiven);
  const speedupAssigned = ratio(citeBiblatex, oursAssigned);
  const cpuSpeedup = ratio(t.citeBiblatex.cpu, t.oursGiven.cpu);
  const cpuSpeedupAssigned = ratio(t.citeBiblatex.cpu, t.oursAssigned.cpu);
  const line = (label: string, timing: Timing) =>
    `${label} ${timing.wall.toFixed(1)} ms (cpu ${timing.cpu.toFixed(1)} ms)`;
  ctx.log(
    [
      line('ours, keys given', t.oursGiven),
      line('ours, keys assigned', t.oursAssigned),
      line('key assignment alone', t.keyAssignment),
      line('citation-js biblatex', t.citeBiblatex),
      line('citation-js bibtex', t.citeBibtex),
      line('template floor', t.floor),
    ].join('; ') +
      `; output ${(sizeOurs / 1e6).toFixed(1)} MB vs ${(sizePeer / 1e6).toFixed(1)} MB` +
      ` (citation-js plugins: ${plugins.list().join(', ')})`,
  );
  const peers = [
    { name: 'citation-js biblatex', value: citeBiblatex },
    { name: 'citation-js bibtex', value: citeBibtex },
  ];
  return [
    {
      figure: `BibTeX export, ${PAPERS.toLocaleString('en')} papers (keys given)`,
      value: oursGiven,
      unit: 'ms',
      floor: { name: 'template strings', value: floor },
      ratio: oursGiven / floor,
      peers,
      target: `≥ ${TARGET_RATIO}× faster than citation-js`,
      met: speedup >= TARGET_RATIO,
      notes:
        `${speedup.toFixed(1)}× faster than citation-js biblatex (${cpuSpeedup.toFixed(1)}× in CPU time), ` +
        `${ratio(citeBibtex, oursGiven).toFixed(1)}× than its bibtex output; template floor ${floor.toFixed(1)} ms`,
    },
    {
      figure: `BibTeX export, ${PAPERS.toLocaleString('en')} papers (keys assigned)`,
      value: oursAssigned,
      unit: 'ms',
      peers,
      target: `≥ ${TARGET_RATIO}× faster than citation-js`,
      met: speedupAssigned >= TARGET_RATIO,
      notes:
        `${speedupAssigned.toFixed(1)}× faster than citation-js biblatex (${cpuSpeedupAssigned.toFixed(1)}× in CPU ` +
        `time); key assignment alone ${t.keyAssignment.wall.toFixed(1)} ms`,
    },
  ];
}
