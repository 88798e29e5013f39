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

/**
 * Times every candidate in turn, round after round, and keeps each one's median (ms): on a busy
 * machine all of them see the same load, so their ratios hold even when absolute times drift.
 */
function interleaved(candidates: Record<string, () => unknown>, rounds: number): Record<string, number> {
  const times: Record<string, number[]> = {};
  for (const [label, fn] of Object.entries(candidates)) {
    fn(); // warm-up
    times[label] = [];
  }
  for (let round = 0; round < rounds; round++) {
    for (const [label, fn] of Object.entries(candidates)) {
      const start = performance.now();
      fn();
      times[label]!.push(performance.now() - start);
    }
  }
  const medians: Record<string, number> = {};
  for (const [label, list] of Object.entries(times)) {
    list.sort((a, b) => a - b);
    medians[label] = list[Math.floor(list.length / 2)]!;
  }
  return medians;
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
  const { oursGiven, oursAssigned, keyAssignment, floor, citeBiblatex, citeBibtex } = t as Record<
    'oursGiven' | 'oursAssigned' | 'keyAssignment' | 'floor' | 'citeBiblatex' | 'citeBibtex',
    number
  >;
  const sizeOurs = writeBibtex(papers, { citationKeys: keys }).length;
  const sizePeer = String(cite.format('biblatex')).length;
  ctx.log(
    `ours ${oursGiven.toFixed(1)} ms (keys given), ${oursAssigned.toFixed(1)} ms (keys assigned, of which ` +
      `${keyAssignment.toFixed(1)} ms keys); citation-js biblatex ${citeBiblatex.toFixed(0)} ms, bibtex ` +
      `${citeBibtex.toFixed(0)} ms; template floor ${floor.toFixed(1)} ms; output ${(sizeOurs / 1e6).toFixed(1)} MB ` +
      `vs ${(sizePeer / 1e6).toFixed(1)} MB (citation-js plugins: ${plugins.list().join(', ')})`,
  );
  const speedup = ratio(citeBiblatex, oursGiven);
  const speedupAssigned = ratio(citeBiblatex, oursAssigned);
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
        `citation-js biblatex ${citeBiblatex.toFixed(0)} ms (${speedup.toFixed(1)}× ours), bibtex ` +
        `${citeBibtex.toFixed(0)} ms; template floor ${floor.toFixed(1)} ms`,
    },
    {
      figure: `BibTeX export, ${PAPERS.toLocaleString('en')} papers (keys assigned)`,
      value: oursAssigned,
      unit: 'ms',
      peers,
      target: `≥ ${TARGET_RATIO}× faster than citation-js`,
      met: speedupAssigned >= TARGET_RATIO,
      notes: `key assignment alone ${keyAssignment.toFixed(1)} ms; ${speedupAssigned.toFixed(1)}× faster than citation-js biblatex`,
    },
  ];
}
