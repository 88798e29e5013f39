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
 * A field's opening in both positions: after a value still open (its `}` goes first) and after
 * a closed one. Each closing brace travels with the next field's opening, so an entry is a few
 * constant pieces and its values.
 */
function openings(name: string): readonly [afterOpenValue: string, afterClosedValue: string] {
  return [`},\n  ${name} = {`, `,\n  ${name} = {`];
}

const YEAR = openings('year');
const DATE = openings('date');
const EPRINT = openings('eprint');
const ARCHIVE_PREFIX = openings('archivePrefix');
const PRIMARY_CLASS = openings('primaryClass');
const EPRINT_TYPE = openings('eprinttype');
const EPRINT_CLASS = openings('eprintclass');
const DOI = openings('doi');
const URL_FIELD = openings('url');
const ABSTRACT = openings('abstract');
const KEYWORDS = openings('keywords');
const NOTE = openings('note');
const ANNOTE = openings('annote');
const ANNOTATION = openings('annotation');
const KEY = openings('key');
/** `},\n  month = mar`: the month is a macro, so the value after it is closed. */
const MONTHS = MONTH_MACROS.map((macro) => `},\n  month = ${macro}`);

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
  return appendEntry('', paper, key, flavor, includeNotes);
}

/**
 * `out` with one entry appended. Pieces go straight onto the file's text (V8 ropes), never into a
 * string per entry first: for 10,000 entries that is measurably cheaper, and so are the few pieces
 * per field (`openings`). Empty values are left out.
 */
function appendEntry(out: string, paper: ExportPaper, key: string, flavor: TexFlavor, includeNotes: boolean): string {
  const arxivId = normalizeArxivId(paper.arxivId);
  const doi = normalizeDoi(paper.doi);
  const primaryClass = arxivId ? normalizeArxivClass(paper.primaryClass, paper.categories) : null;
  const date = paperDate(paper);
  const authors = bibtexAuthors(paper.authors, flavor);
  const bibtex = flavor === 'bibtex';

  out += bibtex ? '@misc{' : arxivId || doi ? '@online{' : '@misc{';
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
    if (bibtex) {
      out += YEAR[0];
      out += String(date.year);
      if (date.month) {
        out += MONTHS[date.month - 1]!;
        closed = 1;
      }
    } else {
      out += DATE[0];
      out += date.month ? `${date.year}-${pad2(date.month)}` : String(date.year);
    }
  }
  if (arxivId) {
    out += EPRINT[closed];
    out += arxivId;
    closed = 0;
    if (bibtex) {
      out += ARCHIVE_PREFIX[0];
      out += 'arXiv';
      if (primaryClass) {
        out += PRIMARY_CLASS[0];
        out += primaryClass;
      }
    } else {
      out += EPRINT_TYPE[0];
      out += 'arxiv';
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
    out += URL_FIELD[closed];
    out += arxivAbsUrl(arxivId);
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
  const keys = citationKeysFor(papers, options.citationKeys);
  const includeNotes = options.includeNotes ?? false;
  let out = '';
  const written = new Set<string>();
  for (const paper of papers) {
    // The same paper twice would be a "repeated entry" error in BibTeX.
    if (written.has(paper.id)) continue;
    if (written.size > 0) out += '\n';
    written.add(paper.id);
    out = appendEntry(out, paper, keys.get(paper.id)!, flavor, includeNotes);
  }
  return out;
}
