// The entries both .bib writers share; the flavor decides entry type, date fields and encoding.
//
// BibTeX: `@misc` with `year`/`month` (month as a macro, `mar`), `eprint`/`archivePrefix`/
// `primaryClass`, `annote`, and a `key` field when there are no authors (plain.bst sorts by
// author or key and warns without either). BibLaTeX: `@online` when there is a url, doi or
// eprint (biber's data model requires one of them), else `@misc`; `date`, `eprinttype`,
// `eprintclass`, `annotation`; UTF-8 text.

import { bibtexAuthors } from './authorName';
import { arxivAbsUrl, normalizeArxivClass, normalizeArxivId, normalizeDoi } from './arxivId';
import { citationKeysFor, citationKeysInOrder } from './citationKey';
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
 * A field's opening in both positions: after a value still open (its `}` goes first) and after
 * a closed one. Each closing brace travels with the next field's opening, so an entry is a few
 * constant pieces and its values.
 */
function openings(name: string): readonly [afterOpenValue: string, afterClosedValue: string] {
  return [`},\n  ${name} = {`, `,\n  ${name} = {`];
}

/** An entry's opening, first in the file or after another entry (a blank line between). */
const MISC = ['@misc{', '\n@misc{'] as const;
const ONLINE = ['@online{', '\n@online{'] as const;
const YEAR = openings('year');
const DATE = openings('date');
const EPRINT = openings('eprint');
/** `archivePrefix = {arXiv`: a constant value travels with its opening. */
const ARCHIVE_PREFIX_ARXIV = `${openings('archivePrefix')[0]}arXiv`;
const PRIMARY_CLASS = openings('primaryClass');
const EPRINT_TYPE_ARXIV = `${openings('eprinttype')[0]}arxiv`;
const EPRINT_CLASS = openings('eprintclass');
const DOI = openings('doi');
/** The url field's opening and the abs page's address up to the id. */
const ARXIV_URL = openings('url').map((opening) => opening + arxivAbsUrl('')) as [string, string];
const ABSTRACT = openings('abstract');
const KEYWORDS = openings('keywords');
const NOTE = openings('note');
const ANNOTE = openings('annote');
const ANNOTATION = openings('annotation');
const KEY = openings('key');
/** `},\n  month = mar`: the month is a macro, so the value after it is closed. */
const MONTHS = MONTH_MACROS.map((macro) => `},\n  month = ${macro}`);

// Dates repeat across a library: each year and month's fields are built once per flavor.
const DATE_CACHE_LIMIT = 10_000;
const dateFieldsCache = { bibtex: new Map<number, string>(), biblatex: new Map<number, string>() };

/**
 * The date fields after the title's open value: `},\n  year = {2026},\n  month = mar` (the month
 * closed) or `},\n  year = {2026` for BibTeX, `},\n  date = {2026-03` for BibLaTeX.
 */
function dateFields(year: number, month: number | null | undefined, flavor: TexFlavor): string {
  const cacheable =
    Number.isInteger(year) && year >= 0 && year < 100_000 && (!month || (Number.isInteger(month) && month <= 12));
  const id = cacheable ? year * 16 + (month || 0) : -1;
  const cache = dateFieldsCache[flavor];
  let fields = cacheable ? cache.get(id) : undefined;
  if (fields === undefined) {
    fields =
      flavor === 'bibtex'
        ? `${YEAR[0]}${String(year)}${month ? MONTHS[month - 1]! : ''}`
        : `${DATE[0]}${month ? `${year}-${pad2(month)}` : String(year)}`;
    if (cacheable) {
      if (cache.size >= DATE_CACHE_LIMIT) cache.clear();
      cache.set(id, fields);
    }
  }
  return fields;
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
  return appendEntry('', paper, key, flavor, includeNotes, 0);
}

/**
 * `out` with one entry appended. Pieces go straight onto the file's text (V8 ropes), never into a
 * string per entry first: for 10,000 entries that is measurably cheaper, and so are the few pieces
 * per field (`openings`). Empty values are left out.
 */
