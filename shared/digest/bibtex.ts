// Parser for BibTeX / BibLaTeX files.
//
// Library: @retorquere/bibtex-parser, the parser behind Better BibTeX for Zotero. It is pure
// JavaScript (no Node built-ins, so it runs in the renderer and in workers), parses synchronously,
// recovers from a broken entry and reports it, and turns LaTeX (accents, \emph, math symbols)
// into Unicode far more completely than the lighter parsers (bibtex-parse keeps LaTeX as is;
// citation-js needs its core, which pulls in a Node-only fetch).

import { parse as parseBibtexLibrary, type Creator, type Entry } from '@retorquere/bibtex-parser';
import type { ParsedDigest, ParsedPaper } from '../model';
import { extractLinks, isHttpUrl } from '../text/extractLinks';
import { arxivAbsUrl, arxivIdFromAny, parseArxivId } from '../text/arxivId';
import { DigestError, type DigestSource } from './source';
import { lineAt, splitLines } from './lines';

const ENTRY_START = /^\s*@\s*([A-Za-z]+)\s*[{(]/;
const NON_ENTRY_TYPES = new Set(['comment', 'string', 'preamble']);

/**
 * Cheap check: the first line that is not blank or a `%` comment opens an entry, and some entry
 * has a key (so an abstract quoting "@article{" does not qualify).
 */
export function looksLikeBibtex(lines: readonly string[]): boolean {
  const first = lines.find((line) => line.trim() !== '' && !line.trimStart().startsWith('%'));
  if (!first || !ENTRY_START.test(first)) return false;
  return lines.some((line) => /^\s*@\s*[A-Za-z]+\s*[{(]\s*[^\s,{}()"=]+\s*,/.test(line));
}

export function parseBibtex(source: DigestSource): ParsedDigest {
  let library;
  try {
    library = parseBibtexLibrary(source.text, {
      // Keep titles as written: sentence-casing is for reference managers, not for a reading list.
      english: false,
      sentenceCase: false,
      caseProtection: false,
      unsupported: 'ignore',
    });
  } catch (error) {
    throw new DigestError(
      source.fileName,
      `could not be read as BibTeX (${error instanceof Error ? error.message : 'parse error'})`,
    );
  }
  const warnings: string[] = [];
  const papers: ParsedPaper[] = [];
  const entryLines = locateEntries(source.text, library.entries);
  library.entries.forEach((entry, index) => {
    const line = entryLines[index] ?? 1;
    if (NON_ENTRY_TYPES.has(entry.type.toLowerCase())) return;
    const paper = readEntry(entry);
    if (typeof paper === 'string') {
      // The parser returns a broken entry with no fields; its error is reported below.
      if (Object.keys(entry.fields).length > 0) warnings.push(`line ${line}: entry "${entry.key}" skipped: ${paper}`);
      return;
    }
    paper.line = line;
    papers.push(paper);
  });
  for (const error of library.errors) {
    warnings.push(`line ${errorLine(source.text, error)}: entry skipped: ${firstLine(error.error)}`);
  }
  warnings.sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
  return { format: 'bibtex', digestDate: null, papers, warnings };
}

function readEntry(entry: Entry): ParsedPaper | string {
  const fields = entry.fields as Record<string, unknown>;
  const title = plain(stringField(fields.title) ?? '');
  if (!title) return 'it has no title';
  const url = stringField(fields.url);
  const doi = stringField(fields.doi)?.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '') ?? null;
  const arxivId = arxivIdOf(fields, url);
  const abstract = plain(stringField(fields.abstract) ?? '');
  const links: string[] = [];
  for (const candidate of [url, arxivId ? arxivAbsUrl(arxivId) : undefined, ...extractLinks(abstract)]) {
    if (candidate && isHttpUrl(candidate) && !links.includes(candidate)) links.push(candidate);
  }
  const year = yearOf(stringField(fields.year) ?? stringField(fields.date));
  const keywords = Array.isArray(fields.keywords)
    ? fields.keywords.filter((k): k is string => typeof k === 'string')
    : (stringField(fields.keywords)?.split(/[,;]/) ?? []);
  return {
    title,
    abstract,
    authors: creators(fields.author),
    arxivId,
    links,
    doi: doi || null,
    year,
    tags: keywords.map((k) => plain(k)).filter(Boolean),
    citationKey: entry.key || null,
  };
}

function arxivIdOf(fields: Record<string, unknown>, url: string | undefined): string | null {
  const eprint = stringField(fields.eprint);
  const archive = (stringField(fields.archiveprefix) ?? stringField(fields.eprinttype) ?? '').toLowerCase();
  if (eprint && (archive === 'arxiv' || archive === '')) {
    const id = parseArxivId(eprint);
    if (id) return id;
  }
  // arXiv's own export puts the id in `journal = {arXiv preprint arXiv:2401.00001}` or the URL.
  for (const candidate of [url, stringField(fields.journal), stringField(fields.note)]) {
    if (!candidate) continue;
    const id = arxivIdFromAny(candidate) ?? /arXiv:\s*(\S+)/i.exec(candidate)?.[1];
    const parsed = id ? parseArxivId(id.replace(/[.,;]$/, '')) : null;
    if (parsed) return parsed;
  }
  return null;
}

function creators(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return (value as Creator[])
    .map((creator) =>
      creator.name
        ? creator.name
        : [creator.firstName, creator.prefix, creator.lastName, creator.suffix].filter(Boolean).join(' '),
    )
    .map((name) => plain(name))
    .filter(Boolean);
}

function stringField(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join(', ');
  return undefined;
}

/** The parser marks up \emph, super/subscripts and case protection as HTML; a reading list wants plain text. */
function plain(text: string): string {
  return (
    text
      .replace(/<\/?(?:i|b|sup|sub|sc|em|strong|tt|span|nc)(?:\s[^<>]*)?>/g, '')
      // `\'{\i}` comes out as a dotless i plus an accent; the accented letter is a plain i's.
      .replace(/ı(?=[\u0300-\u036f])/g, 'i')
      .replace(/\s+/g, ' ')
      .trim()
      .normalize('NFC')
  );
}

function yearOf(value: string | undefined): number | null {
  const match = value ? /\b(\d{4})\b/.exec(value) : null;
  return match ? Number(match[1]) : null;
}

/** The line each parsed entry starts on, found by searching for its source text in order. */
function locateEntries(text: string, entries: readonly Entry[]): number[] {
  const lines: number[] = [];
  let from = 0;
  let line = 1;
  for (const entry of entries) {
    const at = entry.input ? text.indexOf(entry.input, from) : -1;
    if (at < 0) {
      lines.push(line);
      continue;
    }
    for (let i = text.indexOf('\n', from); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
    from = at;
    lines.push(line);
  }
  return lines;
}

function errorLine(text: string, error: { error: string; input?: string }): number {
  // Where the broken entry starts beats where the parser noticed the damage.
  if (error.input) {
    const at = text.indexOf(error.input);
    if (at >= 0) return lineAt(text, at);
  }
  const stated = /\bat line (\d+)/.exec(error.error);
  return stated ? Number(stated[1]) : 1;
}

function firstLine(message: string): string {
  return splitLines(message)[0]!.trim();
}
