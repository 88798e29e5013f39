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

/**
 * `,\n  name = {value}`; nothing for an empty value. `opening` is the constant `,\n  name = {`
 * of the call site, so the name part is never rebuilt per entry.
 */
function field(opening: string, value: string): string {
  return value === '' ? '' : opening + value + '}';
}

// Digest notes repeat across a library (one per digest name and date, built once by paperDate):
// each is escaped once.
const NOTE_CACHE_LIMIT = 10_000;
const escapedNotes = { bibtex: new Map<string, string>(), biblatex: new Map<string, string>() };

function escapedNote(note: string, flavor: TexFlavor): string {
  const cache = escapedNotes[flavor];
  let escaped = cache.get(note);
  if (escaped === undefined) {
    if (cache.size >= NOTE_CACHE_LIMIT) cache.clear();
    escaped = latexLiteral(note, flavor);
    cache.set(note, escaped);
  }
  return escaped;
}

/** One entry. `key` must already be unique and valid. */
export function bibEntry(paper: ExportPaper, key: string, flavor: TexFlavor, includeNotes: boolean): string {
  const arxivId = normalizeArxivId(paper.arxivId);
  const doi = normalizeDoi(paper.doi);
  const primaryClass = arxivId ? normalizeArxivClass(paper.primaryClass, paper.categories) : null;
  const date = paperDate(paper);
  const authors = bibtexAuthors(paper.authors, flavor);
  const bibtex = flavor === 'bibtex';

  // Built by concatenation (V8 ropes): cheaper than arrays and joins for 10,000 entries.
  let out = `@${bibtex ? 'misc' : arxivId || doi ? 'online' : 'misc'}{${key}`;
  out += field(',\n  author = {', authors);
  // Both BibLaTeX types require a title; an empty one would be a warning in every tool.
  out += field(',\n  title = {', latexTitle(paper.title, flavor) || 'Untitled');
  if (date) {
    if (bibtex) {
      out += field(',\n  year = {', String(date.year));
      if (date.month) out += `,\n  month = ${MONTH_MACROS[date.month - 1]}`;
    } else {
      out += field(',\n  date = {', date.month ? `${date.year}-${pad2(date.month)}` : String(date.year));
    }
  }
  if (arxivId) {
    out += field(',\n  eprint = {', arxivId);
    if (bibtex) {
      out += field(',\n  archivePrefix = {', 'arXiv');
      if (primaryClass) out += field(',\n  primaryClass = {', primaryClass);
    } else {
      out += field(',\n  eprinttype = {', 'arxiv');
      if (primaryClass) out += field(',\n  eprintclass = {', primaryClass);
    }
  }
  if (doi) out += field(',\n  doi = {', latexVerbatim(doi));
  if (arxivId) out += field(',\n  url = {', arxivAbsUrl(arxivId));
  out += field(',\n  abstract = {', latexText(paper.abstract, flavor));
  if (paper.tags.length > 0) {
    out += field(',\n  keywords = {', paper.tags.map((tag) => latexLiteral(tag.replace(/,/g, ' '), flavor)).join(', '));
  }
  if (date?.note) out += field(',\n  note = {', escapedNote(date.note, flavor));
  if (includeNotes && paper.notes.trim() !== '') {
    out += field(bibtex ? ',\n  annote = {' : ',\n  annotation = {', latexNotes(paper.notes, flavor));
  }
  if (bibtex && authors === '') out += field(',\n  key = {', latexLiteral(sortKeyWord(paper.title), flavor));
  return `${out}\n}\n`;
}

/** A whole .bib file: one entry per paper (first of each id), in the order given, blank lines between. */
export function writeBibEntries(papers: readonly ExportPaper[], options: ExportOptions, flavor: TexFlavor): string {
  const keys = citationKeysFor(papers, options.citationKeys);
  const includeNotes = options.includeNotes ?? false;
  let out = '';
  const written = new Set<string>();
  for (const paper of papers) {
    // The same paper twice would be a "repeated entry" error in BibTeX.
    if (written.has(paper.id)) continue;
    if (written.size > 0) out += '\n';
    written.add(paper.id);
    out += bibEntry(paper, keys.get(paper.id)!, flavor, includeNotes);
  }
  return out;
}
