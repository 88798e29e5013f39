// Parser for arXiv's daily listing e-mail saved as text. Each entry:
//
//   \\
//   arXiv:2403.08763 (*cross-listing*)      ← marker only in the cross-list / replacement sections
//   Date: Wed, 13 Mar 2024 17:58:00 GMT   (1234kb)
//
//   Title: A title that may continue
//     on indented lines
//   Authors: A (Affil), B and C
//   Categories: cs.CL cs.AI
//   Comments: 12 pages
//   \\
//     The abstract, indented, hard-wrapped.
//   \\ ( https://arxiv.org/abs/2403.08763 ,  1234kb)
//
// Replacement entries may have no abstract: their closing `\\ (` line follows the fields.

import type { ParsedDigest, ParsedPaper } from '../model';
import { extractLinks } from '../text/extractLinks';
import { arxivAbsUrl, parseArxivId } from '../text/arxivId';
import { splitAuthorList } from '../text/authorList';
import { isoDateFromHeader } from '../text/mailDate';
import { decodeTexAccents } from '../text/texAccents';
import type { DigestSource } from './source';
import { splitLines } from './lines';

const ENTRY_START = /^arXiv:(\S+)(?:\s+\(\*([a-z -]+)\*\))?\s*$/i;
const CLOSING = /^\\\\ \(\s*(\S+)/;
const FIELD = /^([A-Za-z][A-Za-z-]*(?: [a-z]+)*):\s?(.*)$/;

/** Cheap check: a `\\` separator, an `arXiv:ID` line and an entry's closing `\\ ( URL` line. */
export function looksLikeArxivEmail(lines: readonly string[]): boolean {
  let separator = false;
  let entry = false;
  let closing = false;
  for (const line of lines) {
    if (line.trimEnd() === '\\\\') separator = true;
    else if (ENTRY_START.test(line) && parseArxivId(ENTRY_START.exec(line)![1]!)) entry = true;
    else if (/^\\\\ \(\s*https?:\/\/arxiv\.org\/abs\//.test(line)) closing = true;
  }
  return separator && entry && closing;
}

interface Entry {
  line: number;
  arxivId: string | null;
  marker: string | null;
  fields: Map<string, string>;
  abstractLines: string[];
  /** Which part is being read: the fields, then (after a lone `\\`) the abstract. */
  part: 'fields' | 'abstract';
}

export function parseArxivEmail(source: DigestSource): ParsedDigest {
  const lines = splitLines(source.text);
  const warnings: string[] = [];
  const papers: ParsedPaper[] = [];
  let headerDate: string | null = null;
  let entry: Entry | null = null;
  let lastField: string | null = null;

  const abandon = (reason: string) => {
    if (entry) warnings.push(`line ${entry.line}: arXiv entry skipped: ${reason}`);
    entry = null;
  };

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const start = ENTRY_START.exec(line);
    if (start) {
      if (entry) abandon('it has no closing "\\\\ ( https://arxiv.org/abs/… )" line');
      entry = {
        line: index + 1,
        arxivId: parseArxivId(start[1]!),
        marker: start[2]?.toLowerCase() ?? null,
        fields: new Map(),
        abstractLines: [],
        part: 'fields',
      };
      lastField = null;
      continue;
    }
    if (!entry) {
      // Before the first entry: the listing's own header says when it was sent or what it covers.
      headerDate ??= readHeaderDate(line);
      continue;
    }
    const current: Entry = entry;
    const closing = CLOSING.exec(line);
    if (closing) {
      const paper = finishEntry(current, closing[1]!, warnings);
      if (paper) papers.push(paper);
      entry = null;
      continue;
    }
    if (current.part === 'abstract') {
      current.abstractLines.push(line);
      continue;
    }
    if (line.trimEnd() === '\\\\') {
      current.part = 'abstract';
      continue;
    }
    if (/^\s/.test(line) && line.trim() !== '' && lastField) {
      // Continuation of the previous field (Title: and Authors: wrap with a two-space indent).
      current.fields.set(lastField, `${current.fields.get(lastField)} ${line.trim()}`);
      continue;
    }
    const field = FIELD.exec(line);
    if (field) {
      lastField = field[1]!.toLowerCase();
      current.fields.set(lastField, field[2]!.trim());
    } else if (line.trim() !== '') {
      lastField = null;
    }
  }
  if (entry) abandon('the file ends inside it');

  const digestDate = headerDate;
  for (const paper of papers) paper.digestDate = digestDate;
  return { format: 'arxiv-email', digestDate, papers, warnings };
}

function finishEntry(entry: Entry, closingTarget: string, warnings: string[]): ParsedPaper | null {
  const title = entry.fields.get('title');
  const arxivId = entry.arxivId ?? parseArxivId(closingTarget.replace(/^https?:\/\/arxiv\.org\/abs\//, ''));
  if (!title) {
    warnings.push(`line ${entry.line}: arXiv entry skipped: it has no Title: line`);
    return null;
  }
  const abstract = entry.abstractLines
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
  const links: string[] = arxivId ? [arxivAbsUrl(arxivId)] : [];
  for (const link of extractLinks(`${abstract} ${entry.fields.get('comments') ?? ''}`)) {
    if (!links.includes(link)) links.push(link);
  }
  const submitted = entry.fields.get('date');
  const submittedDate = submitted ? isoDateFromHeader(submitted) : null;
  const categories = entry.fields.get('categories')?.split(/\s+/).filter(Boolean) ?? [];
  return {
    title: decodeTexAccents(title),
    abstract,
    authors: splitAuthorList(decodeTexAccents(entry.fields.get('authors') ?? '')),
    arxivId,
    links,
    doi: entry.fields.get('doi')?.split(/\s+/)[0] ?? null,
    year: submittedDate ? Number(submittedDate.slice(0, 4)) : null,
    categories,
    announceType: announceType(entry.marker),
    line: entry.line,
  };
}

function announceType(marker: string | null): string {
  if (marker === null) return 'new';
  if (marker.startsWith('cross')) return 'cross';
  if (marker.startsWith('replaced')) return 'replace';
  return marker;
}

/**
 * A date from the listing's header: the mail's own `Date:` header when it was kept, else the end
 * of the "received from … to …" submission window.
 */
function readHeaderDate(line: string): string | null {
  const mailDate = /^Date:\s*(.+)$/.exec(line);
  if (mailDate) return isoDateFromHeader(mailDate[1]!);
  const window = /received from .+?\bto\s+(.+)$/i.exec(line);
  if (window) return isoDateFromHeader(window[1]!);
  return null;
}
