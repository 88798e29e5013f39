// The date an entry carries: the publication year when known, else the arXiv id's month, else the
// date of the digest that listed the paper (with a note saying so, since it is not a publication date).

import type { ExportPaper } from './types';

export interface PaperDate {
  year: number;
  /** 1–12, when known. */
  month?: number;
  /** Where the date came from: a source's year, the arXiv id (month of the first version), or a digest. */
  source: 'year' | 'arxiv' | 'digest';
  /** For source 'digest': "Listed in the … digest of 13 March 2026". */
  note?: string;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** BibTeX's month macros, understood by every standard style and by biber. */
export const MONTH_MACROS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const NEW_ARXIV_ID = /^(\d{2})(\d{2})\.\d{4,5}$/;
const OLD_ARXIV_ID = /^[a-z-]+(?:\.[A-Z]{2})?\/(\d{2})(\d{2})\d{3}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Year and month of an arXiv id's first version: 2403.08763 → March 2024; null for other ids. */
export function arxivIdDate(arxivId: string): { year: number; month: number } | null {
  const yymm = newStyleYyMm(arxivId);
  if (yymm >= 0) {
    const month = yymm % 100;
    return month >= 1 && month <= 12 ? { year: 2000 + Math.floor(yymm / 100), month } : null;
  }
  const newStyle = NEW_ARXIV_ID.exec(arxivId);
  const match = newStyle ?? OLD_ARXIV_ID.exec(arxivId);
  if (!match) return null;
  const yy = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  const year = newStyle || yy < 91 ? 2000 + yy : 1900 + yy;
  return { year, month };
}

/** "13 March 2026" for 2026-03-13; null when the text is not a date. */
export function longDate(isoDate: string): string | null {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return null;
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${day} ${MONTH_NAMES[month - 1]} ${match[1]}`;
}

/** The digest note: names the digest and its date. */
export function digestNote(isoDate: string, digestName: string | undefined): string | null {
  const date = longDate(isoDate);
  if (date === null) return null;
  const name = digestName?.trim();
  return name ? `Listed in the ${name} digest of ${date}` : `Listed in a digest of ${date}`;
}

// A library lists thousands of papers under a few hundred digests: each note is built once.
const NOTE_CACHE_LIMIT = 10_000;
/** Digest name → date → note; no key string is built per lookup. */
const noteCache = new Map<string | undefined, Map<string, string | null>>();
let cachedNotes = 0;

function cachedDigestNote(isoDate: string, digestName: string | undefined): string | null {
  let byDate = noteCache.get(digestName);
  if (byDate === undefined) {
    byDate = new Map();
    noteCache.set(digestName, byDate);
  }
  let note = byDate.get(isoDate);
  if (note === undefined) {
    if (cachedNotes >= NOTE_CACHE_LIMIT) {
      for (const dates of noteCache.values()) dates.clear();
      cachedNotes = 0;
    }
    note = digestNote(isoDate, digestName);
    byDate.set(isoDate, note);
    cachedNotes++;
  }
  return note;
}

/** The date to export for a paper; null when nothing gives one. */
export function paperDate(paper: ExportPaper): PaperDate | null {
  if (paper.year != null && Number.isInteger(paper.year) && paper.year > 0) return { year: paper.year, source: 'year' };
  const fromId = paper.arxivId ? arxivIdDate(paper.arxivId) : null;
  if (fromId) return { year: fromId.year, month: fromId.month, source: 'arxiv' };
  for (let i = 0; i < paper.digestDates.length; i++) {
    const date = paper.digestDates[i]!;
    const note = cachedDigestNote(date, paper.digestNames?.[i]);
    if (note !== null) return { year: Number(date.slice(0, 4)), source: 'digest', note };
  }
  return null;
}

/** paperDate's year alone (what citation keys use), without building the digest note. */
export function paperYear(paper: ExportPaper): number | null {
  if (paper.year != null && Number.isInteger(paper.year) && paper.year > 0) return paper.year;
  const fromId = paper.arxivId ? arxivIdYear(paper.arxivId) : null;
  if (fromId !== null) return fromId;
  for (let i = 0; i < paper.digestDates.length; i++) {
    const year = isoDateYear(paper.digestDates[i]!);
    if (year !== null) return year;
  }
  return null;
}

function digitAt(text: string, index: number): number {
  const code = text.charCodeAt(index) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

/**
 * The first four digits of a new-style id as a number (2403.08763 → 2403), by hand since most of
 * a library has such ids; -1 when the id is not new-style (NEW_ARXIV_ID).
 */
function newStyleYyMm(arxivId: string): number {
  if ((arxivId.length !== 9 && arxivId.length !== 10) || arxivId.charCodeAt(4) !== 46) return -1;
  let value = 0;
  for (let i = 0; i < arxivId.length; i++) {
    if (i === 4) continue;
    const digit = digitAt(arxivId, i);
    if (digit < 0) return -1;
    if (i < 4) value = value * 10 + digit;
  }
  return value;
}

/** arxivIdDate's year, by hand for new-style ids (most of a library). */
function arxivIdYear(arxivId: string): number | null {
  if ((arxivId.length === 9 || arxivId.length === 10) && arxivId.charCodeAt(4) === 46) {
    const yy = digitAt(arxivId, 0) * 10 + digitAt(arxivId, 1);
    const month = digitAt(arxivId, 2) * 10 + digitAt(arxivId, 3);
    let digits = digitAt(arxivId, 0) >= 0 && digitAt(arxivId, 1) >= 0 && digitAt(arxivId, 2) >= 0;
    for (let i = 5; digits && i < arxivId.length; i++) digits = digitAt(arxivId, i) >= 0;
    if (digits && digitAt(arxivId, 3) >= 0) return month >= 1 && month <= 12 ? 2000 + yy : null;
  }
  return arxivIdDate(arxivId)?.year ?? null;
}

/** The year of a YYYY-MM-DD date that longDate accepts; null otherwise. */
function isoDateYear(isoDate: string): number | null {
  if (isoDate.length !== 10 || isoDate.charCodeAt(4) !== 45 || isoDate.charCodeAt(7) !== 45) return null;
  // Digit by digit, no array of positions: this runs once per paper when keys are assigned.
  const y0 = digitAt(isoDate, 0);
  const y1 = digitAt(isoDate, 1);
  const y2 = digitAt(isoDate, 2);
  const y3 = digitAt(isoDate, 3);
  const m0 = digitAt(isoDate, 5);
  const m1 = digitAt(isoDate, 6);
  const d0 = digitAt(isoDate, 8);
  const d1 = digitAt(isoDate, 9);
  if (y0 < 0 || y1 < 0 || y2 < 0 || y3 < 0 || m0 < 0 || m1 < 0 || d0 < 0 || d1 < 0) return null;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return y0 * 1000 + y1 * 100 + y2 * 10 + y3;
}
