// The entries both .bib writers share; the flavor decides entry type, date fields and encoding.
//
// BibTeX: `@misc` with `year`/`month` (month as a macro, `mar`), `eprint`/`archivePrefix`/
// `primaryClass`, `annote`, and a `key` field when there are no authors (plain.bst sorts by
// author or key and warns without either). BibLaTeX: `@online` when there is a url, doi or
// eprint (biber's data model requires one of them), else `@misc`; `date`, `eprinttype`,
// `eprintclass`, `annotation`; UTF-8 text.

import { bibtexAuthors } from './authorName';
import { arxivAbsUrl, normalizeArxivClass, normalizeArxivId, normalizeDoi } from './arxivId';
import { citationKeysFor } from './citationKey';
import { foldToAscii } from './foldToAscii';
import { type TexFlavor, latexLiteral, latexNotes, latexText, latexTitle, latexVerbatim } from './latex';
import { MONTH_MACROS, paperDate } from './paperDate';
import type { ExportOptions, ExportPaper } from './types';

const STOP_FOR_SORT = new Set(['a', 'an', 'the', 'on', 'of', 'for', 'towards', 'to', 'in', 'and']);

/** The `key` field for papers without authors: the title's first significant word, in ASCII. */
export function sortKeyWord(title: string): string {
  for (const word of foldToAscii(title.normalize('NFC')).split(/[^A-Za-z0-9]+/)) {
    if (word !== '' && !STOP_FOR_SORT.has(word.toLowerCase()) && !/^\d+$/.test(word)) return word;
  }
  return 'Anonymous';
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** One entry. `key` must already be unique and valid. */
export function bibEntry(paper: ExportPaper, key: string, flavor: TexFlavor, includeNotes: boolean): string {
  const lines: string[] = [];
  const field = (name: string, value: string) => {
    if (value !== '') lines.push(`  ${name} = {${value}},`);
  };
  const arxivId = normalizeArxivId(paper.arxivId);
  const doi = normalizeDoi(paper.doi);
  const primaryClass = arxivId ? normalizeArxivClass(paper.primaryClass, paper.categories) : null;
  const date = paperDate(paper);
  const authors = bibtexAuthors(paper.authors, flavor);

  field('author', authors);
  // Both BibLaTeX types require a title; an empty one would be a warning in every tool.
  field('title', latexTitle(paper.title, flavor) || 'Untitled');
  if (date) {
    if (flavor === 'bibtex') {
      field('year', String(date.year));
      if (date.month) lines.push(`  month = ${MONTH_MACROS[date.month - 1]},`);
    } else {
      field('date', date.month ? `${date.year}-${pad2(date.month)}` : String(date.year));
    }
  }
  if (arxivId) {
    field('eprint', arxivId);
    if (flavor === 'bibtex') {
      field('archivePrefix', 'arXiv');
      if (primaryClass) field('primaryClass', primaryClass);
    } else {
      field('eprinttype', 'arxiv');
      if (primaryClass) field('eprintclass', primaryClass);
    }
  }
  if (doi) field('doi', latexVerbatim(doi));
  if (arxivId) field('url', arxivAbsUrl(arxivId));
  field('abstract', latexText(paper.abstract, flavor));
  if (paper.tags.length > 0) {
    field('keywords', paper.tags.map((tag) => latexLiteral(tag.replace(/,/g, ' '), flavor)).join(', '));
  }
  if (date?.note) field('note', latexLiteral(date.note, flavor));
  if (includeNotes && paper.notes.trim() !== '') {
    field(flavor === 'bibtex' ? 'annote' : 'annotation', latexNotes(paper.notes, flavor));
  }
  if (flavor === 'bibtex' && authors === '') field('key', latexLiteral(sortKeyWord(paper.title), flavor));

  const type = flavor === 'bibtex' ? 'misc' : arxivId || doi ? 'online' : 'misc';
  const last = lines.length - 1;
  if (last >= 0) lines[last] = lines[last]!.slice(0, -1);
  return `@${type}{${key},\n${lines.join('\n')}\n}\n`;
}

/** A whole .bib file: one entry per paper (first of each id), in the order given, blank lines between. */
export function writeBibEntries(papers: readonly ExportPaper[], options: ExportOptions, flavor: TexFlavor): string {
  const keys = citationKeysFor(papers, options.citationKeys);
  const includeNotes = options.includeNotes ?? false;
  const entries: string[] = [];
  const written = new Set<string>();
  for (const paper of papers) {
    // The same paper twice would be a "repeated entry" error in BibTeX.
    if (written.has(paper.id)) continue;
    written.add(paper.id);
    entries.push(bibEntry(paper, keys.get(paper.id)!, flavor, includeNotes));
  }
  return entries.join('\n');
}