function appendEntry(
  out: string,
  paper: ExportPaper,
  key: string,
  flavor: TexFlavor,
  includeNotes: boolean,
  afterEntry: 0 | 1,
): string {
  const arxivId = normalizeArxivId(paper.arxivId);
  const doi = normalizeDoi(paper.doi);
  const primaryClass = arxivId ? normalizeArxivClass(paper.primaryClass, paper.categories) : null;
  const date = paperDate(paper);
  const authors = bibtexAuthors(paper.authors, flavor);
  const bibtex = flavor === 'bibtex';

  out += (bibtex ? MISC : arxivId || doi ? ONLINE : MISC)[afterEntry];
  out += key;
  if (authors !== '') {
    out += ',\n  author = {';
    out += authors;
    out += '},\n  title = {';
  } else {
    out += ',\n  title = {';
  }
  // Both BibLaTeX types require a title; an empty one would be a warning in every tool.
  out += latexTitle(paper.title, flavor) || 'Untitled';
  // 0 while the last value is open (the next opening closes it), 1 after the month macro.
  let closed: 0 | 1 = 0;
  if (date) {
    out += dateFields(date.year, date.month, flavor);
    if (bibtex && date.month) closed = 1;
  }
  if (arxivId) {
    out += EPRINT[closed];
    out += arxivId;
    closed = 0;
    if (bibtex) {
      out += ARCHIVE_PREFIX_ARXIV;
      if (primaryClass) {
        out += PRIMARY_CLASS[0];
        out += primaryClass;
      }
    } else {
      out += EPRINT_TYPE_ARXIV;
      if (primaryClass) {
        out += EPRINT_CLASS[0];
        out += primaryClass;
      }
    }
  }
  // The rest may be empty or absent: each appended only when it has a value.
  let value = doi ? latexVerbatim(doi) : '';
  if (value !== '') {
    out += DOI[closed];
    out += value;
    closed = 0;
  }
  if (arxivId) {
    out += ARXIV_URL[closed];
    out += arxivId;
    closed = 0;
  }
  value = latexText(paper.abstract, flavor);
  if (value !== '') {
    out += ABSTRACT[closed];
    out += value;
    closed = 0;
  }
  value = paper.tags.length > 0 ? paper.tags.map((tag) => latexLiteral(tag.replace(/,/g, ' '), flavor)).join(', ') : '';
  if (value !== '') {
    out += KEYWORDS[closed];
    out += value;
    closed = 0;
  }
  value = date?.note ? escapedNote(date.note, flavor) : '';
  if (value !== '') {
    out += NOTE[closed];
    out += value;
    closed = 0;
  }
  value = includeNotes && paper.notes.trim() !== '' ? latexNotes(paper.notes, flavor) : '';
  if (value !== '') {
    out += (bibtex ? ANNOTE : ANNOTATION)[closed];
    out += value;
    closed = 0;
  }
  value = bibtex && authors === '' ? latexLiteral(sortKeyWord(paper.title), flavor) : '';
  if (value !== '') {
    out += KEY[closed];
    out += value;
    closed = 0;
  }
  out += closed ? '\n}\n' : '}\n}\n';
  return out;
}

/** A whole .bib file: one entry per paper (first of each id), in the order given, blank lines between. */
export function writeBibEntries(papers: readonly ExportPaper[], options: ExportOptions, flavor: TexFlavor): string {
  const includeNotes = options.includeNotes ?? false;
  let out = '';
  // The same paper twice would be a "repeated entry" error in BibTeX: only the first is written.
  if (!options.citationKeys || options.citationKeys.size === 0) {
    // Keys assigned here come in the papers' order, null for a repeated id: no lookup per paper.
    const keys = citationKeysInOrder(papers);
    for (let i = 0; i < papers.length; i++) {
      const key = keys[i];
      if (key === null || key === undefined) continue;
      out = appendEntry(out, papers[i]!, key, flavor, includeNotes, out === '' ? 0 : 1);
    }
    return out;
  }
  const keys = citationKeysFor(papers, options.citationKeys);
  const written = new Set<string>();
  for (const paper of papers) {
    if (written.has(paper.id)) continue;
    out = appendEntry(out, paper, keys.get(paper.id)!, flavor, includeNotes, written.size > 0 ? 1 : 0);
    written.add(paper.id);
  }
  return out;
}
